"""Complaints and conduct matters, their allegations, decisions, history and deadlines."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.conduct.choices import (
    AppealDecision,
    CaseToAnswer,
    ComplaintTrack,
    DisciplinaryAction,
    Finding,
    InvestigationMode,
    MatterKind,
    PanelRole,
    ProceedingsForm,
    Regime,
    ReviewBody,
    ServiceMethod,
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

    Recorded steps the state table's guards read (details live in the step tables below):
    former_officer: the officer has left (Part 3A, SI 2025/558). reg17_served_at: the reg 17
    notice was served (reg 20(2)). special_conditions: "" | "stated" (reg 21(3) statement awaits
    the AA) | "met" | "not_met" (reg 49). proceedings_form: the form decided under reg 23 (or
    Part 3A). documents_to_chair_at: reg 32 documents supplied. paused_from_status: the state a
    reg 10 delay left, to resume to.
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
    # db_default: the demo's bulk seeding inserts rows without naming these columns.
    former_officer = models.BooleanField(default=False, db_default=False)
    reg17_served_at = models.DateTimeField(null=True, blank=True)
    special_conditions = models.CharField(max_length=10, blank=True, default="", db_default="")
    proceedings_form = models.CharField(
        max_length=10, choices=ProceedingsForm.choices, blank=True, default="", db_default=""
    )
    documents_to_chair_at = models.DateTimeField(null=True, blank=True)
    paused_from_status = models.CharField(max_length=40, blank=True, default="", db_default="")
    # Public complaints (PRA 2002 Sch 3; CMR 2020): the track; whether special procedures apply
    # (CMR regs 16-22); the facts the reg 32 review body turns on ((b) the AA could not be
    # satisfied the conduct would not justify proceedings or infringe Art 2/3; (d) the DG treats
    # it as referred under para 4A(1); (e) the matter from the same incident); the outcome
    # category; when the complainant was given the outcome (reg 29(2): the review clock); the
    # review body and why; the IOPC's lead investigator (para 19).
    complaint_track = models.CharField(max_length=40, choices=ComplaintTrack.choices,
                                       blank=True, default="", db_default="")
    special_procedures = models.BooleanField(default=False, db_default=False)
    reg32_aa_not_satisfied = models.BooleanField(default=False, db_default=False)
    para4a_treated_as_referred = models.BooleanField(default=False, db_default=False)
    same_incident_reference = models.CharField(max_length=40, blank=True, default="",
                                               db_default="")
    complaint_outcome = models.CharField(max_length=40, blank=True, default="", db_default="")
    complainant_notified_at = models.DateTimeField(null=True, blank=True)
    review_body = models.CharField(max_length=24, choices=ReviewBody.choices, blank=True,
                                   default="", db_default="")
    review_body_reason = models.CharField(max_length=300, blank=True, default="", db_default="")
    iopc_investigator = models.CharField(max_length=200, blank=True, default="", db_default="")

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


class ServedNotice(BaseModel):
    """A written notice served on the officer (regs 17, 30, 43, 51): when and how.

    deemed_served_at: when service counts (reg 9 as amended by SI 2025/558 for email).
    """

    class Kind(models.TextChoices):
        REG17 = "reg17", "Reg 17 notice (investigation)"
        REG30 = "reg30", "Reg 30 notice of referral"
        REG51 = "reg51", "Reg 51 notice (accelerated misconduct hearing)"
        OUTCOME = "outcome", "Reg 43 outcome notice"
        RPRP = "rprp", "Notice of referral to RPRP"

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="served_notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    served_at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=ServiceMethod.choices)
    deemed_served_at = models.DateTimeField()
    details = models.JSONField(default=dict, blank=True)


class Interview(BaseModel):
    """A reg 20 interview: the specified time, any alternative the officer proposed (within
    5 WD, reg 20(4)-(5)), the place, and when it was held."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="interviews")
    specified_at = models.DateTimeField()
    alternative_at = models.DateTimeField(null=True, blank=True)
    place = models.CharField(max_length=300)
    held_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)


