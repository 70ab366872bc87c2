"""Official returns and statistics dashboards at Met scale (issue 6): a copy of the
50,000-person, ~144,000-matter template database `upright_bench_base`, migrated, then in one
run:

- baseline: one COUNT(*) over allegations joined to their matters;
- a full annual return: `summary_refresh` of the Home Office ADR, the IOPC bulletin (four
  quarters and the year) and the disproportionality table for the latest full financial
  year, each timed (computed from the records, stored as a summary table);
- dashboards: 200 GETs each of the Home Office return page, the IOPC bulletin page, the
  disproportionality page and the summary API, in-process (Django test client, logged in as
  an appropriate authority), from the stored summaries: p50/p95 per page.

Targets: a full annual return in under 30 s; every dashboard at p95 under 300 ms.
Run: .venv/bin/python bench/insight_returns.py [--template upright_bench_base] [--db NAME]
     [--year 2025] [--keep-db]   (--db: use an existing, migrated database instead of a copy)
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BIN, PG, ROOT, db_copy_template, db_drop, write_result  # noqa: E402

RETURN_TARGET_S = 30.0
PAGE_TARGET_MS = 300.0
REQUESTS = 200


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", default="upright_bench_base")
    parser.add_argument("--db", default="")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    db = args.db or db_copy_template(prefix="upright_bench_insight", template=args.template)
    env = {**os.environ, "DATABASE_URL": PG + db,
           "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    try:
        subprocess.run([str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
                       cwd=ROOT, env=env, check=True, timeout=900)
        os.environ.update(env)
        result = _run(db, args.year)
        path = write_result("insight_returns", result)
        print(f"  baseline COUNT(*) allegations x matters  {result['baseline_s']:.3f} s "
              f"({result['allegations']} rows)")
        for name, seconds in result["refresh_s"].items():
            print(f"  {name:<24} {seconds:7.3f} s  {result['rows'][name]} figures")
        print(f"  full annual return              {result['return_total_s']:7.3f} s "
              f"(target {RETURN_TARGET_S:.0f} s)")
        for page, stats in result["pages_ms"].items():
            print(f"  {page:<24} p50 {stats['p50']:6.1f} ms  p95 {stats['p95']:6.1f} ms")
        print(f"insight_returns: {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1
    finally:
        if not args.keep_db and not args.db:
            db_drop(db)


def _pages(year: int) -> dict[str, dict[str, float]]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from upright.access.models import User
    from upright.access.roles import Role

    user, _ = User.objects.get_or_create(username="bench_insight_aa",
                                         defaults={"role": Role.APPROPRIATE_AUTHORITY})
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the in-process client
    client = Client()
    client.force_login(user)
    urls = {
        "home_office_page": (reverse("insight:return", args=["home_office_return"]),
                             {"year": year}),
        "iopc_page": (reverse("insight:return", args=["iopc_bulletin"]), {"year": year}),
        "dispro_page": (reverse("insight:dispro"), {"year": year}),
        "summary_api": ("/api/v1/insight/summaries/dispro/", {"year": year}),
    }
    out = {}
    for name, (url, query) in urls.items():
        assert client.get(url, query).status_code == 200, name
        lat = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            client.get(url, query)
            lat.append(1000 * (time.perf_counter() - started))
        lat.sort()
        out[name] = {"p50": round(statistics.median(lat), 1),
                     "p95": round(lat[int(0.95 * len(lat)) - 1], 1)}
    return out


def _run(db: str, year: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from upright.insight.summary import summary_refresh

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        started = time.perf_counter()
        cursor.execute("SELECT COUNT(*) FROM conduct_allegation a"
                       " JOIN conduct_matter m ON m.id = a.matter_id")
        allegations = cursor.fetchone()[0]
        baseline = time.perf_counter() - started
    refresh, rows = {}, {}
    for name in ("home_office_return", "iopc_bulletin", "dispro"):
        started = time.perf_counter()
        summary = summary_refresh(name=name, params={"year": year})
        refresh[name] = round(time.perf_counter() - started, 3)
        rows[name] = len(summary.rows if name != "dispro" else summary.rows["cells"])
    total = round(sum(refresh.values()), 3)
    print(f"  refreshed: {refresh} (total {total} s)", flush=True)
    pages = _pages(year)
    return {
        "database": db, "year": year, "allegations": allegations,
        "baseline_s": round(baseline, 3), "refresh_s": refresh, "rows": rows,
        "return_total_s": total, "pages_ms": pages, "requests_per_page": REQUESTS,
        "return_target_s": RETURN_TARGET_S, "page_target_ms": PAGE_TARGET_MS,
        "passed": total < RETURN_TARGET_S
        and all(p["p95"] < PAGE_TARGET_MS for p in pages.values()),
    }


if __name__ == "__main__":
    raise SystemExit(main())
