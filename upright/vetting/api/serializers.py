"""Input and output shapes of the vetting API. Inputs only parse; services validate."""

from rest_framework import serializers

from upright.vetting.models import (
    ApplicationKind,
    AssociationType,
    ClearanceLevel,
    ConvictionSource,
    DeclarationKind,
    Disposal,
    IntegrityOutcome,
    OffenceCategory,
    TerminationReason,
)
from upright.vetting.policy import WHILE_SERVING


class ClearanceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField(allow_null=True)
    application_id = serializers.IntegerField(allow_null=True)
    level = serializers.CharField(help_text="One of: " + ", ".join(ClearanceLevel.values))
    status = serializers.CharField(help_text="active, expired, terminated or withdrawn")
    granted_at = serializers.DateTimeField()
    expires_at = serializers.DateField()
    renewal_policy_version = serializers.IntegerField()
    renewals = serializers.IntegerField()
    conditions = serializers.CharField()
    ended_at = serializers.DateTimeField(allow_null=True)
    end_reason = serializers.CharField()
    withdrawal_ref = serializers.CharField()


class ClearanceGrantInput(serializers.Serializer):
    person_id = serializers.IntegerField()
    level = serializers.ChoiceField(choices=ClearanceLevel.choices)
    conditions = serializers.CharField(required=False, allow_blank=True, default="")


class ConditionsInput(serializers.Serializer):
    conditions = serializers.CharField(allow_blank=True)


class TerminateInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=TerminationReason.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class RenewalIntervalOutput(serializers.Serializer):
    level = serializers.CharField()
    version = serializers.IntegerField()
    months = serializers.IntegerField()
    verified = serializers.BooleanField()
    legal_basis = serializers.CharField()


class RenewalIntervalInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=ClearanceLevel.choices)
    months = serializers.IntegerField()
    verified = serializers.BooleanField()
    legal_basis = serializers.CharField()


class ConvictionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    offence_category = serializers.CharField()
    offence_date = serializers.DateField()
    disposal = serializers.CharField()
    minor = serializers.BooleanField()
    description = serializers.CharField()
    while_serving = serializers.BooleanField()
    source = serializers.CharField()  # type: ignore[assignment]
    source_ref = serializers.CharField()
    created_at = serializers.DateTimeField()


class ConvictionInput(serializers.Serializer):
    person_id = serializers.IntegerField()
    offence_category = serializers.ChoiceField(choices=OffenceCategory.choices)
    offence_date = serializers.DateField()
    disposal = serializers.ChoiceField(choices=Disposal.choices)
    minor = serializers.BooleanField(required=False, default=False)
    description = serializers.CharField()
    source = serializers.ChoiceField(choices=ConvictionSource.choices)  # type: ignore[assignment]
    source_ref = serializers.CharField(required=False, allow_blank=True, default="")


class DeclarationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    kind = serializers.CharField()
    association_type = serializers.CharField()
    subject = serializers.CharField()
    details = serializers.CharField()
    status = serializers.CharField()
    conditions = serializers.CharField()
    assessment_notes = serializers.CharField()
    review_request_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    assessed_at = serializers.DateTimeField(allow_null=True)


class DeclarationInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DeclarationKind.choices)
    association_type = serializers.ChoiceField(choices=AssociationType.choices, required=False,
                                               allow_blank=True, default="")
    subject = serializers.CharField()
    details = serializers.CharField()


class AssessInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "accept_with_conditions", "refer"])
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")


class IntegrityReviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    year = serializers.IntegerField()
    answers = serializers.ListField(child=serializers.DictField())
    reviewer = serializers.CharField(source="reviewer.username", allow_null=True, default=None)
    outcome = serializers.CharField()
    notes = serializers.CharField()
    completed_at = serializers.DateTimeField()
    review_request_id = serializers.IntegerField(allow_null=True)


