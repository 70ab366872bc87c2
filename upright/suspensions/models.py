"""The suspension and restricted-duties register (PCR 2020 reg 11; uk-process.md §5.2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel
from upright.suspensions.choices import (
    EndReason,
    Kind,
    NotificationMethod,
    PayStatus,
    RestrictionType,
    ReviewOutcome,
)


class SuspensionRule(BaseModel):
    """A period the register uses, as reference data an administrator can change: both are
    unverified for PCR 2020 ([U], uk-process.md §2.4 and §5.1), so neither is a constant.

    code: "written_confirmation" (oral notice confirmed in writing within N working days) or
    "review_interval" (the AA reviews at least every N calendar days). verified: checked
    against the regulation text.
    """

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "Working days (England and Wales)"
        CALENDAR_DAYS = "calendar_days", "Calendar days"

    WRITTEN_CONFIRMATION = "written_confirmation"
    REVIEW_INTERVAL = "review_interval"

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=200)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    amount = models.PositiveIntegerField()
    verified = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="suspensionrule_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.amount} {self.unit})"


class SuspensionQuerySet(models.QuerySet["Suspension"]):
    def active(self) -> "SuspensionQuerySet":
        return self.filter(ended_on__isnull=True)

    def ended(self) -> "SuspensionQuerySet":
        return self.filter(ended_on__isnull=False)


class Suspension(BaseModel):
    """One register entry: a suspension under reg 11 or a restricted-duties placement.

    matter_ref: the conduct matter it is made under. compartment: copied from the matter, so
    the register is as need-to-know as the matter. decided_at/decided_by: the AA's decision.
    redeployment_considered / redeployment_rejected_reason: reg 11(4)(a). limb_*: reg 11(4)(b),
    with limb_narrative (the summary of reasons the notice gives). notification_method /
    notified_at: how the officer was told; confirmation_due: the last day for written
    confirmation of an oral notification; confirmed_at: when it was given in writing.
    pay_status: always full pay (reg 11(3)). review_interval_days / next_review_due: the review
    cycle ([U]). ended_on / end_reason / end_reasons / ended_by: how it ended (reg 11(5)).
    converted_from: the entry this one replaced on conversion.
    restriction_type / restrictions / location: the restricted-duties terms (force policy).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="suspensions")
    matter_ref = models.CharField(max_length=40, db_index=True)
    compartment = models.CharField(max_length=40, blank=True, default="")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    redeployment_considered = models.BooleanField(default=False)
    redeployment_rejected_reason = models.TextField(blank=True, max_length=20000)
    limb_prejudice_investigation = models.BooleanField(default=False)
    limb_public_interest = models.BooleanField(default=False)
    limb_narrative = models.TextField(max_length=20000)
    notification_method = models.CharField(max_length=8, choices=NotificationMethod.choices)
    notified_at = models.DateTimeField()
    confirmation_due = models.DateField(null=True, blank=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    pay_status = models.CharField(max_length=10, choices=PayStatus.choices,
                                  default=PayStatus.FULL_PAY)
    review_interval_days = models.PositiveIntegerField()
    next_review_due = models.DateField(null=True, blank=True, db_index=True)
    restriction_type = models.CharField(max_length=20, choices=RestrictionType.choices, blank=True)
    restrictions = models.TextField(blank=True, max_length=20000)
    location = models.CharField(max_length=200, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=EndReason.choices, blank=True)
    end_reasons = models.TextField(blank=True, max_length=20000)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    converted_from = models.OneToOneField("self", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="converted_to")

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["ended_on", "next_review_due"], name="suspension_review_due")]
        constraints = [
            # One active entry per person: a person is suspended or restricted, never both.
            models.UniqueConstraint(fields=["person"], condition=Q(ended_on__isnull=True),
                                    name="suspension_one_active_per_person"),
            # reg 11(4): both conditions, for a suspension.
            models.CheckConstraint(
                condition=~Q(kind=Kind.SUSPENDED) | (
                    Q(redeployment_considered=True) & ~Q(redeployment_rejected_reason="")
                    & (Q(limb_prejudice_investigation=True) | Q(limb_public_interest=True))),
                name="suspension_reg11_4_conditions",
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.RESTRICTED) | ~Q(restriction_type=""),
                name="suspension_restriction_has_type",
            ),
            models.CheckConstraint(condition=Q(pay_status=PayStatus.FULL_PAY),
                                   name="suspension_full_pay"),  # reg 11(3)
            models.CheckConstraint(
                condition=~Q(notification_method=NotificationMethod.ORAL)
                | Q(confirmation_due__isnull=False),
                name="suspension_oral_has_confirmation_due",
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(end_reason=""))
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="suspension_end_reason_with_end",
            ),
            models.CheckConstraint(condition=Q(review_interval_days__gte=1),
                                   name="suspension_review_interval_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.person_id} ({self.matter_ref})"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    @property
    def limbs(self) -> list[str]:
        return [name for name, on in (("prejudice_investigation", self.limb_prejudice_investigation),
                                      ("public_interest", self.limb_public_interest)) if on]


class Representation(BaseModel):
    """Representations the officer (or their police friend) made against the entry; they may be
    made at any time ([U], uk-process.md §5.1). considered_in: the review that considered them
    (null = not yet considered)."""

    suspension = models.ForeignKey(Suspension, on_delete=models.PROTECT,
                                   related_name="representations")
    received_on = models.DateField()
    made_by = models.CharField(max_length=200)
    summary = models.TextField(max_length=20000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    considered_in = models.ForeignKey("SuspensionReview", null=True, blank=True,
                                      on_delete=models.PROTECT,
                                      related_name="representations_considered")

    class Meta:
        ordering = ["received_on", "id"]


class SuspensionReview(BaseModel):
    """The AA's review of whether the conditions are still met.

    reviewed_on: the review's date. outcome: continue, lift or convert. reasons: why.
    representations_response: how the representations considered were answered.
    next_review_due: the due date the review set (null when it ended the entry).
    """

    suspension = models.ForeignKey(Suspension, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    reasons = models.TextField(max_length=20000)
    representations_response = models.TextField(blank=True, max_length=20000)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    next_review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["reviewed_on", "id"]
