"""Bulk insertion of synthetic matters for the demo force (upright.demo). Not for real data:
it bypasses the per-matter services (no permission checks, one audit event per run, written
by the caller) so that 100,000+ matters with their history load in minutes.

What it guarantees is what the real services would produce: every history row is a transition
allowed by `states.TRANSITIONS`, every matter starts with the "record" step, deadlines come from
the DeadlineRule rows, and the matter's status, severity and closed_at agree with its history.
"""

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from upright.conduct.models import (
    Allegation,
    AllegationCategory,
    Deadline,
    DeadlineRule,
    Matter,
    MatterStatusChange,
)
from upright.conduct.services.deadlines import (
    IOPC_REFERRAL,
    REG18_REPRESENTATIONS,
    TIMELINESS_REPORT,
    deadline_due_date,
)
from upright.conduct.services.matters import regime_for
from upright.conduct.states import CLOSED_STATES, TRANSITIONS, MatterStatus

S = MatterStatus
_INVESTIGATION = (S.SEVERITY_ASSESSMENT_PENDING, S.INVESTIGATOR_APPOINTMENT_PENDING,
                  S.UNDER_INVESTIGATION, S.INTERVIEW_SCHEDULED, S.UNDER_INVESTIGATION,
                  S.REPORT_SUBMITTED, S.CASE_TO_ANSWER_DETERMINATION)
_PROCEEDINGS = (S.NOTICE_OF_REFERRAL_SERVED, S.AWAITING_OFFICER_RESPONSE, S.BUNDLE_TO_CHAIR)

# Named routes a matter can take after it is recorded: the statuses it passes through, in
# order. A matter that has taken only some steps is open in the last status it reached.
ROUTES: dict[str, tuple[MatterStatus, ...]] = {
    # Complaints handled outside Schedule 3 or otherwise than by investigation (Sch 3 para 6).
    "handled_otherwise": (S.HANDLED_OTHERWISE, S.CLOSED_WITH_OUTCOME),
    "handled_otherwise_review": (S.HANDLED_OTHERWISE, S.REVIEW_REQUESTED, S.UNDER_REVIEW,
                                 S.CLOSED_WITH_OUTCOME),
    "nfa_at_recording": (S.CLOSED_NFA,),
    "nfa_at_severity": (S.SEVERITY_ASSESSMENT_PENDING, S.CLOSED_NFA),
    "rprp": (S.SEVERITY_ASSESSMENT_PENDING, S.RPRP, S.CLOSED_WITH_OUTCOME),
    "vetting": (S.SEVERITY_ASSESSMENT_PENDING, S.VETTING_ROUTE, S.CLOSED_WITH_OUTCOME),
    "no_case_to_answer": (*_INVESTIGATION, S.CLOSED_NFA),
    "investigation_rprp": (*_INVESTIGATION, S.RPRP, S.CLOSED_WITH_OUTCOME),
    "iopc_no_case_to_answer": (S.REFERRED_TO_IOPC, *_INVESTIGATION, S.CLOSED_NFA),
    "meeting": (*_INVESTIGATION, S.REFERRED_TO_MEETING, *_PROCEEDINGS, S.LISTED,
                S.PROCEEDINGS_HELD, S.OUTCOME_NOTIFIED, S.CLOSED_WITH_OUTCOME),
    "meeting_appeal": (*_INVESTIGATION, S.REFERRED_TO_MEETING, *_PROCEEDINGS, S.LISTED,
                       S.PROCEEDINGS_HELD, S.OUTCOME_NOTIFIED, S.APPEAL_MEETING,
                       S.CLOSED_WITH_OUTCOME),
    "hearing": (*_INVESTIGATION, S.REFERRED_TO_HEARING, *_PROCEEDINGS, S.PRE_HEARING, S.LISTED,
                S.PROCEEDINGS_HELD, S.OUTCOME_NOTIFIED, S.CLOSED_WITH_OUTCOME),
    "iopc_hearing": (S.REFERRED_TO_IOPC, *_INVESTIGATION, S.REFERRED_TO_HEARING, *_PROCEEDINGS,
                     S.PRE_HEARING, S.LISTED, S.PROCEEDINGS_HELD, S.OUTCOME_NOTIFIED,
                     S.CLOSED_WITH_OUTCOME),
    "criminal_then_hearing": (*_INVESTIGATION[:3], S.SUSPENDED_PENDING_CRIMINAL,
                              *_INVESTIGATION[2:], S.REFERRED_TO_HEARING, *_PROCEEDINGS,
                              S.PRE_HEARING, S.LISTED, S.PROCEEDINGS_HELD, S.OUTCOME_NOTIFIED,
                              S.CLOSED_WITH_OUTCOME),
    "accelerated_hearing": (*_INVESTIGATION[:4], S.UNDER_INVESTIGATION, S.REPORT_SUBMITTED,
                            S.AMH_PATH, S.OUTCOME_NOTIFIED, S.CLOSED_WITH_OUTCOME),
    "withdrawn": (*_INVESTIGATION, S.REFERRED_TO_HEARING, S.WITHDRAWN, S.CLOSED_NFA),
}
ROUTE_LENGTHS: dict[str, int] = {name: len(route) for name, route in ROUTES.items()}

