"""Bulk register entries for the demo force (upright.demo): suspensions and restricted duties
for matters assessed as gross misconduct, as `suspension_impose` / `restriction_impose`,
`suspension_review` and `suspension_end` would have written them. Not for real data: no
permission checks, no notices, no audit events (the demo writes one for the run).

Shares (assumptions; the Met suspended about 100 officers at a time in 2023, with several
hundred more on restricted duties): of the officers and special constables subject to a gross
misconduct matter, 30% are suspended (60% where a criminal investigation runs alongside) and
40% more put on restricted duties; police staff, who cannot be suspended under reg 11, are
restricted in 40% of cases. Decided within a few days of the severity assessment, reviewed at
the review interval, ended when the proceedings conclude or it is decided there will be none
(reg 11(5)). One active entry per person: a second matter's entry waits for the first to end.
"""

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.conduct.services.seeding import db_adapters, rows_insert
from upright.conduct.services.seeding_steps import ProceedingsCase
from upright.people.choices import EmploymentKind, EmploymentStatus
from upright.people.models import Person
from upright.suspensions.choices import (
    EndReason,
    Kind,
    NotificationMethod,
    PayStatus,
    RestrictionType,
    ReviewOutcome,
)
from upright.suspensions.models import Suspension, SuspensionReview
from upright.suspensions.services.common import review_interval_default

_REG11_KINDS = (EmploymentKind.OFFICER, EmploymentKind.SPECIAL)
_COLUMNS = ["person", "matter_ref", "compartment", "kind", "decided_at", "decided_by",
            "redeployment_considered", "redeployment_rejected_reason",
            "limb_prejudice_investigation", "limb_public_interest", "limb_narrative",
            "notification_method", "notified_at", "confirmation_due", "confirmed_at",
            "pay_status", "review_interval_days", "next_review_due", "restriction_type",
            "restrictions", "location", "ended_on", "end_reason", "end_reasons", "ended_by",
            "created_at", "updated_at"]
_REVIEW_COLUMNS = ["suspension", "reviewed_on", "outcome", "reasons", "representations_response",
                   "reviewed_by", "next_review_due", "created_at", "updated_at"]


@dataclass
class SuspensionSeedCounts:
    suspended: int = 0
    restricted: int = 0
    active: int = 0
    reviews: int = 0
    by_end_reason: dict[str, int] = field(default_factory=dict)


def suspensions_seed_bulk(*, cases: Sequence[ProceedingsCase], actor_id: int, cutoff: dt.datetime,
                          rng: random.Random) -> SuspensionSeedCounts:
    """Register entries (and their reviews) for `cases`; the people still suspended or
    restricted at `cutoff` get that employment status. One transaction."""
    people = {pid: (kind, status, end) for pid, kind, status, end in Person.objects.filter(
        id__in={pid for case in cases for pid in case.subject_ids}).values_list(
            "id", "employment_kind", "status", "end_date")}
    interval = review_interval_default()
    busy_until: dict[int, dt.datetime] = {}  # a person's current entry ends then (max: open)
    entries: list[dict[str, Any]] = []
    for case in sorted(cases, key=lambda c: (c.assessed_at, c.reference)):
        for person_id in case.subject_ids:
            entry = _entry(case, person_id, people.get(person_id), rng, cutoff, busy_until)
            if entry is not None:
                entries.append(entry)
                busy_until[person_id] = entry["ended_at"] or dt.datetime.max.replace(tzinfo=dt.UTC)
    counts = SuspensionSeedCounts()
    with transaction.atomic():
        _insert(entries, actor_id=actor_id, interval=interval, cutoff=cutoff, counts=counts)
    return counts


def _entry(case: ProceedingsCase, person_id: int, person: tuple[str, str, dt.date | None] | None,
           rng: random.Random, cutoff: dt.datetime, busy_until: dict[int, dt.datetime]
           ) -> dict[str, Any] | None:
    if person is None:
        return None
    kind_of_person, status, end_date = person
    decided = case.assessed_at + dt.timedelta(days=rng.uniform(0, 5))
    ended = case.ended_at if case.ended_at is not None and case.ended_at < cutoff else None
    if decided >= cutoff or (ended is not None and ended <= decided):
        return None
    if end_date is not None and end_date <= timezone.localdate(ended or cutoff):
        return None  # left the force before the entry would have ended
    if busy_until.get(person_id, decided) > decided:
        return None
    draw = rng.random()
    if kind_of_person in _REG11_KINDS:
        suspended_share = 0.6 if case.criminal else 0.3
        kind = (Kind.SUSPENDED if draw < suspended_share else Kind.RESTRICTED
                if draw < suspended_share + 0.4 else "")
    else:
        kind = Kind.RESTRICTED if draw < 0.4 else ""
    if not kind or (ended is None and status != EmploymentStatus.SERVING):
        return None
    return {"person_id": person_id, "case": case, "kind": kind, "decided_at": decided,
            "ended_at": ended, "oral": rng.random() < 0.3,
            "restriction": rng.choice([RestrictionType.NON_PUBLIC_FACING,
                                       RestrictionType.OFFICE_BASED,
                                       RestrictionType.NO_SYSTEMS_ACCESS])}


