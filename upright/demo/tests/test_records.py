"""The demo force's history is recorded in the step tables the statistics read: case decisions,
outcomes and findings, appeals, complaint tracks and outcomes, contacts, reviews, the appointed
investigators and the suspension register, each consistent with the matter's status history."""

import collections
import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from upright.access.models import User
from upright.access.roles import Role
from upright.demo.services import demo_force_seed
from upright.people.choices import ethnic_group_of
from upright.people.models import Person
from upright.suspensions.models import Suspension, SuspensionReview

AS_OF = dt.date(2025, 6, 2)
Matter = apps.get_model("conduct", "Matter")
Allegation = apps.get_model("conduct", "Allegation")
MatterStatusChange = apps.get_model("conduct", "MatterStatusChange")
CaseDecision = apps.get_model("conduct", "CaseDecision")
Outcome = apps.get_model("conduct", "Outcome")
AllegationFinding = apps.get_model("conduct", "AllegationFinding")
Appeal = apps.get_model("conduct", "Appeal")
ComplaintOutcome = apps.get_model("conduct", "ComplaintOutcome")
ComplainantContact = apps.get_model("conduct", "ComplainantContact")
ComplaintReview = apps.get_model("conduct", "ComplaintReview")
_RANK = ["discontinued", "not_misconduct", "misconduct", "gross_misconduct"]
# What reg 42 allows (conduct.services.warnings.reg42_allowed, no reg 42(5)/(6) basis seeded).
_ALLOWED = {
    ("meeting", "misconduct"): {"written_warning", "final_written_warning"},
    ("hearing", "misconduct"): {"written_warning", "final_written_warning"},
    ("amh", "misconduct"): {"written_warning", "final_written_warning"},
    ("hearing", "gross_misconduct"): {"final_written_warning", "reduction_in_rank",
                                      "dismissal_without_notice"},
    ("amh", "gross_misconduct"): {"final_written_warning", "reduction_in_rank",
                                  "dismissal_without_notice"},
}


def _seed(seed: int = 3) -> Any:
    return demo_force_seed(people=400, seed=seed, matters=2500, as_of=AS_OF)


def _history() -> dict[int, list[tuple[str, dt.datetime]]]:
    steps: dict[int, list[tuple[str, dt.datetime]]] = collections.defaultdict(list)
    for matter_id, to_status, at in MatterStatusChange.objects.order_by(
            "matter_id", "occurred_at", "id").values_list("matter_id", "to_status", "occurred_at"):
        steps[matter_id].append((to_status, at))
    return steps


def _when(steps: list[tuple[str, dt.datetime]], status: str) -> dt.datetime | None:
    return next((at for s, at in steps if s == status), None)


def _after(steps: list[tuple[str, dt.datetime]], status: str) -> dt.datetime | None:
    statuses = [s for s, _ in steps]
    if status not in statuses or statuses.index(status) + 1 >= len(steps):
        return None
    return steps[statuses.index(status) + 1][1]


@pytest.mark.django_db
def test_case_decisions_follow_the_determination_step() -> None:
    _seed()
    history = _history()
    decisions = {m: (d, p, f, at) for m, d, p, f, at in CaseDecision.objects.values_list(
        "matter_id", "decision", "proceedings", "form", "decided_at")}
    forms = dict(Matter.objects.values_list("id", "proceedings_form"))

    assert len(decisions) == CaseDecision.objects.count()  # one per matter
    expected = {m for m, steps in history.items()
                if _after(steps, "case_to_answer_determination") or _when(steps, "amh_path")}
    assert set(decisions) == expected
    assert {d for d, *_ in decisions.values()} == {"no_case", "misconduct", "gross_misconduct"}
    for matter_id, (decision, proceedings, form, at) in decisions.items():
        steps = history[matter_id]
        assert at == (_when(steps, "amh_path") or _after(steps, "case_to_answer_determination"))
        assert forms[matter_id] == form
        nxt = _after(steps, "case_to_answer_determination")
        into = [s for s, a in steps if a == nxt][-1] if nxt else "amh_path"
        if decision == "no_case":
            assert not proceedings
            assert into in ("closed_nfa", "rprp")
        elif proceedings:
            assert {"meeting": "referred_to_meeting", "hearing": "referred_to_hearing",
                    "amh": "amh_path"}[form] == into
            assert decision == "gross_misconduct" or form == "meeting"


