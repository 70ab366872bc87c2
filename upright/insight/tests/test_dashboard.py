"""The staff dashboard and the disproportionality drill-down, on the hand-built fixture of
test_returns (three conduct cases and one complaint in Q1 2025/26)."""

from typing import Any

import pytest
from django.urls import reverse

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, NotFound
from upright.insight.dashboard_services import dashboard_read, dispro_drilldown
from upright.insight.disproportion import disproportion_table
from upright.insight.models import SummaryTable
from upright.insight.selectors import dashboard_figures, summary_get, unit_choices
from upright.insight.summary import summary_refresh
from upright.insight.tests.test_returns import YEAR, fixture
from upright.people.models import Person
from upright.people.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db
DISPRO = {"year": YEAR, "unit": "", "workforce": "officers"}


SUMMARIES = ["home_office_return", "iopc_bulletin", "dispro", "timeliness"]


def _refresh_all(unit: str = "") -> None:
    for name in SUMMARIES:
        summary_refresh(name=name, params={"year": YEAR, "unit": unit})


def _figures(unit: str = "") -> dict[str, Any]:
    return {f.label: f for f in dashboard_figures(year=YEAR, unit=unit).figures}


def test_dispro_cells_carry_the_matters_behind_them() -> None:
    # Two people: 1 (White) on matters R1 and R2 (R2 with a case to answer), 2 (Black) on R3;
    # a suspension of person 2 on R9; the refs follow the person into each of their groups.
    people = [{"id": 1, "employment_kind": "officer", "sex": "male", "ethnicity": "white_british",
               "date_of_birth": __import__("datetime").date(1985, 6, 1)},
              {"id": 2, "employment_kind": "officer", "sex": "female",
               "ethnicity": "black_african",
               "date_of_birth": __import__("datetime").date(1995, 6, 1)}]
    base = {"severity_level": "", "severity_route": "", "decision": None,
            "proceedings_form": None, "finding": None, "disciplinary_action": None}
    rows = [{**base, "subject_id": 1, "reference": "R1"},
            {**base, "subject_id": 1, "reference": "R2", "decision": "misconduct"},
            {**base, "subject_id": 2, "reference": "R3"},
            {**base, "subject_id": 3, "reference": "R4"}]  # not in the workforce
    cells = {(c.stage, c.dimension, c.group): c for c in disproportion_table(
        allegations=rows, suspensions=[{"person_id": 2, "kind": "suspended", "matter_ref": "R9"}],
        workforce=people, on=__import__("datetime").date(2025, 4, 1), threshold=1)}
    assert cells[("allegation", "ethnic_group", "white")].refs == ["R1", "R2"]
    assert cells[("case_to_answer", "ethnic_group", "white")].refs == ["R2"]
    assert cells[("allegation", "ethnic_group", "black")].refs == ["R3"]
    assert cells[("allegation", "sex", "female")].refs == ["R3"]
    assert cells[("allegation", "age_band", "35-44")].refs == ["R1", "R2"]
    assert cells[("suspended", "ethnic_group", "black")].refs == ["R9"]
    assert cells[("case_to_answer", "ethnic_group", "black")].refs == []
    assert cells[("allegation", "ethnic_group", "white")].as_row()["refs"] == ["R1", "R2"]


def test_dashboard_figures_by_hand() -> None:
    fixture()
    empty = dashboard_figures(year=YEAR)
    assert empty.figures == []
    assert [m["name"] for m in empty.missing] == SUMMARIES
    assert empty.missing[2] == {"name": "dispro", **DISPRO}
    _refresh_all()
    board = dashboard_figures(year=YEAR)
    assert board.missing == []
    got = {f.label: (f.value, f.small) for f in board.figures}
    assert got == {
        "Complaints finalised outside Schedule 3": (0, False),
        "Complaints finalised under Schedule 3": (1, True),
        "Conduct matters finalised (officers)": (2, True),
        "Conduct matters finalised (staff)": (1, True),
        "Mean days to finalise a complaint under Schedule 3": (46.0, False),
        "Mean days to finalise a complaint under Schedule 3, excluding sub judice time":
            (46.0, False),
        "Mean days to finalise a conduct case (officers)": (1.0, False),
        "Mean days to finalise a conduct case (staff)": (1.0, False),
        # only B (Black) among the non-reference groups was the subject of an allegation
        "Subject of an allegation: black": (1, True),
        # all four matters were closed by 15 June 2025
        "Matters open (backlog)": (0, False),
        "Matters open more than 12 months": (0, False),
    }
    sections = [f.section for f in board.figures]
    assert sections.index("Timeliness") > sections.index("Cases finalised")
    black = _figures()["Subject of an allegation: black"]
    assert black.drill == {"summary": "dispro", "stage": "allegation",
                           "dimension": "ethnic_group", "group": "black"}
    assert (black.rate_per_1000, black.ratio) == (None, None)  # suppressed: no rate or ratio
    under = _figures()["Complaints finalised under Schedule 3"]
    assert under.drill == {"summary": "iopc_bulletin", "dimension": "cases_finalised",
                           "category": "under_sch3", "person_type": "all", "period": "year"}


