"""Input shapes of the statutory steps after the severity assessment (one per action; the
service validates the rules, these only the shape for the OpenAPI schema and DRF)."""

from rest_framework import serializers

from upright.conduct.choices import (
    AppealDecision,
    AppealGround,
    CaseToAnswer,
    DisciplinaryAction,
    Finding,
    PanelRole,
    ProceedingsForm,
    ServiceMethod,
)


class TransitionBase(serializers.Serializer):
    expected_version = serializers.IntegerField(
        required=False, allow_null=True, min_value=1,
        help_text="The version you loaded; a mismatch is refused with 409.",
    )


def _action(name: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=[name])


def _text(required: bool = True, max_length: int = 20000) -> serializers.CharField:
    if required:
        return serializers.CharField(max_length=max_length)
    return serializers.CharField(required=False, allow_blank=True, default="",
                                 max_length=max_length)


class _Served(TransitionBase):
    served_at = serializers.DateTimeField(help_text="When the notice was given (reg 9).")
    method = serializers.ChoiceField(choices=ServiceMethod.choices)


class ServeReg17NoticeInput(_Served):
    action = _action("serve_reg17_notice")
    terms_of_reference = _text()


class ScheduleInterviewInput(TransitionBase):
    action = _action("schedule_interview")
    specified_at = serializers.DateTimeField()
    place = _text(max_length=300)
    alternative_at = serializers.DateTimeField(
        required=False, allow_null=True,
        help_text="The officer's alternative: within 5 working days (reg 20(4)-(5)).")


class RecordInterviewInput(TransitionBase):
    action = _action("record_interview")
    held_at = serializers.DateTimeField()
    notes = _text(required=False)


class SubmitReportInput(TransitionBase):
    action = _action("submit_report")
    summary = _text()
    special_conditions_statement = _text(required=False)


class RecordResignationInput(TransitionBase):
    action = _action("record_resignation")
    left_on = serializers.DateField()
    how = serializers.ChoiceField(choices=["resigned", "retired"])


class CertifySpecialConditionsInput(TransitionBase):
    action = _action("certify_special_conditions")
    sufficient_evidence = serializers.BooleanField(help_text="Reg 49(2)(a)")
    public_interest = serializers.BooleanField(help_text="Reg 49(2)(b)")
    rationale = _text()


class ServeAmhNoticeInput(_Served):
    action = _action("serve_amh_notice")
    hearing_date = serializers.DateField(help_text="10-15 working days after the notice (reg 52).")
    venue = _text(max_length=300)
    reduction_agreement = _text(required=False)


class CaseToAnswerInput(TransitionBase):
    action = _action("case_to_answer")
    decision = serializers.ChoiceField(choices=CaseToAnswer.choices)
    proceedings = serializers.BooleanField(required=False, allow_null=True, default=None)
    form = serializers.ChoiceField(choices=ProceedingsForm.choices, required=False)
    route = serializers.ChoiceField(choices=["rprp", "nfa"], required=False,
                                    help_text="Without proceedings: RPRP or no further action.")
    multiple_incidents = serializers.BooleanField(required=False, default=False)
    officer_opts_for_hearing = serializers.BooleanField(required=False, default=False)
    hearing_necessary = serializers.BooleanField(required=False, default=False)
    rationale = _text()


class ServeReg30NoticeInput(_Served):
    action = _action("serve_reg30_notice")


class OfficerResponseInput(TransitionBase):
    action = _action("officer_response")
    response = serializers.ChoiceField(choices=["accept", "deny"])
    received_on = serializers.DateField(required=False, allow_null=True)
    details = _text(required=False)


class BundleToChairInput(TransitionBase):
    action = _action("bundle_to_chair")
    supplied_on = serializers.DateField(required=False, allow_null=True)


class PreHearingInput(TransitionBase):
    action = _action("pre_hearing")
    held_on = serializers.DateField()
    extension_reason = _text(required=False)


class PanelMemberInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=PanelRole.choices)
    name = serializers.CharField(max_length=200)


