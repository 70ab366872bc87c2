"""Official returns and statistics dashboards at Met scale (issue 6): a copy of the
50,000-person, ~144,000-matter template database `upright_bench_base`, migrated, then in one
run:

- baseline: one COUNT(*) over allegations joined to their matters;
- a full annual return: `summary_refresh` of the Home Office ADR, the IOPC bulletin (four
  quarters and the year) and the disproportionality table for the latest full financial
  year, each timed (computed from the records, stored as a summary table);
- the same three summaries for the BCU with the most people (the dashboard's unit filter),
  and the timeliness summary where it exists (timed apart: not part of the annual return);
- dashboards: 200 GETs each of the staff dashboard (whole force and that BCU), the Home
  Office return page, the IOPC bulletin page, the disproportionality page, the timeliness
  page (where it exists) and the summary API, in-process (Django test client, logged in as
  an appropriate authority), from the stored summaries: p50/p95 per page;
- drill-down: 20 GETs of the matters behind the largest non-reference disproportionality
  cell (subject of an allegation, by ethnic group), reported, not a target.

Targets: a full annual return in under 30 s; every dashboard at p95 under 300 ms.
Run: .venv/bin/python bench/insight_returns.py [--template upright_bench_base] [--db NAME]
     [--year 2025] [--keep-db]   (--db: use an existing, migrated database instead of a copy)
"""

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, allegations_baseline, bench_database, write_result  # noqa: E402

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
    with bench_database(prefix="upright_bench_insight", db=args.db or "", template=args.template,
                        keep=args.keep_db) as db:
        result = _run(db, args.year)
        path = write_result("insight_returns", result)
        print(f"  baseline COUNT(*) allegations x matters  {result['baseline_s']:.3f} s "
              f"({result['allegations']} rows)")
        for name, seconds in result["refresh_s"].items():
            print(f"  {name:<24} {seconds:7.3f} s  {result['rows'][name]} figures")
        print(f"  full annual return              {result['return_total_s']:7.3f} s "
              f"(target {RETURN_TARGET_S:.0f} s)")
        for name, seconds in result["extra_refresh_s"].items():
            print(f"  {name:<24} {seconds:7.3f} s  (not part of the annual return)")
        for page, stats in result["pages_ms"].items():
            print(f"  {page:<24} p50 {stats['p50']:6.1f} ms  p95 {stats['p95']:6.1f} ms")
        for page, stats in result["drill_ms"].items():
            print(f"  {page:<24} p50 {stats['p50']:6.1f} ms  p95 {stats['p95']:6.1f} ms "
                  f"({stats['matters']} matters behind it, listed 100 a page; no target)")
        print(f"insight_returns: {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1


def _latency(client: Any, url: str, query: dict[str, Any], n: int) -> dict[str, float]:
    response = client.get(url, query)
    assert response.status_code == 200, (url, response.status_code)
    lat = []
    for _ in range(n):
        started = time.perf_counter()
        client.get(url, query)
        lat.append(1000 * (time.perf_counter() - started))
    lat.sort()
    return {"p50": round(statistics.median(lat), 1),
            "p95": round(lat[max(int(0.95 * len(lat)) - 1, 0)], 1)}


def _pages(year: int, unit: str) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
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
    urls: dict[str, tuple[str, dict[str, Any]]] = {
        "dashboard": (reverse("insight:dashboard"), {"year": year}),
        "dashboard_unit": (reverse("insight:dashboard"), {"year": year, "unit": unit}),
        "home_office_page": (reverse("insight:return", args=["home_office_return"]),
                             {"year": year}),
        "iopc_page": (reverse("insight:return", args=["iopc_bulletin"]), {"year": year}),
        "dispro_page": (reverse("insight:dispro"), {"year": year}),
        "summary_api": ("/api/v1/insight/summaries/dispro/", {"year": year}),
    }
    if _has_url("insight:timeliness"):
        urls["timeliness_page"] = (reverse("insight:timeliness"), {"year": year})
    out = {name: _latency(client, url, query, REQUESTS) for name, (url, query) in urls.items()}
    from upright.insight.selectors import summary_get

    dispro = summary_get(name="dispro", params={"year": year, "unit": "",
                                                "workforce": "officers"})
    assert dispro is not None
    cell = max((c for c in dispro.rows["cells"] if c["stage"] == "allegation"
                and c["dimension"] == "ethnic_group" and c["group"] != "white"),
               key=lambda c: len(c["refs"]))
    drill = _latency(client, reverse("insight:dispro_drill"), {
        "year": year, "stage": "allegation", "dimension": "ethnic_group",
        "group": cell["group"]}, 20)
    return out, {"dispro_drill": {**drill, "matters": len(cell["refs"]),
                                  "group": cell["group"]}}


def _has_url(name: str) -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def _busiest_bcu() -> str:
    """The BCU (force/command/BCU, the third level of the hierarchy) with the most people."""
    from collections import Counter

    from upright.people.models import Person

    counts = Counter("/".join(path.split("/")[:4]) + "/" for path in Person.objects.exclude(
        org_unit=None).values_list("org_unit__path", flat=True) if path.count("/") >= 4)
    return counts.most_common(1)[0][0]


def _run(db: str, year: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    from upright.insight.summary import summary_refresh

    allegations, baseline = allegations_baseline()
    refresh, rows = {}, {}
    for name in ("home_office_return", "iopc_bulletin", "dispro"):
        started = time.perf_counter()
        summary = summary_refresh(name=name, params={"year": year})
        refresh[name] = round(time.perf_counter() - started, 3)
        rows[name] = len(summary.rows if name != "dispro" else summary.rows["cells"])
    total = round(sum(refresh.values()), 3)
    print(f"  refreshed: {refresh} (total {total} s)", flush=True)
    from upright.insight.summary import SUMMARIES

    unit = _busiest_bcu()
    extra: dict[str, float] = {}
    for name in ("home_office_return", "iopc_bulletin", "dispro"):
        started = time.perf_counter()
        summary_refresh(name=name, params={"year": year, "unit": unit})
        extra[f"{name} {unit}"] = round(time.perf_counter() - started, 3)
    if "timeliness" in SUMMARIES:
        started = time.perf_counter()
        summary_refresh(name="timeliness", params={"year": year})
        extra["timeliness"] = round(time.perf_counter() - started, 3)
    print(f"  refreshed: {extra}", flush=True)
    pages, drill = _pages(year, unit)
    return {
        "database": db, "year": year, "allegations": allegations, "unit": unit,
        "baseline_s": round(baseline, 3), "refresh_s": refresh, "rows": rows,
        "extra_refresh_s": extra, "drill_ms": drill,
        "return_total_s": total, "pages_ms": pages, "requests_per_page": REQUESTS,
        "return_target_s": RETURN_TARGET_S, "page_target_ms": PAGE_TARGET_MS,
        "passed": total < RETURN_TARGET_S
        and all(p["p95"] < PAGE_TARGET_MS for p in pages.values()),
    }


if __name__ == "__main__":
    raise SystemExit(main())
