"""Input shapes of the public-complaint steps (one per action; the services validate the
rules, these only the shape for the OpenAPI schema and DRF)."""

from rest_framework import serializers

from upright.conduct.api.inputs import TransitionBase, _action, _text
from upright.conduct.choices import (
    CaseToAnswer,
    ContactMethod,
    ProceedingsForm,
    ReferralCriterion,
    ReviewConsequence,
    ReviewDecision,
)

_OUTCOME_HELP = "A ComplaintOutcomeCategory code (reference data, uk-process.md §3.3)."


class HandleOutsideSchedule3Input(TransitionBase):
    action = _action("handle_outside_schedule_3")
    outcome = serializers.CharField(max_length=40, help_text=_OUTCOME_HELP)
    resolution = _text()
    criteria = serializers.ListField(
        child=serializers.ChoiceField(choices=ReferralCriterion.choices), required=False,
        default=list, help_text="Any referral criteria that apply (mandatory ones refuse it).")
    complainant_wants_recorded = serializers.BooleanField(required=False, default=False)
    proceedings_indicated = serializers.BooleanField(
        required=False, default=False,
        help_text="Could justify criminal or disciplinary proceedings, or infringe Art 2/3.")


class RecordUnderSchedule3Input(TransitionBase):
    action = _action("record_under_schedule_3")
    reason = _text()
    aa_not_satisfied = serializers.BooleanField(
        required=False, default=False,
        help_text="The AA cannot be satisfied the conduct would not justify proceedings or "
                  "infringe Art 2/3 (CMR reg 32(b)).")
    same_incident_reference = serializers.CharField(required=False, allow_blank=True,
                                                    default="", max_length=40)


class IopcCallInInput(TransitionBase):
    action = _action("iopc_call_in")
    notified_on = serializers.DateField()
    treated_as_referred = serializers.BooleanField(
        required=False, default=False, help_text="The DG treats it as referred (para 4A(1)).")
    reason = _text()


class HandleOtherwiseInput(TransitionBase):
    action = _action("handle_otherwise")
    outcome = serializers.CharField(max_length=40, help_text=_OUTCOME_HELP)
    actions_taken = _text()
    rationale = _text()


class InvestigateLocallyInput(TransitionBase):
    action = _action("investigate_locally")
    special_procedures = serializers.BooleanField(help_text="CMR reg 16 indication.")
    reason = _text(required=False)


class DgInvestigatorDecisionInput(TransitionBase):
    action = _action("dg_investigator_decision")
    decision = serializers.ChoiceField(choices=["approve", "replace"])
    investigator_id = serializers.IntegerField(required=False, allow_null=True)
    reason = _text(required=False)


class DetermineComplaintInput(TransitionBase):
    action = _action("determine_complaint")
    outcome = serializers.CharField(max_length=40, help_text=_OUTCOME_HELP)
    actions_taken = _text(required=False)
    rprp = serializers.BooleanField(required=False, default=False)
    decision = serializers.ChoiceField(choices=CaseToAnswer.choices, required=False,
                                       help_text="Special procedures only (PCR reg 23).")
    proceedings = serializers.BooleanField(required=False, allow_null=True, default=None)
    form = serializers.ChoiceField(choices=ProceedingsForm.choices, required=False)
    route = serializers.ChoiceField(choices=["rprp", "nfa"], required=False)
    multiple_incidents = serializers.BooleanField(required=False, default=False)
    rationale = _text()


class DgDirectProceedingsInput(TransitionBase):
    action = _action("dg_direct_proceedings")
    direction = serializers.ChoiceField(choices=["recommend", "direct"])
    decision = serializers.ChoiceField(choices=[CaseToAnswer.MISCONDUCT,
                                                CaseToAnswer.GROSS_MISCONDUCT])
    form = serializers.ChoiceField(choices=[ProceedingsForm.MEETING, ProceedingsForm.HEARING])
    rationale = _text()


class NotifyComplainantOutcomeInput(TransitionBase):
    action = _action("notify_complainant_outcome")
    sent_at = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=ContactMethod.choices)


class ApplyForReviewInput(TransitionBase):
    action = _action("apply_for_review")
    received_on = serializers.DateField()
    received_by_wrong_body_on = serializers.DateField(
        required=False, allow_null=True,
        help_text="When another body had it first: that time does not count (reg 29(3)).")
    grounds = _text()


class DecideReviewInput(TransitionBase):
    action = _action("decide_review")
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    consequence = serializers.ChoiceField(choices=ReviewConsequence.choices, required=False)
    recommendations = _text(required=False)
    special_procedures = serializers.BooleanField(required=False, allow_null=True, default=None)
    case_decision = serializers.ChoiceField(
        choices=[CaseToAnswer.MISCONDUCT, CaseToAnswer.GROSS_MISCONDUCT], required=False,
        help_text="With consequence=proceedings (IOPC only).")
    form = serializers.ChoiceField(choices=[ProceedingsForm.MEETING, ProceedingsForm.HEARING],
                                   required=False)
    rationale = _text()


class CloseComplaintInput(TransitionBase):
    action = _action("close_complaint")
    rationale = _text()
    review_waived = serializers.BooleanField(required=False, default=False)


class ContactComplainantInput(TransitionBase):
    action = _action("contact_complainant")
    method = serializers.ChoiceField(choices=ContactMethod.choices)
    summary = _text()
    complainant_id = serializers.IntegerField(required=False, allow_null=True)


COMPLAINT_INPUTS: dict[str, type[TransitionBase]] = {
    "handle_outside_schedule_3": HandleOutsideSchedule3Input,
    "record_under_schedule_3": RecordUnderSchedule3Input,
    "iopc_call_in": IopcCallInInput,
    "handle_otherwise": HandleOtherwiseInput,
    "investigate_locally": InvestigateLocallyInput,
    "dg_investigator_decision": DgInvestigatorDecisionInput,
    "determine_complaint": DetermineComplaintInput,
    "dg_direct_proceedings": DgDirectProceedingsInput,
    "notify_complainant_outcome": NotifyComplainantOutcomeInput,
    "apply_for_review": ApplyForReviewInput,
    "decide_review": DecideReviewInput,
    "close_complaint": CloseComplaintInput,
    "contact_complainant": ContactComplainantInput,
}
