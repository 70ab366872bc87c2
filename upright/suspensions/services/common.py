"""Inputs, validation and the shared steps of the register's services."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import ApplicationError, Conflict, NotFound, ValidationFailed
from upright.core.workdays import workdays_add
from upright.notices.services import notice_issue
from upright.people.services import person_status_set
from upright.suspensions.choices import EndReason, Kind, Limb, NotificationMethod, RestrictionType
from upright.suspensions.models import Suspension, SuspensionRule
from upright.suspensions.permissions import SuspensionPerm, suspension_policy

MAX_TEXT = 20000


@dataclass(frozen=True)
class SuspensionGrounds:
    """reg 11(4): (a) redeployment considered and why it is not appropriate; (b) the limb(s)."""

    redeployment_considered: bool
    redeployment_rejected_reason: str
    limbs: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class RestrictionTerms:
    """The restricted-duties placement (force policy)."""

    restriction_type: str
    restrictions: str
    location: str = ""


@dataclass(frozen=True)
class Notification:
    """How the officer was told. notified_at defaults to now."""

    method: str
    notified_at: dt.datetime | None = None


@dataclass(frozen=True)
class Conversion:
    """The new entry a conversion creates: grounds to convert to a suspension, terms to convert
    to restricted duties. Its summary of reasons is the review's reasons."""

    notification: Notification
    grounds: SuspensionGrounds | None = None
    terms: RestrictionTerms | None = None


