"""Input and output shapes of the matters API (one input serializer per action)."""

from rest_framework import serializers

from upright.conduct.api.complaint_inputs import COMPLAINT_INPUTS
from upright.conduct.api.inputs import PROCESS_INPUTS, TransitionBase
from upright.conduct.choices import (
    InvestigationMode,
    MatterKind,
    ReferralCriterion,
    Regime,
    SeverityLevel,
    SeverityRoute,
)
from upright.conduct.states import MatterStatus


class AllegationOutput(serializers.Serializer):
    subject_id = serializers.IntegerField()
    subject_name = serializers.CharField(source="subject.full_name")
    subject_staff_number = serializers.CharField(source="subject.staff_number")
    standard = serializers.CharField()
    category_code = serializers.CharField(source="category.code")
    category_name = serializers.CharField(source="category.name")
    description = serializers.CharField()


class DeadlineOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    legal_basis = serializers.CharField()
    trigger_date = serializers.DateField()
    due_date = serializers.DateField()
    satisfied_at = serializers.DateTimeField(allow_null=True)
    verified = serializers.BooleanField()
    overdue = serializers.BooleanField()


class HistoryOutput(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(allow_null=True)
    occurred_at = serializers.DateTimeField()
    reason = serializers.CharField()


class MatterSummaryOutput(serializers.Serializer):
    reference = serializers.CharField()
    kind = serializers.ChoiceField(choices=MatterKind.choices)
    status = serializers.ChoiceField(choices=MatterStatus.choices)
    version = serializers.IntegerField()
    regime = serializers.ChoiceField(choices=Regime.choices)
    came_to_attention_at = serializers.DateTimeField()


class ComplainantOutput(serializers.Serializer):
    complainant_id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    preferred_contact = serializers.CharField()


class ContactOutput(serializers.Serializer):
    complainant_id = serializers.IntegerField(allow_null=True)
    stage = serializers.CharField()
    action = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    method = serializers.CharField()
    summary = serializers.CharField()
    letter = serializers.CharField()


class MatterOutput(MatterSummaryOutput):
    summary = serializers.CharField()
    severity_level = serializers.CharField()
    severity_route = serializers.CharField()
    investigation_mode = serializers.CharField()
    investigator = serializers.CharField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    allegations = AllegationOutput(many=True)
    deadlines = DeadlineOutput(many=True)
    history = HistoryOutput(many=True)
    allowed_actions = serializers.ListField(child=serializers.CharField())
    # public complaints (blank / empty for conduct matters)
    complaint_track = serializers.CharField()
    special_procedures = serializers.BooleanField()
    complaint_outcome = serializers.CharField()
    complainant_notified_at = serializers.DateTimeField(allow_null=True)
    review_body = serializers.CharField()
    review_body_reason = serializers.CharField()
    iopc_investigator = serializers.CharField()
    days_since_complainant_update = serializers.IntegerField(allow_null=True)
    complainants = ComplainantOutput(many=True)
    complainant_contacts = ContactOutput(many=True)


_TransitionBase = TransitionBase


class ReferralCheckInput(_TransitionBase):
    action = serializers.ChoiceField(choices=["referral_check"])
    criteria = serializers.ListField(
        child=serializers.ChoiceField(choices=ReferralCriterion.choices), required=False,
        default=list,
    )
    voluntary = serializers.BooleanField(required=False, default=False)
    rationale = serializers.CharField(max_length=20000)


class IopcDecisionInput(_TransitionBase):
    action = serializers.ChoiceField(choices=["iopc_decision"])
    mode = serializers.ChoiceField(choices=InvestigationMode.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    special_procedures = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text="Complaints investigated: whether special procedures apply (CMR reg 16).")
    iopc_investigator = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200,
        help_text="Independent investigations: the IOPC's lead investigator (Sch 3 para 19).")


class AssessSeverityInput(_TransitionBase):
    action = serializers.ChoiceField(choices=["assess_severity"])
    level = serializers.ChoiceField(choices=SeverityLevel.choices)
    route = serializers.ChoiceField(choices=SeverityRoute.choices)
    rationale = serializers.CharField(max_length=20000)


class AppointInvestigatorInput(_TransitionBase):
    action = serializers.ChoiceField(choices=["appoint_investigator"])
    investigator_id = serializers.IntegerField(required=False, allow_null=True)
    iopc_investigator = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200,
        help_text="Independent investigations (Sch 3 para 19) instead of investigator_id.")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)


class CloseNfaInput(_TransitionBase):
    action = serializers.ChoiceField(choices=["close_nfa"])
    rationale = serializers.CharField(max_length=20000)


class ReopenInput(_TransitionBase):
    action = serializers.ChoiceField(choices=["reopen"])
    rationale = serializers.CharField(max_length=20000)


TRANSITION_INPUTS: dict[str, type[_TransitionBase]] = {
    "referral_check": ReferralCheckInput,
    "iopc_decision": IopcDecisionInput,
    "assess_severity": AssessSeverityInput,
    "appoint_investigator": AppointInvestigatorInput,
    "close_nfa": CloseNfaInput,
    "reopen": ReopenInput,
    **PROCESS_INPUTS,
    **COMPLAINT_INPUTS,
}


class MatterPageOutput(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = MatterSummaryOutput(many=True)
