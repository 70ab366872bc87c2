"""Every missed planted identity and every false positive of a finished screening run, field
by field.

Reads the hits and the truth file that `bench/screening.py --work DIR` left in DIR (no new
linking). For each planted identity outside the match band it prints its corruptions and the
best hit's evidence per comparison (or that no candidate pair was scored at all); for each
matched pair that is not a planted identity, what the truth file calls it. It is how the
remaining misses were traced to records with no address, and the false positives to
strangers of the same name born on the same day.

    .venv/bin/python bench/screening_misses.py --work /tmp/scr
"""

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def hit_summary(hit: dict[str, Any]) -> dict[str, Any]:
    """The hit's evidence, what its address support required, and each comparison's level
    and weight."""
    explanation = json.loads(hit["explanation"])
    return {
        "evidence_weight": hit["match_weight"],
        "band": hit["band"],
        "address_support": explanation["address_support"],
        "match_threshold_weight": explanation["match_threshold_weight"],
        "review_only": explanation["review_only"],
        "comparisons": {c["comparison"]: [c["level"], c["match_weight"]]
                        for c in explanation["comparisons"]},
    }


def misses_find(work: Path) -> dict[str, Any]:
    truth = pq.read_table(work / "index" / "truth.parquet").to_pylist()
    planted = {(t["employee_id"], t["record_id"]): t["detail"]
               for t in truth if t["kind"] == "identity"}
    negatives = {(t["employee_id"], t["record_id"]): t["detail"]
                 for t in truth if t["kind"] == "hard_negative"}
    hits = {(h["employee_id"], h["record_id"]): h
            for h in pq.read_table(work / "out" / "hits.parquet").to_pylist()
            if h["kind"] == "identity"}
    misses = [{"employee_id": key[0], "record_id": key[1], "corruptions": detail,
               "best_hit": hit_summary(hits[key]) if key in hits else None}
              for key, detail in sorted(planted.items())
              if key not in hits or hits[key]["band"] != "match"]
    false_positives = [{"employee_id": key[0], "record_id": key[1],
                        "truth": negatives.get(key, "not in the truth file"),
                        "hit": hit_summary(hit)}
                       for key, hit in sorted(hits.items())
                       if hit["band"] == "match" and key not in planted]
    return {"work": str(work), "planted": len(planted), "misses": misses,
            "false_positives": false_positives,
            "misses_by_support": Counter(
                m["best_hit"]["address_support"] if m["best_hit"] else "never scored"
                for m in misses)}


def _line(summary: dict[str, Any]) -> str:
    fields = " ".join(f"{name}={level!r}:{weight:+.1f}"
                      for name, (level, weight) in summary["comparisons"].items())
    return (f"{summary['evidence_weight']:.1f} bits, {summary['address_support']}, needs "
            f"{summary['match_threshold_weight']} | {fields}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="a bench/screening.py --work DIR")
    args = parser.parse_args()
    result = misses_find(args.work)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "screening_misses.json").write_text(json.dumps(result, indent=2) + "\n",
                                                   encoding="utf-8")
    print(f"{len(result['misses'])} of {result['planted']} planted identities missed "
          f"({dict(result['misses_by_support'])}), "
          f"{len(result['false_positives'])} false positives, in {args.work}")
    for miss in result["misses"]:
        best = miss["best_hit"]
        print(f"  miss {miss['corruptions']}: {_line(best) if best else 'never scored'}")
    for fp in result["false_positives"]:
        print(f"  false positive ({fp['truth']}): {_line(fp['hit'])}")
    print(f"  wrote {RESULTS / 'screening_misses.json'}")


if __name__ == "__main__":
    main()
