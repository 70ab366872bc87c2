"""The timeliness summary computed from matters driven through the services (status history,
a reg 10 delay, closures), its unit filter, the staff page, the API, permission and audit."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.conduct.tests.factories import matter_in, person_new, recorder
from upright.conduct.tests.process import act, complaint_new
from upright.core.exceptions import ValidationFailed
from upright.insight.models import SummaryTable
from upright.insight.summary import summary_refresh
from upright.insight.timeliness_services import timeliness_read
from upright.people.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

YEAR = 2025  # 2025/26: figures as at 1 April 2026 00:00 BST (23:00 UTC on 31 March)
UTC = dt.UTC


def utc(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=UTC)


def _investigate(subject: Any, attention: dt.datetime, opened: str, aa: Any, inv: Any) -> Any:
    with freeze_time(opened):
        matter = matter_in("severity_assessment_pending", subjects=[subject], actor=aa,
                           came_to_attention_at=attention)
        matter = act(matter, aa, "assess_severity",
                     {"level": "misconduct", "route": "investigate", "rationale": "R"})
        return act(matter, aa, "appoint_investigator", {"investigator_id": inv.pk})


def fixture() -> dict[str, Any]:
    """m1 (A, Ida): came to attention 15 Mar 2025, under investigation since 20 Mar 2025:
        381 days since attention and 376 in the stage at the as-at time; past 12 months.
    m2 (B, Ida): came 1 Nov 2025, investigated, delayed for criminal proceedings from 1 Dec
        2025 to 10 Jan 2026 (40 days), withdrawn, closed 11 Feb 2026: 102 days, 62 net.
    m3 (B, no investigator): came 1 Mar 2026, recorded 2 Mar: 30 days since, 29 in stage.
    m4 (A): a complaint under Schedule 3, came 1 Jun 2025, handled otherwise, closed 1 Jul
        2025: 30 days."""
    unit_a = OrgUnitFactory(code="A", path="/F/A/")
    unit_b = OrgUnitFactory(code="B", path="/F/B/")
    pa, pb = person_new(org_unit=unit_a), person_new(org_unit=unit_b)
    aa = recorder()
    ida = UserFactory(role=Role.INVESTIGATOR, first_name="Ida", last_name="Vance")
    m1 = _investigate(pa, utc(2025, 3, 15, 12), "2025-03-20 12:00:00", aa, ida)
    m2 = _investigate(pb, utc(2025, 11, 1, 12), "2025-11-03 12:00:00", aa, ida)
    for when, action, payload in [
        ("2025-12-01 12:00:00", "pause_for_criminal", {"rationale": "Charged."}),
        ("2026-01-10 12:00:00", "resume", {"rationale": "Acquitted."}),
        ("2026-02-01 12:00:00", "withdraw", {"rationale": "No evidence."}),
        ("2026-02-11 12:00:00", "close_nfa", {"rationale": "Withdrawn."}),
    ]:
        with freeze_time(when):
            m2 = act(m2, aa, action, payload)
    with freeze_time("2026-03-02 12:00:00"):
        m3 = matter_in("recorded", subjects=[pb], actor=aa,
                       came_to_attention_at=utc(2026, 3, 1, 12))
    with freeze_time("2025-06-01 12:00:00"):
        m4, _ = complaint_new(aa, subjects=[pa], came_to_attention_at=utc(2025, 6, 1, 12))
        m4 = act(m4, aa, "record_under_schedule_3", {"reason": "Wants it recorded."})
        m4 = act(m4, aa, "referral_check", {"criteria": [], "rationale": "Not referable."})
        m4 = act(m4, aa, "handle_otherwise", {
            "outcome": "service_not_acceptable", "actions_taken": "Apology.",
            "rationale": "The officer was rude."})
    with freeze_time("2025-07-01 12:00:00"):
        m4 = act(m4, aa, "notify_complainant_outcome", {
            "sent_at": timezone.now() - dt.timedelta(minutes=1), "method": "email"})
        m4 = act(m4, aa, "close_complaint", {"rationale": "Done.", "review_waived": True})
    return {"m": [m1, m2, m3, m4], "people": [pa, pb], "ida": ida}


def test_summary_from_the_records_by_hand() -> None:
    m1, m2, m3, m4 = fixture()["m"]
    assert [m.status for m in (m2, m4)] == ["closed_nfa", "closed_with_outcome"]
    rows = summary_refresh(name="timeliness", params={"year": YEAR}).rows
    assert rows["as_at"] == "2026-04-01T00:00:00+01:00"
    assert rows["backlog"] == 2
    stages = {s["stage"]: s for s in rows["stages"]}
    assert list(stages) == ["recorded", "under_investigation", "all"]
    assert (stages["recorded"]["in_stage"]["max"],
            stages["recorded"]["since_attention"]["max"]) == (29, 30)
    assert (stages["under_investigation"]["in_stage"]["max"],
            stages["under_investigation"]["since_attention"]["max"]) == (376, 381)
    assert stages["all"]["since_attention"] == {"median": 205.5, "mean": 205.5, "max": 381}
    assert stages["all"]["bands"] == {"under_3m": 1, "3_6m": 0, "6_12m": 0, "over_12m": 1}
    assert rows["past_12_months"] == [{
        "reference": m1.reference, "kind": "conduct_matter", "status": "under_investigation",
        "attention": "2025-03-15", "days": 381, "periods": 1, "investigator": "Ida Vance"}]
    finalise = {f["group"]: f for f in rows["finalise"]}
    assert finalise["conduct"]["refs"] == [m2.reference]
    assert finalise["conduct"]["with_sub_judice"]["mean"] == 102.0
    assert finalise["conduct"]["without_sub_judice"]["mean"] == 62.0  # 40 days delayed
    assert finalise["conduct"]["sub_judice_matters"] == 1
    assert (finalise["complaint"]["count"], finalise["complaint"]["with_sub_judice"]["mean"],
            finalise["complaint_under_sch3"]["refs"]) == (1, 30.0, [m4.reference])
    assert [(w["investigator"], w["open"], w["oldest_days"], w["closed"])
            for w in rows["workload"]] == [("Ida Vance", 1, 381, 1), ("No investigator", 1, 30, 1)]
    rates = rows["rates"]
    # In the 52 weeks from 1 April 2025 23:00 UTC: m2, m3, m4 came in (m1 before); m2, m4 closed.
    assert (rates["intake"], rates["closures"], rates["investigators"]) == (3, 2, 1)
    assert rates["intake_per_week"] == round(3 / 52, 4)
    assert rates["clearance_per_investigator"] == round(2 / 52, 4)
    assert rows["forecast"]["clears_week"] is None  # one investigator, 0.0385 < 0.0577 a week
    assert m3.reference not in str(rows["past_12_months"])


def test_unit_filter_keeps_the_units_matters() -> None:
    m1, m2, m3, m4 = fixture()["m"]
    a = summary_refresh(name="timeliness", params={"year": YEAR, "unit": "/F/A/"}).rows
    assert a["backlog"] == 1
    assert [s["stage"] for s in a["stages"]] == ["under_investigation", "all"]
    assert [o["reference"] for o in a["past_12_months"]] == [m1.reference]
    assert {f["group"]: f["count"] for f in a["finalise"]}["conduct"] == 0
    assert (a["rates"]["intake"], a["rates"]["closures"]) == (1, 1)  # m4
    b = summary_refresh(name="timeliness", params={"year": YEAR, "unit": "/F/B/"}).rows
    assert (b["backlog"], b["past_12_months"]) == (1, [])
    assert {f["group"]: f["refs"] for f in b["finalise"]}["conduct"] == [m2.reference]
    assert [(w["investigator"], w["open"], w["closed"]) for w in b["workload"]] == [
        ("Ida Vance", 0, 1), ("No investigator", 1, 0)]
    assert [s["count"] for s in b["stages"]] == [1, 1]  # m3, recorded
    assert m3.reference not in str(a)
    nobody = summary_refresh(name="timeliness", params={"year": YEAR, "unit": "/F/C/"}).rows
    assert (nobody["backlog"], nobody["rates"]["intake"]) == (0, 0)


def test_page_forecast_and_audit(client: Any, make_user: Any) -> None:
    m1 = fixture()["m"][0]
    user = make_user(Role.APPROPRIATE_AUTHORITY)
    client.force_login(user)
    url = reverse("insight:timeliness")
    first = client.get(url, {"year": YEAR})
    assert first.status_code == 200
    assert b"Not computed yet" in first.content
    done = client.post(reverse("insight:refresh"),
                       {"name": "timeliness", "year": YEAR, "unit": ""})
    assert done.status_code == 302
    page = client.get(url, {"year": YEAR, "staff": 90, "weeks": 8}).content.decode()
    assert reverse("conduct:matter_detail", args=[m1.reference]) in page
    # 90 x 0.0385 = 3.465 a week against 0.0577 in: the 2 open matters clear in week 1.
    assert "With 90 investigators" in page
    assert "the backlog clears in week 1 (2026-04-08)" in page
    assert "What the forecast assumes" in page
    assert 'id="chart-forecast-title"' in page
    assert "Forecast backlog of open matters" in page
    assert "the backlog never clears at this rate" in client.get(url, {"year": YEAR}).content.decode()
    # Saying 2 do the work now halves each one's pace: 4 x 0.0385 / 2 = 0.077 a week, 0.0193
    # more than come in: 2 / 0.0193 = 103.6, so week 104.
    told = client.get(url, {"year": YEAR, "staff_now": 2, "staff": 4}).content.decode()
    assert "the backlog clears in week 104 (2028-03-29)" in told
    events = AuditEvent.objects.filter(action="insight.timeliness.viewed").order_by("id")
    assert events.count() == 4
    assert events[1].extra["staff"] == 90
    assert events[1].extra["past_12_months"] == 1
    assert events[1].extra["shown"] == 1
    bad = client.get(url, {"year": YEAR, "staff": -1})
    assert "greater than or equal to 0" in bad.content.decode()
    assert AuditEvent.objects.filter(action="insight.timeliness.viewed").count() == 4


def test_page_and_api_need_insight_view(client: Any, make_user: Any, api_as: Any) -> None:
    fixture()
    summary_refresh(name="timeliness", params={"year": YEAR})
    client.force_login(make_user(Role.INVESTIGATOR))
    assert client.get(reverse("insight:timeliness"), {"year": YEAR}).status_code == 403
    assert client.post(reverse("insight:refresh"),
                       {"name": "timeliness", "year": YEAR}).status_code == 403
    assert api_as(Role.ASSESSOR).get("/api/v1/insight/timeliness/",
                                     {"year": YEAR}).status_code == 403
    assert AuditEvent.objects.filter(action="insight.timeliness.viewed").count() == 0
    assert SummaryTable.objects.filter(name="timeliness").count() == 1


def test_api_hides_matters_the_reader_may_not_see(api_as: Any) -> None:
    built = fixture()
    m1 = built["m"][0]
    url = "/api/v1/insight/timeliness/"
    client = api_as(Role.OVERSIGHT)
    assert client.get(url, {"year": YEAR}).status_code == 404
    summary_refresh(name="timeliness", params={"year": YEAR})
    got = client.get(url, {"year": YEAR, "staff": 90, "weeks": 4}).json()
    assert [o["reference"] for o in got["past_12_months"]] == [m1.reference]
    assert got["hidden"] == 0
    assert (got["forecast"]["staff"], got["forecast"]["clears_week"]) == (90, 1)
    assert got["figures"]["backlog"] == 2
    assert client.get(url, {"year": YEAR, "weeks": 0}).status_code == 400
    # The subject of m1 never sees it, even as a figure behind the timeliness list.
    subject = api_as(Role.APPROPRIATE_AUTHORITY, person=built["people"][0])
    hidden = subject.get(url, {"year": YEAR}).json()
    assert (hidden["past_12_months"], hidden["hidden"]) == ([], 1)
    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert "/api/v1/insight/timeliness/" in paths


def test_read_rejects_bad_forecast_input_before_recording(make_user: Any) -> None:
    user = make_user(Role.OVERSIGHT)
    for bad in ({"staff": -1}, {"staff_now": 100_001}, {"weeks": 521}, {"unit": 5}):
        with pytest.raises(ValidationFailed) as error:
            timeliness_read(user=user, year=YEAR, **bad)  # type: ignore[arg-type]
        assert next(iter(bad)) in error.value.message
    assert AuditEvent.objects.filter(action="insight.timeliness.viewed").count() == 0


def test_past_12_months_list_is_paged(make_user: Any, monkeypatch: Any) -> None:
    from upright.insight import timeliness_services

    data = fixture()
    pa, ida = data["people"][0], data["ida"]
    older = _investigate(pa, utc(2025, 1, 10, 12), "2025-01-13 12:00:00", recorder(), ida)
    summary_refresh(name="timeliness", params={"year": YEAR})
    monkeypatch.setattr(timeliness_services, "PAGE_SIZE", 1)
    user = make_user(Role.APPROPRIATE_AUTHORITY)
    first = timeliness_read(user=user, year=YEAR, page=1)
    second = timeliness_read(user=user, year=YEAR, page=2)
    assert (first.visible, first.pages) == (2, 2)
    # Oldest first: the January matter, then m1 (March).
    assert [o["reference"] for o in first.past_12_months] == [older.reference]
    assert [o["reference"] for o in second.past_12_months] == [data["m"][0].reference]
    beyond = timeliness_read(user=user, year=YEAR, page=9)
    assert beyond.page == 2
    assert [o["reference"] for o in beyond.past_12_months] == [data["m"][0].reference]
    last = AuditEvent.objects.filter(action="insight.timeliness.viewed").latest("id")
    assert last.extra["listed"] == [data["m"][0].reference]
    with pytest.raises(ValidationFailed):
        timeliness_read(user=user, year=YEAR, page=0)
