"""Public complaints (PRA 2002 Sch 3; CMR 2020): complainants and the matters they are linked
to, the log of updates they were given (CMR Part 4), the outcome and any review."""

from django.conf import settings
from django.db import models

from upright.conduct.choices import (
    AgeBand,
    ComplainantRole,
    ComplaintTrack,
    ContactMethod,
    ReviewBody,
    ReviewConsequence,
    ReviewDecision,
)
from upright.conduct.models import Matter
from upright.core.models import BaseModel
from upright.people.choices import Ethnicity, Sex


class ComplaintOutcomeCategory(BaseModel):
    """Complaint outcome headings of the IOPC data guidance (uk-process.md §3.3): reference
    data, unverified [U], so an administrator can change them. service_acceptable: what the
    heading says about the service (null: not a finding on it)."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    service_acceptable = models.BooleanField(null=True, blank=True)
    verified = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "complaint outcome categories"

    def __str__(self) -> str:
        return self.name


class Complainant(BaseModel):
    """A member of the public who complains (one record across channels and matters).

    preferred_contact: how they want updates (CMR Part 4). ethnicity (2021 Census), sex and
    age_band are self-described and optional, for the IOPC statistics only.
    source_report_reference: the intake report they first came through, if any.
    """

    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(max_length=1000, blank=True)
    preferred_contact = models.CharField(max_length=12, choices=ContactMethod.choices)
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, blank=True)
    sex = models.CharField(max_length=12, choices=Sex.choices, blank=True)
    age_band = models.CharField(max_length=12, choices=AgeBand.choices, blank=True)
    source_report_reference = models.CharField(max_length=40, blank=True, db_index=True)

    def __str__(self) -> str:
        return self.name


class ComplainantLink(BaseModel):
    """A complainant (or an interested person, PRA s.21) on a complaint matter."""

    complainant = models.ForeignKey(Complainant, on_delete=models.PROTECT, related_name="links")
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="complainant_links")
    role = models.CharField(max_length=20, choices=ComplainantRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["complainant", "matter"],
                                               name="complainant_once_per_matter")]


class ComplainantContact(BaseModel):
    """One update given to a complainant (CMR regs 33-35): at which stage, when, how, what.

    complainant: null when no complainant is linked yet (the update is still logged).
    letter: the full text of a letter sent (the outcome letter), if any.
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="contacts")
    complainant = models.ForeignKey(Complainant, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="contacts")
    stage = models.CharField(max_length=40)
    action = models.CharField(max_length=40)
    occurred_at = models.DateTimeField(db_index=True)
    method = models.CharField(max_length=12, choices=ContactMethod.choices, blank=True)
    summary = models.TextField(max_length=20000)
    letter = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                              related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]


class ComplaintOutcome(BaseModel):
    """The outcome of a complaint: resolved outside Sch 3, handled otherwise (para 6), or
    determined on the investigation report (paras 24-24A). actions_taken: "putting the issue
    right and preventing it from happening again". rprp: referred to reflective practice."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="complaint_outcomes")
    track = models.CharField(max_length=40, choices=ComplaintTrack.choices)
    category = models.ForeignKey(ComplaintOutcomeCategory, on_delete=models.PROTECT)
    actions_taken = models.TextField(max_length=20000, blank=True)
    rprp = models.BooleanField(default=False)
    rationale = models.TextField(max_length=20000)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()


class ComplaintReview(BaseModel):
    """An application for a review (CMR reg 29) and its decision (Sch 3 paras 6A, 25-28).

    received_on: when the relevant review body had it; received_by_wrong_body_on: when another
    body had it first (that time does not count, reg 29(3)); last_day: the 28th day.
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="reviews")
    received_on = models.DateField()
    received_by_wrong_body_on = models.DateField(null=True, blank=True)
    last_day = models.DateField()
    body = models.CharField(max_length=24, choices=ReviewBody.choices)
    body_reason = models.CharField(max_length=300)
    grounds = models.TextField(max_length=20000)
    decision = models.CharField(max_length=12, choices=ReviewDecision.choices, blank=True)
    consequence = models.CharField(max_length=20, choices=ReviewConsequence.choices, blank=True)
    recommendations = models.TextField(max_length=20000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
