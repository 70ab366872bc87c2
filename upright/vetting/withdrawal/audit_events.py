"""Audit actions of withdrawal assessments (registered by WithdrawalConfig.ready)."""

from upright.audit.registry import action_register

OPENED = action_register("vetting_withdrawal.assessment.opened",
                         "A withdrawal assessment was opened (Vetting Regs 2025 Part 3)")
TRANSITIONED = action_register("vetting_withdrawal.assessment.transitioned",
                               "A withdrawal assessment moved to its next stage")
VIEWED = action_register("vetting_withdrawal.assessment.viewed",
                         "A withdrawal assessment was read")
RECORDED = action_register("vetting_withdrawal.record.added",
                           "A representative, interview or representations were recorded")
LIST_REPORT = action_register("vetting_withdrawal.list_report.requested",
                              "A barred or advisory list report was requested")