# Severity recorded once the route passes the assessment (reg 14), by route.
_SEVERITY: dict[str, tuple[str, str]] = {
    "nfa_at_severity": ("none", "nfa"),
    "rprp": ("practice_requiring_improvement", "rprp"),
    "vetting": ("misconduct", "vetting"),
    "no_case_to_answer": ("misconduct", "investigate"),
    "investigation_rprp": ("misconduct", "investigate"),
    "iopc_no_case_to_answer": ("misconduct", "investigate"),
    "meeting": ("misconduct", "investigate"),
    "meeting_appeal": ("misconduct", "investigate"),
    "hearing": ("gross_misconduct", "investigate"),
    "iopc_hearing": ("gross_misconduct", "investigate"),
    "criminal_then_hearing": ("gross_misconduct", "investigate"),
    "accelerated_hearing": ("gross_misconduct", "investigate"),
    "withdrawn": ("gross_misconduct", "investigate"),
}
# The verb recorded in the history for a move into each status (the services' action names
# where one exists).
_ACTION_INTO: dict[str, str] = {
    S.REFERRED_TO_IOPC: "referral_check", S.INVESTIGATOR_APPOINTMENT_PENDING: "assess_severity",
    S.RPRP: "assess_severity", S.VETTING_ROUTE: "assess_severity",
    S.UNDER_INVESTIGATION: "appoint_investigator", S.CLOSED_NFA: "close_nfa",
}


@dataclass(frozen=True)
class AllegationSeed:
    subject_id: int
    standard: str
    category_code: str
    description: str = ""


@dataclass
class MatterSeed:
    """One synthetic matter. step_times: when each step of `route` was taken, in order; only
    the steps already taken (so a shorter list than the route means the matter is open)."""

    reference: str
    kind: str
    came_to_attention_at: dt.datetime
    summary: str
    route: str
    step_times: list[dt.datetime]
    allegations: list[AllegationSeed]
    source_report_reference: str = ""
    compartment: str = ""
    investigation_mode: str = ""
    track: str = ""  # e.g. "outside_sch3", kept in the first history row's payload


@dataclass
class MatterSeedCounts:
    matters: int = 0
    allegations: int = 0
    status_changes: int = 0
    deadlines: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


def route_validate(name: str) -> None:
    """Raise ValueError if route `name` takes a transition the state table does not allow."""
    previous = S.RECORDED
    for status in ROUTES[name]:
        if status not in TRANSITIONS[previous]:
            raise ValueError(f"route {name}: {previous} -> {status} is not allowed")
        previous = status


def allegation_category_codes() -> dict[str, list[str]]:
    """Active category codes by group letter ("F" -> ["F1", ...])."""
    groups: dict[str, list[str]] = {}
    for code, group in AllegationCategory.objects.filter(active=True).values_list("code", "group"):
        groups.setdefault(group, []).append(code)
    return groups


