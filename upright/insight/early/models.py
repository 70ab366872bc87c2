"""Early intervention: model versions with their evaluation and fairness audit, the scores
they gave, and the interventions supervisors recorded. A score is advice to a supervisor,
never a decision: nothing in Upright acts on a score by itself."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel
from upright.insight.early import audit_events  # noqa: F401  (registers actions)


class FairnessTolerance(BaseModel):
    """Reference data an administrator can change (not verified against any regulation): the
    largest allowed ratio between the highest and lowest group rate, the smallest group that
    is gated, and the fewest positives a group needs for its false-negative rate to be gated
    (smaller groups are reported, their rates being noise)."""

    code = models.CharField(max_length=40, unique=True, default="default")
    max_fpr_ratio = models.FloatField(default=2.0)
    max_fnr_ratio = models.FloatField(default=1.5)
    min_group_size = models.PositiveIntegerField(default=100)
    min_group_positives = models.PositiveIntegerField(default=30)

    def __str__(self) -> str:
        return f"{self.code}: FPR x{self.max_fpr_ratio}, FNR x{self.max_fnr_ratio}"

    def as_dict(self) -> dict[str, float]:
        return {"max_fpr_ratio": self.max_fpr_ratio, "max_fnr_ratio": self.max_fnr_ratio,
                "min_group_size": float(self.min_group_size),
                "min_group_positives": float(self.min_group_positives)}


class EarlyModel(BaseModel):
    """One trained version. cutoff: features and labels used data before this date only.
    params: training parameters and the fitted coefficients (so a score can be explained and
    recomputed without a pickled object). metrics: the temporal evaluation; fairness: the
    audit; passed: whether the audit met the tolerance; only a passed version can be active."""

    version = models.PositiveIntegerField(unique=True)
    trained_at = models.DateTimeField()
    cutoff = models.DateField()
    params = models.JSONField(default=dict)
    metrics = models.JSONField(default=dict)
    fairness = models.JSONField(default=dict)
    passed = models.BooleanField(default=False)
    active = models.BooleanField(default=False)
    trained_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=Q(active=True),
                                    name="early_model_one_active"),
            models.CheckConstraint(condition=Q(active=False) | Q(passed=True),
                                   name="early_model_active_needs_passed"),
        ]

    def __str__(self) -> str:
        return f"early model v{self.version}"


class EarlyScore(BaseModel):
    """A person's score from one version, with its top factors (never shown without them)."""

    model = models.ForeignKey(EarlyModel, on_delete=models.CASCADE, related_name="scores")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    percentile = models.FloatField()
    factors = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "person"], name="early_score_unique")]


class Intervention(BaseModel):
    """What a supervisor did after seeing a score, and what came of it. The decision is the
    supervisor's: `score` records what they saw, not what decided."""

    class Kind(models.TextChoices):
        CONVERSATION = "conversation", "Supportive conversation"
        TRAINING = "training", "Training or mentoring"
        WELLBEING = "wellbeing", "Wellbeing referral"
        SUPERVISION = "supervision", "Increased supervision"
        NO_ACTION = "no_action", "No action needed (reason recorded)"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Not yet known"
        IMPROVED = "improved", "Improved"
        NO_CHANGE = "no_change", "No change"
        ESCALATED = "escalated", "Referred on by the supervisor"

    score = models.ForeignKey(EarlyScore, on_delete=models.PROTECT, related_name="interventions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    notes = models.TextField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_notes = models.TextField(blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
