"""The conduct app's write interface. Other apps use only what is exported here."""

from upright.conduct.services.matters import AllegationInput, matter_record, regime_for
from upright.conduct.services.reads import matter_view_record, person_history_view_record
from upright.conduct.services.transitions import (
    matter_act,
    matter_allowed_actions,
    matter_appoint_investigator,
    matter_assess_severity,
    matter_close_nfa,
    matter_iopc_decide,
    matter_referral_check,
    matter_reopen,
)

__all__ = [
    "AllegationInput",
    "matter_act",
    "matter_allowed_actions",
    "matter_appoint_investigator",
    "matter_assess_severity",
    "matter_close_nfa",
    "matter_iopc_decide",
    "matter_record",
    "matter_referral_check",
    "matter_reopen",
    "matter_view_record",
    "person_history_view_record",
    "regime_for",
]
