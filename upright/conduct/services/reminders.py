"""Deadline reminders by e-mail: each investigator hears about the deadlines on their matters,
and the PSD mailbox about the rest, when a step is overdue or due within a few working days."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from upright.audit.registry import action_register
from upright.audit.services import audit_record
from upright.conduct.models import Deadline
from upright.conduct.states import CLOSED_STATES
from upright.core.clock import local_today
from upright.core.workdays import workdays_add

REMINDERS_SENT = action_register("conduct.deadlines.reminded", "Deadline reminders were e-mailed")


@dataclass(frozen=True)
class ReminderResult:
    deadlines: int
    emails: int


def deadlines_remind(
    *, actor: Any, within_working_days: int = 3, today: dt.date | None = None
) -> ReminderResult:
    today = today or local_today()
    horizon = workdays_add(trigger=today, n=within_working_days)
    due = (Deadline.objects.filter(satisfied_at__isnull=True, due_date__lte=horizon)
           .exclude(matter__status__in=CLOSED_STATES)
           .select_related("matter", "matter__investigator").order_by("due_date", "id"))
    by_recipient: dict[str, list[Deadline]] = defaultdict(list)
    for deadline in due:
        investigator = deadline.matter.investigator
        address = investigator.email if investigator and investigator.email else settings.UPRIGHT_PSD_EMAIL
        by_recipient[address].append(deadline)
    messages = [(_subject(items, today), _body(items, today), settings.DEFAULT_FROM_EMAIL, [address])
                for address, items in sorted(by_recipient.items())]
    count = sum(len(items) for items in by_recipient.values())
    with transaction.atomic():
        audit_record(action=REMINDERS_SENT, actor=actor, object_type="conduct.deadline",
                     extra={"deadlines": count, "emails": len(messages), "horizon": horizon})
        # Mail goes out only once the audit record is safely committed.
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return ReminderResult(deadlines=count, emails=len(messages))


def _subject(items: list[Deadline], today: dt.date) -> str:
    overdue = sum(d.due_date < today for d in items)
    return f"Upright: {overdue} overdue and {len(items) - overdue} due soon"


def _body(items: list[Deadline], today: dt.date) -> str:
    # References and step names only: no allegation details leave the system by e-mail.
    lines = ["Statutory deadlines on your matters:", ""]
    for d in items:
        state = "OVERDUE" if d.due_date < today else "due"
        lines.append(f"- {d.matter.reference}: {d.name} ({d.legal_basis}), {state} {d.due_date:%d %b %Y}")
    lines += ["", "Open each matter in Upright to act on it."]
    return "\n".join(lines)
