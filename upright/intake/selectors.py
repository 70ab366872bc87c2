"""Reading reports and mailboxes (writes, including audited reads, live in services)."""

from typing import Any

from django.db.models import QuerySet

from upright.intake.models import MailboxMessage, Report, ReportStatus
from upright.intake.permissions import report_policy


def report_queue(*, user: Any) -> QuerySet[Report]:
    """New reports the user may see, oldest first (the order they must be dealt with)."""
    queryset = Report.objects.filter(status=ReportStatus.NEW).order_by("created_at", "id")
    return report_policy.instances_user_can_see(user=user, queryset=queryset)


def mailbox_thread(*, report: Report) -> QuerySet[MailboxMessage]:
    """The report's messages, oldest first. The caller has already authorised access."""
    return MailboxMessage.objects.filter(report=report).order_by("created_at", "id")


def mailbox_report_get(*, reference: str) -> Report | None:
    """The report behind an already-opened mailbox (the web session holds its reference)."""
    return Report.objects.filter(reference=reference).exclude(mailbox_passphrase_hash="").first()
