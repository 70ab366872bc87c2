"""The intake app's write interface (and the audited reads). Other apps use only this."""

from upright.intake.services.mailbox import (
    MAILBOX_DENIED,
    MailboxAccessDenied,
    mailbox_ask,
    mailbox_open,
    mailbox_reply,
    passphrase_new,
    passphrase_normalise,
)
from upright.intake.services.reports import (
    ReportInput,
    SubmitResult,
    report_clean,
    report_read,
    report_submit,
)
from upright.intake.services.throttle import (
    MAILBOX_GROUP,
    REPORT_GROUP,
    client_address,
    intake_rate_limited,
)
from upright.intake.services.triage import report_triage_no_action, report_triage_record

__all__ = [
    "MAILBOX_GROUP",
    "REPORT_GROUP",
    "MAILBOX_DENIED",
    "MailboxAccessDenied",
    "ReportInput",
    "SubmitResult",
    "client_address",
    "intake_rate_limited",
    "mailbox_ask",
    "mailbox_open",
    "mailbox_reply",
    "passphrase_new",
    "passphrase_normalise",
    "report_clean",
    "report_read",
    "report_submit",
    "report_triage_no_action",
    "report_triage_record",
]
