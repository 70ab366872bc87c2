"""Run the linkage: score candidate pairs, band them, and explain each one.

Thresholds are in *evidence weight*: the sum of the comparison weights (log2 Bayes
factors), without the prior. Splink's own match weight adds log2 of the prior odds, which
shrinks as the index grows (issue 4 measured recall falling to 81% at a fixed
probability); a threshold on the evidence alone means the same thing at 10 thousand or
10 million index persons. ``probability`` is still Splink's posterior, with the prior.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from upright.screening.linkage.associations import Association, associations_find
from upright.screening.linkage.model import (
    candidate_pairs_count,
    linker_build,
    model_train,
)
from upright.screening.linkage.prepare import linkage_tables_build

__all__ = ["Association", "LinkageHit", "LinkageResult", "associations_find", "linkage_run"]

# Defaults chosen on the planted sample: every single corruption scores above 20, a
# same-name-same-birthday stranger at another address scores below it.
DEFAULT_THRESHOLD_WEIGHT = 20.0
DEFAULT_REVIEW_WEIGHT = 10.0

# The input columns each comparison reads, shown in its explanation.
COMPARED_COLUMNS: dict[str, tuple[str, ...]] = {
    "forename": ("forename",),
    "surname": ("surname",),
    "dob": ("dob",),
    "postcode": ("postcode", "postcodes"),
    "sex": ("sex",),
}


@dataclass(frozen=True)
class LinkageHit:
    employee_id: str
    record_id: str
    match_weight: float
    probability: float
    band: str  # "match" | "review"
    explanation: str  # JSON, see explanation_build


@dataclass
class LinkageResult:
    hits: list[LinkageHit]
    candidate_pairs: int
    prior_weight: float
    model: dict[str, Any]
    seconds: dict[str, float] = field(default_factory=dict)


def level_labels(model: dict[str, Any]) -> dict[str, dict[int, str]]:
    """gamma value -> level label per comparison (Splink numbers the non-null levels
    from n-1 for the first down to 0 for the last; a null level is -1)."""
    out: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = comparison["comparison_levels"]
        non_null = [lv for lv in levels if not lv.get("is_null_level")]
        labels = {len(non_null) - 1 - i: lv.get("label_for_charts") or lv["sql_condition"]
                  for i, lv in enumerate(non_null)}
        labels[-1] = "missing"
        out[comparison["output_column_name"]] = labels
    return out


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def explanation_build(
    *, row: dict[str, Any], labels: dict[str, dict[int, str]], employee_side: str
) -> list[dict[str, Any]]:
    """Per comparison: the level reached, its weight (with the term-frequency part), the
    Bayes factor, and the employee's and the index person's values."""
    index_side = "r" if employee_side == "l" else "l"
    parts = []
    for name, cols in COMPARED_COLUMNS.items():
        gamma = int(row[f"gamma_{name}"])
        weight = float(row[f"mw_{name}"])
        tf_weight = float(row.get(f"mw_tf_adj_{name}") or 0.0)
        total = weight + tf_weight
        parts.append({
            "comparison": name,
            "level": labels[name].get(gamma, str(gamma)),
            "agreed": gamma > 0 and total > 0,
            "match_weight": round(total, 3),
            "term_frequency_weight": round(tf_weight, 3),
            "bayes_factor": 2.0 ** total,
            "employee": {c: _jsonable(row.get(f"{c}_{employee_side}")) for c in cols},
            "index": {c: _jsonable(row.get(f"{c}_{index_side}")) for c in cols},
        })
    return parts


def _model_load(path: str | Path) -> dict[str, Any]:
    model: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return model


def linkage_run(
    *,
    con: duckdb.DuckDBPyConnection,
    model_path: str | Path | None = None,
    threshold_weight: float = DEFAULT_THRESHOLD_WEIGHT,
    review_weight: float = DEFAULT_REVIEW_WEIGHT,
) -> LinkageResult:
    """Link every employee to index persons; one hit per (employee, record), best variant.

    With no ``model_path`` a model is trained on the same tables first.
    """
    if review_weight > threshold_weight:
        raise ValueError("review_weight must not exceed threshold_weight")
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    linkage_tables_build(con=con)
    seconds["prepare"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    model = model_train(con=con) if model_path is None else _model_load(model_path)
    seconds["train"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    linker = linker_build(con=con, settings=model)
    prior = float(model["probability_two_random_records_match"])
    prior_weight = math.log2(prior / (1.0 - prior))
    predictions = linker.inference.predict(
        threshold_match_weight=review_weight + prior_weight, warning_mode="never"
    )
    rel = predictions.as_duckdbpyrelation()
    columns = rel.columns
    rows = [dict(zip(columns, r, strict=True)) for r in rel.fetchall()]
    seconds["predict"] = time.perf_counter() - t0

    labels = level_labels(model)
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        side = "l" if row["source_dataset_l"] == "employees" else "r"
        other = "r" if side == "l" else "l"
        key = (str(row[f"entity_id_{side}"]), str(row[f"entity_id_{other}"]))
        if key not in best or row["match_weight"] > best[key]["match_weight"]:
            best[key] = row | {"_side": side}

    hits = []
    for (employee_id, record_id), row in sorted(best.items()):
        evidence = float(row["match_weight"]) - prior_weight
        if evidence < review_weight:
            continue
        explanation = {
            "evidence_weight": round(evidence, 3),
            "prior_weight": round(prior_weight, 3),
            "employee_name_kind": row[f"name_kind_{row['_side']}"],
            "comparisons": explanation_build(row=row, labels=labels,
                                             employee_side=row["_side"]),
        }
        hits.append(LinkageHit(
            employee_id=employee_id,
            record_id=record_id,
            match_weight=round(evidence, 3),
            probability=float(row["match_probability"]),
            band="match" if evidence >= threshold_weight else "review",
            explanation=json.dumps(explanation),
        ))
    # Counted last so its scratch tables never clash with prediction.
    candidates = candidate_pairs_count(linker=linker)
    return LinkageResult(hits=hits, candidate_pairs=candidates, prior_weight=prior_weight,
                         model=model, seconds=seconds)
