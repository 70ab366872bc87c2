"""Input and output shapes of the statistics API (returns, disproportionality, summaries)."""

from rest_framework import serializers

from upright.insight.disproportion import WORKFORCES


class SummaryQueryInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    unit = serializers.CharField(max_length=400, required=False, allow_blank=True, default="")
    workforce = serializers.ChoiceField(choices=sorted(WORKFORCES), required=False)


class DrillQueryInput(SummaryQueryInput):
    dimension = serializers.CharField(max_length=60)
    category = serializers.CharField(max_length=200)
    person_type = serializers.CharField(max_length=20)
    period = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")


class SummaryOutput(serializers.Serializer):
    name = serializers.CharField()
    params = serializers.DictField()
    computed_at = serializers.DateTimeField()
    source = serializers.DictField()  # type: ignore[assignment]  # a field named "source"
    elapsed_ms = serializers.IntegerField()
    rows = serializers.JSONField()


class DrillMatterOutput(serializers.Serializer):
    reference = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    came_to_attention_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class DrillOutput(serializers.Serializer):
    total = serializers.IntegerField()
    hidden = serializers.IntegerField()
    matters = DrillMatterOutput(many=True)