@pytest.mark.django_db
def test_outcomes_and_findings_follow_the_proceedings_at_published_shapes() -> None:
    _seed()
    history = _history()
    subjects: dict[int, set[int]] = collections.defaultdict(set)
    allegations_of: dict[tuple[int, int], set[int]] = collections.defaultdict(set)
    for aid, matter_id, subject_id in Allegation.objects.values_list("id", "matter_id", "subject_id"):
        subjects[matter_id].add(subject_id)
        allegations_of[(matter_id, subject_id)].add(aid)
    former = dict(Matter.objects.values_list("id", "former_officer"))
    outcomes = list(Outcome.objects.values("id", "matter_id", "subject_id", "forum", "finding",
                                           "disciplinary_action", "concluded_on", "superseded"))
    findings: dict[int, dict[int, str]] = collections.defaultdict(dict)
    for outcome_id, allegation_id, finding in AllegationFinding.objects.values_list(
            "outcome_id", "allegation_id", "finding"):
        findings[outcome_id][allegation_id] = finding

    held = {m for m, steps in history.items() if _when(steps, "proceedings_held")
            or (_when(steps, "amh_path") and _when(steps, "outcome_notified"))}
    assert {o["matter_id"] for o in outcomes} == held
    assert any(o["disciplinary_action"] == "dismissal_without_notice" for o in outcomes)
    for o in outcomes:
        matter_id = o["matter_id"]
        assert o["subject_id"] in subjects[matter_id]
        day = _when(history[matter_id], "outcome_notified" if o["forum"] == "amh"
                    else "proceedings_held")
        assert day is not None
        if o["id"] in findings:  # an original outcome: one finding per allegation, worst wins
            mine = findings[o["id"]]
            assert set(mine) == allegations_of[(matter_id, o["subject_id"])]
            assert max(mine.values(), key=_RANK.index) == o["finding"]
            assert o["concluded_on"] == timezone.localdate(day)
        else:  # replaced on an upheld appeal, as decide_appeal writes it
            assert Appeal.objects.filter(matter_id=matter_id, decision="upheld").exists()
        if o["finding"] in ("not_misconduct", "discontinued"):
            assert o["disciplinary_action"] == "no_action"
        elif former[matter_id]:
            assert o["disciplinary_action"] in ("would_have_been_dismissed", "no_action")
        elif not o["superseded"] and o["id"] in findings:
            assert o["disciplinary_action"] in _ALLOWED[(o["forum"], o["finding"])]
    live = [o for o in outcomes if not o["superseded"]]
    assert len({(o["matter_id"], o["subject_id"]) for o in live}) == len(live)
    for matter_id, kind in Appeal.objects.values_list("matter_id", "kind"):
        if kind == "meeting":
            assert _when(history[matter_id], "appeal_meeting") is not None


@pytest.mark.django_db
def test_complaints_have_tracks_outcomes_contacts_and_reviews() -> None:
    _seed()
    history = _history()
    complaints = {row["id"]: row for row in Matter.objects.filter(kind="complaint").values(
        "id", "status", "complaint_track", "special_procedures", "complaint_outcome",
        "came_to_attention_at", "complainant_notified_at")}
    first_track = {m: p.get("track") for m, p in MatterStatusChange.objects.filter(
        action="record").values_list("matter_id", "payload")}
    outcomes = {m: (code, track) for m, code, track in ComplaintOutcome.objects.order_by(
        "id").values_list("matter_id", "category__code", "track")}
    first_contact: dict[int, dt.datetime] = {}
    for matter_id, at in ComplainantContact.objects.order_by("occurred_at").values_list(
            "matter_id", "occurred_at"):
        first_contact.setdefault(matter_id, at)

    tracks = collections.Counter(m["complaint_track"] for m in complaints.values())
    assert tracks["outside_sch3"]
    assert tracks["sch3_otherwise_than_investigation"]
    assert tracks["sch3_investigation"]
    for matter_id, m in complaints.items():
        steps = history[matter_id]
        investigated = _when(steps, "investigator_appointment_pending") is not None
        if m["status"] == "recorded":
            assert m["complaint_track"] == ""  # not yet handled
        elif first_track[matter_id] == "outside_sch3":
            assert m["complaint_track"] == "outside_sch3"
        elif investigated:
            assert m["complaint_track"] == "sch3_investigation"
            assert m["special_procedures"]
        elif m["status"] in ("recorded", "severity_assessment_pending", "referred_to_iopc"):
            assert m["complaint_track"] == ""  # not yet decided how it is handled
        else:
            assert m["complaint_track"] == "sch3_otherwise_than_investigation"
        if m["status"].startswith("closed"):
            assert outcomes[matter_id] == (m["complaint_outcome"], m["complaint_track"])
            assert m["complainant_notified_at"] is not None
        if matter_id in first_contact:
            assert first_contact[matter_id] > m["came_to_attention_at"]
    assert len(first_contact) > 0.9 * len(complaints)
    assert ComplaintOutcome.objects.exclude(actions_taken="").exists()
    reviewed = {m for m, steps in history.items() if _when(steps, "review_requested")}
    assert set(ComplaintReview.objects.values_list("matter_id", flat=True)) == reviewed
    assert reviewed


