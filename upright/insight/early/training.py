"""Train and evaluate the early-intervention model with temporal splits.

For a test year Y: the model is fitted on (features at 1 January of year t, outcome in year t)
for every training year t < Y, so every training label ends before the test cutoff; it is
then scored on features at 1 January of Y against outcomes in Y. Never shuffled rows.
Compared in the same run, at the same number of people flagged, with the threshold rule
("3 or more complaints in 12 months") and the ranking by complaints in the past two years.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from upright.insight.early.evaluation import flags_top_n, precision_recall, top_n_for
from upright.insight.early.fairness import fairness_audit
from upright.insight.early.features import FEATURES, LABELS, features_build, labels_build

DEFAULT_PARAMS: dict[str, Any] = {"C": 0.5, "train_years": 6, "k_percent": 5.0,
                                  "threshold_complaints_12m": 3}


@dataclass
class ScoredModel:
    pipeline: Pipeline
    features: tuple[str, ...] = FEATURES

    def scores(self, x: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.pipeline.predict_proba(x[list(self.features)])[:, 1])

    def contributions(self, x: pd.DataFrame) -> pd.DataFrame:
        """Coefficient x standardised (log) value per feature: a logistic model's score is
        exactly the sum of these plus the intercept, so the top factors are the honest
        explanation, not an approximation."""
        z = self.pipeline[:-1].transform(x[list(self.features)])
        coef = self.pipeline[-1].coef_[0]
        return pd.DataFrame(z * coef, index=x.index, columns=list(self.features))

    def top_factors(self, x: pd.DataFrame, n: int = 3) -> list[list[dict[str, Any]]]:
        """The n largest positive contributions per row (ties in feature order). Sorted as
        one array, not row by row: a force of 50,000 is scored in well under a second."""
        contrib = self.contributions(x).to_numpy()
        values = x[list(self.features)].to_numpy(dtype=float)
        order = np.argsort(-contrib, axis=1, kind="stable")[:, :n]
        names = self.features
        return [[{"feature": names[j], "label": LABELS[names[j]], "value": float(values[i, j]),
                  "contribution": round(float(contrib[i, j]), 4)}
                 for j in row if contrib[i, j] > 0] for i, row in enumerate(order)]


def model_fit(x: pd.DataFrame, y: pd.Series, *, c: float = 0.5) -> ScoredModel:
    pipeline = Pipeline([
        ("log", FunctionTransformer(np.log1p)),  # counts are heavy-tailed
        ("scale", StandardScaler()),
        ("lr", LogisticRegression(C=c, max_iter=1000)),
    ])
    pipeline.fit(x[list(FEATURES)], y)
    return ScoredModel(pipeline=pipeline)


def training_set(*, people: pd.DataFrame, events: pd.DataFrame,
                 years: Sequence[int]) -> tuple[pd.DataFrame, pd.Series]:
    xs, ys = [], []
    for year in years:
        cutoff = dt.date(year, 1, 1)
        xs.append(features_build(people=people, events=events, cutoff=cutoff))
        ys.append(labels_build(people=people, events=events, cutoff=cutoff))
    return pd.concat(xs), pd.concat(ys)


@dataclass
class YearResult:
    year: int
    metrics: dict[str, Any]
    fairness: dict[str, Any]
    model: ScoredModel = field(repr=False)


def evaluate_year(*, people: pd.DataFrame, events: pd.DataFrame, test_year: int,
                  params: Mapping[str, Any] | None = None,
                  tolerance: Mapping[str, float] | None = None) -> YearResult:
    p = {**DEFAULT_PARAMS, **(params or {})}
    t0 = time.perf_counter()
    train_years = range(test_year - int(p["train_years"]), test_year)
    x_train, y_train = training_set(people=people, events=events, years=train_years)
    model = model_fit(x_train, y_train, c=float(p["C"]))
    cutoff = dt.date(test_year, 1, 1)
    x = features_build(people=people, events=events, cutoff=cutoff)
    y = labels_build(people=people, events=events, cutoff=cutoff).reindex(x.index).to_numpy()
    score = model.scores(x)
    n_k = top_n_for(float(p["k_percent"]), len(x))
    rule = (x["complaints_1y"] >= int(p["threshold_complaints_12m"])).to_numpy()
    n_rule = int(rule.sum())
    # The 2-year ranking breaks its many ties by the 5-year count, then by row order.
    ranking = x["complaints_2y"].to_numpy()
    model_top_k = flags_top_n(score, n_k)
    metrics = {
        "test_year": test_year, "train_years": [train_years.start, train_years.stop - 1],
        "train_rows": len(x_train), "train_positives": int(y_train.sum()),
        "population": len(x), "positives": int(y.sum()), "base_rate": float(y.mean()),
        "k_percent": p["k_percent"], "top_n": n_k,
        "model_top_k": precision_recall(y, model_top_k),
        "ranking_2y_top_k": precision_recall(
            y, flags_top_n(ranking, n_k, tiebreak=x["complaints_5y"].to_numpy())),
        "threshold_rule": precision_recall(y, rule),
        "model_at_rule_n": precision_recall(y, flags_top_n(score, max(n_rule, 1))),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    active = people.set_index("person_id").loc[x.index]
    fairness = fairness_audit(
        y_true=y, flagged=model_top_k, tolerance=tolerance,
        sensitive={"ethnic_group": active["ethnic_group"].fillna("not_stated").to_numpy(),
                   "sex": active["sex"].fillna("not_stated").to_numpy()})
    return YearResult(year=test_year, metrics=metrics, fairness=fairness, model=model)