class ListProceedingsInput(TransitionBase):
    action = _action("list_proceedings")
    scheduled_on = serializers.DateField()
    venue = _text(max_length=300)
    panel = PanelMemberInput(many=True, required=False,
                             help_text="Hearings only; composition by the hearing date (reg 28).")


class FindingInput(serializers.Serializer):
    allegation_id = serializers.IntegerField()
    finding = serializers.ChoiceField(choices=Finding.choices)


class RecordOutcomeInput(TransitionBase):
    action = _action("record_outcome")
    concluded_on = serializers.DateField()
    findings = FindingInput(many=True)
    disciplinary_action = serializers.ChoiceField(choices=DisciplinaryAction.choices)
    rprp_directed = serializers.BooleanField(required=False, default=False)
    multiple_incidents = serializers.BooleanField(required=False, default=False)
    reasons = _text(required=False)


class NotifyOutcomeInput(_Served):
    action = _action("notify_outcome")


class AppealInput(TransitionBase):
    action = _action("appeal")
    lodged_on = serializers.DateField()
    grounds = serializers.ListField(child=serializers.ChoiceField(choices=AppealGround.choices))
    extension_reason = _text(required=False)


class DecideAppealInput(TransitionBase):
    action = _action("decide_appeal")
    decision = serializers.ChoiceField(choices=AppealDecision.choices)
    substituted_action = serializers.ChoiceField(choices=DisciplinaryAction.choices,
                                                 required=False)
    rationale = _text()


class CloseInput(TransitionBase):
    action = _action("close")
    rationale = _text()
    appeal_waived = serializers.BooleanField(required=False, default=False)


class _Rationale(TransitionBase):
    rationale = _text()


class WithdrawInput(_Rationale):
    action = _action("withdraw")


class PauseForCriminalInput(_Rationale):
    action = _action("pause_for_criminal")


class ResumeInput(_Rationale):
    action = _action("resume")
    special_conditions_met = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text="AMH cases: the AA's fresh determination (reg 49(3)).")


class RprpNotifyInput(_Served):
    action = _action("rprp_notify")
    reasons = _text()


class RprpFactFindingInput(TransitionBase):
    action = _action("rprp_fact_finding")
    summary = _text()


class RprpDiscussionInput(TransitionBase):
    action = _action("rprp_discussion")
    held_on = serializers.DateField()
    summary = _text()


class KeyActionInput(serializers.Serializer):
    action = serializers.CharField(max_length=1000)
    period = serializers.CharField(max_length=200)


class RprpReportInput(TransitionBase):
    action = _action("rprp_report")
    issue_summary = _text()
    discussion_summary = _text()
    key_actions = KeyActionInput(many=True)
    officer_lessons = _text()
    organisation_lessons = _text()
    review_date = serializers.DateField()


class RprpReviewInput(TransitionBase):
    action = _action("rprp_review")
    notes = _text()


PROCESS_INPUTS: dict[str, type[TransitionBase]] = {
    "serve_reg17_notice": ServeReg17NoticeInput,
    "schedule_interview": ScheduleInterviewInput,
    "record_interview": RecordInterviewInput,
    "submit_report": SubmitReportInput,
    "record_resignation": RecordResignationInput,
    "certify_special_conditions": CertifySpecialConditionsInput,
    "serve_amh_notice": ServeAmhNoticeInput,
    "case_to_answer": CaseToAnswerInput,
    "serve_reg30_notice": ServeReg30NoticeInput,
    "officer_response": OfficerResponseInput,
    "bundle_to_chair": BundleToChairInput,
    "pre_hearing": PreHearingInput,
    "list_proceedings": ListProceedingsInput,
    "record_outcome": RecordOutcomeInput,
    "notify_outcome": NotifyOutcomeInput,
    "appeal": AppealInput,
    "decide_appeal": DecideAppealInput,
    "close": CloseInput,
    "withdraw": WithdrawInput,
    "pause_for_criminal": PauseForCriminalInput,
    "resume": ResumeInput,
    "rprp_notify": RprpNotifyInput,
    "rprp_fact_finding": RprpFactFindingInput,
    "rprp_discussion": RprpDiscussionInput,
    "rprp_report": RprpReportInput,
    "rprp_review": RprpReviewInput,
}
