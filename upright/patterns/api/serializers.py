"""Input and output shapes of the repeat-pattern API."""

from rest_framework import serializers

from upright.patterns.models import AlertAction, AlertDecision, AlertStatus, RuleKind

MAX_TEXT = 5000


class RuleOutput(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.ChoiceField(choices=RuleKind.choices)
    parameters = serializers.DictField()
    active = serializers.BooleanField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField(source="created_by.username", allow_null=True,
                                       default=None)


class RuleDetailOutput(serializers.Serializer):
    current = RuleOutput()
    versions = RuleOutput(many=True)


class RuleCreateInput(serializers.Serializer):
    code = serializers.CharField(max_length=60)
    kind = serializers.ChoiceField(choices=RuleKind.choices)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True,
                                        default="")
    parameters = serializers.DictField()
    active = serializers.BooleanField(default=True)
    note = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True,
                                 default="")


class RuleReviseInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True,
                                        default="")
    parameters = serializers.DictField()
    active = serializers.BooleanField()
    note = serializers.CharField(max_length=MAX_TEXT)
    based_on_version = serializers.IntegerField(min_value=1, required=False)


class AlertSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    person_name = serializers.CharField(source="person.full_name")
    staff_number = serializers.CharField(source="person.staff_number")
    rule_code = serializers.CharField()
    rule_version = serializers.IntegerField(source="rule.version")
    rule_name = serializers.CharField(source="rule.name")
    status = serializers.ChoiceField(choices=AlertStatus.choices)
    raised_at = serializers.DateTimeField()
    matter_count = serializers.SerializerMethodField()
    previous_id = serializers.IntegerField(allow_null=True)

    def get_matter_count(self, alert: object) -> int:
        return len(getattr(alert, "evidence", {}).get("matters", []))


class EvidenceMatterOutput(serializers.Serializer):
    reference = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    came_to_attention_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    categories = serializers.ListField(child=serializers.CharField())


class AlertOutput(AlertSummaryOutput):
    rule_parameters = serializers.DictField(source="rule.parameters")
    evidence_matters = EvidenceMatterOutput(many=True)
    evidence_matters_hidden = serializers.IntegerField()
    evidence_hit_ids = serializers.ListField(child=serializers.IntegerField())
    evidence_complainant_ids = serializers.ListField(child=serializers.IntegerField())
    decision = serializers.CharField()
    action = serializers.CharField()
    reason = serializers.CharField()
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True,
                                       default=None)
    decided_at = serializers.DateTimeField(allow_null=True)
    vetting_request_id = serializers.IntegerField(allow_null=True)


class AlertPageOutput(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AlertSummaryOutput(many=True)


class AlertDecideInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=AlertDecision.choices)
    action = serializers.ChoiceField(choices=AlertAction.choices, required=False,
                                     allow_blank=True, default="")
    reason = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True,
                                   default="")
