"""Reading matters. Every list and read goes through MatterPolicy."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from upright.audit.selectors import audit_events_for_matter
from upright.conduct.models import (
    Allegation,
    AllegationCategory,
    Complainant,
    ComplainantContact,
    ComplainantLink,
    Deadline,
    Matter,
    MatterStatusChange,
)
from upright.conduct.permissions import access_matter, matter_policy, matter_reference_normalise
from upright.conduct.states import CLOSED_STATES, MatterStatus
from upright.core.clock import day_start, local_today
from upright.core.history import HistoryEntry


def matter_list_visible_to(
    *, user: Any, status: str | None = None, kind: str | None = None,
    subject_id: int | None = None,
) -> QuerySet[Matter]:
    """Matters the user may see, newest first, optionally filtered."""
    queryset = Matter.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if subject_id is not None:
        queryset = queryset.filter(
            id__in=Allegation.objects.filter(subject_id=subject_id).values("matter_id"))
    return matter_policy.instances_user_can_see(user=user, queryset=queryset).order_by(
        "-came_to_attention_at", "-id"
    )


def matter_get(*, user: Any, reference: str) -> Matter:
    """The matter with its allegations loaded; Http404 if the user may not see it."""
    matter = access_matter(user=user, reference=reference)
    return (Matter.objects.select_related("investigator")
            .prefetch_related(Prefetch("allegations", queryset=Allegation.objects.select_related(
                "subject", "category").order_by("id")))
            .get(pk=matter.pk))


def matter_deadlines(*, matter: Matter) -> QuerySet[Deadline]:
    return Deadline.objects.filter(matter=matter).order_by("due_date", "id")


def deadline_is_overdue(deadline: Deadline, *, today: dt.date | None = None) -> bool:
    return deadline.satisfied_at is None and deadline.due_date < (today or local_today())


_OPEN_STATES = [status for status in MatterStatus.values if status not in CLOSED_STATES]


def deadlines_overdue_visible_to(*, user: Any, today: dt.date | None = None) -> QuerySet[Deadline]:
    """Unsatisfied deadlines past due on open matters the user may see."""
    overdue = Deadline.objects.filter(satisfied_at__isnull=True, due_date__lt=today or local_today(),
                                      matter__status__in=_OPEN_STATES)
    # Apply the visibility policy to the few candidate matters only: as one subquery over
    # every matter, the conflict-of-interest check would scan all allegations for each page.
    candidates = Matter.objects.filter(id__in=set(overdue.values_list("matter_id", flat=True)))
    visible = list(matter_policy.instances_user_can_see(user=user, queryset=candidates)
                   .values_list("id", flat=True))
    return overdue.filter(matter_id__in=visible).select_related("matter").order_by("due_date", "id")


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: dt.datetime
    kind: str  # "status" or "audit"
    action: str
    actor: str
    from_status: str = ""
    to_status: str = ""
    reason: str = ""


def matter_history(*, matter: Matter) -> QuerySet[MatterStatusChange]:
    return MatterStatusChange.objects.filter(matter=matter).select_related("actor").order_by(
        "occurred_at", "id"
    )


def matter_timeline(*, matter: Matter) -> list[TimelineEntry]:
    """Status changes and audit events (reads included), oldest first."""
    entries = [
        TimelineEntry(c.occurred_at, "status", c.action, c.actor.username if c.actor else "system",
                      c.from_status, c.to_status, c.reason)
        for c in matter_history(matter=matter)
    ]
    entries += [
        TimelineEntry(e.occurred_at, "audit", e.action, e.actor_label or "system")
        for e in audit_events_for_matter(matter_ref=matter.reference)
    ]
    return sorted(entries, key=lambda e: (e.occurred_at, e.kind != "status"))


def person_matters_visible_to(*, user: Any, person_id: int) -> QuerySet[Matter]:
    """A person's history: every matter with an allegation against them (closed ones too,
    NFA included) that the user may see."""
    return matter_list_visible_to(user=user, subject_id=person_id)


def matter_search_visible_to(*, user: Any, reference: str) -> Matter | None:
    """A matter by (typed) reference, or None if there is none the user may see."""
    canonical = matter_reference_normalise(reference)
    if canonical is None:
        return None
    return matter_list_visible_to(user=user).filter(reference=canonical).first()


def investigator_candidates(*, matter: Matter) -> list[Any]:
    """Active investigators who could take `matter` (not in conflict, inside its compartment)."""
    from upright.access.models import User
    from upright.access.roles import Role

    users = User.objects.filter(role=Role.INVESTIGATOR, is_active=True).select_related("person")
    return [u for u in users.order_by("username")
            if matter_policy.user_can_see(user=u, instance=matter)]


def allegation_category_choices() -> list[tuple[str, str]]:
    """Active IOPC allegation categories (reference data) as form choices, in code order."""
    return [(code, f"{code} – {name}") for code, name in
            AllegationCategory.objects.filter(active=True).order_by("code").values_list("code", "name")]


# ---- public complaints ----------------------------------------------------------------------

def matter_complainant_links(*, matter: Matter) -> QuerySet[ComplainantLink]:
    return (ComplainantLink.objects.filter(matter=matter).select_related("complainant")
            .order_by("id"))


def matter_contacts(*, matter: Matter) -> QuerySet[ComplainantContact]:
    """The updates given to the complainants (CMR Part 4), oldest first."""
    return (ComplainantContact.objects.filter(matter=matter).select_related("complainant")
            .order_by("occurred_at", "id"))


def complainant_days_since_update(*, matter: Matter, today: dt.date | None = None) -> int | None:
    """Whole days since the complainant was last updated (None: not a complaint, or never)."""
    if matter.kind != "complaint":
        return None
    last = ComplainantContact.objects.filter(matter=matter).order_by("-occurred_at").first()
    if last is None:
        return None
    return ((today or local_today()) - timezone.localdate(last.occurred_at)).days


def complainant_for_report(*, report_reference: str) -> Complainant | None:
    """The complainant first recorded from an intake report, to link later complaints to."""
    return (Complainant.objects.filter(source_report_reference=report_reference)
            .order_by("id").first() if report_reference else None)


def complaint_outcome_choices() -> list[tuple[str, str]]:
    """Active complaint outcome categories (reference data) as form choices."""
    from upright.conduct.models import ComplaintOutcomeCategory

    return list(ComplaintOutcomeCategory.objects.filter(active=True).order_by("code")
                .values_list("code", "name"))


# ---- a person's history (patterns, issue 5) --------------------------------------------------

def _history_status(*, status: str, label: str, no_case: bool, otherwise: bool, outcome: str,
                    complaint_outcome: str) -> str:
    """One line on where a matter stands, naming the closures that used to drop out of view
    (no further action, no case to answer, handled otherwise)."""
    if status == MatterStatus.CLOSED_NFA:
        return "closed: no case to answer" if no_case else "closed: no further action"
    if status == MatterStatus.CLOSED_WITH_OUTCOME:
        detail = outcome or complaint_outcome
        if otherwise:
            detail = f"handled otherwise (Sch 3 para 6){', ' + detail if detail else ''}"
        return f"closed with outcome: {detail}" if detail else "closed with outcome"
    if status == MatterStatus.HANDLED_OTHERWISE:
        return "handled otherwise than by investigation (Sch 3 para 6)"
    return f"open: {label.lower()}"


def _history_rows(*, user: Any, person_id: int) -> list[tuple[Any, ...]]:
    """The visible matters with, computed in the same query, whether each closed with no case
    to answer (a reg 23 determination, or a close from the report or the determination, as
    the cohort selection counts it), whether it was handled otherwise than by investigation,
    and the person's latest outcome on it. One query, however many matters."""
    from django.db.models import Exists, OuterRef, Subquery

    from upright.conduct.choices import CaseToAnswer
    from upright.conduct.models import CaseDecision, Outcome

    s = MatterStatus
    changes = MatterStatusChange.objects.filter(matter_id=OuterRef("pk"))
    outcome = (Outcome.objects.filter(matter_id=OuterRef("pk"), subject_id=person_id,
                                      superseded=False).order_by("-id"))
    return list(person_matters_visible_to(user=user, person_id=person_id).annotate(
        h_decided_no_case=Exists(CaseDecision.objects.filter(
            matter_id=OuterRef("pk"), decision=CaseToAnswer.NO_CASE)),
        h_closed_no_case=Exists(changes.filter(
            to_status=s.CLOSED_NFA,
            from_status__in=[s.CASE_TO_ANSWER_DETERMINATION, s.REPORT_SUBMITTED])),
        h_otherwise=Exists(changes.filter(to_status=s.HANDLED_OTHERWISE)),
        h_finding=Subquery(outcome.values("finding")[:1]),
        h_action=Subquery(outcome.values("disciplinary_action")[:1]),
    ).values_list("id", "reference", "kind", "status", "came_to_attention_at", "closed_at",
                  "complaint_outcome", "h_decided_no_case", "h_closed_no_case", "h_otherwise",
                  "h_finding", "h_action"))


