"""Withdrawal assessments under the Police (Vetting) Regulations 2025 (SI 2025/502, Part 3;
uk-process.md §6.2), and the records each step leaves: notices, representatives,
interviews, representations and the status history."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel
from upright.vetting.withdrawal.states import CloseReason, WithdrawalStatus


class TriggerKind(models.TextChoices):
    ADVERSE_INFORMATION = "adverse_information", "Adverse information"
    # PCR reg 14(2)(aa), from 28 May 2025: a severity assessment routed to the Vetting Regs.
    SEVERITY_ASSESSMENT = "severity_assessment", "Severity-assessment referral (PCR reg 14(2)(aa))"
    RE_VETTING = "re_vetting", "Re-vetting"
    REVIEW_REQUEST = "review_request", "Vetting review request"


class Decision(models.TextChoices):
    RETAIN = "retain", "Retain clearance"
    RETAIN_WITH_CONDITIONS = "retain_with_conditions", "Retain with conditions [U]"
    WITHDRAW = "withdraw", "Withdraw clearance"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld: clearance reinstated, dismissal reversed"
    DISMISSED = "dismissed", "Dismissed"


class LeftHow(models.TextChoices):
    RESIGNED = "resigned", "Resigned"
    RETIRED = "retired", "Retired"


class HarmGround(models.TextChoices):
    """Why information is withheld from the officer (reg 8 harm test); the grounds follow
    the conduct harm test (uk-process.md §9 harm_test_ground), [U] for the Vetting Regs."""

    CRIMINAL_PROCEEDINGS = "a_criminal_proceedings", "Prejudice to criminal proceedings"
    NATIONAL_SECURITY = "b_national_security", "National security"
    CRIME_PREVENTION = "c_crime_prevention", "Prevention or detection of crime"
    MISCONDUCT_PREVENTION = "d_misconduct_prevention", "Prevention or detection of misconduct"
    DISPROPORTIONATE_EFFORT = "e_disproportionate_effort", "Disproportionate effort"
    INFORMANT_SAFETY = "f_informant_witness_safety", "Safety of an informant or witness"
    PUBLIC_INTEREST = "g_public_interest", "Otherwise in the public interest"


class WithdrawalStepRule(BaseModel):
    """How many working days a step allows, as reference data an administrator edits: the
    Regulations' Part 3 time limits were not read ([U], uk-process.md §6.2), so none is a
    constant. code: the step (see STEP_*). verified: checked against the regulation text."""

    REPRESENTATIONS = "representations"  # from the invitation to the last day for them
    DECISION = "decision"  # from referral for decision to the decision
    APPEAL = "appeal"  # from the decision notice to the last day to appeal to the panel
    PAT = "pat"  # from the panel's outcome to the last day to appeal to the PAT
    INFO_GATHERING = "info_gathering"  # from the notice to the end of information gathering

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=200)
    working_days = models.PositiveIntegerField()
    verified = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]
        constraints = [models.CheckConstraint(condition=Q(working_days__gte=1),
                                              name="withdrawalsteprule_days_positive")]

    def __str__(self) -> str:
        return f"{self.name} ({self.working_days} working days)"


class WithdrawalAssessmentQuerySet(models.QuerySet["WithdrawalAssessment"]):
    def open(self) -> "WithdrawalAssessmentQuerySet":
        return self.exclude(status=WithdrawalStatus.CLOSED)


class WithdrawalAssessment(BaseModel):
    """One withdrawal assessment of `person`'s clearance.

    reference: "VW-..." (readable over the phone). trigger_kind/trigger_ref/trigger_summary:
    why it was opened; review_request: the vetting review that opened it, if any.
    clearance_id: the vetting clearance under assessment (a vetting.Clearance id).
    assessor: the vetting officer who carries it out; the decision maker may not be them.
    due_step/due_on: the step now running and its due date (WithdrawalStepRule).
    decision*: V4, with reasons and the reg 8 harm test. dismissed_on: V5, the date of
    dismissal without notice; employment_left_recorded: the person's employment was set to
    left through upright.people. appeal_*/pat_*: the two appeal stages. left_how/left_on:
    resignation or retirement before the end (APP 6.2.2). close_reason/closed_at: V8.
    """

    reference = models.CharField(max_length=40, unique=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="withdrawal_assessments")
    status = models.CharField(max_length=20, choices=WithdrawalStatus.choices,
                              default=WithdrawalStatus.TRIGGER, db_index=True)
    trigger_kind = models.CharField(max_length=30, choices=TriggerKind.choices)
    trigger_ref = models.CharField(max_length=60, blank=True)
    trigger_summary = models.TextField(max_length=20000)
    review_request = models.OneToOneField("vetting.VettingReviewRequest", null=True, blank=True,
                                          on_delete=models.PROTECT,
                                          related_name="withdrawal_assessment")
    clearance_id = models.PositiveIntegerField(null=True, blank=True)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    due_step = models.CharField(max_length=40, blank=True)
    due_on = models.DateField(null=True, blank=True, db_index=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decision_conditions = models.TextField(blank=True, max_length=20000)
    decision_reasons = models.TextField(blank=True, max_length=20000)
    harm_test_applied = models.BooleanField(default=False)
    harm_test_grounds = models.JSONField(default=list, blank=True)
    harm_test_reasons = models.TextField(blank=True, max_length=20000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    dismissed_on = models.DateField(null=True, blank=True)
    employment_left_recorded = models.BooleanField(default=False)
    appeal_lodged_on = models.DateField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=10, choices=AppealOutcome.choices, blank=True)
    appeal_decided_on = models.DateField(null=True, blank=True)
    appeal_reasons = models.TextField(blank=True, max_length=20000)
    pat_lodged_on = models.DateField(null=True, blank=True)
    pat_outcome = models.CharField(max_length=10, choices=AppealOutcome.choices, blank=True)
    pat_decided_on = models.DateField(null=True, blank=True)
    pat_reasons = models.TextField(blank=True, max_length=20000)
    left_how = models.CharField(max_length=10, choices=LeftHow.choices, blank=True)
    left_on = models.DateField(null=True, blank=True)
    close_reason = models.CharField(max_length=30, choices=CloseReason.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = WithdrawalAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(close_reason=""))
                | (~Q(status="closed") & Q(close_reason="")),
                name="withdrawal_closed_has_reason"),
            models.CheckConstraint(condition=Q(decision="") | ~Q(decision_reasons=""),
                                   name="withdrawal_decision_has_reasons"),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("assessor")),
                name="withdrawal_decider_not_assessor"),
        ]

    def __str__(self) -> str:
        return f"Withdrawal assessment {self.reference} ({self.status})"


class NoticeKind(models.TextChoices):
    ASSESSMENT = "assessment", "Withdrawal assessment notice"
    DECISION = "decision", "Decision notice"


class ServiceMethod(models.TextChoices):
    IN_PERSON = "in_person", "By hand"
    EMAIL = "email", "By email"
    POST = "post", "By post"


class WithdrawalNotice(BaseModel):
    """A notice served on the officer. served_at: when; service_method: how."""

    assessment = models.ForeignKey(WithdrawalAssessment, on_delete=models.PROTECT,
                                   related_name="notices")
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    served_at = models.DateTimeField()
    service_method = models.CharField(max_length=10, choices=ServiceMethod.choices)
    summary = models.TextField(max_length=20000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["served_at", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "kind"],
                                               name="withdrawalnotice_once_per_kind")]


class RepresentativeKind(models.TextChoices):
    POLICE_FRIEND = "police_friend", "Police friend (reg 9)"
    LEGAL = "legal", "Legal representative (reg 10)"


class WithdrawalRepresentative(BaseModel):
    """Who accompanies or represents the officer (regs 9 and 10)."""

    assessment = models.ForeignKey(WithdrawalAssessment, on_delete=models.PROTECT,
                                   related_name="representatives")
    kind = models.CharField(max_length=16, choices=RepresentativeKind.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["created_at", "id"]


class WithdrawalInterview(BaseModel):
    """An interview held during information gathering (V2)."""

    assessment = models.ForeignKey(WithdrawalAssessment, on_delete=models.PROTECT,
                                   related_name="interviews")
    held_on = models.DateField()
    notes = models.TextField(max_length=20000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["held_on", "id"]


class WithdrawalRepresentation(BaseModel):
    """Representations received from the officer or their representative (V3)."""

    assessment = models.ForeignKey(WithdrawalAssessment, on_delete=models.PROTECT,
                                   related_name="representations")
    received_on = models.DateField()
    made_by = models.CharField(max_length=200)
    summary = models.TextField(max_length=20000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["received_on", "id"]


class WithdrawalStatusChange(BaseModel):
    """One move through the state table, in order."""

    assessment = models.ForeignKey(WithdrawalAssessment, on_delete=models.PROTECT,
                                   related_name="status_changes")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=WithdrawalStatus.choices)
    to_status = models.CharField(max_length=20, choices=WithdrawalStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True, max_length=20000)

    class Meta:
        ordering = ["created_at", "id"]
