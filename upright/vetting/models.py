"""Vetting: requests for the vetting unit to review a person's clearance (Vetting Code of
Practice 2023; Police (Vetting) Regulations 2025). Clearances and withdrawal assessments are
built on this later (issue 5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel


class ReviewSource(models.TextChoices):
    CONDUCT = "conduct", "Conduct matter or outcome"  # misconduct short of dismissal (Code 2023)
    SCREENING = "screening", "Integrity screening hit"
    NOTIFICATION = "notification", "Notification by the person (Vetting Regs 2025 reg 5)"
    OTHER = "other", "Other adverse information"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_REVIEW = "in_review", "In review"
    CLOSED = "closed", "Closed"


class ReviewOutcome(models.TextChoices):
    CLEARANCE_RETAINED = "clearance_retained", "Clearance retained"
    RETAINED_WITH_CONDITIONS = "retained_with_conditions", "Retained with conditions"  # [U]
    WITHDRAWAL_ASSESSMENT = "withdrawal_assessment", "Withdrawal assessment opened (Part 3)"
    NO_CLEARANCE_HELD = "no_clearance_held", "No clearance held: nothing to review"


class VettingReviewRequest(BaseModel):
    """One request to review `person`'s clearance because of `source_kind`/`source_ref` (e.g.
    "conduct" / a matter reference). reason: why, in the requester's words. assigned_to: the
    vetting officer who took it. outcome/outcome_notes/closed_at: the result of the review."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="vetting_review_requests")
    source_kind = models.CharField(max_length=20, choices=ReviewSource.choices)
    source_ref = models.CharField(max_length=60)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=ReviewStatus.choices,
                              default=ReviewStatus.OPEN, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=30, choices=ReviewOutcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "source_kind", "source_ref"],
                                    name="vettingreview_once_per_source"),
            models.CheckConstraint(condition=~Q(status="closed") | ~Q(outcome=""),
                                   name="vettingreview_closed_has_outcome"),
        ]

    def __str__(self) -> str:
        return f"Vetting review {self.source_kind}:{self.source_ref} ({self.status})"