def conduct_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """Every complaint and conduct matter with an allegation against the person that `user`
    may see under MatterPolicy (compartments, conflicts), closed ones included. Two queries
    whatever the number of matters."""
    from upright.conduct.choices import DisciplinaryAction, Finding, MatterKind

    rows = _history_rows(user=user, person_id=person_id)
    categories: dict[int, list[tuple[str, str]]] = {}
    for matter_id, code, name in (
            Allegation.objects.filter(matter_id__in=[row[0] for row in rows], subject_id=person_id)
            .order_by("id").values_list("matter_id", "category__code", "category__name")):
        categories.setdefault(matter_id, []).append((code, name))
    # Labels and the URL are worked out once, not per matter: a heavy history has hundreds.
    status_labels = {value: str(label) for value, label in MatterStatus.choices}
    kind_labels = {value: str(label) for value, label in MatterKind.choices}
    findings = {value: str(label).lower() for value, label in Finding.choices}
    actions = {value: str(label).lower() for value, label in DisciplinaryAction.choices}
    url = reverse("conduct:matter_detail", args=["REF"]).replace("REF", "{}")
    entries = []
    for (matter_id, reference, kind, status, came_at, closed_at, complaint_outcome,
         decided_no_case, closed_no_case, otherwise, finding, action) in rows:
        cats = categories.get(matter_id, [])
        names = "; ".join(dict.fromkeys(name for _, name in cats)) or "no allegation recorded"
        outcome = f"{findings[finding]}, {actions[action]}" if finding else ""
        entries.append(HistoryEntry(
            occurred_at=came_at,
            kind="complaint" if kind == MatterKind.COMPLAINT else "conduct_matter",
            ref=reference, title=f"{kind_labels[kind]}: {names}",
            status=_history_status(status=status, label=status_labels[status],
                                   no_case=decided_no_case or closed_no_case,
                                   otherwise=otherwise, outcome=outcome,
                                   complaint_outcome=complaint_outcome),
            url=url.format(reference),
            categories=tuple(dict.fromkeys(code for code, _ in cats)),
            closed_at=closed_at if status in CLOSED_STATES else None,
        ))
    return entries


