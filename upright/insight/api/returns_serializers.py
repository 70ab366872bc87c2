"""Input and output shapes of the statistics API (returns, disproportionality, summaries)."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
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
    page = serializers.IntegerField(min_value=1, required=False, default=1)


# Keys that name a matter or a person. A stored summary keeps them for the drill-down, which
# filters them through MatterPolicy; the bulk summary read is for figures only, so a reader
# never learns the reference of a compartmented matter (or who investigates it) from it.
IDENTIFYING = frozenset({"reference", "references", "investigator", "investigator_id",
                         "investigator_name", "subject_ids", "matter_id", "person_id"})


def rows_redacted(value: Any) -> Any:
    """`value` without identifying keys; each list of matter references becomes its count
    ("refs" -> "refs_count"), and a list entry that describes one matter is dropped."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "refs" and isinstance(item, list):
                out["refs_count"] = len(item)
            elif key not in IDENTIFYING:
                out[key] = rows_redacted(item)
        return out
    if isinstance(value, list):
        return [rows_redacted(item) for item in value
                if not (isinstance(item, dict) and "reference" in item)]
    return value


class SummaryOutput(serializers.Serializer):
    name = serializers.CharField()
    params = serializers.DictField()
    computed_at = serializers.DateTimeField()
    source = serializers.DictField()  # type: ignore[assignment]  # a field named "source"
    elapsed_ms = serializers.IntegerField()
    rows = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.ANY)
    def get_rows(self, summary: Any) -> Any:
        return rows_redacted(summary.rows)


class DrillMatterOutput(serializers.Serializer):
    reference = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    came_to_attention_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class DrillOutput(serializers.Serializer):
    total = serializers.IntegerField()
    hidden = serializers.IntegerField()
    visible = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    matters = DrillMatterOutput(many=True)
