"""Reminders to the people responsible for notices not yet served and timeliness reports due
soon. Reminders name references only: nothing about the matter travels by e-mail."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import local_today
from upright.core.exceptions import ValidationFailed
from upright.notices.audit_events import REMINDER_SENT
from upright.notices.choices import TimelinessStatus
from upright.notices.models import Notice, TimelinessReport


@dataclass
class ReminderSummary:
    emails_sent: int = 0
    notices: int = 0
    reports: int = 0
    skipped_users: list[str] = field(default_factory=list)  # no e-mail address or inactive


def _body(notices: list[Notice], reports: list[TimelinessReport]) -> str:
    lines = ["Upright reminder.", ""]
    if notices:
        lines.append("Notices issued but not yet served:")
        lines += [f"- {n.reference} ({n.get_kind_display()}), matter {n.matter_ref}, "
                  f"issued {n.issued_at:%d %b %Y}" for n in notices]
        lines.append("")
    if reports:
        lines.append("Timeliness reports due (PCR reg 19 / CMR reg 13):")
        lines += [f"- matter {r.matter_ref}, period {r.period_index}, due {r.due_date:%d %b %Y}"
                  for r in reports]
    return "\n".join(lines)


def notices_reminders_send(*, actor: Any = None, days: int = 7,
                           today: dt.date | None = None) -> ReminderSummary:
    """E-mail each issuer their unserved notices and each drafter their draft timeliness
    reports due within `days` days. One audit event per e-mail actually sent."""
    if not isinstance(days, int) or days < 0:
        raise ValidationFailed("days: must be 0 or more.", {"fields": {"days": "Must be 0 or more."}})
    horizon = (today or local_today()) + dt.timedelta(days=days)
    todo: dict[Any, tuple[list[Notice], list[TimelinessReport]]] = defaultdict(lambda: ([], []))
    summary = ReminderSummary()
    for notice in Notice.objects.filter(served_at__isnull=True).select_related(
            "issued_by").order_by("issued_at", "id"):
        if notice.issued_by is not None:
            todo[notice.issued_by][0].append(notice)
    for report in TimelinessReport.objects.filter(
            status=TimelinessStatus.DRAFT, due_date__lte=horizon).select_related(
            "created_by").order_by("due_date", "id"):
        todo[report.created_by][1].append(report)
    for user, (notices, reports) in sorted(todo.items(), key=lambda kv: kv[0].pk):
        if not user.is_active or not user.email:
            summary.skipped_users.append(user.username)
            continue
        send_mail(subject=f"Upright: {len(notices)} notice(s) to serve, "
                          f"{len(reports)} timeliness report(s) due",
                  message=_body(notices, reports), from_email=settings.DEFAULT_FROM_EMAIL,
                  recipient_list=[user.email])
        with transaction.atomic():
            audit_record(action=REMINDER_SENT, actor=actor, target=user,
                         extra={"notices": [n.reference for n in notices],
                                "reports": [r.pk for r in reports], "days": days})
        summary.emails_sent += 1
        summary.notices += len(notices)
        summary.reports += len(reports)
    return summary
