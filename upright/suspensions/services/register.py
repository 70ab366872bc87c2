"""Imposing, reviewing, converting and ending register entries (PCR 2020 reg 11).

Each service checks the permission, locks the entry, validates, writes, moves the person's
status with the register (people.services.person_status_set) and writes one audit event, in
one transaction. Anything refused changes nothing and writes no audit event.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.audit.services import audit_record
from upright.conduct.selectors import matter_search_visible_to
from upright.core.clock import timezone_now
from upright.people.choices import EmploymentKind, EmploymentStatus
from upright.people.selectors import person_get
from upright.people.services import person_status_set
from upright.suspensions.audit_events import (
    RESTRICTION_IMPOSED,
    SUSPENSION_CONVERTED,
    SUSPENSION_ENDED,
    SUSPENSION_IMPOSED,
    SUSPENSION_REVIEWED,
)
from upright.suspensions.choices import (
    DIRECT_END_REASONS,
    EndReason,
    Kind,
    Limb,
    NotificationMethod,
    ReviewOutcome,
)
from upright.suspensions.models import Suspension, SuspensionReview
from upright.suspensions.permissions import suspension_perm_require
from upright.suspensions.services.common import (
    DECIDE,
    Conversion,
    Errors,
    Notification,
    RestrictionTerms,
    SuspensionGrounds,
    active_conflict,
    confirmation_due_for,
    date_check,
    entry_create,
    entry_end,
    entry_lock,
    grounds_check,
    notice_after_commit,
    notification_check,
    person_status_for_end,
    review_interval_default,
    terms_check,
)

# reg 11 applies to members of a police force: officers and special constables.
_REG11_KINDS = (EmploymentKind.OFFICER, EmploymentKind.SPECIAL)


def _matter_for(errors: Errors, *, actor: Any, matter_ref: str, person_id: int) -> Any:
    """The open matter the entry is made under, with the person as a subject (reg 11(5))."""
    matter = matter_search_visible_to(user=actor, reference=matter_ref or "")
    if matter is None:
        errors.add("matter_ref", "No matter with this reference that you may see.")
        return None
    if matter.is_closed:
        errors.add("matter_ref", "The matter is closed: suspension is only possible until it is "
                   "decided there will be no proceedings or they conclude (reg 11(5)).")
    elif not matter.allegations.filter(subject_id=person_id).exists():
        errors.add("person_id", "This person is not the subject of an allegation in the matter.")
    return matter


def _values(kind: str, *, grounds: SuspensionGrounds | None, terms: RestrictionTerms | None,
            narrative: str, method: str, notified_at: dt.datetime, decided_at: dt.datetime,
            interval: int) -> dict[str, Any]:
    limbs = list(grounds.limbs) if grounds else []
    values: dict[str, Any] = {
        "kind": kind, "decided_at": decided_at, "limb_narrative": narrative,
        "notification_method": method, "notified_at": notified_at,
        "confirmation_due": confirmation_due_for(method=method, notified_at=notified_at),
        "confirmed_at": None if method == NotificationMethod.ORAL else notified_at,
        "review_interval_days": interval,
        "next_review_due": timezone.localdate(decided_at) + dt.timedelta(days=interval),
        "redeployment_considered": bool(grounds and grounds.redeployment_considered),
        "redeployment_rejected_reason": (grounds.redeployment_rejected_reason.strip()
                                         if grounds else ""),
        "limb_prejudice_investigation": Limb.PREJUDICE_INVESTIGATION in limbs,
        "limb_public_interest": Limb.PUBLIC_INTEREST in limbs,
    }
    if terms is not None:
        values.update(restriction_type=terms.restriction_type,
                      restrictions=terms.restrictions.strip(), location=(terms.location or "").strip())
    return values


def _impose(*, kind: str, actor: Any, person_id: int, matter_ref: str,
            grounds: SuspensionGrounds | None, terms: RestrictionTerms | None, narrative: str,
            notification: Notification, review_interval_days: int | None) -> Suspension:
    suspension_perm_require(user=actor, perm=DECIDE)
    errors = Errors()
    now = timezone_now()
    if kind == Kind.SUSPENDED:
        grounds_check(errors, grounds)
    else:
        terms_check(errors, terms)
    narrative = errors.text("narrative", narrative)
    notified_at = notification_check(errors, notification, decided_at=now)
    interval = review_interval_days if review_interval_days is not None else review_interval_default()
    if not isinstance(interval, int) or interval < 1:
        errors.add("review_interval_days", "Must be a whole number of days, at least 1.")
    person = person_get(person_id=person_id) if isinstance(person_id, int) else None
    if person is None:
        errors.add("person_id", "No such person.")
    elif person.status == EmploymentStatus.LEFT:
        errors.add("person_id", "This person has left the force.")
    elif kind == Kind.SUSPENDED and person.employment_kind not in _REG11_KINDS:
        errors.add("person_id", "Only police officers and special constables can be suspended "
                   "under reg 11.")
    matter = _matter_for(errors, actor=actor, matter_ref=matter_ref, person_id=person_id)
    errors.raise_if_any()
    with transaction.atomic():
        if Suspension.objects.select_for_update().active().filter(person_id=person_id).exists():
            raise active_conflict()
        entry = entry_create(
            person_id=person_id, matter_ref=matter.reference, compartment=matter.compartment,
            decided_by=actor, **_values(kind, grounds=grounds, terms=terms, narrative=narrative,
                                        method=notification.method, notified_at=notified_at,
                                        decided_at=now, interval=interval))
        person_status_set(person_id=person_id, status=kind, actor=actor,
                          reason=f"{entry.get_kind_display()} under {entry.matter_ref}")
        audit_record(action=SUSPENSION_IMPOSED if kind == Kind.SUSPENDED else RESTRICTION_IMPOSED,
                     actor=actor, target=entry, matter_ref=entry.matter_ref,
                     extra=_summary(entry))
        notice_after_commit(actor=actor, entry=entry)
    return entry


def _summary(entry: Suspension) -> dict[str, Any]:
    return {"person_id": entry.person_id, "kind": entry.kind, "limbs": entry.limbs,
            "notification_method": entry.notification_method,
            "confirmation_due": entry.confirmation_due, "next_review_due": entry.next_review_due,
            "restriction_type": entry.restriction_type}


def suspension_impose(*, actor: Any, person_id: int, matter_ref: str, grounds: SuspensionGrounds,
                      narrative: str, notification: Notification,
                      review_interval_days: int | None = None) -> Suspension:
    """Suspend an officer under reg 11: both reg 11(4) conditions are required, pay is full
    (reg 11(3)), and the person's status becomes "suspended"."""
    return _impose(kind=Kind.SUSPENDED, actor=actor, person_id=person_id, matter_ref=matter_ref,
                   grounds=grounds, terms=None, narrative=narrative, notification=notification,
                   review_interval_days=review_interval_days)


