"""Generating the demo force: people, then reports and matters (with what each step recorded,
the investigators and the suspension register), then one audit event."""

import datetime as dt
import random
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from upright.audit.services import audit_record
from upright.conduct.services.seeding import (
    StepRecords,
    allegation_category_codes,
    matters_seed_bulk,
    seeds_open_investigations,
)
from upright.core.clock import local_today
from upright.demo import audit_events
from upright.demo.force import ForceBuilder
from upright.demo.history import MATTERS_PER_PERSON_YEAR, HistoryBuilder
from upright.demo.patterns_plant import carrick_like_hits, carrick_like_plan
from upright.demo.staff import demo_system_user, investigator_pool_create, investigator_pool_size
from upright.intake.services.seeding import reports_seed_bulk
from upright.people.models import Person
from upright.people.services import person_mgmt_paths_rebuild
from upright.portal.services import commitments_seed_demo
from upright.suspensions.services.seeding import suspensions_seed_bulk
from upright.vetting.services.seeding import vetting_seed_bulk


@dataclass
class SeedSummary:
    seed: int
    as_of: dt.date
    people: int
    units: int
    matters: int
    reports: int
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)


def matters_default(*, people: int, years: int) -> int:
    """Matters over `years` for a workforce of `people` at the published Met rates."""
    return round(people * years * MATTERS_PER_PERSON_YEAR)


def demo_force_exists() -> bool:
    return Person.objects.exists()


def demo_force_seed(
    *, people: int, seed: int, matters: int | None = None, years: int = 10,
    as_of: dt.date | None = None,
) -> SeedSummary:
    """Generate a force of `people` and `matters` matters (default: published rates over
    `years`) up to `as_of` (default today). The same (seed, as_of) gives the same data."""
    as_of = as_of or local_today()
    if matters is None:
        matters = matters_default(people=people, years=years)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    force = ForceBuilder(people=people, seed=seed, as_of=as_of)
    force.build()
    timings["build_people"] = time.perf_counter() - started
    mark = time.perf_counter()
    with transaction.atomic():
        result = force.save()
        if person_mgmt_paths_rebuild() != 0:  # paths were written on insert; this checks them
            raise RuntimeError("seeded management paths disagreed with the line-manager tree")
    timings["insert_people"] = time.perf_counter() - mark
    mark = time.perf_counter()
    cutoff = timezone.make_aware(dt.datetime.combine(as_of, dt.time()))
    rng = random.Random(seed * 7919 + 1)  # a separate stream: history does not shift with the force
    # Carrick-like histories for the repeat-pattern rules (issue 5), within the matter count.
    planted = carrick_like_plan(cutoff=cutoff, seed=seed)
    history = HistoryBuilder(rng=rng, ids=force.ids, categories=allegation_category_codes(),
                             cutoff=cutoff, years=years).build(
        matters=max(0, matters - len(planted.seeds)))
    history.matters.extend(planted.seeds)
    timings["build_history"] = time.perf_counter() - mark
    mark = time.perf_counter()
    with transaction.atomic():
        report_counts = reports_seed_bulk(seeds=history.reports)
        system = demo_system_user()
        pool = investigator_pool_create(count=investigator_pool_size(
            open_investigations=seeds_open_investigations(seeds=history.matters)))
        matter_counts = matters_seed_bulk(seeds=history.matters, records=StepRecords(
            actor_id=system.pk, investigators=pool, cutoff=cutoff))
        timings["insert_matters"] = time.perf_counter() - mark
        suspension_counts = suspensions_seed_bulk(
            cases=matter_counts.gross_cases, actor_id=system.pk, cutoff=cutoff,
            rng=random.Random(seed * 15485863 + 3))
        carrick_like_hits(planted)
        vetting_counts = vetting_seed_bulk(rng=random.Random(seed * 104729 + 5), as_of=as_of)
        commitments_seeded = commitments_seed_demo()
        summary = SeedSummary(
            seed=seed, as_of=as_of, people=result.people, units=result.units,
            matters=matter_counts.matters, reports=len(history.reports), timings=timings,
            counts={
                "people_by_kind": result.by_kind, "people_by_rank": result.by_rank,
                "identities": result.identities, "reports_by_status": report_counts,
                "allegations": matter_counts.allegations,
                "status_changes": matter_counts.status_changes,
                "deadlines": matter_counts.deadlines, "matters_by_status": matter_counts.by_status,
                "step_records": matter_counts.records, "investigators": len(pool),
                "suspensions": asdict(suspension_counts),
                "carrick_like_staff_numbers": planted.staff_numbers,
                "vetting": vetting_counts,
                "commitments": commitments_seeded,
            },
        )
        timings["insert_history"] = time.perf_counter() - mark
        audit_record(
            action=audit_events.DEMO_SEEDED, actor=None, object_type="demo.force",
            object_id=str(seed),
            extra={"seed": seed, "as_of": as_of, "years": years, "people": summary.people,
                   "units": summary.units, "matters": summary.matters,
                   "reports": summary.reports, **summary.counts},
        )
    if connection.vendor == "postgresql":
        # A bulk load leaves the planner's statistics empty until autovacuum catches up; fresh
        # statistics keep the first queries on the new force on their indexed plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    timings["total"] = time.perf_counter() - started
    return summary
