"""A person's full history at Met scale (issue 5): p95 under 150 ms.

On a copy of the seeded template database `upright_bench_base` (50,000 people, ~144,000
matters over ten years), this adds to 200 chosen people what the template lacks (records from
previous forces, screening hits, ended restrictions), then times `person_history_view`, the
audited read behind the page, the API and the decision-point panel (every source, the merge
and the audit write), as the demo assessor (a first pass over the people, cold, then the
timed pass) and as the demo appropriate authority; then each source on its own. The chosen
people are the 100 heaviest histories plus 100 drawn at random from everyone with a matter.

Baseline, in the same run: one indexed SELECT of the person's allegations
(`conduct_allegation` by subject), the least any history read must do.

Run: .venv/bin/python bench/history.py [--db NAME] [--n 200] [--keep-db]
  --db NAME: use that (already migrated) database as it is; otherwise a copy of
  upright_bench_base is made, migrated, used and dropped.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from typing import Any

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import db_copy_template, db_drop, manage, server_env, write_result  # noqa: E402

TARGET_P95_MS = 150


def _pct(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    if not values:
        return {}

    def at(p: float) -> float:
        return round(values[min(len(values) - 1, int(p / 100 * len(values)))], 2)

    return {"p50": at(50), "p95": at(95), "p99": at(99), "max": round(values[-1], 2),
            "mean": round(statistics.fmean(values), 2)}


def _choose(n: int) -> list[int]:
    from django.db.models import Count

    from upright.conduct.models import Allegation

    heavy = list(Allegation.objects.values("subject_id").annotate(n=Count("id"))
                 .order_by("-n", "subject_id").values_list("subject_id", flat=True)[:n // 2])
    everyone = list(Allegation.objects.exclude(subject_id__in=heavy)
                    .values_list("subject_id", flat=True).distinct())
    return heavy + random.Random(1).sample(everyone, min(n - len(heavy), len(everyone)))


def _seed_extras(people: list[int]) -> dict[str, int]:
    """What the template lacks, for the chosen people: 5 prior-force records, 2 screening hits
    (one victim/witness-only, left out of the history) and one ended restriction each."""
    import datetime as dt

    from django.utils import timezone

    from upright.access.models import User
    from upright.people.models import PriorForceRecord
    from upright.screening.models import Hit, ScreeningRun
    from upright.suspensions.models import Suspension

    if PriorForceRecord.objects.filter(imported_from="bench/history.py").exists():
        return {"seeded": 0}
    now = timezone.now()
    checksum = secrets.token_hex(32)
    records = [PriorForceRecord(
        person_id=pid, force_name="Thames Valley Police", kind=kind,
        occurred_on=dt.date(2012 + k, 3, 1), category="G5", outcome="no case to answer",
        summary="Benchmark record", source_reference=f"TVP-{pid}-{k}",
        imported_from="bench/history.py", import_checksum=checksum, source_line=i * 5 + k + 2)
        for i, pid in enumerate(people) for k, kind in enumerate(
            ["complaint", "conduct_matter", "conviction", "vetting_decision", "caution"])]
    PriorForceRecord.objects.bulk_create(records, batch_size=2000)
    run = ScreeningRun.objects.create(index_folder="/bench/history")
    hits = [Hit(run=run, employee_id=pid, record_id=f"IDX-{pid}-{k}", kind="identity",
                probability=0.99, match_weight=12.0, band="match", explanation={},
                evidence_fingerprint=secrets.token_hex(16), victim_witness_only=k == 1)
            for pid in people for k in (0, 1)]
    Hit.objects.bulk_create(hits, batch_size=2000)
    authority = User.objects.get(username="appropriate_authority")
    entries = [Suspension(
        person_id=pid, matter_ref="M-BENCH", kind="restricted", decided_at=now - dt.timedelta(days=400),
        decided_by=authority, limb_narrative="Benchmark", notification_method="written",
        notified_at=now - dt.timedelta(days=400), pay_status="full_pay",
        review_interval_days=28, restriction_type="other", restrictions="Benchmark",
        ended_on=(now - dt.timedelta(days=300)).date(), end_reason="no_proceedings",
        end_reasons="Benchmark") for pid in people]
    Suspension.objects.bulk_create(entries, batch_size=2000)
    return {"prior_force_records": len(records), "screening_hits": len(hits),
            "restrictions": len(entries)}


def _time_reads(user: Any, people: list[int]) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from upright.core.exceptions import ActionForbidden
    from upright.patterns.history_services import person_history_view

    for pid in people[:10]:  # warm-up: imports, connections, plan caches
        try:
            person_history_view(actor=user, person_id=pid, channel="bench")
        except ActionForbidden:
            pass
    times: list[float] = []
    entries: list[int] = []
    refused = 0
    skipped: tuple[str, ...] = ()
    for pid in people:
        start = time.perf_counter()
        try:
            history = person_history_view(actor=user, person_id=pid, channel="bench")
        except ActionForbidden:  # the reader is in this person's line of command
            refused += 1
            continue
        times.append((time.perf_counter() - start) * 1000)
        entries.append(history.total)
        skipped = history.skipped
    queries: list[int] = []
    for pid in people[:20]:  # counted apart: capturing SQL slows the reads it captures
        with CaptureQueriesContext(connection) as ctx:
            try:
                person_history_view(actor=user, person_id=pid, channel="bench")
            except ActionForbidden:
                continue
        queries.append(len(ctx.captured_queries))
    return {"n": len(people), "refused_conflict": refused, "latency_ms": _pct(times),
            "entries": {"min": min(entries), "median": statistics.median(entries),
                        "max": max(entries), "total": sum(entries)},
            "queries_per_read": {"min": min(queries), "max": max(queries)},
            "sources_unavailable": list(skipped)}


def _per_source(user: Any, people: list[int]) -> dict[str, Any]:
    """Each source on its own (no merge, no audit), to show where the time goes."""
    from upright.patterns.history import history_sources_available

    out: dict[str, Any] = {}
    for source, function in history_sources_available():
        times = []
        for pid in people:
            start = time.perf_counter()
            function(user=user, person_id=pid)
            times.append((time.perf_counter() - start) * 1000)
        out[source.name] = _pct(times)
    return out


def _baseline(people: list[int]) -> dict[str, Any]:
    from upright.conduct.models import Allegation

    for pid in people[:10]:
        list(Allegation.objects.filter(subject_id=pid).values_list("matter_id", "category_id"))
    times = []
    for pid in people:
        start = time.perf_counter()
        list(Allegation.objects.filter(subject_id=pid).values_list("matter_id", "category_id"))
        times.append((time.perf_counter() - start) * 1000)
    return {"what": "SELECT matter_id, category_id FROM conduct_allegation WHERE subject_id = %s",
            "latency_ms": _pct(times)}


def _run(n: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.db import connection

    from upright.access.models import User
    from upright.conduct.models import Allegation, Matter
    from upright.demo.users import demo_users_reset

    demo_users_reset()
    people = _choose(n)
    seeded = _seed_extras(people)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    heaviest = Allegation.objects.filter(subject_id=people[0]).count()
    result: dict[str, Any] = {
        "target_p95_ms": TARGET_P95_MS, "settings": os.environ["DJANGO_SETTINGS_MODULE"],
        "matters": Matter.objects.count(), "allegations": Allegation.objects.count(),
        "people_timed": len(people), "heaviest_person_allegations": heaviest, "seeded": seeded,
        "baseline_allegations_select": _baseline(people),
    }
    # The first read of each person after the copy pays for pages not yet in the cache: it
    # is reported apart, and the target is checked on the reads after it.
    result["assessor_first_pass"] = _time_reads(User.objects.get(username="assessor"), people)
    for role in ("assessor", "appropriate_authority"):
        result[role] = _time_reads(User.objects.get(username=role), people)
    for role in ("assessor", "appropriate_authority"):
        result[f"{role}_per_source_ms"] = _per_source(User.objects.get(username=role), people)
    p95 = result["assessor"]["latency_ms"].get("p95", float("inf"))
    result["passed"] = p95 < TARGET_P95_MS
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an already migrated database to use as it is")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    db = args.db or db_copy_template(prefix="upright_bench_history")
    env = server_env(db)
    try:
        if not args.db:
            manage(env, "migrate", "--noinput", "-v0")
        os.environ.update(env)
        result = _run(args.n)
        path = write_result("history", result)
        print(f"  baseline (allegations SELECT) {result['baseline_allegations_select']['latency_ms']}")
        for role in ("assessor_first_pass", "assessor", "appropriate_authority"):
            r = result[role]
            print(f"  person_history as {role:<22} {r['latency_ms']}  entries {r['entries']}  "
                  f"queries {r['queries_per_read']}  unavailable {r['sources_unavailable']}")
        for role in ("assessor", "appropriate_authority"):
            for name, figures in result[f"{role}_per_source_ms"].items():
                print(f"    {role[:8]} source {name:<12} p50 {figures['p50']} p95 {figures['p95']}")
        print(f"history: {'PASS' if result['passed'] else 'FAIL'} (assessor p95 < "
              f"{TARGET_P95_MS} ms); written to {path}")
        return 0 if result["passed"] else 1
    finally:
        if not args.db and not args.keep_db:
            db_drop(db)


if __name__ == "__main__":
    sys.exit(main())
