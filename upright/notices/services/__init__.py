"""Public services of the notices app (conduct and suspensions call these)."""

from upright.notices.services.disclosures import disclosure_decide
from upright.notices.services.notices import (
    deemed_service_at,
    notice_issue,
    notice_pdf,
    notice_read_record,
    notice_serve,
)
from upright.notices.services.reminders import ReminderSummary, notices_reminders_send
from upright.notices.services.timeliness import (
    timeliness_periods,
    timeliness_report_create,
    timeliness_report_read_record,
    timeliness_report_send,
)

__all__ = [
    "ReminderSummary",
    "deemed_service_at",
    "disclosure_decide",
    "notice_issue",
    "notice_pdf",
    "notice_read_record",
    "notice_serve",
    "notices_reminders_send",
    "timeliness_periods",
    "timeliness_report_create",
    "timeliness_report_read_record",
    "timeliness_report_send",
]
