"""The fairness audit run with every model version (fairlearn MetricFrame).

For each sensitive attribute (ethnic group, sex): false-positive rate, false-negative rate,
flag (selection) rate and base rate by group, on the flags the model would raise. The gate
compares the largest and smallest group rate. A rate is only as good as its denominator, so
groups below a minimum size are reported but not gated, and a group's false-negative rate
(a share of its positives) is gated only when it has at least `min_group_positives` of them:
with 1% base rates a group of thousands may hold five positives, whose FNR is noise.
Tolerances are reference data (FairnessTolerance), passed in here as a plain mapping.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from fairlearn.metrics import (
    MetricFrame,
    count,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
)

DEFAULT_TOLERANCE: dict[str, float] = {
    "max_fpr_ratio": 2.0, "max_fnr_ratio": 1.5, "min_group_size": 100, "min_group_positives": 30,
}
GATED = (("false_positive_rate", "max_fpr_ratio"), ("false_negative_rate", "max_fnr_ratio"))


def _base_rate(y_true: npt.ArrayLike, y_pred: npt.ArrayLike) -> float:
    return float(np.mean(np.asarray(y_true)))


def fairness_audit(*, y_true: npt.ArrayLike, flagged: npt.ArrayLike,
                   sensitive: Mapping[str, npt.ArrayLike],
                   tolerance: Mapping[str, float] | None = None) -> dict[str, Any]:
    tol = {**DEFAULT_TOLERANCE, **(tolerance or {})}
    y = np.asarray(y_true, dtype=int)
    f = np.asarray(flagged, dtype=int)
    report: dict[str, Any] = {"tolerance": tol, "attributes": {}, "failures": []}
    for attribute, values in sensitive.items():
        frame = MetricFrame(
            metrics={"false_positive_rate": false_positive_rate,
                     "false_negative_rate": false_negative_rate,
                     "flag_rate": selection_rate, "base_rate": _base_rate, "count": count},
            y_true=y, y_pred=f, sensitive_features=pd.Series(np.asarray(values), name=attribute),
        )
        by_group = frame.by_group
        groups = {str(g): {k: float(v) for k, v in row.items()} for g, row in by_group.iterrows()}
        gated = by_group.loc[by_group["count"] >= tol["min_group_size"]]
        positives = gated["base_rate"] * gated["count"]
        ratios: dict[str, float | None] = {}
        for metric, key in GATED:
            rows = gated if metric != "false_negative_rate" else gated.loc[
                positives >= tol["min_group_positives"]]
            rates = rows[metric].astype(float).dropna()  # undefined (no positives) is not gated
            if len(rates) < 2:
                ratios[metric] = None
                continue
            low, high = float(rates.min()), float(rates.max())
            ratio = float("inf") if low == 0 and high > 0 else (high / low if low else 1.0)
            ratios[metric] = ratio
            if ratio > tol[key]:
                report["failures"].append(
                    f"{attribute}: {metric} ratio {ratio:.2f} exceeds {tol[key]:.2f} "
                    f"(groups {rates.idxmax()} {high:.3f} vs {rates.idxmin()} {low:.3f})")
        report["attributes"][attribute] = {
            "by_group": groups, "ratios": ratios,
            "gated_groups": [str(g) for g in gated.index],
            "fnr_gated_groups": [str(g) for g in gated.index[
                positives >= tol["min_group_positives"]]],
        }
    report["passed"] = not report["failures"]
    return _finite(report)


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: an undefined rate or an unbounded ratio is stored as None
    (the failure message still says which groups and rates were compared)."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
