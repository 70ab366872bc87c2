"""Early intervention on the real Chicago records (CPDP; ../shared/data/chicago-police/),
evaluated straight from the CSVs (importing into the database is the importer's job).

For each test year Y (default 2010-2015): train on the previous years' cutoffs (features at
1 January of t, outcome = a complaint received in year t that was sustained), score at
1 January of Y, and compare in the same run:
- the model's top 5% against the ranking by complaints in the past two years (same n);
- the threshold rule "3 or more complaints in 12 months" against the model at the same n;
plus the fairness audit (FPR, FNR, flag and base rates by ethnic group and sex).

Target: training and evaluating every year in under 5 minutes.
Run: .venv/bin/python bench/early_intervention.py [--years 2010-2015] [--k 5]
"""

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
from _common import write_result  # noqa: E402

from upright.insight import chicago_data  # noqa: E402
from upright.insight.early.training import evaluate_year  # noqa: E402


def _sum(results: list[dict[str, Any]], key: str) -> dict[str, float]:
    tp = sum(r[key]["true_positives"] for r in results)
    flagged = sum(r[key]["flagged"] for r in results)
    positives = sum(r[key]["positives"] for r in results)
    return {"flagged": flagged, "true_positives": tp, "precision": round(tp / flagged, 4),
            "recall": round(tp / positives, 4)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", default="2010-2015")
    parser.add_argument("--k", type=float, default=5.0)
    parser.add_argument("--data", default=str(chicago_data.DATA))
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    start = time.perf_counter()
    people, events = chicago_data.load(Path(args.data))
    load_s = time.perf_counter() - start
    years, fairness = [], {}
    for year in range(first, last + 1):
        r = evaluate_year(people=people, events=events, test_year=year, params={"k_percent": args.k})
        years.append(r.metrics)
        fairness[str(year)] = r.fairness
        m = r.metrics
        print(f"{year}: n={m['population']} pos={m['positives']} top{args.k:g}%={m['top_n']} "
              f"model P={m['model_top_k']['precision']:.3f} R={m['model_top_k']['recall']:.3f} | "
              f"2y-ranking P={m['ranking_2y_top_k']['precision']:.3f} "
              f"R={m['ranking_2y_top_k']['recall']:.3f} | rule n={m['threshold_rule']['flagged']} "
              f"P={m['threshold_rule']['precision']:.3f} vs model@n "
              f"P={m['model_at_rule_n']['precision']:.3f} | fairness "
              f"{'pass' if r.fairness['passed'] else 'FAIL: ' + '; '.join(r.fairness['failures'])}")
    total_s = time.perf_counter() - start
    pooled = {k: _sum(years, k) for k in ("model_top_k", "ranking_2y_top_k", "threshold_rule",
                                          "model_at_rule_n")}
    beats = {
        "model_vs_ranking_2y_precision_every_year": all(
            y["model_top_k"]["precision"] > y["ranking_2y_top_k"]["precision"] for y in years),
        "model_vs_threshold_rule_precision_every_year": all(
            y["model_at_rule_n"]["precision"] > y["threshold_rule"]["precision"] for y in years),
    }
    result = {
        "data": "CPDP Chicago (real): officers, allegations, complaints, use of force",
        "people": len(people), "events": len(events), "k_percent": args.k,
        "years": years, "pooled": pooled, "beats": beats, "fairness": fairness,
        "fairness_passed_years": [y for y, f in fairness.items() if f["passed"]],
        "load_s": round(load_s, 2), "train_and_evaluate_s": round(total_s - load_s, 2),
        "total_s": round(total_s, 2), "target_s": 300,
        "passed": total_s < 300 and all(beats.values()),
    }
    path = write_result("early_intervention", result)
    print(f"pooled {first}-{last}: model top-{args.k:g}% P={pooled['model_top_k']['precision']} "
          f"R={pooled['model_top_k']['recall']}; 2y ranking P={pooled['ranking_2y_top_k']['precision']} "
          f"R={pooled['ranking_2y_top_k']['recall']}; rule P={pooled['threshold_rule']['precision']} "
          f"vs model at same n P={pooled['model_at_rule_n']['precision']}")
    print(f"total {total_s:.1f}s (load {load_s:.1f}s) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
