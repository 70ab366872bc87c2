"""All repeat-pattern rules over the whole history at Met scale (issue 5): a copy of the
50,000-person, ~144,000-matter template database `upright_bench_base`, migrated, with the
Carrick-like histories planted, then in one run:

- baseline: one COUNT(*) over allegations joined to their matters (the least any rule that
  reads the whole history must do);
- `pattern_rules_run_all` (every active rule, each one set-based query), total and per rule,
  with the alerts raised and whether every planted person was alerted;
- the same run again (idempotence: no new alert for the same evidence), timed.

Target: all rules over the whole history in under 60 s.
Run: .venv/bin/python bench/pattern_rules.py [--template upright_bench_base] [--db NAME]
     [--keep-db]   (--db: use an existing, already-seeded database instead of a copy)
"""

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, allegations_baseline, bench_database, write_result  # noqa: E402

TARGET_S = 60.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", default="upright_bench_base")
    parser.add_argument("--db", default="")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    with bench_database(prefix="upright_bench_rules", db=args.db or "", template=args.template,
                        keep=args.keep_db) as db:
        result = _run(db)
        path = write_result("pattern_rules", result)
        print(f"  baseline COUNT(*) allegations x matters  {result['baseline_s']:.3f} s "
              f"({result['allegations']} rows)")
        for code, seconds in result["per_rule_s"].items():
            print(f"  {code:<30} {seconds:7.3f} s  {result['counts'][code]}")
        print(f"  all rules                       {result['total_s']:7.3f} s, "
              f"{result['alerts_raised']} alerts; rerun {result['rerun_s']:.3f} s, "
              f"{result['rerun_raised']} new")
        print(f"  planted Carrick-like people alerted: {result['planted_alerted']}")
        print(f"pattern_rules: {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1


def _run(db: str) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from upright.demo.patterns_plant import carrick_like_plant
    from upright.patterns.models import PatternAlert
    from upright.patterns.services import pattern_rules_run_all

    with transaction.atomic():
        # Seed 2: the template already holds the demo's own plants from seed 1 (same
        # references); these are five more, on their own random stream.
        planted = carrick_like_plant(cutoff=timezone.now(), seed=2)
    allegations, baseline = allegations_baseline()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM people_person")
        people = cursor.fetchone()[0]
    started = time.perf_counter()
    first = pattern_rules_run_all()
    total = time.perf_counter() - started
    started = time.perf_counter()
    again = pattern_rules_run_all()
    rerun = time.perf_counter() - started
    alerted = set(PatternAlert.objects.filter(
        person__staff_number__in=planted.staff_numbers, rule_code="sexual_da_10y")
        .values_list("person__staff_number", flat=True))
    return {
        "database": db, "people": people, "allegations": allegations,
        "baseline_s": round(baseline, 3), "total_s": round(total, 3),
        "per_rule_s": first.timings, "counts": first.run.counts,
        "alerts_raised": len(first.raised), "rerun_s": round(rerun, 3),
        "rerun_raised": len(again.raised), "planted": planted.staff_numbers,
        "planted_alerted": f"{len(alerted)}/{len(planted.staff_numbers)}",
        "target_s": TARGET_S,
        "passed": total < TARGET_S and not again.raised
        and len(alerted) == len(planted.staff_numbers),
    }


if __name__ == "__main__":
    raise SystemExit(main())
