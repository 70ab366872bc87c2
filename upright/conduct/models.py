"""Complaints and conduct matters, their allegations, decisions, history and deadlines."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.conduct.choices import (
    InvestigationMode,
    MatterKind,
    Regime,
    SeverityLevel,
    SeverityRoute,
    Standard,
)
from upright.conduct.states import CLOSED_STATES, MatterStatus
from upright.core.models import BaseModel


class AllegationCategory(BaseModel):
    """IOPC allegation category (reference data, uk-process.md §7.3, unverified [U]).

    code: "F1"; group: the letter "F"; active: whether new allegations may use it.
    """

    code = models.CharField(max_length=8, unique=True)
    group = models.CharField(max_length=1)
    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "allegation categories"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DeadlineRule(BaseModel):
    """A statutory period, as data: "the law is data". Unverified rules stay admin-editable.

    unit/amount: the period length; legal_basis: the regulation it comes from; verified: checked
    against the regulation text.
    """

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "Working days (England and Wales)"
        CALENDAR_DAYS = "calendar_days", "Calendar days"
        MONTHS = "months", "Months"

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=200)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    amount = models.PositiveIntegerField()
    verified = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.amount} {self.unit})"


class MatterQuerySet(models.QuerySet["Matter"]):
    def open(self) -> "MatterQuerySet":
        return self.exclude(status__in=CLOSED_STATES)

    def closed(self) -> "MatterQuerySet":
        return self.filter(status__in=CLOSED_STATES)


class Matter(BaseModel):
    """A complaint or conduct matter.

    reference: "M-XXXX-XXXX-XXXX-C". status: MatterStatus. version: bumped on every transition
    (optimistic concurrency). regime: the regulations in force when it came to attention.
    came_to_attention_at: starts the 12-month clock (PCR reg 19, CMR reg 13).
    source_report_reference: the intake report it came from, if any. compartment: the code of
    the need-to-know compartment it sits in ("" = none). severity_level/route: the latest reg 14
    assessment. investigation_mode: the IOPC's decision on the form (Sch 3 para 15), if referred.
    investigator: appointed under reg 15. closed_at: when it last closed.
    """

    reference = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=32, choices=MatterKind.choices)
    status = models.CharField(max_length=40, choices=MatterStatus.choices, db_index=True)
    version = models.PositiveIntegerField(default=1)
    regime = models.CharField(max_length=20, choices=Regime.choices)
    came_to_attention_at = models.DateTimeField(db_index=True)
    summary = models.TextField(max_length=20000)
    source_report_reference = models.CharField(max_length=40, blank=True, db_index=True)
    compartment = models.CharField(max_length=40, blank=True, default="")
    severity_level = models.CharField(max_length=40, choices=SeverityLevel.choices, blank=True)
    severity_route = models.CharField(max_length=20, choices=SeverityRoute.choices, blank=True)
    investigation_mode = models.CharField(
        max_length=12, choices=InvestigationMode.choices, blank=True
    )
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="matters_investigating",
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["status", "came_to_attention_at"], name="matter_status_attn"),
            models.Index(fields=["compartment"], name="matter_compartment"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="matter_version_positive"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATES


class Allegation(BaseModel):
    """One allegation against one person: the standard allegedly breached and its category."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="allegations")
    subject = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="allegations"
    )
    standard = models.CharField(max_length=40, choices=Standard.choices)
    category = models.ForeignKey(AllegationCategory, on_delete=models.PROTECT)
    description = models.TextField(blank=True, max_length=20000)

    class Meta:
        indexes = [models.Index(fields=["subject", "matter"], name="allegation_subject_matter")]


class MatterStatusChange(models.Model):
    """One step of a matter's history: who moved it, from what, to what, and why."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40)
    action = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} ({self.action})"


class ReferralCheck(BaseModel):
    """The recordability and IOPC referral decision (CMR regs 4, 7; Sch 3 paras 4, 13).

    criteria: ReferralCriterion codes that apply. mandatory: any mandatory criterion applies.
    refer: the matter was referred (mandatory, or voluntary under para 4(2)).
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="referral_checks")
    criteria = models.JSONField(default=list, blank=True)
    mandatory = models.BooleanField()
    refer = models.BooleanField()
    rationale = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()


class SeverityAssessment(BaseModel):
    """A reg 14 severity assessment. The latest one is copied onto the matter."""

    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="severity_assessments"
    )
    level = models.CharField(max_length=40, choices=SeverityLevel.choices)
    route = models.CharField(max_length=20, choices=SeverityRoute.choices)
    rationale = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()


class Deadline(BaseModel):
    """A statutory deadline on a matter, computed from a DeadlineRule when it was triggered.

    name/legal_basis/verified are copied from the rule, so a later edit of the rule does not
    rewrite history. satisfied_at: when the step was done (null = still due).
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="deadlines")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=200)
    trigger_date = models.DateField()
    due_date = models.DateField(db_index=True)
    satisfied_at = models.DateTimeField(null=True, blank=True)
    verified = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "code", "trigger_date"], name="deadline_once_per_trigger"
            ),
        ]
        indexes = [
            models.Index(fields=["satisfied_at", "due_date"], name="deadline_open_due"),
        ]
