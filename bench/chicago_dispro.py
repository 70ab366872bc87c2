"""Disproportionality on the real Chicago records (CPDP; ../shared/data/chicago-police/), by
year, straight from the CSVs, with the same arithmetic the staff dashboards use
(`insight.disproportion.rate_ratio`: Katz log-RR intervals; small-number suppression).

For each year Y (default 2004-2015) the workforce is the officers in post on 1 January Y
(the roster includes officers with no complaints, so these are true denominators). A person
counts once per stage:
- allegation: an allegation received in Y;
- sustained: an allegation received in Y that was finally sustained (SU);
- suspended: a sustained allegation received in Y whose final penalty was a suspension;
- separated: a sustained allegation received in Y whose final penalty was separation (the
  nearest Chicago has to dismissal).
Rates per 1,000 by race (CPDP's own groups; reference WHITE), gender (reference MALE) and age
band (reference 35-44), each with its ratio to the reference group and a 95% interval; and
the sustained rate per allegation by allegation category group and race (the Casey Review's
question of under-charged categories, asked of Chicago's data). Pooled figures add the
person-years of every year.

Run: .venv/bin/python bench/chicago_dispro.py [--years 2004-2015] [--threshold 5]
"""

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
from _common import write_result  # noqa: E402

from upright.insight import chicago_data  # noqa: E402
from upright.insight.disproportion import AGE_BANDS, rate_ratio  # noqa: E402

REFERENCE = {"race": "WHITE", "gender": "MALE", "age_band": "35-44"}
STAGES = ("allegation", "sustained", "suspended", "separated")
Z = 1.96


def _load(data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    officers = pd.read_csv(data / "officers.csv.gz", dtype=str)
    allegations = pd.read_csv(data / "allegations.csv.gz", dtype=str)
    complaints = pd.read_csv(data / "complaints.csv.gz", dtype=str).drop_duplicates("cr_id")
    people = pd.DataFrame({
        "person_id": pd.to_numeric(officers["officer_id"], errors="coerce"),
        "start": pd.to_datetime(officers["appointed_date"], errors="coerce"),
        "end": pd.to_datetime(officers["resignation_date"], errors="coerce"),
        "race": officers["race"].fillna("UNKNOWN"),
        "gender": officers["gender"].fillna("UNKNOWN"),
        "birth_year": pd.to_numeric(officers["birth_year"], errors="coerce"),
    }).dropna(subset=["person_id", "start"])
    merged = allegations.merge(complaints, on="cr_id", how="left")
    outcome = merged["final_outcome"].fillna("").str.upper()
    events = pd.DataFrame({
        "person_id": pd.to_numeric(merged["officer_id"], errors="coerce"),
        "at": pd.to_datetime(merged["complaint_date"], errors="coerce").fillna(
            pd.to_datetime(merged["incident_date"], errors="coerce")),
        "group": merged["complaint_category"].map(chicago_data.category_group),
        "sustained": merged["final_finding"].eq("SU"),
        "suspended": merged["final_finding"].eq("SU") & outcome.str.contains("SUSPEN"),
        "separated": merged["final_finding"].eq("SU") & outcome.str.contains("SEPARAT"),
    }).dropna(subset=["person_id", "at"])
    return people, events


def _age_band(age: float) -> str:
    if pd.isna(age):
        return "unknown"
    return next(label for low, high, label in AGE_BANDS if low <= age < high)


def _year_counts(people: pd.DataFrame, events: pd.DataFrame, year: int
                 ) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, dict[str, int]]],
                            pd.DataFrame]:
    """workforce[dimension][group] and counts[stage][dimension][group] for year Y, and the
    year's allegations with the subject's race (for the per-category rates)."""
    cutoff, after = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
    active = people.loc[(people["start"] < cutoff) & (people["end"].isna()
                                                      | (people["end"] >= cutoff))].copy()
    active["age_band"] = (year - active["birth_year"]).map(_age_band)
    active = active.set_index("person_id")
    ev = events.loc[(events["at"] >= cutoff) & (events["at"] < after)
                    & events["person_id"].isin(active.index)]
    workforce = {d: active[d].value_counts().to_dict() for d in REFERENCE}
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for stage in STAGES:
        chosen = ev if stage == "allegation" else ev.loc[ev[stage]]
        ids = active.loc[sorted(set(chosen["person_id"]))]
        counts[stage] = {d: ids[d].value_counts().to_dict() for d in REFERENCE}
    return workforce, counts, ev.assign(race=active.loc[ev["person_id"], "race"].to_numpy())