def restriction_impose(*, actor: Any, person_id: int, matter_ref: str, terms: RestrictionTerms,
                       narrative: str, notification: Notification,
                       review_interval_days: int | None = None) -> Suspension:
    """Place a person on restricted duties (the reg 11(4)(a) alternative); status "restricted"."""
    return _impose(kind=Kind.RESTRICTED, actor=actor, person_id=person_id, matter_ref=matter_ref,
                   grounds=None, terms=terms, narrative=narrative, notification=notification,
                   review_interval_days=review_interval_days)


def suspension_review(*, actor: Any, suspension_id: int, outcome: str, reasons: str,
                      reviewed_on: dt.date | None = None, representations_response: str = "",
                      conversion: Conversion | None = None) -> SuspensionReview:
    """Record the AA's review. Every representation not yet considered is considered by it.
    continue: the next review falls due `review_interval_days` after this one; lift: the entry
    ends and the person is serving again; convert: see suspension_convert."""
    suspension_perm_require(user=actor, perm=DECIDE)
    with transaction.atomic():
        entry = entry_lock(actor=actor, suspension_id=suspension_id)
        errors = Errors()
        errors.choice("outcome", outcome, ReviewOutcome.values)
        reasons = errors.text("reasons", reasons)
        day = date_check(errors, "reviewed_on", reviewed_on,
                         not_before=timezone.localdate(entry.decided_at))
        outstanding = list(entry.representations.filter(considered_in__isnull=True))
        response = errors.text("representations_response", representations_response,
                               required=bool(outstanding))
        target_kind = Kind.RESTRICTED if entry.kind == Kind.SUSPENDED else Kind.SUSPENDED
        if outcome == ReviewOutcome.CONVERT:
            _conversion_check(errors, conversion, target_kind)
        errors.raise_if_any()
        review = SuspensionReview.objects.create(
            suspension=entry, reviewed_on=day, outcome=outcome, reasons=reasons,
            representations_response=response, reviewed_by=actor)
        entry.representations.filter(id__in=[r.id for r in outstanding]).update(
            considered_in=review)
        new_entry = None
        if outcome == ReviewOutcome.CONTINUE:
            entry.next_review_due = day + dt.timedelta(days=entry.review_interval_days)
            entry.save(update_fields=["next_review_due", "updated_at"])
            review.next_review_due = entry.next_review_due
            review.save(update_fields=["next_review_due", "updated_at"])
        elif outcome == ReviewOutcome.LIFT:
            entry_end(entry, actor=actor, reason=EndReason.LIFTED_ON_REVIEW, reasons=reasons,
                      ended_on=day, person_status=EmploymentStatus.SERVING)
        elif conversion is not None:  # always set here: _conversion_check refused None
            new_entry = _convert(entry, actor=actor, conversion=conversion, reasons=reasons,
                                 day=day, target_kind=target_kind)
        audit_record(action=SUSPENSION_REVIEWED, actor=actor, target=entry,
                     matter_ref=entry.matter_ref,
                     extra={"outcome": outcome, "reviewed_on": day,
                            "next_review_due": entry.next_review_due,
                            "representations_considered": [r.id for r in outstanding],
                            "new_entry_id": new_entry.pk if new_entry else None})
    return review


