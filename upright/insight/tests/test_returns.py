"""The official returns reproduced by hand on a small fixture built through the services."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from upright.conduct.services.complainants import complainant_link, complainant_record
from upright.conduct.tests.factories import matter_in, person_new, recorder
from upright.conduct.tests.process import (
    act,
    complaint_handled_otherwise,
    complaint_new,
    findings,
    investigation_open,
    served,
    to_listed,
    to_report,
)
from upright.insight.returns import BulletinInputs, iopc_bulletin, workforce_group
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


def test_workforce_group_rule() -> None:
    assert workforce_group(kind="officer", grade="PC") == "police_officer"
    assert workforce_group(kind="special", grade="PC") == "special_constable"
    assert workforce_group(kind="staff", grade="PCSO") == "pcso"
    assert workforce_group(kind="staff", grade="Police Community Support Officer") == "pcso"
    assert workforce_group(kind="staff", grade="Designated Detention Officer") == (
        "designated_officer")
    assert workforce_group(kind="staff", grade="DIO") == "designated_officer"
    assert workforce_group(kind="staff", grade="Band E") == "police_staff"
    assert workforce_group(kind="staff", grade="Video identification officer") == (
        "police_staff")  # "ido" only as a whole word
    assert workforce_group(kind="volunteer", grade="") == "volunteer"
    assert workforce_group(kind=None, grade=None) == "police_staff"


def test_home_office_workforce_split_and_meeting_appeals() -> None:
    """m1: officer A, meeting, misconduct proven, final written warning, appeal under reg 45
    dismissed. m2-m4 closed NFA: a special S, a PCSO P and a designated detention officer D
    (both police staff)."""
    with freeze_time("2025-05-01 10:00:00"):
        aa = recorder()
        a = person_new(employment_kind="officer")
        s = person_new(employment_kind="special")
        p = person_new(employment_kind="staff", rank_or_grade="PCSO")
        d = person_new(employment_kind="staff", rank_or_grade="Designated Detention Officer")
        m1, _ = investigation_open(subjects=[a], actor=aa)
        m1 = to_listed(to_report(m1, aa), aa, decision="misconduct", form="meeting")
        m1 = act(m1, aa, "record_outcome", {
            "concluded_on": timezone.localdate(), "findings": findings(m1, "misconduct"),
            "disciplinary_action": "final_written_warning"})
        m1 = act(m1, aa, "notify_outcome", served())
        m1 = act(m1, aa, "appeal", {"lodged_on": timezone.localdate(), "grounds": ["a"]})
        m1 = act(m1, aa, "decide_appeal", {"decision": "dismissed", "rationale": "No merit."})
        refs = {who: matter_in("closed_nfa", subjects=[who], actor=aa).reference
                for who in (s, p, d)}
    assert m1.status == "closed_with_outcome"
    rows = compute_home_office_return(year=YEAR)
    assert cells(rows, "workforce_group") == {("police_officer", "officers"): 1,
                                              ("special_constable", "officers"): 1,
                                              ("pcso", "staff"): 1,
                                              ("designated_officer", "staff"): 1}
    assert cells(rows, "case_type") == {("conduct_matter", "officers"): 2,
                                        ("conduct_matter", "staff"): 2}
    assert cells(rows, "meeting_appeal") == {("dismissed", "officers"): 1}
    assert cells(rows, "pat_appeal") == {}
    assert cells(rows, "disciplinary_action") == {("final_written_warning", "officers"): 1}
    drill = {(r["dimension"], r["category"]): r["refs"] for r in rows}
    assert drill[("workforce_group", "pcso")] == [refs[p]]
    assert drill[("workforce_group", "designated_officer")] == [refs[d]]
    assert drill[("meeting_appeal", "dismissed")] == [m1.reference]


def _complaint_recorded(aa: Any, *, actions: str, outcome: str) -> Any:
    matter = act(complaint_new(aa)[0], aa, "record_under_schedule_3", {"reason": "Recorded."})
    matter = act(matter, aa, "referral_check", {"criteria": [], "rationale": "Not referable."})
    return act(matter, aa, "handle_otherwise", {"outcome": outcome, "actions_taken": actions,
                                                "rationale": "Looked into it."})


def bulletin_fixture() -> dict[str, Any]:
    """Two complaints, each came to attention a day before it was created:
    m5 (created 1 May 2025 10:00, so came to attention 30 April 10:00): complainants Ann
       (Black Caribbean, female, 25-34) and Bob (nothing stated); recorded, first contacted
       and handled otherwise on 3 May (3 days), service not acceptable, an apology; the
       outcome sent; a review received by the local policing body on 10 May, upheld with
       recommendations on 20 May, which closes it (20 days).
    m6 (created 1 May 10:00): recorded and handled otherwise at once (1 day), service
       acceptable, words of advice; closed on 15 June (46 days)."""
    with freeze_time("2025-05-01 10:00:00"):
        aa = recorder()
        ann = complainant_record(actor=aa, name="Ann", preferred_contact="email",
                                 email="ann@example.org", ethnicity="black_caribbean",
                                 sex="female", age_band="25_34")
        bob = complainant_record(actor=aa, name="Bob", preferred_contact="post",
                                 address="1 High Street")
        m5, _ = complaint_new(aa)
        for person in (ann, bob):
            complainant_link(actor=aa, complainant_id=person.pk, matter_reference=m5.reference)
        m6 = _complaint_recorded(aa, actions="Words of advice to the officer.",
                                 outcome="service_acceptable")
        m6 = act(m6, aa, "notify_complainant_outcome", {
            "sent_at": timezone.now() - dt.timedelta(minutes=1), "method": "email"})
    with freeze_time("2025-05-03 10:00:00"):
        m5 = act(m5, aa, "record_under_schedule_3", {"reason": "Recorded."})
        m5 = act(m5, aa, "referral_check", {"criteria": [], "rationale": "Not referable."})
        m5 = act(m5, aa, "handle_otherwise", {"outcome": "service_not_acceptable",
                                              "actions_taken": "Apology.", "rationale": "R."})
        m5 = act(m5, aa, "notify_complainant_outcome", {
            "sent_at": timezone.now() - dt.timedelta(minutes=1), "method": "email"})
    with freeze_time("2025-05-10 10:00:00"):
        m5 = act(m5, aa, "apply_for_review", {"received_on": "2025-05-10",
                                              "grounds": "Not satisfied."})
    with freeze_time("2025-05-20 10:00:00"):
        m5 = act(m5, aa, "decide_review", {"decision": "upheld",
                                           "consequence": "recommendations",
                                           "recommendations": "Train the team.",
                                           "rationale": "The apology was not enough."})
    with freeze_time("2025-06-15 10:00:00"):
        m6 = act(m6, aa, "close_complaint", {"rationale": "Done."})
    return {"m": [m5, m6]}


def test_iopc_bulletin_handling_reviews_and_complainants_by_hand() -> None:
    m5, m6 = bulletin_fixture()["m"]
    assert (m5.status, m6.status) == ("closed_with_outcome", "closed_with_outcome")
    rows = compute_iopc_bulletin(year=YEAR)
    for period in ("Q1", "year"):
        assert cells(rows, "cases_finalised", period) == {("outside_sch3", "all"): 0,
                                                          ("under_sch3", "all"): 2}
        assert cells(rows, "mean_days_to_finalise", period) == {("under_sch3", "all"): 33.0}
        assert cells(rows, "mean_days_to_log", period) == {("all", "all"): 2.0}
        assert cells(rows, "mean_days_to_first_contact", period) == {("all", "all"): 2.0}
        assert cells(rows, "cases_putting_it_right", period) == {("all", "all"): 2}
        assert cells(rows, "allegation_outcomes", period) == {
            ("service_not_acceptable", "all"): 1, ("service_acceptable", "all"): 1}
        assert cells(rows, "reviews_received", period) == {("local_policing_body", "all"): 1}
        assert cells(rows, "reviews_decided", period) == {("local_policing_body", "all"): 1}
        assert cells(rows, "reviews_upheld", period) == {("local_policing_body", "all"): 1}
        assert cells(rows, "complainants_by_ethnic_group", period) == {
            ("black", "all"): 1, ("not_stated", "all"): 1}
        assert cells(rows, "complainants_by_sex", period) == {("female", "all"): 1,
                                                              ("not_stated", "all"): 1}
        assert cells(rows, "complainants_by_age_band", period) == {("25_34", "all"): 1,
                                                                   ("not_stated", "all"): 1}
    assert cells(rows, "mean_days_to_log", "Q2") == {}
    assert cells(rows, "reviews_received", "Q2") == {}
    assert cells(rows, "cases_putting_it_right", "Q2") == {("all", "all"): 0}
    drill = {(r["dimension"], r["category"], r["period"]): r["refs"] for r in rows}
    assert drill[("reviews_upheld", "local_policing_body", "year")] == [m5.reference]
    assert drill[("complainants_by_ethnic_group", "black", "year")] == [m5.reference]
    assert drill[("mean_days_to_log", "all", "year")] == sorted([m5.reference, m6.reference])


def _complaint_row(ref: str, matter_id: int, *, closed: str, outcome: str) -> dict[str, Any]:
    at = dt.datetime(2025, 4, 1, 9, tzinfo=dt.UTC)
    return {"reference": ref, "matter_id": matter_id, "kind": "complaint",
            "complaint_track": "sch3_investigation", "category_group": "G", "attention": at,
            "closed_at": dt.datetime.fromisoformat(closed).replace(tzinfo=dt.UTC),
            "complaint_outcome": outcome}


def test_iopc_bulletin_arithmetic_on_plain_rows() -> None:
    """Distinct days to log and to first contact, a case with no actions putting it right,
    a pending review, and a review received in Q1 but decided (not upheld) in Q2."""
    at = dt.datetime(2025, 4, 1, 9, tzinfo=dt.UTC)
    rows = [_complaint_row("R1", 1, closed="2025-05-01T12:00", outcome="no_further_action"),
            _complaint_row("R2", 2, closed="2025-08-01T12:00", outcome="")]
    day = dt.timedelta(days=1)
    inputs = BulletinInputs(
        sub_judice={2: 10}, employees=0,
        case_facts={1: {"recorded_at": at + 4 * day, "first_contact_at": at + 2 * day,
                        "putting_right": False},
                    2: {"recorded_at": at + 8 * day, "first_contact_at": None,
                        "putting_right": True}},
        reviews=[{"body": "iopc", "reference": "R1", "received_on": dt.date(2025, 5, 5),
                  "decision": "not_upheld", "decided_at": dt.datetime(2025, 7, 2, 9,
                                                                      tzinfo=dt.UTC)},
                 {"body": "local_policing_body", "reference": "R2",
                  "received_on": dt.date(2025, 8, 10), "decision": "", "decided_at": None}],
        complainants=[{"reference": "R1", "ethnicity": "asian_indian", "sex": "male",
                       "age_band": ""}, {"reference": "OTHER", "ethnicity": "white_irish",
                                         "sex": "male", "age_band": ""}])
    out = [c.as_row() for c in iopc_bulletin(allegations=rows, inputs=inputs, year=YEAR)]
    assert cells(out, "mean_days_to_log", "year") == {("all", "all"): 6.0}  # (4 + 8) / 2
    assert cells(out, "mean_days_to_first_contact", "year") == {("all", "all"): 2.0}
    assert cells(out, "cases_putting_it_right", "year") == {("all", "all"): 1}
    assert cells(out, "mean_days_to_finalise_excl_sub_judice", "Q2") == {
        ("under_sch3", "all"): 112.0}  # 1 April 09:00 to 1 August 12:00 is 122 days, less 10
    assert cells(out, "allegation_outcomes", "year") == {("no_further_action", "all"): 1,
                                                         ("not recorded", "all"): 1}
    assert cells(out, "reviews_received", "Q1") == {("iopc", "all"): 1}
    assert cells(out, "reviews_decided", "Q1") == {}
    assert cells(out, "reviews_decided", "Q2") == {("iopc", "all"): 1}
    assert cells(out, "reviews_upheld", "year") == {}
    assert cells(out, "reviews_received", "Q2") == {("local_policing_body", "all"): 1}
    # only the complainants of cases finalised in the period
    assert cells(out, "complainants_by_ethnic_group", "year") == {("asian", "all"): 1}
    assert cells(out, "complainants_by_ethnic_group", "Q2") == {}
    assert cells(out, "cases_per_1000_employees", "year") == {}