def test_dashboard_filters_by_unit() -> None:
    built = fixture()
    a = built["people"][0]
    unit = OrgUnitFactory(code="FA", path="/F/A/", kind="bcu")
    OrgUnitFactory(code="FAT", path="/F/A/T/", kind="team")
    Person.objects.filter(pk=a.pk).update(org_unit=unit)
    _refresh_all(unit="/F/A/")
    got = {label: f.value for label, f in _figures(unit="/F/A/").items()}
    # only A (White officer, m1) is in /F/A/: one conduct case, no complaint, no
    # non-reference group at any stage
    assert got == {"Complaints finalised outside Schedule 3": 0,
                   "Complaints finalised under Schedule 3": 0,
                   "Conduct matters finalised (officers)": 1,
                   "Mean days to finalise a conduct case (officers)": 1.0,
                   "Matters open (backlog)": 0, "Matters open more than 12 months": 0}
    # the whole force's summaries are a different stored row, still missing
    assert len(dashboard_figures(year=YEAR).missing) == 4
    # the filter offers the BCU but not its teams
    assert unit_choices() == [("/F/A/", "/F/A/ Unit FA")]


def test_dashboard_page_refresh_and_audit(client: Any, make_user: Any) -> None:
    m1, m2, _, m4 = fixture()["m"]
    client.force_login(make_user(Role.OVERSIGHT))
    url = reverse("insight:dashboard")
    page = client.get(url, {"year": YEAR})
    assert page.status_code == 200
    assert page.content.count(b"Not computed yet") == 4
    assert b"Compute the missing summaries" in page.content
    event = AuditEvent.objects.get(action="insight.dashboard.viewed")
    assert event.extra["params"] == {"year": YEAR, "unit": ""}
    assert event.extra["missing"] == SUMMARIES
    done = client.post(reverse("insight:dashboard_refresh"), {
        "year": YEAR, "unit": "", "name": SUMMARIES})
    assert done.status_code == 302
    assert done["Location"] == f"{url}?year={YEAR}&unit="
    assert SummaryTable.objects.count() == 4
    page = client.get(url, {"year": YEAR}).content.decode()
    assert "Not computed yet" not in page
    assert "Small number</strong>: the public portal shows &lt;5" in page
    # nobody was suspended or dismissed: said, not left out
    assert "<strong>Suspensions and restrictions</strong>: none in this year and unit." in page
    assert "<strong>Dismissals</strong>: none in this year and unit." in page
    drill = (f'{reverse("insight:return_drill", args=["home_office_return"])}?year={YEAR}'
             "&amp;unit=&amp;dimension=case_type&amp;category=conduct_matter"
             "&amp;person_type=officers&amp;period=2025%2F26")
    assert f'<a href="{drill}">2</a>' in page
    dispro = (f'{reverse("insight:dispro_drill")}?year={YEAR}&amp;unit=&amp;workforce=officers'
              "&amp;stage=allegation&amp;dimension=ethnic_group&amp;group=black")
    assert f'<a href="{dispro}">1</a>' in page
    timeliness = f'{reverse("insight:timeliness")}?year={YEAR}&amp;unit='
    assert f'<a href="{timeliness}">0</a>' in page
    assert AuditEvent.objects.filter(action="insight.dashboard.viewed").count() == 2
    # the drill link from the dashboard lists the matter behind the figure
    listed = client.get(reverse("insight:return_drill", args=["home_office_return"]), {
        "year": YEAR, "unit": "", "dimension": "case_type", "category": "conduct_matter",
        "person_type": "officers", "period": "2025/26"})
    assert m1.reference.encode() in listed.content
    assert m2.reference.encode() in listed.content
    assert m4.reference.encode() not in listed.content


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": YEAR, "unit": "/NOWHERE/"}])
def test_dashboard_rejects_bad_filters(client: Any, make_user: Any,
                                       query: dict[str, Any]) -> None:
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY))
    page = client.get(reverse("insight:dashboard"), query)
    assert page.status_code == 200
    assert b'role="alert"' in page.content
    assert AuditEvent.objects.filter(action="insight.dashboard.viewed").count() == 0


def test_dashboard_refresh_rejects_bad_input(client: Any, make_user: Any) -> None:
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY))
    refresh = reverse("insight:dashboard_refresh")
    for data in ({"year": "abc", "name": "dispro"}, {"year": YEAR, "name": "nope"},
                 {"year": YEAR}, {"year": 1800, "name": "dispro"}):
        response = client.post(refresh, data, follow=True)
        assert response.status_code == 200
        assert b'class="error"' in response.content, data
    assert SummaryTable.objects.count() == 0