class Errors:
    """Collects field errors so one response names every bad field."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, name: str, message: str = "This field is required.") -> None:
        self.fields.setdefault(name, message)

    def text(self, name: str, value: Any, *, required: bool = True) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(name)
            return ""
        if not isinstance(value, str):
            self.add(name, "Must be text.")
            return ""
        if len(value) > MAX_TEXT:
            self.add(name, f"At most {MAX_TEXT} characters.")
        return value.strip()

    def choice(self, name: str, value: Any, values: Sequence[str]) -> str:
        if value in (None, ""):
            self.add(name)
        elif value not in values:
            self.add(name, f"Must be one of: {', '.join(values)}.")
        return str(value or "")

    def raise_if_any(self) -> None:
        if self.fields:
            names = ", ".join(self.fields)
            raise ValidationFailed(f"Some fields are not valid: {names}.", {"fields": self.fields})


def grounds_check(errors: Errors, grounds: SuspensionGrounds | None) -> None:
    """Both reg 11(4) conditions, or no suspension."""
    if grounds is None:
        errors.add("redeployment_considered")
        errors.add("limbs")
        return
    if grounds.redeployment_considered is not True:
        errors.add("redeployment_considered", "Temporary redeployment to alternative duties or "
                   "an alternative location must be considered first (reg 11(4)(a)).")
    errors.text("redeployment_rejected_reason", grounds.redeployment_rejected_reason)
    limbs = list(grounds.limbs or [])
    if not limbs:
        errors.add("limbs", "Rely on at least one limb of reg 11(4)(b).")
    elif any(limb not in Limb.values for limb in limbs):
        errors.add("limbs", f"Must be among: {', '.join(Limb.values)}.")


def terms_check(errors: Errors, terms: RestrictionTerms | None) -> None:
    if terms is None:
        errors.add("restriction_type")
        errors.add("restrictions")
        return
    errors.choice("restriction_type", terms.restriction_type, RestrictionType.values)
    errors.text("restrictions", terms.restrictions)
    if len(terms.location or "") > 200:
        errors.add("location", "At most 200 characters.")


def notification_check(errors: Errors, notification: Notification | None,
                       *, decided_at: dt.datetime) -> dt.datetime:
    if notification is None:
        errors.add("notification_method")
        return decided_at
    errors.choice("notification_method", notification.method, NotificationMethod.values)
    notified_at = notification.notified_at or decided_at
    if timezone.is_naive(notified_at):
        errors.add("notified_at", "Must include a time zone.")
        return decided_at
    if notified_at > timezone_now():
        errors.add("notified_at", "Cannot be in the future.")
    return notified_at


def date_check(errors: Errors, name: str, value: dt.date | None, *,
               not_before: dt.date) -> dt.date:
    """A decision date: today by default, never in the future nor before `not_before`."""
    day = value or local_today()
    if day > local_today():
        errors.add(name, "Cannot be in the future.")
    elif day < not_before:
        errors.add(name, f"Cannot be before {not_before.isoformat()}.")
    return day


def rule_get(code: str) -> SuspensionRule:
    rule = SuspensionRule.objects.filter(code=code).first()
    if rule is None:
        raise ApplicationError(f"The reference rule {code!r} is missing; ask an administrator.")
    return rule


def rule_due(rule: SuspensionRule, trigger: dt.date) -> dt.date:
    if rule.unit == SuspensionRule.Unit.WORKING_DAYS:
        return workdays_add(trigger=trigger, n=rule.amount)
    return trigger + dt.timedelta(days=rule.amount)


def confirmation_due_for(*, method: str, notified_at: dt.datetime) -> dt.date | None:
    """Oral notification must be confirmed in writing within N working days (§2.4, [U])."""
    if method != NotificationMethod.ORAL:
        return None
    return rule_due(rule_get(SuspensionRule.WRITTEN_CONFIRMATION), timezone.localdate(notified_at))


def review_interval_default() -> int:
    rule = rule_get(SuspensionRule.REVIEW_INTERVAL)
    if rule.unit != SuspensionRule.Unit.CALENDAR_DAYS:
        raise ApplicationError("The review interval rule must be in calendar days.")
    return rule.amount


def entry_lock(*, actor: Any, suspension_id: int) -> Suspension:
    """Lock the entry for a change; NotFound if invisible, Conflict if already ended."""
    entry = Suspension.objects.select_for_update().filter(id=suspension_id).first()
    if entry is None or not suspension_policy.user_can_see(user=actor, instance=entry):
        raise NotFound("No such register entry.")
    if not entry.is_active:
        raise Conflict("This entry has ended; record a new one instead.",
                       {"allowed_actions": []})
    return entry


def entry_create(**values: Any) -> Suspension:
    """Insert an entry; the database's one-active-entry constraint settles any race."""
    entry = Suspension(**values)
    entry.full_clean(exclude=["person", "decided_by", "converted_from"], validate_unique=False,
                     validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:
        raise active_conflict() from exc
    return entry


def active_conflict() -> Conflict:
    return Conflict("This person already has an active suspension or restriction; review, "
                    "convert or end it instead.", {"fields": {"person_id": "Already active."}})


def entry_end(entry: Suspension, *, actor: Any, reason: str, reasons: str, ended_on: dt.date,
              person_status: str | None) -> None:
    entry.ended_on = ended_on
    entry.end_reason = reason
    entry.end_reasons = reasons
    entry.ended_by = actor
    entry.next_review_due = None
    entry.save(update_fields=["ended_on", "end_reason", "end_reasons", "ended_by",
                              "next_review_due", "updated_at"])
    if person_status is not None:
        person_status_set(person_id=entry.person_id, status=person_status, actor=actor,
                          reason=f"{entry.get_kind_display()} ended ({reason}), {entry.matter_ref}")


def person_status_for_end(reason: str) -> str:
    return "left" if reason == EndReason.LEFT_FORCE else "serving"


def notice_after_commit(*, actor: Any, entry: Suspension) -> None:
    """Issue the written notice (reg 11: in writing with a summary of reasons) once the
    decision is committed (conventions §3)."""
    restrictions = ""
    if entry.kind == Kind.RESTRICTED:
        restrictions = f"{entry.get_restriction_type_display()}. {entry.restrictions}"
        if entry.location:
            restrictions += f" Location: {entry.location}."
    context = {
        "decision": entry.kind, "reasons_summary": entry.limb_narrative,
        "effective_from": timezone.localdate(entry.decided_at).isoformat(),
        "restrictions": restrictions, "compartment": entry.compartment,
        "review_by": (f"{entry.next_review_due.day} {entry.next_review_due:%B %Y}"
                      if entry.next_review_due else ""),
        "suspension_id": entry.pk, "limbs": entry.limbs,
    }

    def issue() -> None:
        notice_issue(actor=actor, kind="suspension_notice", matter_ref=entry.matter_ref,
                     person_id=entry.person_id, context=context)

    # robust: the decision stands even if issuing the notice fails; Django logs the failure and
    # an oral notification still shows in the confirmation queue.
    transaction.on_commit(issue, robust=True)


DECIDE = SuspensionPerm.DECIDE


def grounds_from(data: Any) -> SuspensionGrounds:
    """Grounds from parsed form or API input (absent fields read as not given)."""
    return SuspensionGrounds(
        redeployment_considered=bool(data.get("redeployment_considered")),
        redeployment_rejected_reason=data.get("redeployment_rejected_reason") or "",
        limbs=tuple(data.get("limbs") or ()),
    )


def terms_from(data: Any) -> RestrictionTerms:
    return RestrictionTerms(restriction_type=data.get("restriction_type") or "",
                            restrictions=data.get("restrictions") or "",
                            location=data.get("location") or "")


def notification_from(data: Any) -> Notification:
    return Notification(method=data.get("notification_method") or "",
                        notified_at=data.get("notified_at") or None)