# ---- retrospective review cohorts (patterns.campaigns; uk-process.md §8.3) ------------------

# How a matter ended, as a review campaign selects it. "no_case_to_answer": closed NFA from the
# reg 23 determination (or on the report); "nfa": closed NFA before any such determination;
# "handled_otherwise": closed after handling otherwise than by investigation (Sch 3 para 6).
COHORT_OUTCOMES: dict[str, str] = {
    "closed_any": "Any closed matter",
    "nfa": "Closed: no further action",
    "no_case_to_answer": "Closed: no case to answer",
    "handled_otherwise": "Closed: handled otherwise than by investigation",
    "closed_with_outcome": "Closed with an outcome",
    "any": "Any matter, open or closed",
}


def _cohort_outcome_q(outcomes: list[str]) -> Any:
    from django.db.models import Exists, OuterRef, Q

    from upright.conduct.models import MatterStatusChange

    s = MatterStatus
    no_case = Exists(MatterStatusChange.objects.filter(
        matter_id=OuterRef("matter_id"), to_status=s.CLOSED_NFA,
        from_status__in=[s.CASE_TO_ANSWER_DETERMINATION, s.REPORT_SUBMITTED]))
    otherwise = Exists(MatterStatusChange.objects.filter(
        matter_id=OuterRef("matter_id"), to_status=s.HANDLED_OTHERWISE))
    closed = Q(matter__status__in=list(CLOSED_STATES))
    parts: dict[str, Any] = {
        "closed_any": closed, "nfa": Q(matter__status=s.CLOSED_NFA) & ~no_case,
        "no_case_to_answer": Q(matter__status=s.CLOSED_NFA) & no_case,
        "handled_otherwise": closed & otherwise,
        "closed_with_outcome": Q(matter__status=s.CLOSED_WITH_OUTCOME),
    }
    if "any" in outcomes:
        return Q()
    condition = Q(pk__in=[])
    for code in outcomes:
        condition |= parts[code]
    return condition