def _insert(entries: list[dict[str, Any]], *, actor_id: int, interval: int, cutoff: dt.datetime,
            counts: SuspensionSeedCounts) -> None:
    dtv, datev = db_adapters()
    rows = []
    for e in entries:
        case: ProceedingsCase = e["case"]
        decided: dt.datetime = e["decided_at"]
        ended: dt.datetime | None = e["ended_at"]
        suspended = e["kind"] == Kind.SUSPENDED
        method = NotificationMethod.ORAL if e["oral"] else NotificationMethod.WRITTEN
        notified = decided + dt.timedelta(hours=2)
        confirmed = notified + dt.timedelta(days=2) if e["oral"] else notified
        held = _review_days(decided, ended or cutoff, interval)
        next_due = None if ended else (held[-1] if held else timezone.localdate(decided)
                                       ) + dt.timedelta(days=interval)
        end_reason = "" if ended is None else case.end_reason or EndReason.PROCEEDINGS_CONCLUDED
        rows.append((
            e["person_id"], case.reference, case.compartment, e["kind"], dtv(decided), actor_id,
            suspended, "Redeployment would not remove the risk to the investigation or public "
            "confidence." if suspended else "", suspended, suspended,
            f"Gross misconduct alleged ({case.reference}); synthetic demo entry.",
            method, dtv(notified), datev(timezone.localdate(notified) + dt.timedelta(days=3))
            if e["oral"] else None, dtv(confirmed), PayStatus.FULL_PAY, interval,
            datev(next_due), "" if suspended else e["restriction"],
            "" if suspended else "No contact with the public or the complainant.", "",
            datev(timezone.localdate(ended)) if ended else None, end_reason,
            "Synthetic demo record" if ended else "", actor_id if ended else None,
            dtv(decided), dtv(ended or decided)))
        counts.suspended += suspended
        counts.restricted += not suspended
        counts.active += ended is None
        if end_reason:
            counts.by_end_reason[end_reason] = counts.by_end_reason.get(end_reason, 0) + 1
    rows_insert(Suspension, _COLUMNS, rows)
    refs = [e["case"].reference for e in entries]
    ids = {(ref, pid): sid for sid, ref, pid in Suspension.objects.filter(
        matter_ref__in=refs, decided_by_id=actor_id).values_list("id", "matter_ref", "person_id")}
    reviews: list[tuple[Any, ...]] = []
    for e in entries:
        sid = ids[(e["case"].reference, e["person_id"])]
        days = _review_days(e["decided_at"], e["ended_at"] or cutoff, interval)
        for day in days:
            stamp = dtv(timezone.make_aware(dt.datetime.combine(day, dt.time(10))))
            reviews.append((sid, datev(day), ReviewOutcome.CONTINUE,
                            "The conditions are still met.", "", actor_id,
                            datev(day + dt.timedelta(days=interval)), stamp, stamp))
    rows_insert(SuspensionReview, _REVIEW_COLUMNS, reviews)
    counts.reviews = len(reviews)
    active = [e for e in entries if e["ended_at"] is None]
    for kind in (Kind.SUSPENDED, Kind.RESTRICTED):
        Person.objects.filter(id__in=[e["person_id"] for e in active if e["kind"] == kind]).update(
            status=kind)


def _review_days(decided: dt.datetime, until: dt.datetime, interval: int) -> list[dt.date]:
    """The reviews held every `interval` days after the decision, before `until`."""
    first, last = timezone.localdate(decided), timezone.localdate(until)
    return [first + dt.timedelta(days=interval * n)
            for n in range(1, (last - first).days // interval + 1)
            if first + dt.timedelta(days=interval * n) < last]
