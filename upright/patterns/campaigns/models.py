"""Retrospective review campaigns: a cohort of people chosen by criteria, one review item per
person with every matching matter attached (the Met counted people, not cases: §8.3), their
reviews, panel second reviews and the effects each outcome had in other apps."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel
from upright.patterns.campaigns.choices import (
    CampaignStatus,
    EffectKind,
    EffectStatus,
    ItemState,
    Outcome,
    ReviewKind,
    RiskLevel,
    VictimContact,
)

USER = settings.AUTH_USER_MODEL


class Campaign(BaseModel):
    """A review campaign and its saved cohort criteria.

    category_codes: AllegationCategory codes ([] = any). attention_from/attention_to: the dates
    (London, inclusive) the matter came to attention between (null = open-ended). outcomes:
    conduct COHORT_OUTCOMES codes. employment_statuses: the person's current status ([] = any).
    panel_rate: the share of items (0-1) sampled for the independent panel; panel_seed: the
    stored seed, so the sample can be drawn again and checked. authority: the appropriate
    authority on whose authority the outcomes act in conduct and vetting (set by campaign_
    authorise); effects wait until there is one.
    """

    name = models.CharField(max_length=200)
    purpose = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=CampaignStatus.choices,
                              default=CampaignStatus.DRAFT)
    category_codes = models.JSONField(default=list, blank=True)
    attention_from = models.DateField(null=True, blank=True)
    attention_to = models.DateField(null=True, blank=True)
    outcomes = models.JSONField(default=list)
    employment_statuses = models.JSONField(default=list, blank=True)
    panel_rate = models.DecimalField(max_digits=4, decimal_places=3)
    panel_seed = models.BigIntegerField()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    built_at = models.DateTimeField(null=True, blank=True)
    built_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    people_count = models.PositiveIntegerField(default=0)
    matters_count = models.PositiveIntegerField(default=0)
    authority = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    authorised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(panel_rate__gte=0) & Q(panel_rate__lte=1),
                                   name="campaign_panel_rate_0_1"),
        ]

    def __str__(self) -> str:
        return self.name


class Item(BaseModel):
    """One person in a campaign's cohort, with all their matching matters (ItemMatter).

    reviewer/panel_reviewer: who holds the first and the panel review. sampled: drawn for the
    panel at build time (hidden from the first reviewer). final_outcome: the outcome that
    stands (the panel's where it disagreed). disagreement: the panel disagreed (null: no panel
    review yet, or none due)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=24, choices=ItemState.choices,
                             default=ItemState.UNASSIGNED)
    matters_count = models.PositiveIntegerField()
    reviewer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    assigned_at = models.DateTimeField(null=True, blank=True)
    sampled = models.BooleanField(default=False)
    panel_reviewer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    final_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    disagreement = models.BooleanField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="item_once_per_person"),
        ]
        indexes = [models.Index(fields=["campaign", "state"], name="item_campaign_state"),
                   models.Index(fields=["reviewer", "state"], name="item_reviewer_state")]

    def __str__(self) -> str:
        return f"item {self.pk} of campaign {self.campaign_id}"


class ItemMatter(models.Model):
    """One matter attached to an item, as it stood when the cohort was built: its reference,
    status, compartment, investigator (a conflict for reviewing it) and the categories of the
    person's matching allegations on it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="matters")
    matter = models.ForeignKey("conduct.Matter", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=40)
    status_at_build = models.CharField(max_length=40)
    came_to_attention_at = models.DateTimeField()
    compartment = models.CharField(max_length=40, blank=True)
    investigator_id = models.IntegerField(null=True, blank=True)
    category_codes = models.JSONField(default=list)

    class Meta:
        ordering = ["came_to_attention_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "matter"], name="item_matter_once"),
        ]

    def __str__(self) -> str:
        return self.reference


class Review(BaseModel):
    """A structured review of an item: the first, or the independent panel's.

    missed_lines: lines of inquiry were missed (detail says which). victim_contact: made,
    attempted or not appropriate (detail required unless made). risk_level/rationale: the
    risk assessment. outcome/outcome_reason: exactly one outcome. reopen_matter_ids: the
    matters to reopen (outcome reopen). risk_owner/risk_review_on/risk_measures: the plan
    (outcome risk_management). agrees/disagreement_reason: the panel's view of the first
    review (panel reviews only)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=8, choices=ReviewKind.choices)
    reviewer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    missed_lines = models.BooleanField(null=True, blank=True)
    missed_lines_detail = models.TextField(blank=True, max_length=10000)
    victim_contact = models.CharField(max_length=16, choices=VictimContact.choices, blank=True)
    victim_contact_detail = models.TextField(blank=True, max_length=10000)
    risk_level = models.CharField(max_length=8, choices=RiskLevel.choices, blank=True)
    risk_rationale = models.TextField(blank=True, max_length=10000)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    outcome_reason = models.TextField(blank=True, max_length=10000)
    reopen_matter_ids = models.JSONField(default=list, blank=True)
    risk_owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    risk_review_on = models.DateField(null=True, blank=True)
    risk_measures = models.TextField(blank=True, max_length=10000)
    agrees = models.BooleanField(null=True, blank=True)
    disagreement_reason = models.TextField(blank=True, max_length=10000)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "kind"], name="review_once_per_kind"),
        ]


class RiskPlan(BaseModel):
    """A risk management plan for the person, from a review outcome: its owner (accountable
    for it) and the date it is next reviewed."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="risk_plan")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    review_on = models.DateField()
    measures = models.TextField(max_length=10000)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")


class IopcReferral(BaseModel):
    """A referral to the IOPC that a review decided on. Closed matters cannot take conduct's
    referral check (it is open only while a matter is recorded, CMR regs 4, 7), so the
    referral is recorded here, with its reason, for the appropriate authority to send."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="iopc_referral")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    matter_references = models.JSONField(default=list)
    reason = models.TextField(max_length=10000)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")


class Effect(BaseModel):
    """What an outcome did, or must still do, in another app (or here), recorded on the item.
    target_ref: the record it made or changed (a matter reference, a vetting request id)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="effects")
    kind = models.CharField(max_length=24, choices=EffectKind.choices)
    status = models.CharField(max_length=10, choices=EffectStatus.choices,
                              default=EffectStatus.PENDING)
    params = models.JSONField(default=dict, blank=True)
    target_ref = models.CharField(max_length=60, blank=True)
    detail = models.TextField(blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status"], name="campaign_effect_status")]
