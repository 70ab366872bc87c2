"""Input and output shapes of the lists API."""

from rest_framework import serializers

from upright.lists.models import CheckOutcome, ListKind, Resolution


class ImportInput(serializers.Serializer):
    list_kind = serializers.ChoiceField(choices=ListKind.choices)
    file = serializers.FileField()


class ImportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    list_kind = serializers.CharField()
    file_name = serializers.CharField()
    sha256 = serializers.CharField()
    row_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class NameInput(serializers.Serializer):
    forenames = serializers.CharField(max_length=100)
    surname = serializers.CharField(max_length=100)


class CheckInput(serializers.Serializer):
    subject_ref = serializers.CharField(max_length=60)
    names = NameInput(many=True, allow_empty=False)
    date_of_birth = serializers.DateField()
    person_id = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    sex = serializers.ChoiceField(choices=[("M", "M"), ("F", "F"), ("", "")], required=False)
    postcodes = serializers.ListField(child=serializers.CharField(max_length=10),
                                      required=False, default=list, max_length=20)


class CandidateOutput(serializers.Serializer):
    id = serializers.IntegerField()
    list_kind = serializers.CharField()
    entry_ref = serializers.CharField(source="entry.entry_ref")
    forenames = serializers.CharField(source="entry.forenames")
    surname = serializers.CharField(source="entry.surname")
    former_force = serializers.CharField(source="entry.former_force")
    evidence_weight = serializers.FloatField()
    probability = serializers.FloatField()
    band = serializers.ChoiceField(choices=CheckOutcome.choices)
    blocking = serializers.BooleanField()
    explanation = serializers.JSONField()
    resolution = serializers.ChoiceField(choices=Resolution.choices)
    resolution_reason = serializers.CharField()


class CheckOutput(serializers.Serializer):
    id = serializers.IntegerField()
    subject_ref = serializers.CharField()
    person_id = serializers.IntegerField(allow_null=True)
    outcome = serializers.ChoiceField(choices=CheckOutcome.choices)
    barred_import = serializers.IntegerField(source="barred_import_id", allow_null=True)
    advisory_import = serializers.IntegerField(source="advisory_import_id", allow_null=True)
    bands = serializers.JSONField()
    created_at = serializers.DateTimeField()
    candidates = CandidateOutput(many=True, source="candidates.all")


class CandidateResolveInput(serializers.Serializer):
    resolution = serializers.ChoiceField(choices=[Resolution.CONFIRMED, Resolution.NOT_SAME])
    reason = serializers.CharField(max_length=4000)
