"""The withdrawal assessment's write interface. Other apps use only what is exported here."""

from upright.vetting.withdrawal.services.assessments import (
    withdrawal_interview_record,
    withdrawal_open,
    withdrawal_open_from_review,
    withdrawal_representation_record,
    withdrawal_representative_record,
    withdrawal_view_record,
)
from upright.vetting.withdrawal.services.dispatch import STEPS, withdrawal_act
from upright.vetting.withdrawal.services.transitions import (
    DecisionInput,
    HarmTest,
    withdrawal_appeal_decide,
    withdrawal_appeal_lodge,
    withdrawal_close_no_appeal,
    withdrawal_close_no_pat,
    withdrawal_decide,
    withdrawal_info_gathering_start,
    withdrawal_leaving_record,
    withdrawal_notice_serve,
    withdrawal_pat_decide,
    withdrawal_pat_lodge,
    withdrawal_refer_for_decision,
    withdrawal_representations_invite,
)

__all__ = [
    "STEPS", "DecisionInput", "HarmTest", "withdrawal_act", "withdrawal_appeal_decide",
    "withdrawal_appeal_lodge",
    "withdrawal_close_no_appeal", "withdrawal_close_no_pat", "withdrawal_decide",
    "withdrawal_info_gathering_start", "withdrawal_interview_record",
    "withdrawal_leaving_record", "withdrawal_notice_serve", "withdrawal_open",
    "withdrawal_open_from_review", "withdrawal_pat_decide", "withdrawal_pat_lodge",
    "withdrawal_refer_for_decision", "withdrawal_representation_record",
    "withdrawal_representations_invite", "withdrawal_representative_record",
    "withdrawal_view_record",
]
