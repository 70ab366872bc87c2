"""The official returns reproduced by hand on a small fixture built through the services."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from upright.conduct.tests.factories import matter_in, person_new, recorder
from upright.conduct.tests.process import (
    act,
    complaint_handled_otherwise,
    findings,
    investigation_open,
    served,
    to_listed,
    to_report,
)
from upright.insight.selectors import compute_home_office_return, compute_iopc_bulletin
from upright.people.selectors import insight_workforce_facts

pytestmark = pytest.mark.django_db


YEAR = 2025  # 2025/26: the fixture is built on 1 May 2025, the complaint closed on 15 June


def cells(rows: list[dict[str, Any]], dimension: str, period: str = "") -> dict[tuple[str, str], Any]:
    return {(r["category"], r["person_type"]): r["value"] for r in rows
            if r["dimension"] == dimension and (not period or r["period"] == period)}


def fixture() -> dict[str, Any]:
    """Three finalised conduct cases and one complaint, all in Q1 of 2025/26:
    m1: A (officer, White, male, 30 on 1 April): investigated, meeting, misconduct proven,
        final written warning, closed.
    m2: B (officer, Black, female, 40): investigated, no case to answer, closed.
    m3: C (staff): closed with no further action before investigation.
    m4: a public complaint recorded under Schedule 3, handled otherwise, closed 46 days later
        (not in the ADR: no special procedures)."""
    start = dt.date(2000, 1, 1)
    with freeze_time("2025-05-01 10:00:00"):
        a = person_new(employment_kind="officer", ethnicity="white_british", sex="male",
                       date_of_birth=dt.date(1995, 1, 1), start_date=start)
        b = person_new(employment_kind="officer", ethnicity="black_african", sex="female",
                       date_of_birth=dt.date(1985, 1, 1), start_date=start)
        c = person_new(employment_kind="staff", start_date=start)
        aa = recorder()
        m1, _ = investigation_open(subjects=[a], actor=aa)
        m1 = to_listed(to_report(m1, aa), aa, decision="misconduct", form="meeting")
        m1 = act(m1, aa, "record_outcome", {
            "concluded_on": timezone.localdate(), "findings": findings(m1, "misconduct"),
            "disciplinary_action": "final_written_warning"})
        m1 = act(m1, aa, "notify_outcome", served())
        m1 = act(m1, aa, "close", {"rationale": "Done.", "appeal_waived": True})
        m2, _ = investigation_open(subjects=[b], actor=aa)
        m2 = act(to_report(m2, aa), aa, "case_to_answer",
                 {"decision": "no_case", "route": "nfa", "rationale": "R"})
        m3 = matter_in("closed_nfa", subjects=[c], actor=aa)
        m4, _ = complaint_handled_otherwise(aa)
        m4 = act(m4, aa, "notify_complainant_outcome", {
            "sent_at": timezone.now() - dt.timedelta(minutes=1), "method": "email"})
    with freeze_time("2025-06-15 10:00:00"):
        m4 = act(m4, aa, "close_complaint", {"rationale": "Done."})
    return {"m": [m1, m2, m3, m4], "people": [a, b, c]}


def test_home_office_return_reproduced_by_hand() -> None:
    built = fixture()
    m1, m2, m3, m4 = built["m"]
    assert [m.status for m in built["m"]] == ["closed_with_outcome", "closed_nfa", "closed_nfa",
                                              "closed_with_outcome"]
    rows = compute_home_office_return(year=YEAR)
    assert cells(rows, "case_type") == {("conduct_matter", "officers"): 2,
                                        ("conduct_matter", "staff"): 1}
    assert cells(rows, "breach_type") == {("authority_respect_courtesy", "officers"): 2,
                                          ("authority_respect_courtesy", "staff"): 1}
    assert cells(rows, "allegation_type") == {("G", "officers"): 2, ("G", "staff"): 1}
    assert cells(rows, "case_to_answer") == {("yes", "officers"): 1, ("no", "officers"): 1}
    assert cells(rows, "proceedings_type") == {("meeting", "officers"): 1}
    assert cells(rows, "finding") == {("misconduct", "officers"): 1}
    assert cells(rows, "allegation_result") == {("misconduct", "officers"): 1,
                                                ("closed_nfa", "officers"): 1,
                                                ("closed_nfa", "staff"): 1}
    assert cells(rows, "disciplinary_action") == {("final_written_warning", "officers"): 1}
    assert cells(rows, "timeliness") == {("under 6 months", "officers"): 2,
                                         ("under 6 months", "staff"): 1,
                                         ("mean days to finalise", "officers"): 1.0,
                                         ("mean days to finalise", "staff"): 1.0}
    assert cells(rows, "sex")[("male", "officers")] == 1
    assert cells(rows, "sex")[("female", "officers")] == 1
    assert cells(rows, "ethnic_group")[("white", "officers")] == 1
    assert cells(rows, "ethnic_group")[("black", "officers")] == 1
    assert cells(rows, "age_band")[("25-34", "officers")] == 1
    assert cells(rows, "age_band")[("35-44", "officers")] == 1
    assert cells(rows, "pat_appeal") == {}
    assert cells(rows, "criminal_proceedings") == {}
    drill = {(r["dimension"], r["category"], r["person_type"]): r["refs"] for r in rows}
    assert drill[("case_type", "conduct_matter", "officers")] == sorted([m1.reference,
                                                                         m2.reference])
    assert drill[("case_type", "conduct_matter", "staff")] == [m3.reference]
    assert m4.reference not in {ref for refs in drill.values() for ref in refs}
    # nothing finalised in the year before, nor in a unit nobody in the fixture works in
    assert compute_home_office_return(year=YEAR - 1) == []
    assert compute_home_office_return(year=YEAR, unit="/NOWHERE/") == []


def test_iopc_bulletin_reproduced_by_hand() -> None:
    built = fixture()
    m4 = built["m"][3]
    rows = compute_iopc_bulletin(year=YEAR)
    for period in ("Q1", "year"):
        assert cells(rows, "cases_finalised", period) == {("outside_sch3", "all"): 0,
                                                          ("under_sch3", "all"): 1}
        assert cells(rows, "mean_days_to_finalise", period) == {("under_sch3", "all"): 46.0}
        assert cells(rows, "mean_days_to_finalise_excl_sub_judice", period) == {
            ("under_sch3", "all"): 46.0}
        assert cells(rows, "allegations_by_category", period) == {("G", "all"): 1}
        assert cells(rows, "cases_by_handling", period) == {
            ("sch3_otherwise_than_investigation", "all"): 1}
    assert cells(rows, "cases_finalised", "Q2") == {("outside_sch3", "all"): 0,
                                                    ("under_sch3", "all"): 0}
    employees = len(insight_workforce_facts(from_day=dt.date(2025, 4, 1), to_day=dt.date(2026, 3, 31)))
    assert cells(rows, "cases_per_1000_employees", "year") == {
        ("all", "all"): round(1000 / employees, 2)}
    refs = {r["dimension"]: r["refs"] for r in rows if r["period"] == "year"}
    assert refs["cases_finalised"] == [m4.reference]
