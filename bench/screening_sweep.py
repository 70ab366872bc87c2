"""Identity recall and precision as the no-address threshold moves, on a finished screening run.

Reads the hits and the truth file that `bench/screening.py --work DIR` left in DIR (no new
linking), holds the shared-support threshold at its default and sweeps the evidence a pair
with no address must reach. It shows whether a threshold, rather than more evidence, could
recover the no-address records that the match band misses.

    .venv/bin/python bench/screening_sweep.py --work /tmp/scr
"""

import argparse
import json
from pathlib import Path

import pyarrow.parquet as pq

from upright.screening.linkage.run import DEFAULT_THRESHOLD_WEIGHT

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SHARED_THRESHOLD = DEFAULT_THRESHOLD_WEIGHT
SWEEP = (24, 26, 28, 29, 30, 31, 32, 33, 34)


def sweep(work: Path) -> dict:
    truth = pq.read_table(work / "index" / "truth.parquet").to_pylist()
    planted = {(t["employee_id"], t["record_id"]) for t in truth if t["kind"] == "identity"}
    shared_tp = shared_fp = 0
    absent: list[tuple[float, bool]] = []
    for hit in pq.read_table(work / "out" / "hits.parquet").to_pylist():
        if hit["kind"] != "identity":
            continue
        explanation = json.loads(hit["explanation"])
        if explanation.get("review_only"):
            continue
        true = (hit["employee_id"], hit["record_id"]) in planted
        if explanation["address_support"] == "shared" and hit["match_weight"] >= SHARED_THRESHOLD:
            shared_tp, shared_fp = shared_tp + true, shared_fp + (not true)
        elif explanation["address_support"] == "absent":
            absent.append((hit["match_weight"], true))
    rows = []
    for threshold in SWEEP:
        tp = shared_tp + sum(1 for w, t in absent if w >= threshold and t)
        fp = shared_fp + sum(1 for w, t in absent if w >= threshold and not t)
        rows.append({"no_address_threshold": threshold, "true_positives": tp,
                     "false_positives": fp, "recall": round(tp / len(planted), 4),
                     "precision": round(tp / (tp + fp), 4) if tp + fp else None})
    return {"work": str(work), "planted": len(planted), "shared_threshold": SHARED_THRESHOLD,
            "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="a bench/screening.py --work DIR")
    args = parser.parse_args()
    result = sweep(args.work)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "screening_sweep.json").write_text(json.dumps(result, indent=2) + "\n",
                                                  encoding="utf-8")
    print(f"no-address threshold sweep over {args.work} ({result['planted']} planted)")
    for row in result["rows"]:
        print(f"  >= {row['no_address_threshold']:>2} bits: recall {row['recall']:.3f} "
              f"precision {row['precision']}")
    print(f"  wrote {RESULTS / 'screening_sweep.json'}")


if __name__ == "__main__":
    main()
