"""The statutory process at Met scale: seed 50,000 people and their ~144,000 matters into a fresh
PostgreSQL database, then measure, in one run:

- a transition through the API (POST /api/v1/matters/{ref}/transitions: reopen, then close
  with no further action), N different matters, as the demo appropriate authority;
- the overdue-deadlines queue page, N requests;
- regenerating every open working-day deadline after a bank-holiday change (a new one-off
  holiday on the next working day, then its removal);
- baseline: the staff home page, in the same run.

Targets: transition p95 < 100 ms; overdue queue p95 < 150 ms; regeneration < 60 s.
Run: .venv/bin/python bench/conduct.py [--people 50000] [--n 200] [--keep-db]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from typing import Any

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import BIN, ROOT, db_create, db_drop, db_prepare, server_env, write_result  # noqa: E402
from pages import _measure, _pct  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    db = db_create("upright_bench_conduct")
    env = server_env(db)
    try:
        db_prepare(env)
        subprocess.run([str(BIN / "python"), "manage.py", "demo_seed", "--people", str(args.people),
                        "--seed", str(args.seed)], cwd=ROOT, env=env, check=True, timeout=1200)
        os.environ.update(env)
        result = _run(args.n)
        path = write_result("conduct", result)
        print(f"  home (baseline)   {result['baseline_home']['latency_ms']}")
        for label, key in (("transition (API)", "transition"), ("overdue queue", "overdue_queue")):
            print(f"  {label:<17} {result[key]['latency_ms']}  statuses {result[key]['statuses']}")
        print(f"  regeneration      {result['regeneration']}")
        print(f"conduct: {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1
    finally:
        if not args.keep_db:
            db_drop(db)


def _transitions(client: Any, references: list[str]) -> dict[str, Any]:
    times: list[float] = []
    statuses: dict[int, int] = {}
    for index, reference in enumerate(references):
        action = "reopen" if index % 2 == 0 else "close_nfa"
        body = json.dumps({"action": action, "rationale": "Benchmark decision."})
        start = time.perf_counter()
        response = client.post(f"/api/v1/matters/{reference}/transitions", data=body,
                               content_type="application/json")
        elapsed = (time.perf_counter() - start) * 1000
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code == 200:
            times.append(elapsed)
    return {"n": len(references), "statuses": statuses, "latency_ms": _pct(times)}


def _run(n: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.apps import apps
    from django.test import Client
    from django.urls import reverse

    from upright.access.models import User
    from upright.conduct.services.calendar import calendar_day_clear, calendar_day_set
    from upright.core.clock import local_today
    from upright.core.workdays import workdays_add
    from upright.demo.users import demo_users_reset

    demo_users_reset()
    authority = User.objects.get(username="appropriate_authority")
    admin = User.objects.get(username="admin")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(authority)
    matter = apps.get_model("conduct", "Matter")
    deadline = apps.get_model("conduct", "Deadline")
    from upright.conduct.selectors import matter_list_visible_to

    closed = list(matter_list_visible_to(user=authority, status="closed_nfa")
                  .filter(regime__in=["2020", "2020_amended_2025"])
                  .values_list("reference", flat=True)[:5000])
    chosen = random.Random(1).sample(closed, min(n // 2, len(closed)))
    sequence = [ref for ref in chosen for _ in (0, 1)]  # reopen, then close again
    _transitions(client, sequence[:10])  # warm-up (and leaves those matters as they were)
    transition = _transitions(client, sequence[10:])
    overdue = _measure(client, [reverse("conduct:overdue")] * n)
    home = _measure(client, [reverse("access:home")] * n)
    day = workdays_add(trigger=local_today(), n=1)
    open_deadlines = deadline.objects.filter(satisfied_at__isnull=True).count()
    start = time.perf_counter()
    added = calendar_day_set(actor=admin, day=day, is_holiday=True, name="Benchmark holiday")
    add_s = time.perf_counter() - start
    start = time.perf_counter()
    cleared = calendar_day_clear(actor=admin, day=day)
    clear_s = time.perf_counter() - start
    # Worst case: as if every deadline ever set were still open, with a holiday early enough
    # (ten years back) to move many of them. Runs on the benchmark's scratch database only.
    deadline.objects.update(satisfied_at=None)
    old_day = workdays_add(trigger=local_today().replace(year=local_today().year - 9), n=1)
    start = time.perf_counter()
    worst = calendar_day_set(actor=admin, day=old_day, is_holiday=True, name="Benchmark holiday")
    worst_s = time.perf_counter() - start
    regeneration = {"open_deadlines": open_deadlines, "holiday": day.isoformat(),
                    "add": {"checked": added.checked, "moved": added.changed, "seconds": round(add_s, 2)},
                    "clear": {"checked": cleared.checked, "moved": cleared.changed,
                              "seconds": round(clear_s, 2)},
                    "worst_case_all_deadlines_open": {
                        "deadlines": deadline.objects.count(), "holiday": old_day.isoformat(),
                        "checked": worst.checked, "moved": worst.changed, "seconds": round(worst_s, 2)}}
    passed = bool(transition["latency_ms"] and transition["latency_ms"]["p95"] < 100
                  and overdue["latency_ms"] and overdue["latency_ms"]["p95"] < 150
                  and max(add_s, clear_s, worst_s) < 60)
    return {"targets": {"transition_p95_ms": 100, "overdue_p95_ms": 150, "regeneration_s": 60},
            "matters": matter.objects.count(), "settings": "config.settings.production",
            "client": "django.test.Client, in process", "transition": transition,
            "overdue_queue": overdue, "baseline_home": home, "regeneration": regeneration,
            "passed": passed}


if __name__ == "__main__":
    sys.exit(main())
