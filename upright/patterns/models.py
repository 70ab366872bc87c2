"""Repeat-pattern rules (versioned) and the alerts they raise (issue 5; Casey, Carrick).

A rule is a family of immutable versions sharing a `code`: editing a rule writes the next
version and leaves the old ones as they were, so every alert can name exactly the rule text
and parameters that raised it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel


class RuleKind(models.TextChoices):
    CATEGORY_COUNT_WINDOW = "category_count_window", (
        "N or more matters with allegations in given categories within Y years, any outcome")
    COMPLAINT_COUNT_WINDOW = "complaint_count_window", "N or more complaints within M months"
    ALLEGATION_WITH_SCREENING_HIT = "allegation_with_screening_hit", (
        "An allegation together with a screening hit")
    UNCONNECTED_COMPLAINANTS = "unconnected_complainants", (
        "Complaints from K or more unconnected complainants")


class PatternRule(BaseModel):
    """One version of a rule. code: the rule's stable name ("sexual_da_10y"); version: 1, 2,
    ... (each edit adds one); kind: RuleKind, which says how `parameters` are read (validated
    by patterns.rules.definitions); active: whether runs evaluate this rule (a version with
    active False switches the rule off); note: why this version was written. Rows are never
    updated: `save` refuses a change to an existing row."""

    code = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    kind = models.CharField(max_length=40, choices=RuleKind.choices)
    parameters = models.JSONField(default=dict)
    active = models.BooleanField(default=True)
    note = models.TextField(max_length=5000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="pattern_rule_version_once"),
            models.CheckConstraint(condition=Q(version__gte=1), name="pattern_rule_version_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("A rule version is immutable: write a new version instead.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    save.alters_data = True  # type: ignore[attr-defined]


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"  # `error` says why


class RunTrigger(models.TextChoices):
    BULK = "bulk", "Bulk run over the whole history"
    ALLEGATION = "allegation", "New allegation recorded"


class PatternRun(BaseModel):
    """One evaluation of the rules: over everyone (bulk) or over the subjects of a newly
    recorded allegation. The row is the provenance of the alerts it raised. counts: per rule
    code {"flagged": people the rule matched, "raised": new alerts}; timings: seconds per rule;
    trigger_ref: the matter reference that triggered it (allegation runs)."""

    trigger = models.CharField(max_length=12, choices=RunTrigger.choices)
    trigger_ref = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    person_count = models.PositiveIntegerField(null=True, blank=True)  # None: everyone
    counts = models.JSONField(default=dict, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_at", "-id"]


class AlertStatus(models.TextChoices):
    OPEN = "open", "Awaiting a decision"
    ACTED = "acted", "Acted on"
    NO_ACTION = "no_action", "No action (reason recorded)"


class AlertDecision(models.TextChoices):
    ACT = "act", "Act"
    NO_ACTION = "no_action", "No action"


class AlertAction(models.TextChoices):
    """What "act" means: each is the next step the appropriate authority takes."""

    SEVERITY_ASSESSMENT = "severity_assessment", "Refer for severity assessment (PCR reg 14)"
    MANAGEMENT_ACTION = "management_action", "Management action or intervention"
    VETTING_REVIEW = "vetting_review", "Vetting review of the clearance"


class PatternAlert(BaseModel):
    """A rule matched a person. rule: the exact version that raised it; rule_code: the rule's
    family (an alert is never raised twice for the same evidence under one rule, whatever the
    version); evidence: {"matters": [references], "hits": [screening hit ids],
    "complainants": [ids]} as found; evidence_keys: the same as sorted "matter:REF" /
    "hit:ID" / "complainant:ID" strings; fingerprint: SHA-256 of the keys; previous: the
    person's earlier alert under this rule, when new evidence raised this one.
    The decision (appropriate authority): act (with `action`) or no action (reason required)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="pattern_alerts")
    rule = models.ForeignKey(PatternRule, on_delete=models.PROTECT, related_name="alerts")
    rule_code = models.SlugField(max_length=60)
    run = models.ForeignKey(PatternRun, null=True, blank=True, on_delete=models.PROTECT,
                            related_name="alerts")
    evidence = models.JSONField(default=dict)
    evidence_keys = models.JSONField(default=list)
    fingerprint = models.CharField(max_length=64)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    status = models.CharField(max_length=12, choices=AlertStatus.choices,
                              default=AlertStatus.OPEN)
    raised_at = models.DateTimeField()
    decision = models.CharField(max_length=12, choices=AlertDecision.choices, blank=True)
    action = models.CharField(max_length=24, choices=AlertAction.choices, blank=True)
    reason = models.TextField(max_length=5000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    vetting_request_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "rule_code", "fingerprint"],
                                    name="pattern_alert_evidence_once"),
            models.CheckConstraint(
                condition=Q(status="open", decision="") | (
                    Q(status="acted", decision="act") & ~Q(action=""))
                | (Q(status="no_action", decision="no_action") & ~Q(reason="")),
                name="pattern_alert_decision_consistent"),
        ]
        indexes = [
            models.Index(fields=["status", "raised_at"], name="pattern_alert_status"),
            models.Index(fields=["rule_code", "person"], name="pattern_alert_rule_person"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} alert on person {self.person_id}"

    @property
    def is_open(self) -> bool:
        return self.status == AlertStatus.OPEN
