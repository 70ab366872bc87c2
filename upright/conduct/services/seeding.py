"""Bulk insertion of synthetic matters for the demo force (upright.demo). Not for real data:
it bypasses the per-matter services (no permission checks, one audit event per run, written
by the caller) so that 100,000+ matters with their history load in minutes.

What it guarantees is what the real services would produce: every history row is a transition
allowed by `states.TRANSITIONS`, every matter starts with the "record" step, deadlines come from
the DeadlineRule rows, and the matter's status, severity and closed_at agree with its history.
With `records` (the demo force), each step taken is also recorded in the step tables the real
services write (case decisions, proceedings, outcomes and findings, appeals, complaint outcomes,
contacts and reviews, each complaint's complainant, the appointed investigator): see
`seeding_steps`.
"""

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from upright.conduct.choices import ComplainantRole
from upright.conduct.models import (
    Allegation,
    AllegationCategory,
    AllegationFinding,
    Appeal,
    CaseDecision,
    Deadline,
    DeadlineRule,
    Matter,
    MatterStatusChange,
    Outcome,
    Proceedings,
)
from upright.conduct.models_complaints import (
    Complainant,
    ComplainantContact,
    ComplainantLink,
    ComplaintOutcome,
    ComplaintOutcomeCategory,
    ComplaintReview,
)
from upright.conduct.services.deadlines import (
    IOPC_REFERRAL,
    REG18_REPRESENTATIONS,
    TIMELINESS_REPORT,
    deadline_due_date,
)
from upright.conduct.services.matters import regime_for
from upright.conduct.services.seeding_steps import (
    RATIONALE,
    ProceedingsCase,
    StepContext,
    StepFacts,
    step_facts,
)
from upright.conduct.states import CLOSED_STATES, TRANSITIONS, MatterStatus
from upright.people.models import Person

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
    records: dict[str, int] = field(default_factory=dict)  # step-table rows, by table
    gross_cases: list[ProceedingsCase] = field(default_factory=list)


@dataclass(frozen=True)
class StepRecords:
    """Record the steps in the step tables too. actor_id: the user the rows name as the
    decision maker (a system user for synthetic data); investigators: (user id, person id or
    None) to appoint; cutoff: the seed's "now" (nothing is recorded after it)."""

    actor_id: int
    investigators: Sequence[tuple[int, int | None]]
    cutoff: dt.datetime


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


def matters_seed_bulk(*, seeds: Sequence[MatterSeed], batch_size: int = 5000,
                      records: StepRecords | None = None) -> MatterSeedCounts:
    """Insert `seeds` with their allegations, history and deadlines, in one transaction; with
    `records`, the step tables as well."""
    for name in ROUTES:
        route_validate(name)
    categories = dict(AllegationCategory.objects.values_list("code", "id"))
    rules = {r.code: r for r in DeadlineRule.objects.filter(
        code__in=[TIMELINESS_REPORT, IOPC_REFERRAL, REG18_REPRESENTATIONS])}
    counts = MatterSeedCounts()
    steps = None
    if records is not None:
        steps = _StepTables(records, StepContext(
            investigators=list(records.investigators), cutoff=records.cutoff,
            person_end=dict(Person.objects.values_list("id", "end_date"))))
    with transaction.atomic():
        for start in range(0, len(seeds), batch_size):
            _insert_chunk(seeds[start:start + batch_size], categories, rules, counts, steps)
    return counts


_MATTER_COLUMNS = ["reference", "kind", "status", "version", "regime", "came_to_attention_at",
                   "summary", "source_report_reference", "compartment", "severity_level",
                   "severity_route", "investigation_mode", "investigator", "closed_at",
                   "created_at", "updated_at", "complaint_track", "special_procedures",
                   "complaint_outcome", "complainant_notified_at", "review_body",
                   "review_body_reason", "proceedings_form", "former_officer"]
_ALLEGATION_COLUMNS = ["matter", "subject", "standard", "category", "description", "created_at",
                       "updated_at"]
_CHANGE_COLUMNS = ["matter", "from_status", "to_status", "action", "actor", "occurred_at",
                   "reason", "payload"]
_DEADLINE_COLUMNS = ["matter", "code", "name", "legal_basis", "trigger_date", "due_date",
                     "satisfied_at", "verified", "created_at", "updated_at"]


def _insert_chunk(
    chunk: Sequence[MatterSeed], categories: dict[str, int], rules: dict[str, DeadlineRule],
    counts: MatterSeedCounts, steps: "_StepTables | None" = None,
) -> None:
    dtv, datev = db_adapters()
    matters = [_matter(seed) for seed in chunk]
    facts = [steps.facts(seed) if steps else StepFacts() for seed in chunk]
    rows_insert(Matter, _MATTER_COLUMNS, [
        (m.reference, m.kind, m.status, m.version, m.regime, dtv(m.came_to_attention_at),
         m.summary, m.source_report_reference, m.compartment, m.severity_level,
         m.severity_route, m.investigation_mode, f.investigator_id, dtv(m.closed_at),
         dtv(m.created_at), dtv(m.updated_at), f.complaint_track, f.special_procedures,
         f.complaint_outcome, dtv(f.complainant_notified_at), f.review_body,
         f.review_body_reason, f.proceedings_form, f.former_officer)
        for m, f in zip(matters, facts, strict=True)])
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
    if steps is not None:
        steps.insert([m.pk for m in matters], chunk, facts, counts)
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


