"""Vetting: requests for the vetting unit to review a person's clearance (Vetting Code of
Practice 2023; Police (Vetting) Regulations 2025), clearances and their renewal intervals,
vetting applications, the convictions and cautions register, self-declarations, annual
integrity reviews, randomised re-vetting and policy simulations (uk-process.md §6.1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel


class ReviewSource(models.TextChoices):
    CONDUCT = "conduct", "Conduct matter or outcome"  # misconduct short of dismissal (Code 2023)
    SCREENING = "screening", "Integrity screening hit"
    NOTIFICATION = "notification", "Notification by the person (Vetting Regs 2025 reg 5)"
    OTHER = "other", "Other adverse information"
    CONVICTION = "conviction", "New conviction or caution recorded"
    DECLARATION = "declaration", "Declared association or interest"
    RANDOM = "random", "Randomised re-vetting (APP Vetting)"
    INTEGRITY_REVIEW = "integrity_review", "Annual integrity review referral"
    PATTERN = "pattern", "Repeat-pattern alert"
    CAMPAIGN = "campaign", "Retrospective review campaign"
    WITHDRAWAL = "withdrawal", "Withdrawal assessment appeal upheld: reinstate"


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


# ---- Clearances (uk-process.md §6.1) ------------------------------------------------------


class ClearanceLevel(models.TextChoices):
    RV = "RV", "Recruitment Vetting"
    MV = "MV", "Management Vetting"
    NPPV1 = "NPPV1", "Non-Police Personnel Vetting level 1"
    NPPV2 = "NPPV2", "Non-Police Personnel Vetting level 2"
    NPPV3 = "NPPV3", "Non-Police Personnel Vetting level 3"
    CTC = "CTC", "Counter-Terrorist Check (national security)"
    SC = "SC", "Security Check (national security)"
    SC_E = "SCE", "Enhanced Security Check, SC(e) (national security)"
    DV = "DV", "Developed Vetting (national security)"


NATIONAL_SECURITY_LEVELS = frozenset({ClearanceLevel.CTC, ClearanceLevel.SC, ClearanceLevel.SC_E,
                                      ClearanceLevel.DV})


class ClearanceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"  # past expires_at without renewal (APP: terminated on expiry)
    TERMINATED = "terminated", "Terminated"  # left the force, or no longer required
    WITHDRAWN = "withdrawn", "Withdrawn"  # withdrawal assessment (Vetting Regs 2025 Part 3)


class TerminationReason(models.TextChoices):
    LEFT = "left", "Left the force (Vetting Regs 2025 reg 6)"
    NOT_REQUIRED = "not_required", "No longer required for the post"


class RenewalInterval(BaseModel):
    """Reference data: how long a clearance of `level` lasts before renewal, one row per
    version. The highest version of a level is in force; older versions stay because each
    clearance names the version that set its expiry. verified False: not checked against the
    APP text (uk-process.md §6.1 marks MV and NPPV intervals [U]). legal_basis: the source."""

    level = models.CharField(max_length=6, choices=ClearanceLevel.choices)
    version = models.PositiveIntegerField()
    months = models.PositiveIntegerField()
    verified = models.BooleanField(default=False)
    legal_basis = models.CharField(max_length=300)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["level", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["level", "version"], name="renewalinterval_version"),
            models.CheckConstraint(condition=Q(months__gte=1), name="renewalinterval_months"),
        ]

    def __str__(self) -> str:
        return f"{self.level} v{self.version}: {self.months} months"


class Clearance(BaseModel):
    """One vetting clearance. person: the workforce record; None while the holder is an
    applicant (then `application` names them). granted_at: when granted or last renewed.
    expires_at: the date it lapses (from that day it is no longer valid). renewal_policy: the
    RenewalInterval version that set expires_at. conditions: current conditions, "" if none.
    ended_at/end_reason: when and why it stopped being active. withdrawal_ref: the withdrawal
    assessment that withdrew it. decided_by: the vetting officer who granted or renewed it."""

    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="clearances")
    application = models.ForeignKey("vetting.VettingApplication", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="clearances")
    level = models.CharField(max_length=6, choices=ClearanceLevel.choices)
    status = models.CharField(max_length=10, choices=ClearanceStatus.choices,
                              default=ClearanceStatus.ACTIVE, db_index=True)
    granted_at = models.DateTimeField()
    expires_at = models.DateField(db_index=True)
    renewal_policy = models.ForeignKey(RenewalInterval, on_delete=models.PROTECT,
                                       related_name="+")
    renewals = models.PositiveIntegerField(default=0)
    conditions = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    withdrawal_ref = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["expires_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False)
                                   | Q(application__isnull=False), name="clearance_has_holder"),
            models.UniqueConstraint(fields=["person", "level"],
                                    condition=Q(status="active") & Q(person__isnull=False),
                                    name="clearance_one_active_per_level"),
            models.CheckConstraint(condition=Q(status="active") | Q(ended_at__isnull=False),
                                   name="clearance_ended_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.level} clearance {self.pk} ({self.status})"

    @property
    def renewal_policy_version(self) -> int:
        return self.renewal_policy.version


# ---- Vetting applications (applicants, transferees, re-vetting) ---------------------------


class ApplicationKind(models.TextChoices):
    APPLICANT = "applicant", "Applicant (new recruit)"
    TRANSFEREE = "transferee", "Transferee from another force"
    REVETTING = "revetting", "Re-vetting of a serving person"


class ApplicationStatus(models.TextChoices):
    OPEN = "open", "Open"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"
    DISCONTINUED = "discontinued", "Discontinued"  # e.g. under investigation (APP 3.10.4)


class VettingApplication(BaseModel):
    """A vetting application: who is being vetted, for which level. person: the workforce
    record when there is one (transferees once joined, re-vetting); None for an applicant.
    other_names: previous and alternative names, [[forenames, surname], ...]. postcodes:
    current and previous. decision_notes: why granted, refused or discontinued."""

    kind = models.CharField(max_length=12, choices=ApplicationKind.choices)
    level = models.CharField(max_length=6, choices=ClearanceLevel.choices)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="vetting_applications")
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    other_names = models.JSONField(default=list, blank=True)
    postcodes = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.OPEN, db_index=True)
    checks_run_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(
            condition=~Q(kind="revetting") | Q(person__isnull=False),
            name="vettingapplication_revetting_has_person")]

    def __str__(self) -> str:
        return f"Vetting application {self.pk} ({self.kind}, {self.level})"

    @property
    def ref(self) -> str:
        return f"application:{self.pk}"


class ApplicationFinding(BaseModel):
    """A finding of a pre-decision check (upright.vetting.checks) on an application. check/
    ref/summary/blocking: as the check reported it; (application, check, ref) is unique, so
    re-running the checks does not duplicate. resolution: how a vetting officer resolved a
    blocking finding (required before a grant), with who and when."""

    application = models.ForeignKey(VettingApplication, on_delete=models.CASCADE,
                                    related_name="findings")
    check_name = models.CharField(max_length=40)
    ref = models.CharField(max_length=60)
    summary = models.CharField(max_length=500)
    blocking = models.BooleanField()
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "check_name", "ref"],
                                               name="applicationfinding_once")]

    def __str__(self) -> str:
        return f"{self.check_name}:{self.ref}"


# ---- Convictions and cautions register ------------------------------------------------


class OffenceCategory(models.TextChoices):
    MOTORING = "motoring", "Motoring"
    DISHONESTY = "dishonesty", "Dishonesty"
    VIOLENCE = "violence", "Violence"
    SEXUAL = "sexual", "Sexual"
    DRUGS = "drugs", "Drugs"
    OTHER = "other", "Other"


class Disposal(models.TextChoices):
    CONVICTION = "conviction", "Conviction"
    CAUTION = "caution", "Simple caution"
    CONDITIONAL_CAUTION = "conditional_caution", "Conditional caution"
    FIXED_PENALTY = "fixed_penalty", "Fixed penalty notice"
    PENALTY_NOTICE = "penalty_notice", "Penalty notice for disorder"
    REPRIMAND = "reprimand", "Youth reprimand or warning"
    OTHER = "other", "Other out-of-court disposal"


class ConvictionSource(models.TextChoices):
    SELF_DECLARED = "self_declared", "Declared by the person"
    PNC = "pnc", "Police National Computer check"
    COURT = "court", "Court or CPS notification"
    OTHER_FORCE = "other_force", "Another force"
    OTHER = "other", "Other"


class ConvictionRecord(BaseModel):
    """One conviction or caution of a member of the workforce. minor: a minor offence as
    assessed by the vetting officer (e.g. a speeding fixed penalty), which a policy may
    exempt. while_serving: derived when recorded from the person's start/end dates (the
    offence date fell inside their service); kept as a column so policy simulations filter
    on it in the database. source/source_ref: where the record came from."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="conviction_records")
    offence_category = models.CharField(max_length=12, choices=OffenceCategory.choices)
    offence_date = models.DateField()
    disposal = models.CharField(max_length=20, choices=Disposal.choices)
    minor = models.BooleanField(default=False)
    description = models.CharField(max_length=300)
    while_serving = models.BooleanField()
    source = models.CharField(max_length=14, choices=ConvictionSource.choices)
    source_ref = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-offence_date", "-id"]
        indexes = [models.Index(fields=["person", "offence_category"])]

    def __str__(self) -> str:
        return f"{self.get_offence_category_display()} {self.get_disposal_display()} ({self.pk})"