@pytest.mark.django_db
def test_investigators_are_appointed_where_the_history_says_and_cannot_log_in() -> None:
    _seed()
    history = _history()
    investigated = {m for m, steps in history.items() if _when(steps, "under_investigation")}
    rows = list(Matter.objects.values_list("id", "investigator_id"))
    pool = User.objects.filter(username__startswith="demo-investigator-")

    own = dict(pool.exclude(person=None).values_list("id", "person_id"))
    appointed = {m for m, inv in rows if inv is not None}
    assert appointed <= investigated
    for matter_id in investigated - appointed:  # only where every investigator is a subject
        subjects = set(Allegation.objects.filter(matter_id=matter_id).values_list(
            "subject_id", flat=True))
        assert len(own) == pool.count()
        assert set(own.values()) <= subjects
    assert len(appointed) > 0.95 * len(investigated)
    assert pool.count() >= 1
    assert set(pool.values_list("role", flat=True)) == {Role.INVESTIGATOR}
    assert not any(u.has_usable_password() for u in pool)
    for matter_id, investigator_id in rows:
        if investigator_id in own:
            assert not Allegation.objects.filter(matter_id=matter_id,
                                                 subject_id=own[investigator_id]).exists()


@pytest.mark.django_db
def test_suspensions_follow_gross_misconduct_matters() -> None:
    _seed()
    history = _history()
    matters = {m.reference: m for m in Matter.objects.all()}
    entries = list(Suspension.objects.all())

    assert {e.kind for e in entries} == {"suspended", "restricted"}
    for e in entries:
        matter = matters[e.matter_ref]
        steps = history[matter.pk]
        assert matter.severity_level == "gross_misconduct"
        assert Allegation.objects.filter(matter=matter, subject_id=e.person_id).exists()
        assessed = _after(steps, "severity_assessment_pending")
        assert assessed is not None
        assert assessed <= e.decided_at
        ended = _when(steps, "outcome_notified") or _when(steps, "withdrawn")
        if e.ended_on is None:
            assert ended is None or ended >= timezone.make_aware(
                dt.datetime.combine(AS_OF, dt.time()))
            assert Person.objects.get(pk=e.person_id).status == e.kind
        else:
            assert ended is not None
            assert e.ended_on == timezone.localdate(ended)
            assert e.end_reason == ("no_proceedings" if _when(steps, "withdrawn")
                                    else "proceedings_concluded")
    active = collections.Counter(e.person_id for e in entries if e.ended_on is None)
    assert all(n == 1 for n in active.values())
    # Every suspended or restricted person has the active entry that says so, and no other.
    assert dict(Person.objects.filter(status__in=["suspended", "restricted"]).values_list(
        "id", "status")) == {e.person_id: e.kind for e in entries if e.ended_on is None}
    for review in SuspensionReview.objects.select_related("suspension"):
        assert review.reviewed_on > timezone.localdate(review.suspension.decided_at)


