"""Input and output shapes of the person-history API."""

from typing import Any

from rest_framework import serializers

from upright.core.history import HISTORY_KINDS


class PersonHistoryInput(serializers.Serializer):
    """Query parameters: kind (repeatable or comma-separated), date_from, date_to."""

    kind = serializers.ListField(child=serializers.ChoiceField(choices=HISTORY_KINDS),
                                 required=False, allow_empty=True)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError({"date_to": "The end date is before the start date."})
        return attrs


class HistoryEntryOutput(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=HISTORY_KINDS)
    ref = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    closed = serializers.BooleanField()
    closed_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(allow_blank=True)
    categories = serializers.ListField(child=serializers.CharField())


class PersonHistoryOutput(serializers.Serializer):
    person_id = serializers.IntegerField()
    person_name = serializers.CharField()
    total = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(),
                                   help_text="Entries per kind, every kind listed.")
    sources_unavailable = serializers.ListField(child=serializers.CharField())
    entries = HistoryEntryOutput(many=True)