class IntegrityReviewInput(serializers.Serializer):
    person_id = serializers.IntegerField()
    year = serializers.IntegerField()
    answers = serializers.DictField(child=serializers.CharField(allow_blank=True))
    outcome = serializers.ChoiceField(choices=IntegrityOutcome.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class FindingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    check = serializers.CharField(source="check_name")
    ref = serializers.CharField()
    summary = serializers.CharField()
    blocking = serializers.BooleanField()
    resolution = serializers.CharField()
    resolved_at = serializers.DateTimeField(allow_null=True)


class ApplicationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    level = serializers.CharField()
    person_id = serializers.IntegerField(allow_null=True)
    forenames = serializers.CharField()
    surname = serializers.CharField()
    date_of_birth = serializers.DateField()
    other_names = serializers.ListField(child=serializers.ListField(
        child=serializers.CharField()))
    postcodes = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    checks_run_at = serializers.DateTimeField(allow_null=True)
    decision_notes = serializers.CharField()
    findings = FindingOutput(many=True, source="findings.all")


class ApplicationInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicationKind.choices)
    level = serializers.ChoiceField(choices=ClearanceLevel.choices)
    person_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    forenames = serializers.CharField()
    surname = serializers.CharField()
    date_of_birth = serializers.DateField()
    other_names = serializers.ListField(child=serializers.ListField(
        child=serializers.CharField(), min_length=2, max_length=2), required=False, default=list)
    postcodes = serializers.ListField(child=serializers.CharField(max_length=10),
                                      required=False, default=list)


class ResolveInput(serializers.Serializer):
    resolution = serializers.CharField()


class GrantInput(serializers.Serializer):
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class RefuseInput(serializers.Serializer):
    notes = serializers.CharField()
    discontinue = serializers.BooleanField(required=False, default=False)


class RuleInput(serializers.Serializer):
    """Documents the rule's shape; the service validates it (unknown keys are refused)."""

    categories = serializers.ListField(child=serializers.ChoiceField(
        choices=OffenceCategory.choices), required=False)
    disposals = serializers.ListField(child=serializers.ChoiceField(choices=Disposal.choices),
                                      required=False)
    exempt_minor_motoring = serializers.BooleanField(required=False)
    within_years = serializers.IntegerField(required=False, allow_null=True)
    while_serving = serializers.ChoiceField(choices=list(WHILE_SERVING), required=False)


class SimulationInput(serializers.Serializer):
    name = serializers.CharField()
    rule = RuleInput()


class BreakdownRow(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    workforce = serializers.IntegerField()
    affected = serializers.IntegerField()
    rate_per_1000 = serializers.FloatField()


class BreakdownOutput(serializers.Serializer):
    rank = BreakdownRow(many=True)
    unit = BreakdownRow(many=True)
    ethnic_group = BreakdownRow(many=True)


class SimulationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    rule = serializers.DictField()
    as_of = serializers.DateField()
    workforce = serializers.IntegerField()
    affected = serializers.IntegerField()
    breakdown = BreakdownOutput()
    run_by = serializers.CharField(source="run_by.username", allow_null=True, default=None)
    duration_ms = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class AffectedPersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    staff_number = serializers.CharField()
    full_name = serializers.CharField()
    rank_or_grade = serializers.CharField()
    org_unit = serializers.CharField(source="org_unit.name", allow_null=True, default=None)


class DrawInput(serializers.Serializer):
    seed = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)


class DrawOutput(serializers.Serializer):
    id = serializers.IntegerField()
    seed = serializers.IntegerField()
    eligible = serializers.IntegerField()
    person_ids = serializers.ListField(child=serializers.IntegerField())
    percent = serializers.DecimalField(source="rate.percent", max_digits=5, decimal_places=2)
    created_at = serializers.DateTimeField()


class RevettingRateOutput(serializers.Serializer):
    percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    interval_days = serializers.IntegerField()
    verified = serializers.BooleanField()
    notes = serializers.CharField()


class RevettingRateInput(serializers.Serializer):
    percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    interval_days = serializers.IntegerField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    verified = serializers.BooleanField(required=False, default=False)
