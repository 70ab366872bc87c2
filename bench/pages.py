"""Staff pages on a Met-sized force: seed 50,000 people and their ~144,000 matters into a fresh
PostgreSQL database, then time N requests each (varied objects) of the triage queue, a matter
page and a person's history page, with the staff home page as the baseline, through Django's
test Client logged in as the demo assessor (production settings, in process).

Targets: p95 < 150 ms for each page.
Run: .venv/bin/python bench/pages.py [--people 50000] [--n 200] [--keep-db]
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from typing import Any

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import BIN, ROOT, db_create, db_drop, db_prepare, server_env, write_result  # noqa: E402


def _pct(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    if not values:
        return {}

    def at(p: float) -> float:
        return round(values[min(len(values) - 1, int(p / 100 * len(values)))], 1)

    return {"p50": at(50), "p95": at(95), "p99": at(99), "max": round(values[-1], 1),
            "mean": round(statistics.fmean(values), 1)}


def _measure(client: Any, urls: list[str]) -> dict[str, Any]:
    for url in urls[:10]:  # warm-up: templates, connections, caches
        client.get(url)
    times: list[float] = []
    statuses: dict[int, int] = {}
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code == 200:
            times.append(elapsed)
    return {"n": len(urls), "statuses": statuses, "latency_ms": _pct(times)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    db = db_create("upright_bench_pages")
    env = server_env(db)
    try:
        db_prepare(env)
        start = time.perf_counter()
        subprocess.run([str(BIN / "python"), "manage.py", "demo_seed", "--people", str(args.people),
                        "--seed", str(args.seed)], cwd=ROOT, env=env, check=True, timeout=1200)
        seed_s = time.perf_counter() - start
        os.environ.update(env)
        result = _run_pages(args.n, seed_s, args.people)
        path = write_result("pages", result)
        for name, page in result["pages"].items():
            print(f"  {name:<16} {page['latency_ms']}  statuses {page['statuses']}")
        print(f"pages: seeded {args.people:,} people / {result['matters']:,} matters on PostgreSQL "
              f"in {seed_s:.0f} s; {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1
    finally:
        if not args.keep_db:
            db_drop(db)


def _run_pages(n: int, seed_s: float, people: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.apps import apps
    from django.test import Client
    from django.urls import reverse

    from upright.access.models import User
    from upright.demo.users import demo_users_reset

    demo_users_reset()
    assessor = User.objects.get(username="assessor")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(assessor)
    rng = random.Random(1)
    matter = apps.get_model("conduct", "Matter")
    allegation = apps.get_model("conduct", "Allegation")
    references = list(matter.objects.values_list("reference", flat=True))
    subjects = list(allegation.objects.values_list("subject_id", flat=True).distinct())
    pages = {
        "home (baseline)": [reverse("access:home")] * n,
        "triage queue": [reverse("intake:triage")] * n,
        "matter": [reverse("conduct:matter_detail", args=[r]) for r in rng.sample(references, n)],
        "person history": [reverse("conduct:person_history", args=[p])
                           for p in rng.sample(subjects, n)],
    }
    measured = {name: _measure(client, urls) for name, urls in pages.items()}
    passed = all(page["latency_ms"] and page["latency_ms"]["p95"] < 150
                 for name, page in measured.items() if name != "home (baseline)")
    return {"target_p95_ms": 150, "people": people, "matters": len(references),
            "seed_seconds_postgresql": round(seed_s, 1), "client": "django.test.Client, in process",
            "settings": "config.settings.production", "pages": measured, "passed": passed}


if __name__ == "__main__":
    sys.exit(main())
