"""Clearances: grant, renew, change conditions, terminate, expire, and withdraw (for the
withdrawal sub-app). Renewal intervals are versioned reference data (RenewalInterval); each
clearance keeps the version that set its expiry (uk-process.md §6.1)."""

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Max

from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import Conflict, NotFound, TransitionNotAllowed
from upright.people.choices import EmploymentStatus
from upright.people.models import Person
from upright.vetting import audit_events as events
from upright.vetting.checks import CheckSubject, vetting_checks_run
from upright.vetting.models import (
    Clearance,
    ClearanceLevel,
    ClearanceStatus,
    RenewalInterval,
    TerminationReason,
    VettingApplication,
)
from upright.vetting.permissions import (
    ADMINISTER,
    MANAGE,
    WITHDRAW,
    record_policy,
    vetting_perm_has,
    vetting_perm_require,
)
from upright.vetting.services.common import Fields, person_for_vetting


def renewal_interval_current(*, level: str) -> RenewalInterval:
    interval = RenewalInterval.objects.filter(level=level).order_by("-version").first()
    if interval is None:  # the data migration seeds every level
        raise Conflict(f"No renewal interval is configured for {level}.")
    return interval


def renewal_interval_set(*, actor: Any, level: str, months: int, verified: bool,
                         legal_basis: str) -> RenewalInterval:
    """Publish a new version of `level`'s interval. Existing clearances keep their expiry
    and the version that set it; the new version applies to grants and renewals from now."""
    vetting_perm_require(user=actor, perm=ADMINISTER)
    fields = Fields()
    level = fields.choice("level", level, ClearanceLevel.values)
    months = fields.integer("months", months, low=1, high=240)
    basis = fields.text("legal_basis", legal_basis, limit=300)
    if not isinstance(verified, bool):
        fields.errors["verified"] = "Must be true or false."
    fields.raise_if_any()
    with transaction.atomic():
        last = RenewalInterval.objects.select_for_update().filter(level=level).aggregate(
            v=Max("version"))["v"] or 0
        interval = RenewalInterval.objects.create(level=level, version=last + 1, months=months,
                                                  verified=verified, legal_basis=basis,
                                                  set_by=actor)
        audit_record(action=events.RENEWAL_INTERVAL_SET, actor=actor, target=interval,
                     extra={"level": level, "version": interval.version, "months": months,
                            "verified": verified})
    return interval


def expiry_from(*, start: dt.date, interval: RenewalInterval) -> dt.date:
    return start + relativedelta(months=interval.months)


def person_check_subject(*, person: Person, ref: str) -> CheckSubject:
    """A serving person as the pre-decision checks see them: every name and postcode held."""
    names = tuple((n.forenames, n.surname) for n in person.names.exclude(kind="current"))
    postcodes = tuple(dict.fromkeys(a.postcode for a in person.addresses.all()))
    return CheckSubject(ref=ref, forenames=person.forenames, surname=person.surname,
                        date_of_birth=person.date_of_birth, person_id=person.pk,
                        other_names=names, postcodes=postcodes)


def _refuse_on_blocking(*, actor: Any, subject: CheckSubject) -> None:
    blocking = [f for f in vetting_checks_run(actor=actor, subject=subject) if f.blocking]
    if blocking:
        raise Conflict(
            "A pre-decision check found something that must be resolved first: open a vetting "
            "application to record how it was resolved.",
            {"findings": [{"check": f.check, "ref": f.ref, "summary": f.summary}
                          for f in blocking]})


def _create(*, actor: Any, person: Person | None, application: VettingApplication | None,
            level: str, conditions: str) -> Clearance:
    interval = renewal_interval_current(level=level)
    now = timezone_now()
    try:
        with transaction.atomic():
            clearance = Clearance.objects.create(
                person=person, application=application, level=level, granted_at=now,
                expires_at=expiry_from(start=local_today(), interval=interval),
                renewal_policy=interval, conditions=conditions, decided_by=actor)
    except IntegrityError as exc:
        raise Conflict(f"The person already holds an active {level} clearance: renew it "
                       "instead.", {"level": level}) from exc
    audit_record(action=events.CLEARANCE_GRANTED, actor=actor, target=clearance,
                 extra={"person_id": person.pk if person else None, "level": level,
                        "expires_at": clearance.expires_at, "policy_version": interval.version,
                        "application_id": application.pk if application else None})
    return clearance


