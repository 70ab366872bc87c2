"""Written confirmation, the officer's representations, and audited reads."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import Conflict
from upright.suspensions.audit_events import (
    REPRESENTATION_RECORDED,
    SUSPENSION_CONFIRMED,
    SUSPENSION_VIEWED,
)
from upright.suspensions.choices import NotificationMethod
from upright.suspensions.models import Representation, Suspension
from upright.suspensions.permissions import suspension_perm_require
from upright.suspensions.services.common import DECIDE, Errors, date_check, entry_lock


def suspension_confirm_in_writing(*, actor: Any, suspension_id: int,
                                  confirmed_at: dt.datetime | None = None) -> Suspension:
    """Record that an oral notification was confirmed in writing (due within the configured
    number of working days, 3 under the 2008/2012 text; [U] for PCR 2020)."""
    suspension_perm_require(user=actor, perm=DECIDE)
    with transaction.atomic():
        entry = entry_lock(actor=actor, suspension_id=suspension_id)
        if entry.notification_method != NotificationMethod.ORAL:
            raise Conflict("The notification was in writing; there is nothing to confirm.")
        if entry.confirmed_at is not None:
            raise Conflict("The notification has already been confirmed in writing.")
        errors = Errors()
        when = confirmed_at or timezone_now()
        if timezone.is_naive(when):
            errors.add("confirmed_at", "Must include a time zone.")
        elif when > timezone_now():
            errors.add("confirmed_at", "Cannot be in the future.")
        elif when < entry.notified_at:
            errors.add("confirmed_at", "Cannot be before the oral notification.")
        errors.raise_if_any()
        entry.confirmed_at = when
        entry.save(update_fields=["confirmed_at", "updated_at"])
        late = entry.confirmation_due is not None and timezone.localdate(when) > entry.confirmation_due
        audit_record(action=SUSPENSION_CONFIRMED, actor=actor, target=entry,
                     matter_ref=entry.matter_ref,
                     extra={"confirmed_at": when, "due": entry.confirmation_due, "late": late})
    return entry


def suspension_representation_record(*, actor: Any, suspension_id: int, made_by: str,
                                     summary: str,
                                     received_on: dt.date | None = None) -> Representation:
    """Record representations the officer made against the entry (at any time while it is
    active). The next review must consider them."""
    suspension_perm_require(user=actor, perm=DECIDE)
    with transaction.atomic():
        entry = entry_lock(actor=actor, suspension_id=suspension_id)
        errors = Errors()
        made_by = errors.text("made_by", made_by)
        if len(made_by) > 200:
            errors.add("made_by", "At most 200 characters.")
        summary = errors.text("summary", summary)
        day = date_check(errors, "received_on", received_on or local_today(),
                         not_before=timezone.localdate(entry.decided_at))
        errors.raise_if_any()
        representation = Representation.objects.create(
            suspension=entry, received_on=day, made_by=made_by, summary=summary,
            recorded_by=actor)
        audit_record(action=REPRESENTATION_RECORDED, actor=actor, target=representation,
                     matter_ref=entry.matter_ref,
                     extra={"suspension_id": entry.pk, "received_on": day})
    return representation


def suspension_view_record(*, actor: Any, suspension: Suspension) -> None:
    """Audit a read of a register entry (a sensitive read: DESIGN.md "Need to know")."""
    audit_record(action=SUSPENSION_VIEWED, actor=actor, target=suspension,
                 matter_ref=suspension.matter_ref)
