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

__all__ = ["Association", "LinkageHit", "LinkageResult", "address_support", "associations_find",
           "linkage_hit_build", "linkage_hits_build", "linkage_run", "match_threshold",
           "person_weight", "prior_weight_of", "review_only_reason"]

# Calibrated on a production-sized index (bench/screening.py: 50,000 employees against ten
# million persons): the evidence, in bits, that gave the best recall at a precision of 0.99.
# A record with no address needs NO_ADDRESS_MARGIN_WEIGHT more (see address_support). The
# weights grow with the number of distinct names, dates and postcodes in the index, so a
# much smaller index (a test sample of a few hundred) needs thresholds of its own.
DEFAULT_THRESHOLD_WEIGHT = 24.0
NO_ADDRESS_MARGIN_WEIGHT = 8.0
DEFAULT_REVIEW_WEIGHT = 10.0

# Address levels at which the two have lived at the same place (see address_support).
SHARING_LEVELS = frozenset({"same address", "same address at some time", "same postcode",
                            "postcode shared at some time"})

# The input columns each comparison reads, shown in its explanation.
COMPARED_COLUMNS: dict[str, tuple[str, ...]] = {
    "forename": ("forename",),
    "surname": ("surname",),
    "dob": ("dob",),
    "address": ("address_key", "postcode", "postcodes"),
    "sex": ("sex",),
    "middle": ("middle",),
    "phone": ("phones",),
}
# The comparisons that say whether the record describes the employee as a person, as
# against where they live or what number they use (see person_weight).
PERSONAL_COMPARISONS = ("forename", "surname", "dob", "sex", "middle")
# The least evidence, in bits, the personal comparisons must give a match: a relative who
# shares the employee's home and landline is not the employee.
PERSON_MIN_WEIGHT = 5.0


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
    candidate_pairs: int | None
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


def address_support(comparisons: list[dict[str, Any]]) -> str:
    """What the addresses and numbers say about an identity: ``shared`` (a current or
    previous address or postcode, or a phone number, in common), ``absent`` (no address on
    one side to compare) or ``not shared``.

    A record that agrees on name and date of birth but sits at an address the employee
    never declared is as likely a namesake as an undeclared address: on the planted
    benchmark every same-name, same-birthday stranger looked like this, however rare the
    name. Such a pair is never matched automatically; it goes to human review, where an
    undeclared address is itself a vetting question. With no address at all the names and
    the date of birth must carry the match alone, and on a national index namesakes born on
    the same day are common enough that they need more evidence (NO_ADDRESS_MARGIN_WEIGHT).
    """
    by_name = {c["comparison"]: c for c in comparisons}
    if by_name.get("phone", {}).get("level") == "phone in common":
        return "shared"
    address = by_name.get("address")
    if address is None or address["level"] == "missing":
        return "absent"
    return "shared" if address["level"] in SHARING_LEVELS else "not shared"


def person_weight(comparisons: list[dict[str, Any]]) -> float:
    """The evidence of the names, date of birth and sex alone."""
    return sum(c["match_weight"] for c in comparisons if c["comparison"] in PERSONAL_COMPARISONS)


def review_only_reason(*, comparisons: list[dict[str, Any]], support: str) -> str | None:
    """Why a pair may only be reviewed, however strong its evidence, or None.

    Home and number are shared by a household, so they never make an identity alone: the
    person must also resemble the employee (PERSON_MIN_WEIGHT), and a date of birth that
    disagrees outright (not transposed, a digit or a day out) is someone else, such as a
    father and son of one name at one address."""
    if support == "not shared":
        return "the record is at an address the employee never declared"
    if any(c["comparison"] == "dob" and c["level"] == "different" for c in comparisons):
        return "the date of birth is different"
    if person_weight(comparisons) < PERSON_MIN_WEIGHT:
        return "names and date of birth do not resemble the employee's"
    return None


def match_threshold(*, support: str, threshold_weight: float) -> float | None:
    """The evidence a pair needs to be matched, or None when it can only be reviewed."""
    if support == "shared":
        return threshold_weight
    if support == "absent":
        return threshold_weight + NO_ADDRESS_MARGIN_WEIGHT
    return None