_DECISION_COLUMNS = ["matter", "decision", "proceedings", "form", "reg42_basis", "severity_on",
                     "rationale", "actor", "decided_at", "created_at", "updated_at"]
_PROCEEDINGS_COLUMNS = ["matter", "form", "response", "scheduled_on", "venue",
                        "reduction_agreement", "created_at", "updated_at"]
_OUTCOME_COLUMNS = ["matter", "subject", "forum", "finding", "disciplinary_action",
                    "rprp_directed", "concluded_on", "notified_at", "superseded", "created_at",
                    "updated_at"]
_FINDING_COLUMNS = ["outcome", "allegation", "finding", "created_at", "updated_at"]
_APPEAL_COLUMNS = ["matter", "kind", "grounds", "lodged_on", "decision", "substituted_action",
                   "decided_at", "created_at", "updated_at"]
_COMPLAINT_OUTCOME_COLUMNS = ["matter", "track", "category", "actions_taken", "rprp",
                              "rationale", "actor", "decided_at", "created_at", "updated_at"]
_CONTACT_COLUMNS = ["matter", "complainant", "stage", "action", "occurred_at", "method",
                    "summary", "letter", "actor", "created_at", "updated_at"]
_COMPLAINANT_COLUMNS = ["name", "email", "phone", "address", "preferred_contact", "ethnicity",
                        "sex", "age_band", "source_report_reference", "created_at", "updated_at"]
_LINK_COLUMNS = ["complainant", "matter", "role", "created_at", "updated_at"]
_REVIEW_COLUMNS = ["matter", "received_on", "last_day", "body", "body_reason", "grounds",
                   "decision", "consequence", "recommendations", "decided_at", "created_at",
                   "updated_at"]