def clearance_grant(*, actor: Any, person_id: int, level: str, conditions: str = "",
                    application: VettingApplication | None = None,
                    checks_done: bool = False) -> Clearance:
    """Grant `level` to a member of the workforce. The pre-decision checks run first
    (upright.vetting.checks) unless the caller (an application grant) has just run them and
    recorded their resolution; any blocking finding refuses the grant (409)."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    level = fields.choice("level", level, ClearanceLevel.values)
    conditions = fields.text("conditions", conditions, required=False, limit=4000)
    fields.raise_if_any()
    person = person_for_vetting(actor=actor, person_id=person_id, perm=MANAGE)
    if person.status == EmploymentStatus.LEFT or person.end_date is not None:
        raise Conflict("The person has left: a clearance ends when they stop serving "
                       "(Vetting Regs 2025 reg 6).")
    if not checks_done:
        _refuse_on_blocking(actor=actor, subject=person_check_subject(
            person=person, ref=f"person:{person.pk}"))
    with transaction.atomic():
        return _create(actor=actor, person=person, application=application, level=level,
                       conditions=conditions)


def clearance_grant_to_applicant(*, actor: Any, application: VettingApplication,
                                 conditions: str) -> Clearance:
    """For application grants only: a clearance held by an applicant with no Person row."""
    return _create(actor=actor, person=None, application=application, level=application.level,
                   conditions=conditions)


def _lock(*, actor: Any, clearance_id: Any, perm: str = MANAGE) -> Clearance:
    clearance = (Clearance.objects.select_for_update().filter(id=clearance_id).first()
                 if isinstance(clearance_id, int) else None)
    if clearance is None or (clearance.person_id is not None and actor is not None
                             and not record_policy.person_is_visible(
                                 user=actor, person_id=clearance.person_id, perm=perm)):
        raise NotFound("No such clearance.")
    return clearance


def _require_active(clearance: Clearance, verb: str) -> None:
    if clearance.status != ClearanceStatus.ACTIVE:
        raise TransitionNotAllowed(
            f"You cannot {verb} a clearance that is {clearance.get_status_display().lower()}.",
            {"status": clearance.status})


def clearance_renew(*, actor: Any, clearance_id: int, checks_done: bool = False) -> Clearance:
    """Renew an active clearance: a new expiry from today under the interval now in force
    (whose version it records). The pre-decision checks run first, as on a grant."""
    vetting_perm_require(user=actor, perm=MANAGE)
    with transaction.atomic():
        clearance = _lock(actor=actor, clearance_id=clearance_id)
        _require_active(clearance, "renew")
        if clearance.person is not None and not checks_done:
            _refuse_on_blocking(actor=actor, subject=person_check_subject(
                person=clearance.person, ref=f"clearance:{clearance.pk}"))
        interval = renewal_interval_current(level=clearance.level)
        old = {"expires_at": clearance.expires_at, "policy_version":
               clearance.renewal_policy.version}
        clearance.granted_at, clearance.renewal_policy = timezone_now(), interval
        clearance.expires_at = expiry_from(start=local_today(), interval=interval)
        clearance.renewals += 1
        clearance.decided_by = actor
        clearance.save(update_fields=["granted_at", "renewal_policy", "expires_at", "renewals",
                                      "decided_by", "updated_at"])
        audit_record(action=events.CLEARANCE_RENEWED, actor=actor, target=clearance,
                     extra={"old": old, "new": {"expires_at": clearance.expires_at,
                                                "policy_version": interval.version}})
    return clearance


def clearance_conditions_set(*, actor: Any, clearance_id: int, conditions: str) -> Clearance:
    """Add, change or remove ("") the conditions of an active clearance."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    conditions = fields.text("conditions", conditions, required=False, limit=4000)
    fields.raise_if_any()
    with transaction.atomic():
        clearance = _lock(actor=actor, clearance_id=clearance_id)
        _require_active(clearance, "change the conditions of")
        old = clearance.conditions
        clearance.conditions = conditions
        clearance.save(update_fields=["conditions", "updated_at"])
        audit_record(action=events.CLEARANCE_CONDITIONS, actor=actor, target=clearance,
                     extra={"old": old, "new": conditions})
    return clearance