class CaseDecision(BaseModel):
    """The reg 23 determination (or the Part 3A decision for a former officer).

    reg42_basis: why a misconduct case may go to a hearing (reg 42(5)/(6)); severity_on: the
    date of the severity assessment that reg 42(5) is judged at.
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="case_decisions")
    decision = models.CharField(max_length=20, choices=CaseToAnswer.choices)
    proceedings = models.BooleanField()
    form = models.CharField(max_length=10, choices=ProceedingsForm.choices, blank=True)
    reg42_basis = models.CharField(max_length=24, blank=True)
    severity_on = models.DateField(null=True, blank=True)
    rationale = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()


class Proceedings(BaseModel):
    """A misconduct meeting, hearing or AMH once referred: the officer's reg 31 response,
    the pre-hearing, the date and venue, and any reg 48 agreement to shorten AMH periods."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="proceedings")
    form = models.CharField(max_length=10, choices=ProceedingsForm.choices)
    response = models.CharField(max_length=10, blank=True)  # "accept" | "deny" (reg 31(2))
    response_at = models.DateTimeField(null=True, blank=True)
    pre_hearing_on = models.DateField(null=True, blank=True)
    scheduled_on = models.DateField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    reduction_agreement = models.TextField(blank=True)  # reg 48


class PanelMember(BaseModel):
    """One member of a hearing panel with their role, valid for the hearing date (reg 28)."""

    proceedings = models.ForeignKey(Proceedings, on_delete=models.CASCADE, related_name="panel")
    role = models.CharField(max_length=24, choices=PanelRole.choices)
    name = models.CharField(max_length=200)


class Outcome(BaseModel):
    """The outcome for one officer (regs 41-43): the most serious finding, the disciplinary
    action (effective from notification, reg 42(4)), any RPRP direction (reg 42(1)(b))."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="outcomes")
    subject = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    forum = models.CharField(max_length=10, choices=ProceedingsForm.choices)
    finding = models.CharField(max_length=20, choices=Finding.choices)
    disciplinary_action = models.CharField(max_length=32, choices=DisciplinaryAction.choices)
    rprp_directed = models.BooleanField(default=False)
    concluded_on = models.DateField()
    notified_at = models.DateTimeField(null=True, blank=True)
    superseded = models.BooleanField(default=False)  # replaced on appeal

    class Meta:
        indexes = [models.Index(fields=["subject", "disciplinary_action"], name="outcome_subject")]


class AllegationFinding(BaseModel):
    """The finding on one allegation (reg 41)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="findings")
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="+")
    finding = models.CharField(max_length=20, choices=Finding.choices)


class Appeal(BaseModel):
    """An appeal from a meeting (reg 45, grounds a-c) or to the PAT, and its decision."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(max_length=10)  # "meeting" | "pat"
    grounds = models.JSONField(default=list, blank=True)
    lodged_on = models.DateField()
    decision = models.CharField(max_length=10, choices=AppealDecision.choices, blank=True)
    substituted_action = models.CharField(max_length=32, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)


class RprpReport(BaseModel):
    """The Reflective Review Development Report (PCR reg 70(1)(a)-(f)) and its review.

    key_actions: [{"action": str, "period": str}] (reg 70(1)(c)).
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="rprp_reports")
    issue_summary = models.TextField()  # (a)
    discussion_summary = models.TextField()  # (b)
    key_actions = models.JSONField(default=list)  # (c)
    officer_lessons = models.TextField()  # (d)
    organisation_lessons = models.TextField()  # (e)
    review_date = models.DateField()  # (f)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_notes = models.TextField(blank=True)


from upright.conduct.models_complaints import (  # noqa: E402  (the complaint models)
    Complainant,
    ComplainantContact,
    ComplainantLink,
    ComplaintOutcome,
    ComplaintOutcomeCategory,
    ComplaintReview,
)

__all__ = [
    "Allegation", "AllegationCategory", "AllegationFinding", "Appeal", "CaseDecision",
    "Complainant", "ComplainantContact", "ComplainantLink", "ComplaintOutcome",
    "ComplaintOutcomeCategory", "ComplaintReview", "Deadline", "DeadlineRule", "Interview",
    "Matter", "MatterStatusChange", "Outcome", "PanelMember", "Proceedings", "ReferralCheck",
    "RprpReport", "ServedNotice", "SeverityAssessment",
]