class _StepTables:
    """Writes the step tables for each chunk of seeded matters (see `seeding_steps`)."""

    def __init__(self, records: StepRecords, context: StepContext) -> None:
        self.records, self.context = records, context
        self.categories = dict(ComplaintOutcomeCategory.objects.values_list("code", "id"))

    def facts(self, seed: MatterSeed) -> StepFacts:
        return step_facts(
            reference=seed.reference, kind=seed.kind, track=seed.track, route=seed.route,
            route_statuses=ROUTES[seed.route], step_times=seed.step_times,
            subject_ids=[a.subject_id for a in seed.allegations], compartment=seed.compartment,
            attention=seed.came_to_attention_at, context=self.context)

    def insert(self, matter_ids: list[int], chunk: Sequence[MatterSeed], facts: list[StepFacts],
               counts: MatterSeedCounts) -> None:
        dtv, datev = db_adapters()
        actor = self.records.actor_id
        decisions: list[tuple[Any, ...]] = []
        proceedings: list[tuple[Any, ...]] = []
        outcomes: list[tuple[Any, ...]] = []
        appeals: list[tuple[Any, ...]] = []
        complaint_outcomes: list[tuple[Any, ...]] = []
        contacts: list[tuple[Any, ...]] = []
        reviews: list[tuple[Any, ...]] = []
        findings_wanted: list[tuple[int, tuple[tuple[int, str], ...]]] = []
        complainants = self._complainants(matter_ids, chunk, facts)
        for matter_id, seed, f in zip(matter_ids, chunk, facts, strict=True):
            created = dtv(seed.came_to_attention_at)
            if f.case_decision is not None:
                decision, with_proceedings, form, severity_on, at = f.case_decision
                decisions.append((matter_id, decision, with_proceedings, form, "",
                                  datev(severity_on), RATIONALE, actor, dtv(at), dtv(at), dtv(at)))
                if with_proceedings:
                    proceedings.append((matter_id, form, "", datev(f.proceedings_on), "", "",
                                        dtv(at), dtv(at)))
            for o in f.outcomes:
                outcomes.append((matter_id, o.subject_id, o.forum, o.finding, o.action, False,
                                 datev(o.concluded_on), dtv(o.notified_at), o.superseded, created,
                                 created))
                findings_wanted.append((matter_id, o.findings))
            for kind, grounds, lodged_on, decision, substituted, decided_at in f.appeals:
                appeals.append((matter_id, kind, json.dumps(grounds), datev(lodged_on), decision,
                                substituted, dtv(decided_at), created, created))
            if f.complaint_outcome_row is not None:
                track, code, actions, rprp, at = f.complaint_outcome_row
                complaint_outcomes.append((matter_id, track, self.categories[code], actions, rprp,
                                           RATIONALE, actor, dtv(at), dtv(at), dtv(at)))
            for stage, action, at, method, summary in f.contacts:
                contacts.append((matter_id, complainants.get(matter_id), stage, action, dtv(at),
                                 method, summary, "", None, dtv(at), dtv(at)))
            if f.review is not None:
                (received, last_day, body, reason, grounds_text, review_decision, consequence,
                 recommendations, review_at) = f.review
                reviews.append((matter_id, datev(received), datev(last_day), body, reason,
                                grounds_text, review_decision, consequence, recommendations,
                                dtv(review_at), created, created))
            if f.gross_case is not None:
                counts.gross_cases.append(f.gross_case)
        rows_insert(CaseDecision, _DECISION_COLUMNS, decisions)
        rows_insert(Proceedings, _PROCEEDINGS_COLUMNS, proceedings)
        rows_insert(Outcome, _OUTCOME_COLUMNS, outcomes)
        rows_insert(Appeal, _APPEAL_COLUMNS, appeals)
        rows_insert(ComplaintOutcome, _COMPLAINT_OUTCOME_COLUMNS, complaint_outcomes)
        rows_insert(ComplainantContact, _CONTACT_COLUMNS, contacts)
        rows_insert(ComplaintReview, _REVIEW_COLUMNS, reviews)
        findings = self._findings(matter_ids, findings_wanted)
        rows_insert(AllegationFinding, _FINDING_COLUMNS, findings)
        for table, rows in (("case_decisions", decisions), ("proceedings", proceedings),
                            ("outcomes", outcomes), ("allegation_findings", findings),
                            ("appeals", appeals), ("complaint_outcomes", complaint_outcomes),
                            ("complainant_contacts", contacts), ("complaint_reviews", reviews),
                            ("complainants", complainants)):
            counts.records[table] = counts.records.get(table, 0) + len(rows)
        counts.records["investigators_appointed"] = counts.records.get(
            "investigators_appointed", 0) + sum(1 for f in facts if f.investigator_id)

    def _complainants(self, matter_ids: list[int], chunk: Sequence[MatterSeed],
                      facts: list[StepFacts]) -> dict[int, int]:
        """Insert each complaint's complainant and its link; their ids by matter id, matched in
        insertion order as `_findings` does (one inserter, ids ascending)."""
        dtv = db_adapters()[0]
        wanted = [(matter_id, seed, f.complainant) for matter_id, seed, f
                  in zip(matter_ids, chunk, facts, strict=True) if f.complainant is not None]
        if not wanted:
            return {}
        before = Complainant.objects.aggregate(top=models.Max("id"))["top"] or 0
        rows_insert(Complainant, _COMPLAINANT_COLUMNS, [
            (c.name, c.email, c.phone, c.address, c.preferred_contact, c.ethnicity, c.sex,
             c.age_band, seed.source_report_reference, dtv(seed.came_to_attention_at),
             dtv(seed.came_to_attention_at)) for _, seed, c in wanted])
        ids = list(Complainant.objects.filter(id__gt=before).order_by("id")
                   .values_list("id", flat=True))
        if len(ids) != len(wanted):
            raise RuntimeError("seeded complainants came back in an unexpected number")
        by_matter = {matter_id: cid for (matter_id, _, _), cid in zip(wanted, ids, strict=True)}
        rows_insert(ComplainantLink, _LINK_COLUMNS, [
            (cid, matter_id, ComplainantRole.COMPLAINANT, dtv(seed.came_to_attention_at),
             dtv(seed.came_to_attention_at))
            for (matter_id, seed, _), cid in zip(wanted, ids, strict=True)])
        return by_matter

    def _findings(self, matter_ids: list[int],
                  wanted: list[tuple[int, tuple[tuple[int, str], ...]]]) -> list[tuple[Any, ...]]:
        """AllegationFinding rows: the outcome and allegation ids the database gave, matched
        to the facts in insertion order (one inserter, ids ascending within the chunk)."""
        if not wanted:
            return []
        outcome_ids = list(Outcome.objects.filter(matter_id__in=matter_ids).order_by("id")
                           .values_list("id", "matter_id"))
        if [m for _, m in outcome_ids] != [m for m, _ in wanted]:
            raise RuntimeError("seeded outcomes came back in an unexpected order")
        allegations: dict[int, list[int]] = {}
        for allegation_id, matter_id in Allegation.objects.filter(
                matter_id__in=[m for m, _ in wanted]).order_by("id").values_list("id", "matter_id"):
            allegations.setdefault(matter_id, []).append(allegation_id)
        stamp = db_adapters()[0](timezone.now())
        return [(outcome_id, allegations[matter_id][index], finding, stamp, stamp)
                for (outcome_id, _), (matter_id, pairs) in zip(outcome_ids, wanted, strict=True)
                for index, finding in pairs]


def seeds_open_investigations(*, seeds: Sequence[MatterSeed]) -> int:
    """How many seeds are open at their last step having been put under investigation (for
    sizing the demo's investigator pool)."""
    total = 0
    for seed in seeds:
        taken = ROUTES[seed.route][: len(seed.step_times)]
        total += S.UNDER_INVESTIGATION in taken and (not taken or taken[-1] not in CLOSED_STATES)
    return total
