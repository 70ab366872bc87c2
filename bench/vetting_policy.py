"""Vetting policy simulation over the whole convictions and cautions register at Met scale.

On a copy of the seeded template database `upright_bench_base` (50,000 people, 10 years of
history; never written to), the demo vetting records are added (clearances, a register of
~1,500 convictions and cautions, declarations), then, in one run:

- the policy simulation service (validate, two grouped aggregate queries, save, audit) for
  "no one with a conviction other than a minor motoring offence", --runs times, and three
  other rules;
- baselines measured in the same run: a plain count(*) over the register, and a naive
  Python loop that loads every person and record and computes the same breakdown (its
  result must equal the service's: a correctness check of the aggregate queries).

Target: p95 < 2 s. Run:
  .venv/bin/python bench/vetting_policy.py [--db NAME] [--runs 15] [--keep-db]
With --db the named database is used as it is (it is migrated and seeded if needed).
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections import defaultdict
from typing import Any

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import TEMPLATE, db_copy_template, db_drop, manage, server_env, write_result  # noqa: E402
from pages import _pct  # noqa: E402

TARGET_S = 2.0
MAIN_RULE = {"exempt_minor_motoring": True}
OTHER_RULES = {
    "violence_or_sexual_10y": {"categories": ["violence", "sexual"], "within_years": 10},
    "convictions_while_serving": {"disposals": ["conviction"], "while_serving": "yes"},
    "any_record": {},
}


def _setup(db: str) -> None:
    env = server_env(db)
    manage(env, "migrate", "--noinput", "-v0", timeout=900)
    os.environ.update(env)
    import django

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    django.setup()


def _seed() -> dict[str, Any]:
    from django.db import connection, transaction

    from upright.core.clock import local_today
    from upright.vetting.models import ConvictionRecord
    from upright.vetting.services.seeding import vetting_seed_bulk

    if ConvictionRecord.objects.exists():
        return {"seeded": False}
    started = time.perf_counter()
    with transaction.atomic():
        counts = vetting_seed_bulk(rng=random.Random(1), as_of=local_today())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"seeded": True, "seconds": round(time.perf_counter() - started, 1), **counts}


def _naive(rule: Any, as_of: dt.date) -> dict[str, dict[str, list[int]]]:
    """The same breakdown the slow way: every row into Python, matched there."""
    from upright.people.choices import ethnic_group_of
    from upright.people.models import OrgUnit, Person
    from upright.vetting.models import ConvictionRecord
    from upright.vetting.policy import policy_rule_records

    matching = set(policy_rule_records(rule=rule, as_of=as_of).values_list("person_id",
                                                                           flat=True))
    all_records = list(ConvictionRecord.objects.values_list("person_id", "offence_category"))
    assert len(all_records) >= len(matching)  # noqa: S101  (loaded, as a naive loop would)
    units = {u: [c for c in p.split("/") if c] for u, p in OrgUnit.objects.values_list("id",
                                                                                        "path")}
    out: dict[str, dict[str, list[int]]] = {d: defaultdict(lambda: [0, 0])
                                            for d in ("rank", "unit", "ethnic_group")}
    for pid, rank, unit, ethnicity, end, status in Person.objects.values_list(
            "id", "rank_or_grade", "org_unit_id", "ethnicity", "end_date", "status"):
        if end is not None or status == "left":
            continue
        codes = units.get(unit)
        keys = {"rank": rank or "(none)", "ethnic_group": ethnic_group_of(ethnicity).value,
                "unit": (codes[2] if len(codes) >= 3 else codes[-1]) if codes else "(none)"}
        for dim, key in keys.items():
            out[dim][key][0] += 1
            out[dim][key][1] += pid in matching
    return {d: dict(v) for d, v in out.items()}


def _timed(call: Any, runs: int) -> tuple[dict[str, float], Any]:
    times, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = call()
        times.append((time.perf_counter() - started) * 1000)
    return _pct(times), value


def _run(runs: int) -> dict[str, Any]:
    from upright.access.models import User
    from upright.access.roles import Role
    from upright.core.clock import local_today
    from upright.vetting.models import ConvictionRecord
    from upright.vetting.policy import policy_rule_parse, policy_simulate
    from upright.vetting.services import policy_simulation_run

    actor, _ = User.objects.get_or_create(username="bench_vetting_analyst",
                                          defaults={"role": Role.ANALYST})
    as_of = local_today()
    count_ms, register = _timed(lambda: ConvictionRecord.objects.count(), runs)
    main_ms, simulation = _timed(lambda: policy_simulation_run(
        actor=actor, name="Nothing but minor motoring", rule=MAIN_RULE, as_of=as_of), runs)
    rule = policy_rule_parse(MAIN_RULE)
    compute_ms, _ = _timed(lambda: policy_simulate(rule=rule, as_of=as_of), runs)
    naive_ms, naive = _timed(lambda: _naive(rule, as_of), 3)
    service = {d: {r["key"]: [r["workforce"], r["affected"]] for r in rows}
               for d, rows in simulation.breakdown.items()}
    others = {}
    for name, other in OTHER_RULES.items():
        ms, result = _timed(lambda name=name, other=other: policy_simulation_run(
            actor=actor, name=name, rule=other, as_of=as_of), max(3, runs // 3))
        others[name] = {"latency_ms": ms, "affected": result.affected}
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "register_rows": register, "workforce": simulation.workforce,
        "affected_main_rule": simulation.affected, "runs": runs,
        "simulation_service_ms": main_ms, "simulation_compute_only_ms": compute_ms,
        "baseline_count_star_ms": count_ms, "baseline_naive_python_ms": naive_ms,
        "naive_matches_service": naive == service, "other_rules": others,
        "target_s": TARGET_S,
        "passed": main_ms["p95"] < TARGET_S * 1000 and naive == service,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None, help="use this database (default: copy "
                                                    f"{TEMPLATE} and drop the copy after)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    db = args.db or db_copy_template(prefix="upright_bench_vetting")
    try:
        _setup(db)
        seeding = _seed()
        result = {"db": db, "seeding": seeding, **_run(args.runs)}
        path = write_result("vetting_policy", result)
        print(f"  register rows        {result['register_rows']} (workforce "
              f"{result['workforce']}, affected {result['affected_main_rule']})")
        print(f"  simulation (service) {result['simulation_service_ms']}")
        print(f"  compute only         {result['simulation_compute_only_ms']}")
        print(f"  count(*) baseline    {result['baseline_count_star_ms']}")
        print(f"  naive Python loop    {result['baseline_naive_python_ms']}  "
              f"same result: {result['naive_matches_service']}")
        print(f"vetting_policy: {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1
    finally:
        if args.db is None and not args.keep_db:
            from django.db import connections

            connections.close_all()
            db_drop(db)


if __name__ == "__main__":
    raise SystemExit(main())
