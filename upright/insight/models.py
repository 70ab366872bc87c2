"""Insight: stored summary tables that dashboards read instead of the raw records. Each row
records when it was computed and from which records (counts and highest ids of the source
tables), so a published figure can be traced and a stale one recognised (DESIGN.md "Honest
numbers"; conventions.md "snapshot tables that record computed_at, the source version and
parameters")."""

from django.db import models

from upright.core.models import BaseModel


class SummaryTable(BaseModel):
    """One computed summary. name: which summary ("home_office_return", "dispro", ...).
    params_key: a canonical JSON string of params, so (name, params_key) is unique and a
    refresh replaces the stored version. params: the same params as JSON. computed_at: when
    it was computed. source: counts and highest ids of the source records it was computed
    from (matters, allegations, outcomes, people). rows: the figures themselves. elapsed_ms:
    how long the computation took."""

    name = models.CharField(max_length=60)
    params_key = models.CharField(max_length=400)
    params = models.JSONField(default=dict)
    computed_at = models.DateTimeField()
    source = models.JSONField(default=dict)
    rows = models.JSONField(default=list)
    elapsed_ms = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "params_key"], name="insight_summary_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.params_key} @ {self.computed_at:%Y-%m-%d %H:%M}"


class StatisticsSetting(BaseModel):
    """Reference data an administrator can change (not verified against any regulation text):
    suppression_threshold: counts below it are shown as "<N" and get no rate ratio.
    confidence_z: the normal quantile for confidence intervals (1.96 for 95%).
    One row, code "default"."""

    code = models.CharField(max_length=20, unique=True, default="default")
    suppression_threshold = models.PositiveSmallIntegerField(default=5)
    confidence_z = models.FloatField(default=1.96)

    def __str__(self) -> str:
        return f"{self.code}: suppress < {self.suppression_threshold}"
from upright.insight.early.models import EarlyModel, EarlyScore, FairnessTolerance, Intervention  # noqa: E402, F401
