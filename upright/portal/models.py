"""The commitments tracker: public promises (a review's recommendations) and how each is going.

Commitment: one promise, with who owns it, when it is due and the evidence of progress.
CommitmentStatusChange: the append-only history of its status, each with its evidence.
"""

from django.conf import settings
from django.db import models

from upright.core.models import BaseModel


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DELIVERED = "delivered", "Delivered"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class Commitment(BaseModel):
    """reference: stable public key (e.g. "casey-final-3"). source: the report it comes from.
    owner: the post accountable for it (a role, not a named person). evidence: the latest
    public evidence, as text; evidence_url: a link to it."""

    reference = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    owner = models.CharField(max_length=200)
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=CommitmentStatus.choices,
                              default=CommitmentStatus.NOT_STARTED)
    evidence = models.TextField(blank=True, default="")
    evidence_url = models.URLField(blank=True, default="")

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class CommitmentStatusChange(BaseModel):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=CommitmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=CommitmentStatus.choices)
    note = models.TextField()
    evidence_url = models.URLField(blank=True, default="")
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["commitment_id", "changed_at", "id"]