@pytest.mark.django_db
def test_the_records_are_the_same_for_the_same_seed() -> None:
    def snapshot() -> tuple[Any, ...]:
        savepoint = transaction.savepoint()
        _seed(seed=5)
        snap = (
            sorted(Outcome.objects.values_list("matter__reference", "subject__staff_number",
                                               "finding", "disciplinary_action", "superseded")),
            sorted(Suspension.objects.values_list("matter_ref", "person__staff_number", "kind",
                                                  "ended_on")),
            sorted(Matter.objects.values_list("reference", "complaint_track",
                                              "complaint_outcome", "investigator__username")),
            sorted(apps.get_model("conduct", "ComplainantLink").objects.values_list(
                "matter__reference", "complainant__name", "complainant__ethnicity",
                "complainant__sex", "complainant__age_band", "complainant__email")),
        )
        transaction.savepoint_rollback(savepoint)
        return snap

    first, again = snapshot(), snapshot()

    assert first == again
    assert first[0]
    assert first[1]
    assert first[3]


@pytest.mark.django_db
def test_every_complaint_has_one_complainant_named_on_its_contacts() -> None:
    _seed()
    Complainant = apps.get_model("conduct", "Complainant")
    ComplainantLink = apps.get_model("conduct", "ComplainantLink")
    complaints = set(Matter.objects.filter(kind="complaint").values_list("id", flat=True))
    links = list(ComplainantLink.objects.values_list("matter_id", "complainant_id", "role"))
    linked = dict((m, c) for m, c, _ in links)

    assert complaints
    assert len(links) == len(complaints) == len(linked)  # exactly one per complaint
    assert set(linked) == complaints
    assert {role for *_, role in links} == {"complainant"}
    assert len(set(linked.values())) == len(linked) == Complainant.objects.count()
    contacts = list(ComplainantContact.objects.values_list("matter_id", "complainant_id"))
    assert contacts
    assert all(c == linked[m] for m, c in contacts)
    people = {c["id"]: c for c in Complainant.objects.values()}
    for matter_id, complainant_id in linked.items():
        c = people[complainant_id]
        first = ComplainantContact.objects.filter(matter_id=matter_id).order_by(  # the first
            "id").values_list("method", flat=True).first()  # written: "recorded" if any
        if first is not None:
            assert c["preferred_contact"] == first
        assert bool(c["email"]) == (c["preferred_contact"] in ("email", "portal"))
        assert bool(c["phone"]) == (c["preferred_contact"] == "phone")
        assert c["name"].strip()
        assert c["sex"]
        assert c["age_band"]
    groups = collections.Counter(
        "blank" if not c["ethnicity"] else c["ethnicity"].split("_")[0] for c in people.values())
    n = len(people)
    # A London-like mix (54/21/13/6/6 of the 90% who state it), within sampling error.
    for group, share in (("white", 0.486), ("asian", 0.189), ("black", 0.117)):
        assert abs(groups[group] / n - share) < 0.05, (group, groups[group] / n)
    assert 0.05 < (groups["blank"] + groups["not"]) / n < 0.15


@pytest.mark.django_db
def test_the_disproportion_summary_has_complainant_cells_on_a_seeded_force() -> None:
    from upright.insight.selectors import compute_disproportion

    Complainant = apps.get_model("conduct", "Complainant")
    demo_force_seed(people=2000, seed=3, as_of=AS_OF)
    result = compute_disproportion(year=2023)

    cells = {(c["dimension"], c["group"]): c for c in result["complainants"]}
    start, end = (timezone.make_aware(dt.datetime.combine(day, dt.time()))
                  for day in (dt.date(2023, 4, 1), dt.date(2024, 4, 1)))
    closed = Complainant.objects.filter(
        links__matter__closed_at__gte=start, links__matter__closed_at__lt=end)
    expected = collections.Counter(ethnic_group_of(e).value if e else "not_stated"
                                   for e in closed.values_list("ethnicity", flat=True))
    got = {g: c["complainants"] for (d, g), c in cells.items() if d == "ethnic_group"}
    assert got == dict(expected)
    assert {"white", "asian", "black"} <= {g for g, n in got.items() if n >= 5}
    assert sum(c["complainants"] for (d, _), c in cells.items() if d == "sex") == closed.count()
    assert any(c["ratio"] is not None for c in cells.values())