def test_dashboard_and_drill_need_insight_view(client: Any, make_user: Any) -> None:
    fixture()
    summary_refresh(name="dispro", params={"year": YEAR})
    assessor = make_user(Role.ASSESSOR)
    client.force_login(assessor)
    assert client.get(reverse("insight:dashboard"), {"year": YEAR}).status_code == 403
    assert client.post(reverse("insight:dashboard_refresh"),
                       {"year": YEAR, "name": "home_office_return"}).status_code == 403
    assert client.get(reverse("insight:dispro_drill"), {
        "year": YEAR, "stage": "allegation", "dimension": "ethnic_group",
        "group": "white"}).status_code == 403
    with pytest.raises(ActionForbidden):
        dashboard_read(user=assessor, year=YEAR)
    assert SummaryTable.objects.count() == 1
    assert not AuditEvent.objects.filter(action__in=["insight.dashboard.viewed",
                                                     "insight.figure.drilled_down"]).exists()


def test_dispro_drill_down(client: Any, make_user: Any) -> None:
    # White officers with an allegation in the year: A (m1) and the complaint's subject (m4,
    # a factory officer, White by default)
    m1, m2, m3, m4 = fixture()["m"]
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY))
    drill = reverse("insight:dispro_drill")
    query = {"year": YEAR, "stage": "allegation", "dimension": "ethnic_group", "group": "white"}
    assert client.get(drill, query).status_code == 404  # not computed yet
    summary_refresh(name="dispro", params={"year": YEAR})
    stored = summary_get(name="dispro", params=DISPRO)
    assert stored is not None
    page = client.get(reverse("insight:dispro"), {"year": YEAR}).content.decode()
    assert ('?year=2025&amp;unit=&amp;workforce=officers&amp;stage=allegation'
            '&amp;dimension=ethnic_group&amp;group=black">&lt;5</a>') in page
    white = client.get(drill, query)
    assert white.status_code == 200
    assert m1.reference.encode() in white.content
    assert m4.reference.encode() in white.content
    assert m2.reference.encode() not in white.content
    assert m3.reference.encode() not in white.content  # staff, not in the officers' table
    female = client.get(drill, {**query, "dimension": "sex", "group": "female"})
    assert m2.reference.encode() in female.content
    assert m1.reference.encode() not in female.content
    event = AuditEvent.objects.filter(action="insight.figure.drilled_down").first()
    assert event is not None
    assert (event.extra["stage"], event.extra["group"], event.extra["count"]) == (
        "allegation", "white", 2)
    assert client.get(drill, {**query, "group": "martian"}).status_code == 404
    assert client.get(drill, {**query, "workforce": "aliens"}).status_code == 404
    assert client.get(drill, {"year": YEAR}).status_code == 404
    assert AuditEvent.objects.filter(action="insight.figure.drilled_down").count() == 2


def test_dispro_drill_hides_a_subjects_own_matter(make_user: Any) -> None:
    built = fixture()
    m1, m4 = built["m"][0], built["m"][3]
    summary_refresh(name="dispro", params={"year": YEAR})
    subject = make_user(Role.APPROPRIATE_AUTHORITY, person=built["people"][0])
    got = dispro_drilldown(user=subject, params=DISPRO, stage="allegation",
                           dimension="ethnic_group", group="white")
    assert (got.total, got.hidden) == (2, 1)
    assert [m.reference for m in got.matters] == [m4.reference]
    other = dispro_drilldown(user=make_user(Role.APPROPRIATE_AUTHORITY), params=DISPRO,
                             stage="allegation", dimension="ethnic_group", group="white")
    assert [m.reference for m in other.matters] == sorted([m1.reference, m4.reference])
    with pytest.raises(NotFound):
        dispro_drilldown(user=subject, params=DISPRO, stage="nope", dimension="ethnic_group",
                         group="white")


def test_cached_figures_follow_a_refresh() -> None:
    fixture()
    first = summary_refresh(name="home_office_return", params={"year": YEAR})
    label = "Conduct matters finalised (officers)"
    assert _figures()[label].value == 2
    # while computed_at is unchanged the figures come from this process's cache (the stored
    # rows are changed behind its back here); a refresh stores a new computed_at and the
    # figures are read again from the new rows
    SummaryTable.objects.filter(pk=first.pk).update(rows=[])
    assert _figures()[label].value == 2
    again = summary_refresh(name="home_office_return", params={"year": YEAR})
    assert again.computed_at > first.computed_at
    SummaryTable.objects.filter(pk=first.pk).update(rows=[])
    assert label not in _figures()
    summary_refresh(name="home_office_return", params={"year": YEAR})
    assert _figures()[label].value == 2
