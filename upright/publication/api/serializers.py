"""Input and output shapes of the publications and list-report APIs."""

from rest_framework import serializers

from upright.publication.models import (
    ListKind,
    ListReportStatus,
    PublicationKind,
    PublicationStatus,
)


class PublicNoticeOutput(serializers.Serializer):
    """The public view: approved text only, with the chair's anonymity directions applied."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PublicationKind.choices)
    officer = serializers.CharField()
    rank = serializers.CharField()
    hearing_date = serializers.DateField(allow_null=True)
    hearing_time = serializers.TimeField(allow_null=True)
    venue = serializers.CharField()
    accelerated = serializers.BooleanField()
    concluded_on = serializers.DateField(allow_null=True)
    summary = serializers.CharField()
    finding = serializers.CharField()
    disciplinary_action = serializers.CharField()
    published_at = serializers.DateTimeField()
    other_names_withheld = serializers.BooleanField()


class PublicationItemOutput(serializers.Serializer):
    """The staff view of an item, with its source and public texts."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PublicationKind.choices)
    status = serializers.ChoiceField(choices=PublicationStatus.choices)
    version = serializers.IntegerField()
    matter_ref = serializers.CharField()
    person_id = serializers.IntegerField()
    officer_name = serializers.CharField()
    officer_rank = serializers.CharField()
    hearing_date = serializers.DateField(allow_null=True)
    hearing_time = serializers.TimeField(allow_null=True)
    venue = serializers.CharField()
    accelerated = serializers.BooleanField()
    concluded_on = serializers.DateField(allow_null=True)
    conduct_summary = serializers.CharField()
    finding = serializers.CharField()
    disciplinary_action = serializers.CharField()
    public_summary = serializers.CharField()
    public_finding = serializers.CharField()
    public_action = serializers.CharField()
    review_notes = serializers.CharField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    officer_not_named = serializers.BooleanField()
    other_names_withheld = serializers.BooleanField()
    restricted = serializers.BooleanField()
    direction_notes = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)
    publish_window_start = serializers.DateField()
    publish_window_end = serializers.DateField()
    published_at = serializers.DateTimeField(allow_null=True)
    publish_override_reason = serializers.CharField()
    min_display_until = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawal_reason = serializers.CharField()
    withdrawal_direction = serializers.CharField()
    allowed_actions = serializers.ListField(child=serializers.CharField())


class _VersionedInput(serializers.Serializer):
    expected_version = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class ReviewInput(_VersionedInput):
    class Meta:
        ref_name = "PublicationReviewInput"

    public_summary = serializers.CharField(allow_blank=True, trim_whitespace=False)
    public_finding = serializers.CharField(required=False, allow_blank=True, default="")
    public_action = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class DirectionsInput(_VersionedInput):
    class Meta:
        ref_name = "PublicationDirectionsInput"

    officer_not_named = serializers.BooleanField()
    other_names_withheld = serializers.BooleanField()
    restricted = serializers.BooleanField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ApproveInput(_VersionedInput):
    class Meta:
        ref_name = "PublicationApproveInput"


class PublishInput(_VersionedInput):
    class Meta:
        ref_name = "PublicationPublishInput"

    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawInput(_VersionedInput):
    class Meta:
        ref_name = "PublicationWithdrawInput"

    reason = serializers.CharField(allow_blank=True)
    direction = serializers.CharField(required=False, allow_blank=True, default="")


class ListReportTaskOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    person_name = serializers.SerializerMethodField()
    list_kind = serializers.ChoiceField(choices=ListKind.choices)
    matter_ref = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=ListReportStatus.choices)
    due_on = serializers.DateField()
    legal_basis = serializers.CharField()
    reported_on = serializers.DateField(allow_null=True)
    college_reference = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)

    def get_person_name(self, obj: object) -> str:
        person = getattr(obj, "person", None)
        return f"{person.forenames} {person.surname}" if person is not None else ""


class MarkReportedInput(serializers.Serializer):
    class Meta:
        ref_name = "ListReportMarkReportedInput"

    reported_on = serializers.DateField()
    college_reference = serializers.CharField(allow_blank=True)
