"""Input and output shapes of the withdrawal API. Inputs check shape only; the services
validate the content (so the API and the forms refuse the same things)."""

from rest_framework import serializers

from upright.vetting.withdrawal.models import (
    AppealOutcome,
    Decision,
    HarmGround,
    LeftHow,
    RepresentativeKind,
    ServiceMethod,
    TriggerKind,
)
from upright.vetting.withdrawal.states import CloseReason, WithdrawalStatus

MAX = 20000


def _text(*, required: bool = True, max_length: int = MAX) -> serializers.CharField:
    return serializers.CharField(required=required, allow_blank=not required,
                                 max_length=max_length)


class OpenInput(serializers.Serializer):
    person_id = serializers.IntegerField(min_value=1)
    trigger_kind = serializers.ChoiceField(choices=TriggerKind.choices)
    trigger_summary = _text()
    trigger_ref = _text(required=False, max_length=60)
    clearance_id = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class FromReviewInput(serializers.Serializer):
    review_request_id = serializers.IntegerField(min_value=1)
    clearance_id = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class NoticeInput(serializers.Serializer):
    notice_summary = _text()
    service_method = serializers.ChoiceField(choices=ServiceMethod.choices)
    served_at = serializers.DateTimeField(required=False, allow_null=True)


class NoteInput(serializers.Serializer):
    note = _text(required=False)


class InviteInput(serializers.Serializer):
    invited_on = serializers.DateField(required=False, allow_null=True)


class DecideInput(NoticeInput):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reasons = _text()
    conditions = _text(required=False)
    harm_test_applied = serializers.BooleanField(required=False, default=False)
    harm_test_grounds = serializers.ListField(child=serializers.ChoiceField(
        choices=HarmGround.choices), required=False, default=list)
    harm_test_reasons = _text(required=False)
    dismissed_on = serializers.DateField(required=False, allow_null=True)


class LodgeInput(serializers.Serializer):
    lodged_on = serializers.DateField(required=False, allow_null=True)


class OutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=AppealOutcome.choices)
    reasons = _text()
    decided_on = serializers.DateField(required=False, allow_null=True)


class LeavingInput(serializers.Serializer):
    how = serializers.ChoiceField(choices=LeftHow.choices)
    left_on = serializers.DateField()


class RepresentativeInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RepresentativeKind.choices)
    name = _text(max_length=200)
    organisation = _text(required=False, max_length=200)


class InterviewInput(serializers.Serializer):
    held_on = serializers.DateField()
    notes = _text()


class RepresentationInput(serializers.Serializer):
    received_on = serializers.DateField()
    made_by = _text(max_length=200)
    summary = _text()


STEP_INPUTS: dict[str, type[serializers.Serializer]] = {
    "serve_notice": NoticeInput, "start_info_gathering": NoteInput,
    "invite_representations": InviteInput, "refer_for_decision": NoteInput,
    "decide": DecideInput, "lodge_appeal": LodgeInput, "close_no_appeal": NoteInput,
    "decide_appeal": OutcomeInput, "lodge_pat": LodgeInput, "close_no_pat": NoteInput,
    "decide_pat": OutcomeInput, "record_leaving": LeavingInput,
    "representative": RepresentativeInput, "interview": InterviewInput,
    "representation": RepresentationInput,
}


class WithdrawalSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    person_id = serializers.IntegerField()
    person_name = serializers.CharField(source="person.full_name")
    status = serializers.ChoiceField(choices=WithdrawalStatus.choices)
    trigger_kind = serializers.ChoiceField(choices=TriggerKind.choices)
    due_step = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    close_reason = serializers.ChoiceField(choices=CloseReason.choices, allow_blank=True)
    created_at = serializers.DateTimeField()


class WithdrawalNoticeOutput(serializers.Serializer):
    kind = serializers.CharField()
    served_at = serializers.DateTimeField()
    service_method = serializers.CharField()
    summary = serializers.CharField()


class WithdrawalDetailOutput(WithdrawalSummaryOutput):
    trigger_ref = serializers.CharField()
    trigger_summary = serializers.CharField()
    clearance_id = serializers.IntegerField(allow_null=True)
    assessor = serializers.CharField(source="assessor.username")
    decision = serializers.CharField()
    decision_reasons = serializers.CharField()
    decision_conditions = serializers.CharField()
    harm_test_applied = serializers.BooleanField()
    harm_test_grounds = serializers.ListField(child=serializers.CharField())
    harm_test_reasons = serializers.CharField()
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True,
                                       default=None)
    decided_at = serializers.DateTimeField(allow_null=True)
    dismissed_on = serializers.DateField(allow_null=True)
    employment_left_recorded = serializers.BooleanField()
    appeal_lodged_on = serializers.DateField(allow_null=True)
    appeal_outcome = serializers.CharField()
    pat_lodged_on = serializers.DateField(allow_null=True)
    pat_outcome = serializers.CharField()
    left_how = serializers.CharField()
    left_on = serializers.DateField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    notices = WithdrawalNoticeOutput(many=True, source="notices.all")
    allowed_actions = serializers.SerializerMethodField()

    def get_allowed_actions(self, obj: object) -> list[str]:
        from upright.vetting.withdrawal.states import actions_from

        return actions_from(getattr(obj, "status", ""))