def _conversion_check(errors: Errors, conversion: Conversion | None, target_kind: str) -> None:
    if conversion is None:
        errors.add("notification_method")
        return
    if target_kind == Kind.SUSPENDED:
        grounds_check(errors, conversion.grounds)
    else:
        terms_check(errors, conversion.terms)
    notification_check(errors, conversion.notification, decided_at=timezone_now())


def _convert(entry: Suspension, *, actor: Any, conversion: Conversion, reasons: str,
             day: dt.date, target_kind: str) -> Suspension:
    """End `entry` as converted and open the replacement, with the person's status following."""
    reason = (EndReason.CONVERTED_TO_RESTRICTION if target_kind == Kind.RESTRICTED
              else EndReason.CONVERTED_TO_SUSPENSION)
    entry_end(entry, actor=actor, reason=reason, reasons=reasons, ended_on=day, person_status=None)
    now = timezone_now()
    notified_at = conversion.notification.notified_at or now
    new_entry = entry_create(
        person_id=entry.person_id, matter_ref=entry.matter_ref, compartment=entry.compartment,
        decided_by=actor, converted_from=entry,
        **_values(target_kind, grounds=conversion.grounds, terms=conversion.terms,
                  narrative=reasons, method=conversion.notification.method,
                  notified_at=notified_at, decided_at=now, interval=entry.review_interval_days))
    person_status_set(person_id=entry.person_id, status=target_kind, actor=actor,
                      reason=f"{entry.get_kind_display()} converted to "
                             f"{new_entry.get_kind_display()}, {entry.matter_ref}")
    audit_record(action=SUSPENSION_CONVERTED, actor=actor, target=new_entry,
                 matter_ref=entry.matter_ref,
                 extra={"from_id": entry.pk, "from_kind": entry.kind, **_summary(new_entry)})
    notice_after_commit(actor=actor, entry=new_entry)
    return new_entry


def suspension_convert(*, actor: Any, suspension_id: int, reasons: str, conversion: Conversion,
                       reviewed_on: dt.date | None = None,
                       representations_response: str = "") -> Suspension:
    """Convert a suspension to restricted duties, or restricted duties to a suspension (which
    needs both reg 11(4) conditions). Recorded as a review with outcome "convert"; returns the
    new entry."""
    review = suspension_review(actor=actor, suspension_id=suspension_id,
                               outcome=ReviewOutcome.CONVERT, reasons=reasons,
                               reviewed_on=reviewed_on,
                               representations_response=representations_response,
                               conversion=conversion)
    return Suspension.objects.get(converted_from_id=review.suspension_id)


def suspension_end(*, actor: Any, suspension_id: int, reason: str, reasons: str,
                   ended_on: dt.date | None = None) -> Suspension:
    """End an entry: no proceedings or proceedings concluded (reg 11(5)), or the person left.
    The person's status returns to serving, or becomes left."""
    suspension_perm_require(user=actor, perm=DECIDE)
    with transaction.atomic():
        entry = entry_lock(actor=actor, suspension_id=suspension_id)
        errors = Errors()
        errors.choice("reason", reason, [str(r) for r in DIRECT_END_REASONS])
        reasons = errors.text("reasons", reasons)
        day = date_check(errors, "ended_on", ended_on,
                         not_before=timezone.localdate(entry.decided_at))
        errors.raise_if_any()
        entry_end(entry, actor=actor, reason=reason, reasons=reasons, ended_on=day,
                  person_status=person_status_for_end(reason))
        audit_record(action=SUSPENSION_ENDED, actor=actor, target=entry,
                     matter_ref=entry.matter_ref,
                     extra={"reason": reason, "ended_on": day, "kind": entry.kind})
    return entry