def rows_insert(model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """INSERT `rows` (values already in database form, see `db_adapters`) with executemany:
    about ten times faster than bulk_create for large seeded tables. Table and column names
    come from the model's metadata; values are bound parameters."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(str(getattr(model._meta.get_field(c), "column", c))) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names from metadata)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def db_adapters() -> tuple[Callable[[dt.datetime | None], Any], Callable[[dt.date | None], Any]]:
    """(datetime, date) converters to what the connection stores: SQLite keeps naive UTC text,
    PostgreSQL takes aware datetimes and dates as they are."""
    if connection.vendor != "sqlite":
        return (lambda v: v), (lambda v: v)

    def sqlite_datetime(value: dt.datetime | None) -> str | None:
        return None if value is None else value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")

    def sqlite_date(value: dt.date | None) -> str | None:
        return None if value is None else value.isoformat()

    return sqlite_datetime, sqlite_date


def matters_seed_bulk(*, seeds: Sequence[MatterSeed], batch_size: int = 5000) -> MatterSeedCounts:
    """Insert `seeds` with their allegations, history and deadlines, in one transaction."""
    for name in ROUTES:
        route_validate(name)
    categories = dict(AllegationCategory.objects.values_list("code", "id"))
    rules = {r.code: r for r in DeadlineRule.objects.filter(
        code__in=[TIMELINESS_REPORT, IOPC_REFERRAL, REG18_REPRESENTATIONS])}
    counts = MatterSeedCounts()
    with transaction.atomic():
        for start in range(0, len(seeds), batch_size):
            _insert_chunk(seeds[start:start + batch_size], categories, rules, counts)
    return counts


_MATTER_COLUMNS = ["reference", "kind", "status", "version", "regime", "came_to_attention_at",
                   "summary", "source_report_reference", "compartment", "severity_level",
                   "severity_route", "investigation_mode", "investigator", "closed_at",
                   "created_at", "updated_at"]
_ALLEGATION_COLUMNS = ["matter", "subject", "standard", "category", "description", "created_at",
                       "updated_at"]
_CHANGE_COLUMNS = ["matter", "from_status", "to_status", "action", "actor", "occurred_at",
                   "reason", "payload"]
_DEADLINE_COLUMNS = ["matter", "code", "name", "legal_basis", "trigger_date", "due_date",
                     "satisfied_at", "verified", "created_at", "updated_at"]


def _insert_chunk(
    chunk: Sequence[MatterSeed], categories: dict[str, int], rules: dict[str, DeadlineRule],
    counts: MatterSeedCounts,
) -> None:
    dtv, datev = db_adapters()
    matters = [_matter(seed) for seed in chunk]
    rows_insert(Matter, _MATTER_COLUMNS, [
        (m.reference, m.kind, m.status, m.version, m.regime, dtv(m.came_to_attention_at),
         m.summary, m.source_report_reference, m.compartment, m.severity_level,
         m.severity_route, m.investigation_mode, None, dtv(m.closed_at), dtv(m.created_at),
         dtv(m.updated_at)) for m in matters])
    ids = dict(Matter.objects.filter(reference__in=[m.reference for m in matters])
               .values_list("reference", "id"))
    allegations, changes, deadlines = [], [], []
    for seed, matter in zip(chunk, matters, strict=True):
        matter.pk = ids[matter.reference]
        created = dtv(matter.created_at)
        for a in seed.allegations:
            allegations.append((matter.pk, a.subject_id, a.standard, categories[a.category_code],
                                a.description, created, created))
        for from_status, to_status, action, at, reason, payload in _history(seed):
            changes.append((matter.pk, from_status, to_status, action, None, dtv(at), reason,
                            json.dumps(payload)))
        for code, rule, trigger, due, satisfied in _deadlines(seed, matter, rules):
            deadlines.append((matter.pk, code, rule.name, rule.legal_basis, datev(trigger),
                              datev(due), dtv(satisfied), rule.verified, created,
                              dtv(satisfied or seed.came_to_attention_at)))
        counts.by_status[str(matter.status)] = counts.by_status.get(str(matter.status), 0) + 1
    rows_insert(Allegation, _ALLEGATION_COLUMNS, allegations)
    rows_insert(MatterStatusChange, _CHANGE_COLUMNS, changes)
    rows_insert(Deadline, _DEADLINE_COLUMNS, deadlines)
    counts.matters += len(matters)
    counts.allegations += len(allegations)
    counts.status_changes += len(changes)
    counts.deadlines += len(deadlines)


def _matter(seed: MatterSeed) -> Matter:
    route = ROUTES[seed.route]
    taken = route[: len(seed.step_times)]
    status = taken[-1] if taken else S.RECORDED
    last_at = seed.step_times[-1] if seed.step_times else seed.came_to_attention_at
    level = severity_route = ""
    if seed.route in _SEVERITY and S.SEVERITY_ASSESSMENT_PENDING in taken:
        index = taken.index(S.SEVERITY_ASSESSMENT_PENDING)
        if index + 1 < len(taken):  # assessed: the step after "assessment due" was taken
            level, severity_route = _SEVERITY[seed.route]
    return Matter(
        reference=seed.reference, kind=seed.kind, status=status, version=1 + len(taken),
        regime=regime_for(seed.came_to_attention_at), came_to_attention_at=seed.came_to_attention_at,
        summary=seed.summary, source_report_reference=seed.source_report_reference,
        compartment=seed.compartment, severity_level=level, severity_route=severity_route,
        investigation_mode=(seed.investigation_mode if S.REFERRED_TO_IOPC in taken[:-1] else ""),
        closed_at=last_at if status in CLOSED_STATES else None,
        created_at=seed.came_to_attention_at, updated_at=last_at,
    )


def _history(seed: MatterSeed) -> list[tuple[str, str, str, dt.datetime, str, dict[str, str]]]:
    """(from, to, action, occurred_at, reason, payload) for each step, the recording first."""
    payload = {"kind": seed.kind, **({"track": seed.track} if seed.track else {})}
    rows = [(str(S.ALLEGATION_RECEIVED), str(S.RECORDED), "record", seed.came_to_attention_at,
             "Recorded", payload)]
    previous: str = S.RECORDED
    for status, at in zip(ROUTES[seed.route], seed.step_times, strict=False):
        rows.append((previous, str(status), _ACTION_INTO.get(status, f"move_to_{status}"), at,
                     "Synthetic demo history", {}))
        previous = status
    return rows


def _deadlines(
    seed: MatterSeed, matter: Matter, rules: dict[str, DeadlineRule]
) -> list[tuple[str, DeadlineRule, dt.date, dt.date, dt.datetime | None]]:
    """(code, rule, trigger, due, satisfied_at): the 12-month timeliness report and the
    referral decision for every matter, and the reg 18 representations period once under
    investigation; satisfied when the step was done."""
    out = []
    taken = ROUTES[seed.route][: len(seed.step_times)]
    attention = timezone.localdate(seed.came_to_attention_at)
    closed = matter.closed_at
    first_step = seed.step_times[0] if seed.step_times else None
    wanted: list[tuple[str, dt.date, dt.datetime | None]] = [
        (TIMELINESS_REPORT, attention, closed),
        (IOPC_REFERRAL, attention, first_step),
    ]
    if S.UNDER_INVESTIGATION in taken:
        index = taken.index(S.UNDER_INVESTIGATION)
        after = seed.step_times[index + 1] if index + 1 < len(seed.step_times) else None
        wanted.append((REG18_REPRESENTATIONS, timezone.localdate(seed.step_times[index]), after))
    for code, trigger, satisfied in wanted:
        rule = rules.get(code)
        if rule is None:
            continue
        due = deadline_due_date(rule=rule, trigger=trigger)
        if code == TIMELINESS_REPORT and closed is not None and timezone.localdate(closed) < due:
            satisfied = closed  # closed within 12 months: no report needed, deadline discharged
        elif code == TIMELINESS_REPORT and satisfied is not None:
            satisfied = timezone.make_aware(dt.datetime.combine(due, dt.time(9)))
        out.append((code, rule, trigger, due, satisfied))
    return out
