from upright.audit.registry import action_register

REPORT_RECEIVED = action_register("intake.report.received", "A report was received")
REPORT_VIEWED = action_register("intake.report.viewed", "A confidential report was read")
REPORT_TRIAGED = action_register(
    "intake.report.triaged", "A report was recorded as a complaint or conduct matter"
)
REPORT_NO_ACTION = action_register(
    "intake.report.closed_no_action", "A report was closed with no further action"
)
MAILBOX_QUESTION = action_register(
    "intake.mailbox.question_sent", "PSD wrote to a reporter through the mailbox"
)
MAILBOX_REPLY = action_register(
    "intake.mailbox.reply_received", "A reporter replied through the mailbox"
)