def cohort_allegations(
    *, category_codes: list[str], attention_from: dt.datetime | None,
    attention_to: dt.datetime | None, outcomes: list[str], subject_statuses: list[str],
    compartments: set[str],
) -> Any:
    """Every allegation matching a campaign's criteria, as one set-based query of plain rows
    (subject_id, matter_id, reference, status, regime, attention, compartment, investigator,
    category code). Empty category/status lists mean "any". Matters in a compartment outside
    `compartments` are left out. Not filtered by a reader: the campaign service checks its
    own permission, and each item is read through its own policy."""
    from django.db.models import Q

    queryset = Allegation.objects.filter(_cohort_outcome_q(outcomes)).filter(
        Q(matter__compartment="") | Q(matter__compartment__in=sorted(compartments)))
    if category_codes:
        queryset = queryset.filter(category__code__in=category_codes)
    if attention_from is not None:
        queryset = queryset.filter(matter__came_to_attention_at__gte=attention_from)
    if attention_to is not None:
        queryset = queryset.filter(matter__came_to_attention_at__lt=attention_to)
    if subject_statuses:
        queryset = queryset.filter(subject__status__in=subject_statuses)
    return queryset.values(
        "subject_id", "matter_id", "matter__reference", "matter__status", "matter__regime",
        "matter__came_to_attention_at", "matter__compartment", "matter__investigator_id",
        "category__code").order_by("subject_id", "matter_id")


def cohort_counts(**criteria: Any) -> dict[str, int]:
    """{"people": n, "matters": n, "allegations": n} for the same criteria, in one query."""
    from django.db.models import Count

    rows = cohort_allegations(**criteria).order_by()
    return rows.aggregate(people=Count("subject_id", distinct=True),
                          matters=Count("matter_id", distinct=True),
                          allegations=Count("id"))


