"""Vetting applications for applicants (no Person row yet), transferees and re-vetting. The
pre-decision checks (upright.vetting.checks: the barred and advisory lists, registered by
`lists`) run before every grant; a blocking finding stops the grant until a vetting officer
records how it was resolved."""

from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import Conflict, NotFound, TransitionNotAllowed
from upright.vetting import audit_events as events
from upright.vetting.checks import CheckSubject, vetting_checks_run
from upright.vetting.models import (
    ApplicationFinding,
    ApplicationKind,
    ApplicationStatus,
    Clearance,
    ClearanceLevel,
    ClearanceStatus,
    VettingApplication,
)
from upright.vetting.permissions import MANAGE, record_policy, vetting_perm_require
from upright.vetting.services.clearances import (
    clearance_grant,
    clearance_grant_to_applicant,
    clearance_renew,
)
from upright.vetting.services.common import Fields, person_for_vetting


def _names(fields: Fields, value: Any) -> list[list[str]]:
    if not isinstance(value, list | tuple) or not all(
            isinstance(p, list | tuple) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in value):
        fields.errors["other_names"] = "Must be a list of [forenames, surname] pairs."
        return []
    return [[p[0].strip()[:100], p[1].strip()[:100]] for p in value if p[1].strip()]


def _postcodes(fields: Fields, value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(p, str) and 0 < len(p.strip())
                                                      <= 10 for p in value):
        fields.errors["postcodes"] = "Must be a list of postcodes (at most 10 characters each)."
        return []
    return list(dict.fromkeys(" ".join(p.upper().split()) for p in value))


def vetting_application_create(
    *, actor: Any, kind: str, level: str, forenames: str, surname: str, date_of_birth: Any,
    person_id: int | None = None, other_names: Any = (), postcodes: Any = (),
) -> VettingApplication:
    """Open an application. Re-vetting needs the serving person's record; an applicant has
    none (then the names, date of birth and postcodes are all the checks have)."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    values = {
        "kind": fields.choice("kind", kind, ApplicationKind.values),
        "level": fields.choice("level", level, ClearanceLevel.values),
        "forenames": fields.text("forenames", forenames, limit=100),
        "surname": fields.text("surname", surname, limit=100),
        "date_of_birth": fields.date("date_of_birth", date_of_birth, not_after=local_today()),
        "other_names": _names(fields, list(other_names)),
        "postcodes": _postcodes(fields, list(postcodes)),
    }
    if values["kind"] == ApplicationKind.REVETTING and person_id is None:
        fields.errors["person_id"] = "Re-vetting needs the person's workforce record."
    if values["kind"] == ApplicationKind.APPLICANT and person_id is not None:
        fields.errors["person_id"] = "An applicant has no workforce record yet."
    fields.raise_if_any()
    person = person_for_vetting(actor=actor, person_id=person_id, perm=MANAGE) \
        if person_id is not None else None
    with transaction.atomic():
        application = VettingApplication.objects.create(person=person, created_by=actor,
                                                        **values)
        audit_record(action=events.APPLICATION_CREATED, actor=actor, target=application,
                     extra={"kind": application.kind, "level": application.level,
                            "person_id": person.pk if person else None})
    return application


def _lock(*, actor: Any, application_id: Any) -> VettingApplication:
    application = (VettingApplication.objects.select_for_update().filter(id=application_id)
                   .first() if isinstance(application_id, int) else None)
    if application is None or (application.person_id is not None and not
                               record_policy.person_is_visible(
                                   user=actor, person_id=application.person_id, perm=MANAGE)):
        raise NotFound("No such vetting application.")
    return application


def application_check_subject(application: VettingApplication) -> CheckSubject:
    return CheckSubject(
        ref=application.ref, forenames=application.forenames, surname=application.surname,
        date_of_birth=application.date_of_birth, person_id=application.person_id,
        other_names=tuple((f, s) for f, s in application.other_names),
        postcodes=tuple(application.postcodes))


def vetting_application_checks_run(*, actor: Any, application_id: int,
                                   ) -> list[ApplicationFinding]:
    """Run every registered pre-decision check and keep its findings (a finding seen before
    is kept once, with any resolution already recorded). Returns all the findings."""
    vetting_perm_require(user=actor, perm=MANAGE)
    with transaction.atomic():
        application = _lock(actor=actor, application_id=application_id)
        if application.status != ApplicationStatus.OPEN:
            raise TransitionNotAllowed("The application has been decided.",
                                       {"status": application.status})
        found = vetting_checks_run(actor=actor, subject=application_check_subject(application))
        new = 0
        for finding in found:
            _, created = ApplicationFinding.objects.get_or_create(
                application=application, check_name=finding.check, ref=finding.ref,
                defaults={"summary": finding.summary[:500], "blocking": finding.blocking})
            new += created
        application.checks_run_at = timezone_now()
        application.save(update_fields=["checks_run_at", "updated_at"])
        audit_record(action=events.APPLICATION_CHECKED, actor=actor, target=application,
                     extra={"findings": len(found), "new": new,
                            "blocking": sum(f.blocking for f in found)})
    return list(application.findings.all())


def application_finding_resolve(*, actor: Any, finding_id: int, resolution: str,
                                ) -> ApplicationFinding:
    """Record how a finding was resolved (e.g. "not the same person: different DOB").
    Audited; a resolved finding no longer blocks the grant."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    resolution = fields.text("resolution", resolution, limit=4000)
    fields.raise_if_any()
    with transaction.atomic():
        finding = (ApplicationFinding.objects.select_for_update().filter(id=finding_id).first()
                   if isinstance(finding_id, int) else None)
        if finding is None:
            raise NotFound("No such finding.")
        _lock(actor=actor, application_id=finding.application_id)
        if finding.resolved_at is not None:
            raise TransitionNotAllowed("The finding has already been resolved.", {})
        finding.resolution, finding.resolved_by = resolution, actor
        finding.resolved_at = timezone_now()
        finding.save(update_fields=["resolution", "resolved_by", "resolved_at", "updated_at"])
        audit_record(action=events.FINDING_RESOLVED, actor=actor, target=finding,
                     extra={"application_id": finding.application_id,
                            "check": finding.check_name, "ref": finding.ref,
                            "blocking": finding.blocking})
    return finding


