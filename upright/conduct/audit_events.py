"""Audit actions of the conduct app (registered at start-up by ConductConfig.ready)."""

from upright.audit.registry import action_register

MATTER_RECORDED = action_register("conduct.matter.recorded", "A matter and its allegations were recorded")
MATTER_VIEWED = action_register("conduct.matter.viewed", "A matter was read")
PERSON_HISTORY_VIEWED = action_register(
    "conduct.person_history.viewed", "A person's conduct history was read"
)
MATTER_REFERRAL_CHECKED = action_register(
    "conduct.matter.referral_checked", "The IOPC referral check was recorded"
)
MATTER_IOPC_DECIDED = action_register(
    "conduct.matter.iopc_decided", "The IOPC's decision on the form of investigation was recorded"
)
MATTER_SEVERITY_ASSESSED = action_register(
    "conduct.matter.severity_assessed", "A reg 14 severity assessment was recorded"
)
MATTER_INVESTIGATOR_APPOINTED = action_register(
    "conduct.matter.investigator_appointed", "An investigator was appointed (reg 15)"
)
MATTER_CLOSED_NFA = action_register(
    "conduct.matter.closed_nfa", "A matter was closed with no further action"
)
MATTER_REOPENED = action_register("conduct.matter.reopened", "A closed matter was reopened")

# One audit action per state-table action; the gate looks it up by name.
ACTION_AUDIT: dict[str, str] = {
    "referral_check": MATTER_REFERRAL_CHECKED,
    "iopc_decision": MATTER_IOPC_DECIDED,
    "assess_severity": MATTER_SEVERITY_ASSESSED,
    "appoint_investigator": MATTER_INVESTIGATOR_APPOINTED,
    "close_nfa": MATTER_CLOSED_NFA,
    "reopen": MATTER_REOPENED,
}
