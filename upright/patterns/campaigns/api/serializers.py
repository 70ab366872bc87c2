"""Input and output shapes of the review campaigns API."""

from rest_framework import serializers

from upright.conduct.selectors import COHORT_OUTCOMES
from upright.patterns.campaigns.choices import (
    CampaignStatus,
    EffectKind,
    EffectStatus,
    ItemState,
    Outcome,
    RiskLevel,
    VictimContact,
    WeightBy,
)
from upright.people.choices import EmploymentStatus

TEXT = 10000


class CriteriaInput(serializers.Serializer):
    category_codes = serializers.ListField(child=serializers.CharField(max_length=8),
                                           required=False, default=list)
    attention_from = serializers.DateField(required=False, allow_null=True, default=None)
    attention_to = serializers.DateField(required=False, allow_null=True, default=None)
    outcomes = serializers.ListField(child=serializers.ChoiceField(choices=list(COHORT_OUTCOMES)),
                                     allow_empty=False)
    employment_statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentStatus.choices), required=False,
        default=list)


class CampaignCreateInput(CriteriaInput):
    name = serializers.CharField(max_length=200)
    purpose = serializers.CharField(max_length=5000)
    panel_rate = serializers.DecimalField(max_digits=4, decimal_places=3, min_value=0,
                                          max_value=1)
    panel_seed = serializers.IntegerField(required=False, allow_null=True, min_value=0,
                                          default=None)


class CountsOutput(serializers.Serializer):
    people = serializers.IntegerField()
    matters = serializers.IntegerField()
    allegations = serializers.IntegerField()


class CampaignOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    purpose = serializers.CharField()
    status = serializers.ChoiceField(choices=CampaignStatus.choices)
    category_codes = serializers.ListField(child=serializers.CharField())
    attention_from = serializers.DateField(allow_null=True)
    attention_to = serializers.DateField(allow_null=True)
    outcomes = serializers.ListField(child=serializers.CharField())
    employment_statuses = serializers.ListField(child=serializers.CharField())
    panel_rate = serializers.DecimalField(max_digits=4, decimal_places=3)
    panel_seed = serializers.IntegerField()
    people_count = serializers.IntegerField()
    matters_count = serializers.IntegerField()
    built_at = serializers.DateTimeField(allow_null=True)
    authority = serializers.CharField(source="authority.username", allow_null=True,
                                      default=None)
    created_at = serializers.DateTimeField()


class AssignInput(serializers.Serializer):
    reviewer_ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    weight_by = serializers.ChoiceField(choices=WeightBy.choices, default=WeightBy.MATTERS)


class AssignOutput(serializers.Serializer):
    assigned = serializers.DictField(child=serializers.IntegerField())
    unassignable = serializers.ListField(child=serializers.IntegerField())


class ReassignInput(serializers.Serializer):
    reviewer_id = serializers.IntegerField()
    reason = serializers.CharField(max_length=2000)


class ItemSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    campaign_id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    person_name = serializers.CharField(source="person.full_name")
    staff_number = serializers.CharField(source="person.staff_number")
    state = serializers.ChoiceField(choices=ItemState.choices)
    matters_count = serializers.IntegerField()
    reviewer = serializers.CharField(source="reviewer.username", allow_null=True, default=None)
    final_outcome = serializers.CharField()


class ItemMatterOutput(serializers.Serializer):
    matter_id = serializers.IntegerField()
    reference = serializers.CharField()
    status_at_build = serializers.CharField()
    came_to_attention_at = serializers.DateTimeField()
    category_codes = serializers.ListField(child=serializers.CharField())


class ReviewOutput(serializers.Serializer):
    kind = serializers.CharField()
    reviewer = serializers.CharField(source="reviewer.username")
    missed_lines = serializers.BooleanField(allow_null=True)
    missed_lines_detail = serializers.CharField()
    victim_contact = serializers.CharField()
    victim_contact_detail = serializers.CharField()
    risk_level = serializers.CharField()
    risk_rationale = serializers.CharField()
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    outcome_reason = serializers.CharField()
    reopen_matter_ids = serializers.ListField(child=serializers.IntegerField())
    agrees = serializers.BooleanField(allow_null=True)
    disagreement_reason = serializers.CharField()
    submitted_at = serializers.DateTimeField()


class EffectOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EffectKind.choices)
    status = serializers.ChoiceField(choices=EffectStatus.choices)
    target_ref = serializers.CharField()
    detail = serializers.CharField()
    attempted_at = serializers.DateTimeField(allow_null=True)


class ItemOutput(ItemSummaryOutput):
    panel_reviewer = serializers.CharField(source="panel_reviewer.username", allow_null=True,
                                           default=None)
    disagreement = serializers.BooleanField(allow_null=True)
    matters = ItemMatterOutput(many=True)
    reviews = ReviewOutput(many=True)
    effects = EffectOutput(many=True)


class ReviewInputSerializer(serializers.Serializer):
    """The first review (every structured part) or, with `agrees`, the panel's."""

    outcome = serializers.CharField(required=False, allow_blank=True, default="")
    outcome_reason = serializers.CharField(required=False, allow_blank=True, default="",
                                           max_length=TEXT)
    missed_lines = serializers.BooleanField(required=False, allow_null=True, default=None)
    missed_lines_detail = serializers.CharField(required=False, allow_blank=True, default="",
                                                max_length=TEXT)
    victim_contact = serializers.CharField(required=False, allow_blank=True, default="")
    victim_contact_detail = serializers.CharField(required=False, allow_blank=True, default="",
                                                  max_length=TEXT)
    risk_level = serializers.CharField(required=False, allow_blank=True, default="")
    risk_rationale = serializers.CharField(required=False, allow_blank=True, default="",
                                           max_length=TEXT)
    reopen_matter_ids = serializers.ListField(child=serializers.IntegerField(), required=False,
                                              default=list)
    risk_owner_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    risk_review_on = serializers.DateField(required=False, allow_null=True, default=None)
    risk_measures = serializers.CharField(required=False, allow_blank=True, default="",
                                          max_length=TEXT)


class PanelReviewInput(ReviewInputSerializer):
    agrees = serializers.BooleanField()
    disagreement_reason = serializers.CharField(required=False, allow_blank=True, default="",
                                                max_length=TEXT)


CHOICES_HELP = (f"outcome: {', '.join(Outcome.values)}; victim_contact: "
                f"{', '.join(VictimContact.values)}; risk_level: {', '.join(RiskLevel.values)}.")


class CampaignDashboardOutput(serializers.Serializer):
    campaign = CampaignOutput()
    by_state = serializers.DictField(child=serializers.IntegerField())
    reviewers = serializers.ListField(child=serializers.DictField())
    panel = serializers.DictField()
    totals = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))
    effects = serializers.DictField(child=serializers.IntegerField())
    disagreements = serializers.ListField(child=serializers.DictField())