def vetting_application_grant(*, actor: Any, application_id: int, conditions: str = "",
                              notes: str = "") -> Clearance:
    """Grant the clearance applied for. The checks are run again now (so nothing that came to
    light since is missed) and their findings kept; the grant is refused (409) while any
    blocking finding has no recorded resolution. Re-vetting renews an active clearance of
    the level, if there is one."""
    vetting_perm_require(user=actor, perm=MANAGE)
    vetting_application_checks_run(actor=actor, application_id=application_id)  # commits
    fields = Fields()
    conditions = fields.text("conditions", conditions, required=False, limit=4000)
    notes = fields.text("notes", notes, required=False, limit=4000)
    fields.raise_if_any()
    with transaction.atomic():
        application = _lock(actor=actor, application_id=application_id)
        open_blocking = application.findings.filter(blocking=True, resolved_at__isnull=True)
        if open_blocking.exists():
            raise Conflict("A blocking check finding has no recorded resolution.", {
                "findings": [{"id": f.pk, "check": f.check_name, "ref": f.ref,
                              "summary": f.summary} for f in open_blocking]})
        clearance = _grant(actor=actor, application=application, conditions=conditions)
        _decide(actor=actor, application=application, status=ApplicationStatus.GRANTED,
                notes=notes, extra={"clearance_id": clearance.pk})
    return clearance


def _grant(*, actor: Any, application: VettingApplication, conditions: str) -> Clearance:
    if application.person_id is None:
        return clearance_grant_to_applicant(actor=actor, application=application,
                                            conditions=conditions)
    active = Clearance.objects.filter(person_id=application.person_id, level=application.level,
                                      status=ClearanceStatus.ACTIVE).first()
    if active is not None:
        return clearance_renew(actor=actor, clearance_id=active.pk, checks_done=True)
    return clearance_grant(actor=actor, person_id=application.person_id,
                           level=application.level, conditions=conditions,
                           application=application, checks_done=True)


def _decide(*, actor: Any, application: VettingApplication, status: str, notes: str,
            extra: dict[str, Any]) -> None:
    if application.status != ApplicationStatus.OPEN:
        raise TransitionNotAllowed("The application has been decided.",
                                   {"status": application.status})
    application.status, application.decided_by = status, actor
    application.decided_at, application.decision_notes = timezone_now(), notes
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_notes",
                                    "updated_at"])
    audit_record(action=events.APPLICATION_DECIDED, actor=actor, target=application,
                 extra={"status": status, **extra})


def vetting_application_refuse(*, actor: Any, application_id: int, notes: str,
                               discontinue: bool = False) -> VettingApplication:
    """Refuse the application, or discontinue it (e.g. the applicant is under investigation,
    APP 3.10.4). The reasons are required."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    notes = fields.text("notes", notes, limit=4000)
    fields.raise_if_any()
    status = ApplicationStatus.DISCONTINUED if discontinue else ApplicationStatus.REFUSED
    with transaction.atomic():
        application = _lock(actor=actor, application_id=application_id)
        _decide(actor=actor, application=application, status=status, notes=notes, extra={})
    return application