def _end(*, actor: Any, clearance: Clearance, status: str, reason: str, action: str,
         extra: dict[str, Any]) -> Clearance:
    clearance.status, clearance.ended_at, clearance.end_reason = status, timezone_now(), reason
    clearance.save(update_fields=["status", "ended_at", "end_reason", "withdrawal_ref",
                                  "updated_at"])
    audit_record(action=action, actor=actor, target=clearance,
                 extra={"person_id": clearance.person_id, "level": clearance.level, **extra})
    return clearance


def clearance_terminate(*, actor: Any, clearance_id: int, reason: str, notes: str = "",
                        ) -> Clearance:
    """End an active clearance because the holder left or no longer needs it (APP: terminated
    on expiry, withdrawal or no longer being required)."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    reason = fields.choice("reason", reason, TerminationReason.values)
    notes = fields.text("notes", notes, required=False, limit=2000)
    fields.raise_if_any()
    with transaction.atomic():
        clearance = _lock(actor=actor, clearance_id=clearance_id)
        _require_active(clearance, "terminate")
        text = TerminationReason(reason).label + (f": {notes}" if notes else "")
        return _end(actor=actor, clearance=clearance, status=ClearanceStatus.TERMINATED,
                    reason=text, action=events.CLEARANCE_TERMINATED, extra={"reason": reason})


def clearance_withdraw(*, actor: Any, clearance_id: int, reason: str, withdrawal_ref: str,
                       ) -> Clearance:
    """Mark an active clearance withdrawn after a withdrawal decision (Vetting Regs 2025 Part
    3). Called by upright.vetting.withdrawal; `actor` is the decision maker (VETTING_
    WITHDRAWAL_DECIDE or VETTING_MANAGE) or None for the system."""
    if actor is not None and not (vetting_perm_has(user=actor, perm=WITHDRAW)
                                  or vetting_perm_has(user=actor, perm=MANAGE)):
        vetting_perm_require(user=actor, perm=WITHDRAW)
    fields = Fields()
    reason = fields.text("reason", reason, limit=2000)
    ref = fields.text("withdrawal_ref", withdrawal_ref, limit=60)
    fields.raise_if_any()
    with transaction.atomic():
        perm = WITHDRAW if actor is not None and vetting_perm_has(user=actor, perm=WITHDRAW) \
            else MANAGE
        clearance = _lock(actor=actor, clearance_id=clearance_id, perm=perm)
        _require_active(clearance, "withdraw")
        clearance.withdrawal_ref = ref
        return _end(actor=actor, clearance=clearance, status=ClearanceStatus.WITHDRAWN,
                    reason=reason, action=events.CLEARANCE_WITHDRAWN,
                    extra={"withdrawal_ref": ref})


def clearances_expire(*, actor: Any, today: dt.date | None = None) -> int:
    """The daily job: every active clearance whose expiry date has come is marked expired,
    one audited transaction each (idempotent: a rerun finds nothing left to do)."""
    today = today or local_today()
    ids = list(Clearance.objects.filter(status=ClearanceStatus.ACTIVE, expires_at__lte=today)
               .order_by("expires_at", "id").values_list("id", flat=True))
    done = 0
    for clearance_id in ids:
        with transaction.atomic():
            clearance = Clearance.objects.select_for_update().get(id=clearance_id)
            if clearance.status != ClearanceStatus.ACTIVE or clearance.expires_at > today:
                continue  # renewed or ended since the list was read
            _end(actor=actor, clearance=clearance, status=ClearanceStatus.EXPIRED,
                 reason=f"Lapsed on {clearance.expires_at.isoformat()} without renewal.",
                 action=events.CLEARANCE_EXPIRED, extra={"expires_at": clearance.expires_at})
            done += 1
    return done