# ---- Self-declarations and annual integrity review (APP Appendix B) -----------------------


class DeclarationKind(models.TextChoices):
    ASSOCIATION = "association", "Association"
    BUSINESS_INTEREST = "business_interest", "Business interest"
    SECONDARY_EMPLOYMENT = "secondary_employment", "Secondary employment"


class AssociationType(models.TextChoices):
    CRIMINAL_RECORD = "criminal_record", "A person with a criminal record"
    JOURNALIST = "journalist", "A journalist"
    PRIVATE_INVESTIGATOR = "private_investigator", "A private investigator"
    ORGANISED_CRIME = "organised_crime", "A person linked to organised crime"
    OTHER = "other", "Other notifiable association"


class DeclarationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted, awaiting assessment"
    ACCEPTED = "accepted", "Accepted"
    ACCEPTED_WITH_CONDITIONS = "accepted_with_conditions", "Accepted with conditions"
    REFERRED = "referred", "Referred for vetting review"


class Declaration(BaseModel):
    """A self-declaration by a member of the workforce (Vetting Regs 2025 reg 5: "promptly
    notify"). association_type: only for associations. subject: whom or what it is about
    (a name, a company). conditions: set when accepted with conditions. review_request: the
    vetting review it raised (an association raises one at once; others on referral)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="declarations")
    kind = models.CharField(max_length=20, choices=DeclarationKind.choices)
    association_type = models.CharField(max_length=22, choices=AssociationType.choices,
                                        blank=True)
    subject = models.CharField(max_length=200)
    details = models.TextField()
    status = models.CharField(max_length=26, choices=DeclarationStatus.choices,
                              default=DeclarationStatus.SUBMITTED, db_index=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessment_notes = models.TextField(blank=True)
    conditions = models.TextField(blank=True)
    review_request = models.ForeignKey(VettingReviewRequest, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(kind="association", association_type__gt="")
            | (~Q(kind="association") & Q(association_type="")),
            name="declaration_association_type")]

    def __str__(self) -> str:
        return f"Declaration {self.pk} ({self.kind}, {self.status})"


class IntegrityQuestion(BaseModel):
    """Reference data: one question of the annual integrity review (APP Vetting Appendix B;
    the wording is ours, not verified against the APP text). Inactive questions stay so old
    reviews still read."""

    code = models.CharField(max_length=40, unique=True)
    text = models.CharField(max_length=400)
    position = models.PositiveIntegerField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.code


class IntegrityOutcome(models.TextChoices):
    SATISFACTORY = "satisfactory", "Satisfactory"
    ACTIONS_AGREED = "actions_agreed", "Satisfactory with actions agreed"
    REFER_FOR_REVIEW = "refer_for_review", "Refer for vetting review"


class IntegrityReview(BaseModel):
    """The annual integrity review of one person for one year (APP Appendix B). answers:
    [{"code", "question", "answer"}] as asked (the question text is copied, so later edits
    to the questions do not rewrite it). reviewer: the line manager or vetting officer who
    held it. review_request: raised when the outcome is a referral."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="integrity_reviews")
    year = models.PositiveIntegerField()
    answers = models.JSONField(default=list)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=IntegrityOutcome.choices)
    notes = models.TextField(blank=True)
    completed_at = models.DateTimeField()
    review_request = models.ForeignKey(VettingReviewRequest, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "year"],
                                               name="integrityreview_once_a_year")]

    def __str__(self) -> str:
        return f"Integrity review {self.year} ({self.outcome})"


