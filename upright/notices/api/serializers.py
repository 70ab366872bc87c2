from rest_framework import serializers

from upright.notices.choices import NoticeKind, Recipient, ServiceMethod


class NoticeSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.ChoiceField(choices=NoticeKind.choices)
    matter_ref = serializers.CharField()
    person_id = serializers.IntegerField(allow_null=True)
    recipient = serializers.ChoiceField(choices=Recipient.choices)
    title = serializers.CharField()
    issued_at = serializers.DateTimeField()
    served_at = serializers.DateTimeField(allow_null=True)
    service_method = serializers.CharField(allow_blank=True)
    deemed_served_at = serializers.DateTimeField(allow_null=True)


class WithholdingOutput(serializers.Serializer):
    disclosure_id = serializers.IntegerField()
    ground = serializers.CharField()


class NoticeOutput(NoticeSummaryOutput):
    legal_basis = serializers.CharField()
    html = serializers.CharField()
    html_sha256 = serializers.CharField()
    intact = serializers.BooleanField()
    email_service_allowed = serializers.BooleanField()
    deemed_rule = serializers.CharField(allow_blank=True)
    withheld = WithholdingOutput(many=True)


class NoticeServeInput(serializers.Serializer):
    method = serializers.ChoiceField(choices=ServiceMethod.choices)
    served_at = serializers.DateTimeField()
