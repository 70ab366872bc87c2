"""The public statistics pages on the 50,000-person demo force with ten years of history, on
PostgreSQL. In one run:

- refreshing the summary tables the portal reads (Home Office return, IOPC bulletin and
  disproportionality for the five financial years shown) from the records: the nightly
  `upright insight refresh` job's share for the portal;
- reading every published figure (five financial years, five topics) from those summaries
  with the cache cleared each time: the cost the first visitor after a refresh pays;
- the statistics pages, the commitments page and the CSV download, through Django's test
  client with the figures cached (every other visitor), N requests each;
- baseline: the portal home page, in the same run.

Targets: cold read < 10 s; cached pages p95 < 300 ms (the refresh is reported).
Run: .venv/bin/python bench/portal.py [--db NAME] [--n 50] [--keep-db]
(without --db a copy of the template database upright_bench_base is made and dropped after).
"""

import argparse
import sys
import time
from typing import Any

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import TEMPLATE, bench_database, write_result  # noqa: E402

COLD_TARGET_S = 10.0
PAGE_TARGET_MS = 300.0
URLS = ["/statistics/reports/", "/statistics/suspensions/", "/statistics/dismissals/",
        "/statistics/timeliness/", "/statistics/disproportionality/", "/commitments/",
        "/open-data/statistics.csv"]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1)


def _run(n: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from upright.insight.summary import summary_refresh
    from upright.portal.figures import financial_years, public_topics
    from upright.portal.services import commitments_seed_demo

    commitments_seed_demo()
    refresh: dict[str, float] = {}
    for year in financial_years():
        for name in ("home_office_return", "iopc_bulletin", "dispro"):
            started = time.perf_counter()
            summary_refresh(name=name, params={"year": year})
            refresh[f"{name} {year}"] = round(time.perf_counter() - started, 2)
    cold = []
    for _ in range(3):
        cache.clear()
        started = time.perf_counter()
        topics = public_topics()
        cold.append(time.perf_counter() - started)
    client = Client(SERVER_NAME="127.0.0.1")
    pages: dict[str, dict[str, float]] = {}
    for url in ["/", *URLS]:
        lat = []
        for _ in range(n):
            started = time.perf_counter()
            status = client.get(url).status_code
            lat.append((time.perf_counter() - started) * 1000)
            assert status == 200, (url, status)
        pages[url] = {"p50_ms": round(sorted(lat)[len(lat) // 2], 1), "p95_ms": _p95(lat)}
    cold_s = round(max(cold), 2)
    worst = max(v["p95_ms"] for k, v in pages.items() if k != "/")
    return {"refresh_s": refresh, "refresh_total_s": round(sum(refresh.values()), 1),
            "cold_read_s": [round(c, 2) for c in cold], "pages": pages,
            "first_series": [c.display for c in topics[0].series[0].cells],
            "passed": cold_s < COLD_TARGET_S and worst < PAGE_TARGET_MS,
            "targets": {"cold_s": COLD_TARGET_S, "page_p95_ms": PAGE_TARGET_MS}}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing copy of the seeded database to use")
    parser.add_argument("--template", default=TEMPLATE)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    with bench_database(prefix="upright_bench_portal", db=args.db or "", template=args.template,
                        keep=args.keep_db, DJANGO_DEBUG="False") as db:
        result = {"database": db, **_run(args.n)}
        path = write_result("portal", result)
        print(f"  summaries refreshed from the records in {result['refresh_total_s']} s")
        print(f"  cold read of every figure  {result['cold_read_s']} s")
        for url, lat in result["pages"].items():
            print(f"  {url:<32} {lat}")
        print(f"  first series  {result['first_series']}")
        print(f"portal: {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