# ---- Randomised re-vetting (APP Vetting 2024-25: mandatory) -----------------------------


class RevettingRate(BaseModel):
    """Reference data: one version of the randomised re-vetting rate (the latest applies).
    percent: the share of the eligible population drawn each time. interval_days: the daily
    job draws only when the last draw is at least this old. verified: False, the APP sets no
    figure we have checked."""

    percent = models.DecimalField(max_digits=5, decimal_places=2)
    interval_days = models.PositiveIntegerField()
    verified = models.BooleanField(default=False)
    notes = models.CharField(max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(percent__gt=0) & Q(percent__lte=100),
                                              name="revettingrate_percent")]

    def __str__(self) -> str:
        return f"{self.percent}% every {self.interval_days} days"


class RevettingDraw(BaseModel):
    """One randomised re-vetting draw. seed: the random seed (the same seed over the same
    eligible population gives the same sample). eligible: how many could be picked.
    person_ids: who was picked, in draw order. rate: the RevettingRate in force."""

    seed = models.BigIntegerField()
    rate = models.ForeignKey(RevettingRate, on_delete=models.PROTECT, related_name="+")
    eligible = models.PositiveIntegerField()
    person_ids = models.JSONField(default=list)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Re-vetting draw {self.pk} (seed {self.seed})"


# ---- Policy simulation ------------------------------------------------------------------


class PolicySimulation(BaseModel):
    """A saved run of a proposed rule over the register. rule: the validated filter as run.
    workforce/affected: headcounts. breakdown: {"rank": [...], "unit": [...],
    "ethnic_group": [...]} rows of {key, label, workforce, affected, rate_per_1000}."""

    name = models.CharField(max_length=200)
    rule = models.JSONField()
    as_of = models.DateField()
    workforce = models.PositiveIntegerField()
    affected = models.PositiveIntegerField()
    breakdown = models.JSONField(default=dict)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Simulation {self.pk}: {self.name}"