def linkage_hit_build(
    *, employee_id: str, record_id: str, row: dict[str, Any], employee_side: str,
    labels: dict[str, dict[int, str]], prior_weight: float, threshold_weight: float,
    review_weight: float,
) -> LinkageHit | None:
    """The hit for one scored pair (its best name-and-address variant), or None when its
    evidence is below the review band. Shared by the DuckDB and Spark engines."""
    evidence = float(row["match_weight"]) - prior_weight
    if evidence < review_weight:
        return None
    comparisons = explanation_build(row=row, labels=labels, employee_side=employee_side)
    support = address_support(comparisons)
    reason = review_only_reason(comparisons=comparisons, support=support)
    needed = (match_threshold(support=support, threshold_weight=threshold_weight)
              if reason is None else None)
    explanation = {
        "evidence_weight": round(evidence, 3),
        "prior_weight": round(prior_weight, 3),
        "employee_name_kind": row[f"name_kind_{employee_side}"],
        "address_support": support,
        "person_weight": round(person_weight(comparisons), 3),
        "match_threshold_weight": needed,
        "review_only": reason,
        "comparisons": comparisons,
    }
    return LinkageHit(
        employee_id=employee_id,
        record_id=record_id,
        match_weight=round(evidence, 3),
        probability=float(row["match_probability"]),
        band="match" if needed is not None and evidence >= needed else "review",
        explanation=json.dumps(explanation),
    )


def prior_weight_of(model: dict[str, Any]) -> float:
    """log2 of the prior odds that two records match: Splink's match weight less the evidence."""
    prior = float(model["probability_two_random_records_match"])
    return math.log2(prior / (1.0 - prior))


def linkage_hits_build(*, rows: list[dict[str, Any]], model: dict[str, Any],
                       prior_weight: float, threshold_weight: float,
                       review_weight: float) -> list[LinkageHit]:
    """One hit per (employee, record) from its best name-and-address variant, ordered by
    employee and record. Shared by the DuckDB and Spark engines."""
    labels = level_labels(model)
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        side = "l" if row["source_dataset_l"] == "employees" else "r"
        other = "r" if side == "l" else "l"
        key = (str(row[f"entity_id_{side}"]), str(row[f"entity_id_{other}"]))
        # Ties go to the lowest row id, so the hit and its explanation do not depend on the
        # order in which parallel threads (or Spark) return rows.
        rank = (-float(row["match_weight"]), str(row[f"unique_id_{side}"]))
        if key not in best or rank < best[key]["_rank"]:
            best[key] = row | {"_side": side, "_rank": rank}
    return [hit for (employee_id, record_id), row in sorted(best.items())
            if (hit := linkage_hit_build(
                employee_id=employee_id, record_id=record_id, row=row,
                employee_side=row["_side"], labels=labels, prior_weight=prior_weight,
                threshold_weight=threshold_weight, review_weight=review_weight)) is not None]


def linkage_run(
    *,
    con: duckdb.DuckDBPyConnection,
    model_path: str | Path | None = None,
    threshold_weight: float = DEFAULT_THRESHOLD_WEIGHT,
    review_weight: float = DEFAULT_REVIEW_WEIGHT,
    count_pairs: bool = False,
) -> LinkageResult:
    """Link every employee to index persons; one hit per (employee, record), best variant.

    With no ``model_path`` a model is trained on the same tables first. ``count_pairs``
    also counts the candidate pairs exactly (None otherwise): it repeats the blocking joins,
    which costs about as much as scoring them (70 s on ten million persons).
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
    prior_weight = prior_weight_of(model)
    predictions = linker.inference.predict(
        threshold_match_weight=review_weight + prior_weight, warning_mode="never"
    )
    rel = predictions.as_duckdbpyrelation()
    columns = rel.columns
    rows = [dict(zip(columns, r, strict=True)) for r in rel.fetchall()]
    seconds["predict"] = time.perf_counter() - t0

    hits = linkage_hits_build(rows=rows, model=model, prior_weight=prior_weight,
                              threshold_weight=threshold_weight, review_weight=review_weight)
    # Counted last so its scratch tables never clash with prediction.
    candidates = candidate_pairs_count(linker=linker) if count_pairs else None
    return LinkageResult(hits=hits, candidate_pairs=candidates, prior_weight=prior_weight,
                         model=model, seconds=seconds)
