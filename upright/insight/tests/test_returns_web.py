"""Summary tables, the statistics pages and API, exports, drill-down and public figures."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ValidationFailed
from upright.insight.models import SummaryTable
from upright.insight.selectors import public_figures, summary_get
from upright.insight.summary import SUMMARIES, summary_refresh, summary_refresh_all
from upright.insight.tests.test_returns import YEAR, fixture

pytestmark = pytest.mark.django_db
PARAMS = {"year": YEAR, "unit": ""}


def test_summary_records_when_and_from_what() -> None:
    fixture()
    first = summary_refresh(name="home_office_return", params={"year": YEAR})
    assert first.params == PARAMS
    assert first.source["matters"] == 4
    assert first.source["allegations"] == 4
    assert first.computed_at is not None
    again = summary_refresh(name="home_office_return", params={"year": YEAR})
    assert SummaryTable.objects.count() == 1
    assert again.pk == first.pk
    assert again.computed_at >= first.computed_at
    assert AuditEvent.objects.filter(action="insight.summary.refreshed").count() == 2


@pytest.mark.parametrize("params", [{"year": "2025"}, {"year": 1800}, {"year": YEAR, "x": 1},
                                    {"year": YEAR, "workforce": "officers"}])
def test_summary_refresh_rejects_bad_params(params: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed):
        summary_refresh(name="home_office_return", params=params)
    with pytest.raises(ValidationFailed):
        summary_refresh(name="nope", params={"year": YEAR})
    assert SummaryTable.objects.count() == 0
    assert AuditEvent.objects.filter(action="insight.summary.refreshed").count() == 0


def test_pages_export_and_drill_down(client: Any, make_user: Any) -> None:
    m1, m2, m3, _ = fixture()["m"]
    user = make_user(Role.APPROPRIATE_AUTHORITY)
    client.force_login(user)
    url = reverse("insight:return", args=["home_office_return"])
    response = client.get(url, {"year": YEAR})
    assert response.status_code == 200
    assert b"Not computed yet" in response.content
    response = client.post(reverse("insight:refresh"),
                           {"name": "home_office_return", "year": YEAR, "unit": ""})
    assert response.status_code == 302
    page = client.get(url, {"year": YEAR})
    assert b"Download CSV" in page.content
    assert b"conduct_matter" in page.content
    csv = client.get(reverse("insight:return_export", args=["home_office_return", "csv"]),
                     {"year": YEAR}).content.decode()
    assert csv.splitlines()[0] == "period,dimension,category,person_type,unit,value,records"
    assert "2025/26,case_type,conduct_matter,officers,individuals,2,2" in csv.splitlines()
    ods = client.get(reverse("insight:return_export", args=["home_office_return", "ods"]),
                     {"year": YEAR})
    assert ods.content[:2] == b"PK"
    assert client.get(reverse("insight:return_export", args=["home_office_return", "xls"]),
                      {"year": YEAR}).status_code == 404
    drill = client.get(reverse("insight:return_drill", args=["home_office_return"]), {
        "year": YEAR, "dimension": "case_type", "category": "conduct_matter",
        "person_type": "officers"})
    assert drill.status_code == 200
    assert m1.reference.encode() in drill.content
    assert m2.reference.encode() in drill.content
    assert m3.reference.encode() not in drill.content
    assert AuditEvent.objects.filter(action="insight.figure.drilled_down").count() == 1
    assert AuditEvent.objects.filter(action="insight.return.exported").count() == 2
    dispro = client.post(reverse("insight:refresh"), {"name": "dispro", "year": YEAR})
    assert dispro.status_code == 302
    page = client.get(reverse("insight:dispro"), {"year": YEAR})
    assert b"Case-to-answer rate by allegation category" in page.content
    assert b"Trend: subject of an allegation" in page.content
    stored = summary_get(name="dispro", params={**PARAMS, "workforce": "officers"})
    assert stored is not None
    cells = {(c["stage"], c["dimension"], c["group"]): c for c in stored.rows["cells"]}
    assert cells[("allegation", "ethnic_group", "black")]["shown"] == "<5"
    assert cells[("case_to_answer", "ethnic_group", "white")]["count"] == 1
    assert cells[("case_to_answer", "ethnic_group", "black")]["count"] == 0
    assert [c["category"] for c in stored.rows["categories"]] == ["G"]
    assert client.get(reverse("insight:index")).status_code == 200


def test_pages_need_insight_view(client: Any, make_user: Any) -> None:
    client.force_login(make_user(Role.ASSESSOR))
    assert client.get(reverse("insight:index")).status_code == 403
    assert client.get(reverse("insight:dispro"), {"year": YEAR}).status_code == 403
    response = client.post(reverse("insight:refresh"), {"name": "dispro", "year": YEAR})
    assert response.status_code == 403
    assert SummaryTable.objects.count() == 0


def test_api(api_as: Any) -> None:
    m1, m2, _, _ = fixture()["m"]
    client = api_as(Role.OVERSIGHT)
    url = "/api/v1/insight/summaries/home_office_return/"
    assert client.get(url, {"year": YEAR}).status_code == 404
    assert client.get(url, {"year": "abc"}).status_code == 400
    bad = client.post(url + "refresh/", {"year": YEAR, "workforce": "officers"}, format="json")
    assert bad.status_code == 400
    assert SummaryTable.objects.count() == 0
    done = client.post(url + "refresh/", {"year": YEAR}, format="json")
    assert done.status_code == 200
    assert done.json()["params"] == PARAMS
    response = client.get(url, {"year": YEAR})
    got = response.json()
    assert got["source"]["matters"] == 4
    # The bulk read gives figures only: which matters make a cell is the drill-down's answer,
    # filtered by MatterPolicy.
    case_types = {(r["category"], r["person_type"]): r for r in got["rows"]
                  if r["dimension"] == "case_type"}
    assert case_types[("conduct_matter", "officers")]["refs_count"] == 2
    assert all("refs" not in row for row in got["rows"])
    assert m1.reference.encode() not in response.content
    drill = client.get("/api/v1/insight/returns/home_office_return/drill/", {
        "year": YEAR, "dimension": "case_type", "category": "conduct_matter",
        "person_type": "officers"}).json()
    assert drill["total"] == 2
    assert drill["hidden"] == 0
    assert sorted(m["reference"] for m in drill["matters"]) == sorted([m1.reference,
                                                                      m2.reference])
    missing = client.get("/api/v1/insight/returns/home_office_return/drill/", {
        "year": YEAR, "dimension": "case_type", "category": "nope", "person_type": "officers"})
    assert missing.status_code == 404
    assert api_as(Role.ASSESSOR).get(url, {"year": YEAR}).status_code == 403


def test_public_figures_and_command() -> None:
    fixture()
    empty = public_figures(year=YEAR)
    assert empty.computed_at is None
    assert empty.complaints_finalised == "0"
    out = StringIO()
    call_command("insight_refresh", "--year", str(YEAR), stdout=out)
    assert "home_office_return" in out.getvalue()
    assert summary_get(name="dispro", params={**PARAMS, "workforce": "officers"}) is not None
    figures = public_figures(year=YEAR)
    assert figures.computed_at is not None
    assert (figures.complaints_finalised, figures.conduct_cases_finalised) == ("<5", "<5")
    assert figures.dismissals == "0"
    assert figures.mean_days_under_sch3 == 46.0
    assert len(summary_refresh_all(years=[YEAR])) == len(SUMMARIES)


def test_drill_down_hides_a_subjects_own_matter(api_as: Any) -> None:
    built = fixture()
    m1, m2 = built["m"][:2]
    subject_a = built["people"][0]
    summary_refresh(name="home_office_return", params={"year": YEAR})
    client = api_as(Role.APPROPRIATE_AUTHORITY, person=subject_a)
    drill = client.get("/api/v1/insight/returns/home_office_return/drill/", {
        "year": YEAR, "dimension": "case_type", "category": "conduct_matter",
        "person_type": "officers"}).json()
    assert (drill["total"], drill["hidden"]) == (2, 1)
    assert [m["reference"] for m in drill["matters"]] == [m2.reference]
    assert m1.reference not in str(drill)


def test_schema_documents_the_endpoints(api_as: Any) -> None:
    paths = api_as(Role.ANALYST).get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert "/api/v1/insight/summaries/{name}/" in paths
    assert "post" in paths["/api/v1/insight/summaries/{name}/refresh/"]
    assert "/api/v1/insight/returns/{name}/drill/" in paths


def test_drill_down_is_paged(client: Any, make_user: Any, monkeypatch: Any) -> None:
    from upright.insight import returns_services

    m1, m2, _, _ = fixture()["m"]
    summary_refresh(name="home_office_return", params={"year": YEAR})
    monkeypatch.setattr(returns_services, "DRILL_PAGE_SIZE", 1)
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY))
    url = reverse("insight:return_drill", args=["home_office_return"])
    query = {"year": YEAR, "dimension": "case_type", "category": "conduct_matter",
             "person_type": "officers"}
    first, second = sorted([m1.reference, m2.reference])
    page1 = client.get(url, query).content.decode()
    assert first in page1
    assert second not in page1
    assert "(page 1 of 2)" in page1
    assert "page=2" in page1
    page2 = client.get(url, {**query, "page": 2}).content.decode()
    assert second in page2
    assert first not in page2
    assert client.get(url, {**query, "page": 0}).status_code == 404
    listed = [e.extra["listed"] for e in AuditEvent.objects.filter(
        action="insight.figure.drilled_down").order_by("id")]
    assert listed == [[first], [second]]