def _cells(workforce: dict[str, dict[str, int]], counts: dict[str, dict[str, dict[str, int]]],
           threshold: int) -> list[dict[str, Any]]:
    out = []
    for stage in STAGES:
        for dim, reference in REFERENCE.items():
            ref_count = counts[stage][dim].get(reference, 0)
            ref_n = workforce[dim].get(reference, 0)
            for group, n in sorted(workforce[dim].items()):
                count = counts[stage][dim].get(group, 0)
                suppressed = 0 < count < threshold
                rr = None
                if group != reference and not suppressed and ref_count >= threshold:
                    rr = rate_ratio(a=count, n1=n, b=ref_count, n0=ref_n, z=Z)
                out.append({
                    "stage": stage, "dimension": dim, "group": group, "workforce": int(n),
                    "count": None if suppressed else int(count), "suppressed": suppressed,
                    "rate_per_1000": None if suppressed else round(1000 * count / n, 2),
                    "ratio": None if rr is None else {
                        "ratio": round(rr.ratio, 3), "low": round(rr.low, 3),
                        "high": round(rr.high, 3)}})
    return out


def _category_rates(allegations: pd.DataFrame, threshold: int) -> list[dict[str, Any]]:
    """Sustained share of allegations per category group and race, and each race's ratio to
    WHITE's share in the same category."""
    out = []
    table = allegations.groupby(["group", "race"])["sustained"].agg(["sum", "count"])
    for group in sorted(allegations["group"].unique()):
        rows = table.loc[group]
        ref = rows.loc["WHITE"] if "WHITE" in rows.index else None
        for race, (sustained, n) in rows.iterrows():
            sustained, n = int(sustained), int(n)
            suppressed = 0 < sustained < threshold
            rr = None
            if race != "WHITE" and ref is not None and not suppressed and ref["sum"] >= threshold:
                rr = rate_ratio(a=sustained, n1=n, b=int(ref["sum"]), n0=int(ref["count"]), z=Z)
            out.append({"category_group": group, "race": race, "allegations": n,
                        "sustained": None if suppressed else sustained,
                        "sustained_rate": None if suppressed else round(sustained / n, 4),
                        "ratio": None if rr is None else {
                            "ratio": round(rr.ratio, 3), "low": round(rr.low, 3),
                            "high": round(rr.high, 3)}})
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", default="2004-2015")
    parser.add_argument("--threshold", type=int, default=5)
    parser.add_argument("--data", default=str(chicago_data.DATA))
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    started = time.perf_counter()
    people, events = _load(Path(args.data))
    load_s = time.perf_counter() - started
    years: dict[str, list[dict[str, Any]]] = {}
    pooled_n: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    pooled_c: dict[str, dict[str, dict[str, int]]] = {
        s: defaultdict(lambda: defaultdict(int)) for s in STAGES}
    year_allegations = []
    for year in range(first, last + 1):
        workforce, counts, allegations = _year_counts(people, events, year)
        years[str(year)] = _cells(workforce, counts, args.threshold)
        year_allegations.append(allegations)
        for dim in REFERENCE:
            for group, n in workforce[dim].items():
                pooled_n[dim][group] += int(n)
            for stage in STAGES:
                for group, c in counts[stage][dim].items():
                    pooled_c[stage][dim][group] += int(c)
    pooled = _cells(pooled_n, pooled_c, args.threshold)
    categories = _category_rates(pd.concat(year_allegations), args.threshold)
    elapsed = time.perf_counter() - started

    def trend(stage: str, group: str) -> list[Any]:
        return [next((c["ratio"] or {}).get("ratio") for c in cells
                     if (c["stage"], c["dimension"], c["group"]) == (stage, "race", group))
                for cells in years.values()]

    result = {"data": "CPDP Chicago (real): officer roster, allegations, complaints",
              "years": [first, last], "threshold": args.threshold, "z": Z,
              "pooled_person_years": pooled, "by_year": years, "categories": categories,
              "trend_black_vs_white": {s: dict(zip(years, trend(s, "BLACK"), strict=True))
                                       for s in STAGES},
              "load_s": round(load_s, 2), "total_s": round(elapsed, 2)}
    path = write_result("chicago_dispro", result)
    print(f"Chicago {first}-{last}, officers in post on 1 January, person-years pooled:")
    for cell in pooled:
        if cell["dimension"] == "race" and cell["group"] in {"WHITE", "BLACK", "HISPANIC"}:
            rr = cell["ratio"]
            shown = f"RR {rr['ratio']:.2f} [{rr['low']:.2f}, {rr['high']:.2f}]" if rr else "reference"
            print(f"  {cell['stage']:<10} {cell['group']:<9} {cell['rate_per_1000']:>7} per 1,000"
                  f"  {shown}")
    print("  sustained share of allegations, BLACK vs WHITE officers, by category group:")
    for row in categories:
        if row["race"] == "BLACK" and row["ratio"]:
            print(f"    {row['category_group']:<22} {row['sustained_rate']:.3f}  "
                  f"RR {row['ratio']['ratio']:.2f} [{row['ratio']['low']:.2f}, "
                  f"{row['ratio']['high']:.2f}]")
    print(f"total {elapsed:.1f}s (load {load_s:.1f}s) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