def matters_state(*, matter_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Current reference, status and regime of each matter (for a campaign's effects)."""
    return {row["id"]: dict(row) for row in Matter.objects.filter(id__in=matter_ids).values(
        "id", "reference", "status", "regime", "kind")}


def person_allegations_on(*, person_id: int, matter_ids: list[int]) -> list[dict[str, Any]]:
    """The person's allegations on these matters: standard and category code, in id order."""
    return [dict(row) for row in Allegation.objects.filter(
        subject_id=person_id, matter_id__in=matter_ids).order_by("id").values(
        "matter_id", "standard", "category__code")]


# ---- repeat-pattern rules (patterns, issue 5) -------------------------------------------------

def pattern_allegation_facts(
    *, subject_ids: list[int] | None = None, category_codes: list[str] | None = None,
    kind: str | None = None,
) -> QuerySet[Allegation, Any]:
    """Every allegation as a plain row (subject_id, matter_id, reference, kind, attention,
    category code), whatever the matter's status or compartment: the repeat-pattern rules
    evaluate the whole history as one set-based query over it. Not filtered by a reader: the
    rules are system work, and whoever shows an alert filters its matters through
    MatterPolicy (`matter_list_visible_to`). Optionally only some people, categories, or
    one kind of matter."""
    from django.db.models import F

    queryset = Allegation.objects.all()
    if subject_ids is not None:
        queryset = queryset.filter(subject_id__in=subject_ids)
    if category_codes:
        queryset = queryset.filter(category__code__in=category_codes)
    if kind:
        queryset = queryset.filter(matter__kind=kind)
    return queryset.values(
        "subject_id", "matter_id", reference=F("matter__reference"), kind=F("matter__kind"),
        attention=F("matter__came_to_attention_at"), category_code=F("category__code"),
    ).order_by()


def pattern_complainant_facts(
    *, subject_ids: list[int] | None = None,
) -> QuerySet[Allegation, Any]:
    """(subject_id, matter_id, reference, complainant_id, name, address) for every complainant
    (not interested person) linked to a complaint with an allegation against the subject.
    System work, like pattern_allegation_facts."""
    from django.db.models import F

    from upright.conduct.choices import ComplainantRole

    queryset = Allegation.objects.filter(
        matter__complainant_links__role=ComplainantRole.COMPLAINANT)
    if subject_ids is not None:
        queryset = queryset.filter(subject_id__in=subject_ids)
    return queryset.values(
        "subject_id", "matter_id", reference=F("matter__reference"),
        complainant_id=F("matter__complainant_links__complainant_id"),
        name=F("matter__complainant_links__complainant__name"),
        address=F("matter__complainant_links__complainant__address"),
    ).order_by().distinct()


# ---- statistics (insight, issue 6) ---------------------------------------------------------

def insight_allegation_facts(
    *, closed_from: dt.datetime | None = None, closed_to: dt.datetime | None = None,
    attention_from: dt.datetime | None = None, attention_to: dt.datetime | None = None,
) -> QuerySet[Allegation, Any]:
    """Every allegation as one plain row for the official returns and disproportionality:
    the matter (id, reference, kind, special procedures, complaint track, severity level and
    route, attention and closing times, status), the subject, the standard (breach type) and
    category, the latest case-to-answer decision and form of proceedings, the allegation's
    finding and the subject's disciplinary action on the current (not superseded) outcome,
    the latest PAT appeal's and meeting appeal's (reg 45) decision, and the subject's rank or
    grade (for the PCSO / designated officer split). One set-based query (correlated
    subqueries, no row per allegation). Not filtered by a reader: statistics are system work over the whole
    force, and whoever lists the matters behind a figure filters them through MatterPolicy."""
    from django.db.models import F, OuterRef, Subquery

    from upright.conduct.models import AllegationFinding, Appeal, CaseDecision, Outcome

    latest_decision = CaseDecision.objects.filter(matter_id=OuterRef("matter_id")).order_by(
        "-decided_at", "-id")
    finding = AllegationFinding.objects.filter(
        allegation_id=OuterRef("id"), outcome__superseded=False).order_by("-id")
    action = Outcome.objects.filter(matter_id=OuterRef("matter_id"),
                                    subject_id=OuterRef("subject_id"),
                                    superseded=False).order_by("-id")
    pat = Appeal.objects.filter(matter_id=OuterRef("matter_id"), kind="pat").order_by("-id")
    meeting_appeal = Appeal.objects.filter(matter_id=OuterRef("matter_id"),
                                           kind="meeting").order_by("-id")
    queryset = Allegation.objects.all()
    if closed_from is not None:
        queryset = queryset.filter(matter__closed_at__gte=closed_from)
    if closed_to is not None:
        queryset = queryset.filter(matter__closed_at__lt=closed_to)
    if attention_from is not None:
        queryset = queryset.filter(matter__came_to_attention_at__gte=attention_from)
    if attention_to is not None:
        queryset = queryset.filter(matter__came_to_attention_at__lt=attention_to)
    return queryset.values(
        "id", "matter_id", "subject_id", "standard",
        reference=F("matter__reference"), kind=F("matter__kind"),
        special_procedures=F("matter__special_procedures"),
        complaint_track=F("matter__complaint_track"), status=F("matter__status"),
        complaint_outcome=F("matter__complaint_outcome"),
        severity_level=F("matter__severity_level"), severity_route=F("matter__severity_route"),
        attention=F("matter__came_to_attention_at"), closed_at=F("matter__closed_at"),
        category_code=F("category__code"), category_group=F("category__group"),
        decision=Subquery(latest_decision.values("decision")[:1]),
        proceedings_form=Subquery(latest_decision.values("form")[:1]),
        finding=Subquery(finding.values("finding")[:1]),
        disciplinary_action=Subquery(action.values("disciplinary_action")[:1]),
        pat_decision=Subquery(pat.values("decision")[:1]),
        pat_lodged=Subquery(pat.values("lodged_on")[:1]),
        meeting_appeal_decision=Subquery(meeting_appeal.values("decision")[:1]),
        meeting_appeal_lodged=Subquery(meeting_appeal.values("lodged_on")[:1]),
        subject_grade=F("subject__rank_or_grade"),
    ).order_by("matter_id", "id")


def insight_sub_judice_days(*, matter_ids: list[int]) -> dict[int, int]:
    """Days each matter spent suspended pending criminal proceedings (PCR reg 10; the "sub
    judice" time the IOPC bulletin excludes), from its status history: matter id -> whole
    days, only for matters that were ever suspended. A suspension still open counts to now."""
    spans: dict[int, int] = {}
    opened: dict[int, dt.datetime] = {}
    changes = MatterStatusChange.objects.filter(matter_id__in=matter_ids).filter(
        Q(to_status=MatterStatus.SUSPENDED_PENDING_CRIMINAL)
        | Q(from_status=MatterStatus.SUSPENDED_PENDING_CRIMINAL)).order_by(
        "matter_id", "occurred_at", "id").values_list("matter_id", "to_status", "occurred_at")
    for matter_id, to_status, occurred_at in changes:
        if to_status == MatterStatus.SUSPENDED_PENDING_CRIMINAL:
            opened[matter_id] = occurred_at
            spans.setdefault(matter_id, 0)
        elif matter_id in opened:
            spans[matter_id] += (occurred_at - opened.pop(matter_id)).days
    now = timezone.now()
    for matter_id, since in opened.items():
        spans[matter_id] += (now - since).days
    return spans


def insight_source_stamp() -> dict[str, Any]:
    """How many matters, allegations and outcomes there are, their highest ids and the last
    change to a matter: what a stored statistic was computed from."""
    from django.db.models import Count, Max

    from upright.conduct.models import Outcome

    matters = Matter.objects.aggregate(n=Count("id"), max_id=Max("id"), changed=Max("updated_at"))
    allegations = Allegation.objects.aggregate(n=Count("id"), max_id=Max("id"))
    outcomes = Outcome.objects.aggregate(n=Count("id"), max_id=Max("id"))
    changed = matters["changed"]
    return {"matters": matters["n"], "matters_max_id": matters["max_id"],
            "matters_changed": changed.isoformat() if changed else None,
            "allegations": allegations["n"], "allegations_max_id": allegations["max_id"],
            "outcomes": outcomes["n"], "outcomes_max_id": outcomes["max_id"]}


def insight_complainant_facts(
    *, closed_from: dt.datetime, closed_to: dt.datetime,
) -> QuerySet[ComplainantLink, Any]:
    """For the complainant side of disproportionality: one row per complainant (not interested
    person) of each complaint closed in the period: matter id and reference, the complainant's
    self-described ethnicity, sex and age band, the complaint outcome code, and whether that
    outcome means the service was acceptable (None when the category does not say). System
    work, in aggregate; no reader's policy applies."""
    from django.db.models import F, OuterRef, Subquery

    from upright.conduct.choices import ComplainantRole
    from upright.conduct.models_complaints import ComplaintOutcomeCategory

    acceptable = ComplaintOutcomeCategory.objects.filter(code=OuterRef("matter__complaint_outcome"))
    return ComplainantLink.objects.filter(
        role=ComplainantRole.COMPLAINANT, matter__kind="complaint",
        matter__closed_at__gte=closed_from, matter__closed_at__lt=closed_to,
    ).values(
        "matter_id", reference=F("matter__reference"), ethnicity=F("complainant__ethnicity"),
        sex=F("complainant__sex"), age_band=F("complainant__age_band"),
        outcome=F("matter__complaint_outcome"),
        service_acceptable=Subquery(acceptable.values("service_acceptable")[:1]),
    ).order_by("matter_id")


def insight_early_allegation_events() -> QuerySet[Allegation, Any]:
    """Every allegation as one plain row for the early-intervention features (issue 6): the
    subject, when the matter came to attention, the category group and standard,
    the matter's closing time. With `insight_early_findings`: two plain scans
    joined by the caller, never a subquery per row (a correlated "latest finding" lookup
    degrades to a table walk per allegation on a large imported history). System work over
    the whole force, read in aggregate by the model, never listed to a user."""
    from django.db.models import F

    return Allegation.objects.values(
        "id", "subject_id", "standard", attention=F("matter__came_to_attention_at"),
        category_group=F("category__group"), closed_at=F("matter__closed_at"),
    ).order_by("id")


def insight_early_findings() -> QuerySet[Any, Any]:
    """Each finding on a current (not superseded) outcome: allegation id, finding, the day the
    outcome concluded; ordered so that the last row per allegation is the latest finding."""
    from django.db.models import F

    from upright.conduct.models import AllegationFinding

    return AllegationFinding.objects.filter(outcome__superseded=False).values(
        "allegation_id", "finding", concluded_on=F("outcome__concluded_on"),
    ).order_by("allegation_id", "id")


def insight_complaint_case_facts(*, matter_ids: list[int]) -> dict[int, dict[str, Any]]:
    """For the IOPC bulletin: per complaint matter, when it was first recorded (the first
    change to `recorded`: "logged"), when the complainant was first contacted (the first
    ComplainantContact), and whether its latest outcome records actions "putting it right"
    (ComplaintOutcome.actions_taken not blank). matter id -> {"recorded_at",
    "first_contact_at", "putting_right"}; one query per kind per 1,000 matters. System work,
    in aggregate; no reader's policy applies."""
    from django.db.models import Min

    from upright.conduct.models import ComplaintOutcome

    ids = sorted(set(matter_ids))
    out: dict[int, dict[str, Any]] = {
        i: {"recorded_at": None, "first_contact_at": None, "putting_right": False} for i in ids}
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        for matter_id, first in MatterStatusChange.objects.filter(
                matter_id__in=chunk, to_status=MatterStatus.RECORDED).values(
                "matter_id").annotate(first=Min("occurred_at")).values_list("matter_id", "first"):
            out[matter_id]["recorded_at"] = first
        for matter_id, first in ComplainantContact.objects.filter(matter_id__in=chunk).values(
                "matter_id").annotate(first=Min("occurred_at")).values_list("matter_id", "first"):
            out[matter_id]["first_contact_at"] = first
        # ascending, so the latest outcome of each matter is the one left in the dict
        for matter_id, actions in ComplaintOutcome.objects.filter(matter_id__in=chunk).order_by(
                "matter_id", "decided_at", "id").values_list("matter_id", "actions_taken"):
            out[matter_id]["putting_right"] = bool(actions.strip())
    return out


def insight_complaint_review_facts(
    *, from_day: dt.date, to_day: dt.date,
) -> QuerySet[Any, Any]:
    """For the IOPC bulletin: every complaint review (CMR reg 29) received or decided from
    `from_day` to `to_day` (exclusive) as plain rows: matter id and reference, the review body,
    received_on, decision ("" while pending) and decided_at. System work, in aggregate."""
    from django.db.models import F

    from upright.conduct.models import ComplaintReview

    lo, hi = day_start(from_day), day_start(to_day)
    return ComplaintReview.objects.filter(
        Q(received_on__gte=from_day, received_on__lt=to_day)
        | Q(decided_at__gte=lo, decided_at__lt=hi),
    ).values("id", "matter_id", "body", "received_on", "decision", "decided_at",
             reference=F("matter__reference")).order_by("matter_id", "id")


# ---- timeliness (insight, issue 6) ------------------------------------------------------------

def _subject_ids_of(matter_ids: Any) -> dict[int, list[int]]:
    """matter id -> its subjects' person ids, in one query (`matter_ids`: a subquery)."""
    out: dict[int, list[int]] = {}
    for matter_id, subject_id in (Allegation.objects.filter(matter_id__in=matter_ids)
                                  .order_by("matter_id", "subject_id")
                                  .values_list("matter_id", "subject_id").distinct()):
        out.setdefault(matter_id, []).append(subject_id)
    return out


def _investigator_name(first: str | None, last: str | None, username: str | None) -> str:
    return f"{first or ''} {last or ''}".strip() or (username or "")


def insight_stage_labels() -> list[tuple[str, str]]:
    """Every matter status as (value, label), in the state table's order (the ageing table's
    row order)."""
    return [(value, str(label)) for value, label in MatterStatus.choices]


def insight_open_matter_facts(*, as_at: dt.datetime) -> list[dict[str, Any]]:
    """Every matter open at `as_at`, one plain row each, for the ageing tables: id, reference,
    kind, status at `as_at` and status_since (when it entered that status: the latest status
    change before `as_at` that moved it), attention time, investigator id and name, and
    subject_ids. A matter closed before `as_at` and reopened later counts as closed then.
    Two queries whatever the number of matters. System work, like insight_allegation_facts:
    whoever lists the matters filters them through MatterPolicy."""
    from django.db.models import F, OuterRef, Subquery

    moved = (MatterStatusChange.objects.filter(matter_id=OuterRef("pk"), occurred_at__lt=as_at)
             .exclude(from_status=F("to_status")).order_by("-occurred_at", "-id"))
    closed = list(CLOSED_STATES)
    matters = Matter.objects.filter(came_to_attention_at__lt=as_at).filter(
        ~Q(status__in=closed) | Q(closed_at__isnull=True) | Q(closed_at__gte=as_at))
    rows = list(matters.annotate(
        status_at=Subquery(moved.values("to_status")[:1]),
        status_since=Subquery(moved.values("occurred_at")[:1]),
    ).values("id", "reference", "kind", "status", "status_at", "status_since",
             "came_to_attention_at", "investigator_id", "investigator__first_name",
             "investigator__last_name", "investigator__username").order_by("id"))
    subjects = _subject_ids_of(matters.values("id"))
    out = []
    for row in rows:
        status = row["status_at"] or row["status"]
        if status in CLOSED_STATES:
            continue
        out.append({
            "id": row["id"], "reference": row["reference"], "kind": row["kind"],
            "status": status, "attention": row["came_to_attention_at"],
            "status_since": row["status_since"] or row["came_to_attention_at"],
            "investigator_id": row["investigator_id"],
            "investigator": _investigator_name(row["investigator__first_name"],
                                               row["investigator__last_name"],
                                               row["investigator__username"]),
            "subject_ids": subjects.get(row["id"], [])})
    return out


def insight_closure_facts(*, closed_from: dt.datetime, closed_to: dt.datetime,
                          ) -> list[dict[str, Any]]:
    """Every closure in [closed_from, closed_to): a status change into a closed state, one
    plain row each (matter id, closed_at, kind, investigator id and name, subject_ids). The
    clearance rate counts work finished, so a matter closed, reopened and closed again counts
    each time. Two queries. System work, in aggregate."""
    closed = list(CLOSED_STATES)
    changes = MatterStatusChange.objects.filter(
        to_status__in=closed, occurred_at__gte=closed_from, occurred_at__lt=closed_to,
    ).exclude(from_status__in=closed)
    subjects = _subject_ids_of(changes.values("matter_id"))
    return [{"matter_id": row["matter_id"], "closed_at": row["occurred_at"],
             "kind": row["matter__kind"], "investigator_id": row["matter__investigator_id"],
             "investigator": _investigator_name(row["matter__investigator__first_name"],
                                                row["matter__investigator__last_name"],
                                                row["matter__investigator__username"]),
             "subject_ids": subjects.get(row["matter_id"], [])}
            for row in changes.values(
                "matter_id", "occurred_at", "matter__kind", "matter__investigator_id",
                "matter__investigator__first_name", "matter__investigator__last_name",
                "matter__investigator__username").order_by("occurred_at", "id")]


def insight_intake_facts(*, attention_from: dt.datetime, attention_to: dt.datetime,
                         ) -> list[dict[str, Any]]:
    """Every matter that came to attention in [attention_from, attention_to): id, kind,
    attention time and subject_ids (the intake rate). Two queries. System work."""
    matters = Matter.objects.filter(came_to_attention_at__gte=attention_from,
                                    came_to_attention_at__lt=attention_to)
    subjects = _subject_ids_of(matters.values("id"))
    return [{"id": row["id"], "kind": row["kind"], "attention": row["came_to_attention_at"],
             "subject_ids": subjects.get(row["id"], [])}
            for row in matters.values("id", "kind", "came_to_attention_at").order_by("id")]


def insight_finalised_facts(*, closed_from: dt.datetime, closed_to: dt.datetime,
                            ) -> list[dict[str, Any]]:
    """Every matter now closed whose last closing fell in [closed_from, closed_to), as the
    IOPC bulletin counts a finalised case: id, reference, kind, complaint track, attention and
    closing times, subject_ids. Two queries. System work."""
    matters = Matter.objects.filter(status__in=list(CLOSED_STATES), closed_at__gte=closed_from,
                                    closed_at__lt=closed_to)
    subjects = _subject_ids_of(matters.values("id"))
    return [{"id": row["id"], "reference": row["reference"], "kind": row["kind"],
             "complaint_track": row["complaint_track"],
             "attention": row["came_to_attention_at"], "closed_at": row["closed_at"],
             "subject_ids": subjects.get(row["id"], [])}
            for row in matters.values("id", "reference", "kind", "complaint_track",
                                      "came_to_attention_at", "closed_at").order_by("id")]


def insight_investigators_active() -> int:
    """How many active users hold the investigator role now (the default staff available)."""
    from upright.access.models import User
    from upright.access.roles import Role

    return User.objects.filter(role=Role.INVESTIGATOR, is_active=True).count()
