"""Input and output shapes of the suspensions API."""

from rest_framework import serializers

from upright.suspensions.choices import (
    DIRECT_END_REASONS,
    EndReason,
    Kind,
    Limb,
    NotificationMethod,
    RestrictionType,
    ReviewOutcome,
)

MAX_TEXT = 20000


class SuspensionReviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reviewed_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    reasons = serializers.CharField()
    representations_response = serializers.CharField()
    reviewed_by = serializers.CharField(source="reviewed_by.username")
    next_review_due = serializers.DateField(allow_null=True)


class SuspensionRepresentationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    received_on = serializers.DateField()
    made_by = serializers.CharField()
    summary = serializers.CharField()
    recorded_by = serializers.CharField(source="recorded_by.username")
    considered_in = serializers.IntegerField(source="considered_in_id", allow_null=True)


class SuspensionSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    person_name = serializers.CharField(source="person.full_name")
    staff_number = serializers.CharField(source="person.staff_number")
    matter_ref = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    decided_at = serializers.DateTimeField()
    next_review_due = serializers.DateField(allow_null=True)
    confirmation_due = serializers.DateField(allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    end_reason = serializers.CharField()


class SuspensionOutput(SuspensionSummaryOutput):
    decided_by = serializers.CharField(source="decided_by.username")
    redeployment_considered = serializers.BooleanField()
    redeployment_rejected_reason = serializers.CharField()
    limbs = serializers.ListField(child=serializers.ChoiceField(choices=Limb.choices))
    narrative = serializers.CharField(source="limb_narrative")
    notification_method = serializers.ChoiceField(choices=NotificationMethod.choices)
    notified_at = serializers.DateTimeField()
    pay_status = serializers.CharField()
    review_interval_days = serializers.IntegerField()
    restriction_type = serializers.CharField()
    restrictions = serializers.CharField()
    location = serializers.CharField()
    end_reasons = serializers.CharField()
    converted_from = serializers.IntegerField(source="converted_from_id", allow_null=True)
    reviews = SuspensionReviewOutput(many=True)
    representations = SuspensionRepresentationOutput(many=True)


class SuspensionPageOutput(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SuspensionSummaryOutput(many=True)


class _NotificationInput(serializers.Serializer):
    notification_method = serializers.ChoiceField(choices=NotificationMethod.choices)
    notified_at = serializers.DateTimeField(required=False, allow_null=True,
                                            help_text="Defaults to now.")


class _GroundsInput(serializers.Serializer):
    redeployment_considered = serializers.BooleanField(
        required=False, help_text="reg 11(4)(a): must be true for a suspension.")
    redeployment_rejected_reason = serializers.CharField(required=False, allow_blank=True,
                                                         max_length=MAX_TEXT)
    limbs = serializers.ListField(child=serializers.ChoiceField(choices=Limb.choices),
                                  required=False, help_text="reg 11(4)(b): at least one.")


class _TermsInput(serializers.Serializer):
    restriction_type = serializers.ChoiceField(choices=RestrictionType.choices, required=False)
    restrictions = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)
    location = serializers.CharField(required=False, allow_blank=True, max_length=200)


class SuspensionImposeInput(_NotificationInput, _GroundsInput, _TermsInput):
    kind = serializers.ChoiceField(choices=Kind.choices)
    person_id = serializers.IntegerField()
    matter_ref = serializers.CharField(max_length=40)
    narrative = serializers.CharField(help_text="The summary of reasons the notice gives.",
                                      max_length=MAX_TEXT)
    review_interval_days = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class SuspensionReviewInput(_GroundsInput, _TermsInput):
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    reasons = serializers.CharField(max_length=MAX_TEXT)
    reviewed_on = serializers.DateField(required=False, allow_null=True)
    representations_response = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)
    notification_method = serializers.ChoiceField(
        choices=NotificationMethod.choices, required=False,
        help_text="For outcome convert: how the officer was told of the new entry.")
    notified_at = serializers.DateTimeField(required=False, allow_null=True)


class SuspensionRepresentationInput(serializers.Serializer):
    made_by = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=MAX_TEXT)
    received_on = serializers.DateField(required=False, allow_null=True)


class SuspensionEndInput(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=[(r.value, r.label) for r in EndReason if r in DIRECT_END_REASONS])
    reasons = serializers.CharField(max_length=MAX_TEXT)
    ended_on = serializers.DateField(required=False, allow_null=True)


class SuspensionConfirmInput(serializers.Serializer):
    confirmed_at = serializers.DateTimeField(required=False, allow_null=True)
