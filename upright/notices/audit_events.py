"""Audit actions of the notices app (registered at start-up by NoticesConfig.ready)."""

from upright.audit.registry import action_register

NOTICE_ISSUED = action_register("notices.notice.issued", "A statutory notice was issued (fixed)")
NOTICE_SERVED = action_register("notices.notice.served", "A notice's service was recorded")
NOTICE_VIEWED = action_register("notices.notice.viewed", "A notice was read")
NOTICE_PDF_DOWNLOADED = action_register("notices.notice.pdf_downloaded",
                                        "A notice was downloaded as PDF")
DISCLOSURE_DECIDED = action_register("notices.disclosure.decided",
                                     "A harm-test (PCR reg 6) disclosure decision was recorded")
TIMELINESS_CREATED = action_register("notices.timeliness_report.created",
                                     "A timeliness report (PCR reg 19 / CMR reg 13) was drafted")
TIMELINESS_SENT = action_register("notices.timeliness_report.sent",
                                  "A timeliness report was sent to its recipients")
TIMELINESS_EXEMPTED = action_register(
    "notices.timeliness_report.exempted",
    "A timeliness report was not sent: prejudice exemption (reg 19(3))",
)
TIMELINESS_VIEWED = action_register("notices.timeliness_report.viewed",
                                    "A timeliness report was read")
REMINDER_SENT = action_register("notices.reminder.sent",
                                "A reminder of unserved notices or due timeliness reports was e-mailed")
