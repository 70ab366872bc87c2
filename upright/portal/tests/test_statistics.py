"""Public statistics: read from the stored insight summaries, suppression, the SVG charts
against their data, pages and downloads."""

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.urls import get_resolver
from freezegun import freeze_time

from upright.conduct.tests.factories import matter_in, person_new
from upright.core.charts import Point, bar_chart, line_chart
from upright.insight.disproportion import disproportion_table
from upright.insight.models import StatisticsSetting, SummaryTable
from upright.insight.selectors import params_key
from upright.insight.summary import summary_refresh
from upright.portal.figures import cell_for, confidence_level, financial_years, public_topics

SLUGS = ["reports", "suspensions", "dismissals", "timeliness", "disproportionality"]


def test_cell_for_suppresses_counts_below_the_threshold():
    assert cell_for(label="2023/24", count=4, threshold=5).value is None
    assert cell_for(label="2023/24", count=4, threshold=5).display == "fewer than 5"
    assert cell_for(label="2023/24", count=5, threshold=5).value == 5
    assert cell_for(label="2023/24", count=0, threshold=5).display == "0"
    # A mean over a small count is suppressed with it.
    assert cell_for(label="x", count=3, threshold=5, shown=412.0).value is None
    assert cell_for(label="x", count=1234, threshold=5).display == "1,234"


def test_financial_years_are_the_last_complete_ones():
    assert financial_years(today=dt.date(2025, 3, 31), count=2) == [2022, 2023]
    assert financial_years(today=dt.date(2025, 4, 1), count=2) == [2023, 2024]


def _bars(svg: str) -> list[tuple[float, float]]:
    return [(float(h), float(v)) for h, v in
            re.findall(r'<rect class="bar"[^>]* height="([\d.]+)"[^>]* data-value="([\d.]+)"', svg)]


def test_bar_chart_heights_are_proportional_to_the_data_and_suppressed_values_not_drawn():
    svg = str(bar_chart(title="Matters recorded", desc="By year", x_label="Financial year",
                        y_label="Matters", chart_id="c1", threshold=5,
                        points=[Point("2021/22", 40), Point("2022/23", None),
                                Point("2023/24", 80)]))
    assert 'role="img"' in svg
    assert '<title id="c1-title">Matters recorded</title>' in svg
    assert '<desc id="c1-desc">By year</desc>' in svg
    assert "Financial year" in svg
    assert "Matters" in svg
    bars = _bars(svg)
    assert [v for _, v in bars] == [40.0, 80.0]  # the suppressed year has no bar
    assert bars[1][0] == pytest.approx(2 * bars[0][0], rel=0.01)
    assert bars[1][0] == pytest.approx(216 * 80 / 80, rel=0.01)  # 80 is the axis top
    assert svg.count('class="suppressed">&lt;5<') == 1


def test_line_chart_breaks_at_a_suppressed_point_and_escapes_text():
    svg = str(line_chart(title="Days <to> finalise", desc="d", x_label="x", y_label="y",
                         chart_id="c2", threshold=5,
                         points=[Point("a", 10), Point("b", 20), Point("c", None),
                                 Point("d", 30), Point("e", 40)]))
    assert "Days &lt;to&gt; finalise" in svg
    assert "<to>" not in svg
    assert svg.count("<polyline") == 2
    assert re.findall(r'class="point"[^>]*data-value="(\d+)"', svg) == ["10", "20", "30", "40"]


STAMP = dt.datetime(2025, 5, 2, 9, 30, tzinfo=dt.UTC)


def _cell(dimension: str, category: str, value: float, person_type: str = "officers",
          period: str = "2024/25") -> dict[str, Any]:
    return {"dimension": dimension, "category": category, "person_type": person_type,
            "value": value, "unit": "", "period": period, "refs": ["M-SECRET-REF"]}


def _store(name: str, year: int, rows: Any, at: dt.datetime = STAMP, **params: Any) -> None:
    full = {"year": year, "unit": "", **params}
    SummaryTable.objects.create(name=name, params=full, params_key=params_key(full),
                                computed_at=at, rows=rows)


def _home_rows() -> list[dict[str, Any]]:
    """7 people in conduct cases (3 officers, 4 staff), 6 suspensions, 3 restrictions, 6
    dismissed (2 without notice, 4 who would have been), 2 cases over 12 months."""
    return [_cell("case_type", "conduct_matter", 3), _cell("case_type", "conduct_matter", 4,
                                                         person_type="staff"),
            _cell("case_type", "complaint_special_procedures", 50),
            _cell("suspension", "suspended", 6), _cell("suspension", "restricted", 3),
            _cell("disciplinary_action", "dismissal_without_notice", 2),
            _cell("disciplinary_action", "would_have_been_dismissed", 4),
            _cell("disciplinary_action", "final_written_warning", 9),
            _cell("timeliness", "12 to 24 months", 2), _cell("timeliness", "under 6 months", 30)]


def _iopc_rows() -> list[dict[str, Any]]:
    """The year: 3 complaints outside Schedule 3 (mean 22 days, so suppressed with its count)
    and 40 under it (146 days, 138 without sub judice); Q1 figures that must not be read."""
    return [_cell("cases_finalised", "outside_sch3", 3, "all", "year"),
            _cell("cases_finalised", "under_sch3", 40, "all", "year"),
            _cell("cases_finalised", "under_sch3", 99, "all", "Q1"),
            _cell("mean_days_to_finalise", "outside_sch3", 22.0, "all", "year"),
            _cell("mean_days_to_finalise", "under_sch3", 146.0, "all", "year"),
            _cell("mean_days_to_finalise", "under_sch3", 999.0, "all", "Q1"),
            _cell("mean_days_to_finalise_excl_sub_judice", "under_sch3", 138.0, "all", "year")]


def _dispro_rows() -> dict[str, Any]:
    """100 White officers (10 with an allegation), 50 Black (10), 40 Asian (3)."""
    def officer(pid: int, ethnicity: str) -> dict[str, Any]:
        return {"id": pid, "employment_kind": "officer", "sex": "male", "ethnicity": ethnicity,
                "date_of_birth": dt.date(1985, 6, 1), "org_unit__path": "/F/"}

    def allegation(pid: int) -> dict[str, Any]:
        return {"subject_id": pid, "severity_level": "", "severity_route": "", "decision": None,
                "proceedings_form": None, "finding": None, "disciplinary_action": None,
                "category_group": "G", "reference": "M-SECRET-REF"}

    people = ([officer(i, "white_british") for i in range(1, 101)]
              + [officer(i, "black_african") for i in range(101, 151)]
              + [officer(i, "asian_indian") for i in range(151, 191)])
    rows = [allegation(i) for i in [*range(1, 11), *range(101, 111), 151, 152, 153]]
    cells = disproportion_table(allegations=rows, suspensions=[], workforce=people,
                                on=dt.date(2024, 4, 1), threshold=5)
    return {"cells": [c.as_row() for c in cells], "threshold": 5, "z": 1.96}


def _store_2024() -> None:
    _store("home_office_return", 2024, _home_rows())
    _store("iopc_bulletin", 2024, _iopc_rows(), at=STAMP + dt.timedelta(hours=1))
    _store("dispro", 2024, _dispro_rows(), workforce="officers")
    # the same year for one unit and for staff: never published
    _store("home_office_return", 2024, [_cell("suspension", "suspended", 500)], unit="/F/A/")
    _store("dispro", 2024, {"cells": [], "z": 1.96}, workforce="staff")


@pytest.fixture(autouse=True)
def _urls_loaded() -> None:
    # Load the URLconf (and the libraries its views import) before any freeze_time: numpy
    # imported under freezegun's patched clock crashes the interpreter.
    get_resolver().url_patterns  # noqa: B018


def _topics() -> dict[str, Any]:
    return {t.slug: t for t in public_topics(today=dt.date(2025, 6, 1))}


def _displays(topic: Any, key: str) -> list[str]:
    return [c.display for c in next(s for s in topic.series if s.key == key).cells]


@pytest.mark.django_db
def test_topics_read_the_stored_summaries_with_suppression():
    # Given whole-force summaries for 2024/25 only (and a 2023/24 Home Office return).
    _store_2024()
    _store("home_office_return", 2023, [_cell("suspension", "suspended", 12, period="2023/24")],
           at=STAMP - dt.timedelta(days=300))
    topics = _topics()
    assert list(topics) == SLUGS
    not_yet = ["not yet computed"] * 3
    # Then each figure is the stored one, summed over officers and staff.
    assert _displays(topics["reports"], "complaints") == [*not_yet, "not yet computed", "43"]
    assert _displays(topics["reports"], "conduct") == [*not_yet, "0", "7"]
    assert _displays(topics["suspensions"], "suspended") == [*not_yet, "12", "6"]
    assert _displays(topics["suspensions"], "restricted") == [*not_yet, "0", "fewer than 5"]
    assert _displays(topics["dismissals"], "dismissals") == [*not_yet, "0", "6"]
    timeliness = topics["timeliness"]
    assert _displays(timeliness, "under_sch3")[-1] == "146.0"
    assert _displays(timeliness, "under_sch3_net")[-1] == "138.0"
    assert _displays(timeliness, "outside_sch3")[-1] == "fewer than 5"  # 3 cases
    assert _displays(timeliness, "over_12_months")[-1] == "fewer than 5"
    # computed_at is the oldest summary a topic reads; the years missing are listed.
    assert topics["reports"].computed_at == STAMP - dt.timedelta(days=300)
    assert topics["reports"].missing == ["2020/21", "2021/22", "2022/23", "2023/24"]
    assert topics["suspensions"].missing == ["2020/21", "2021/22", "2022/23"]
    assert topics["disproportionality"].computed_at == STAMP
    # A higher threshold suppresses more; the pages read it now, not when computed.
    StatisticsSetting.objects.update_or_create(code="default",
                                               defaults={"suppression_threshold": 7})
    topics = _topics()
    assert _displays(topics["suspensions"], "suspended")[-1] == "fewer than 7"
    assert _displays(topics["dismissals"], "dismissals")[-1] == "fewer than 7"
    assert _displays(topics["reports"], "conduct")[-1] == "7"


@pytest.mark.django_db
def test_disproportionality_rates_and_ratios_with_confidence_intervals():
    _store_2024()
    topic = _topics()["disproportionality"]
    rates = dict(zip(["Asian", "Black", "Mixed or Multiple ethnic groups", "White", "Other"],
                     _displays(topic, "rate"), strict=True))
    assert rates == {"Asian": "fewer than 5", "Black": "200.0",
                     "Mixed or Multiple ethnic groups": "not available", "White": "100.0",
                     "Other": "not available"}
    ratios = _displays(topic, "ratio")
    # RR = (10/50)/(10/100) = 2; SE = sqrt(1/10 - 1/50 + 1/10 - 1/100) = 0.4123;
    # CI = exp(ln 2 -/+ 1.96 * 0.4123) = 0.89 to 4.49
    assert ratios[1] == "2.00 (95% confidence interval 0.89 to 4.49)"
    assert ratios[0] == "fewer than 5"
    assert ratios[3] == "1.00 (the reference group)"
    assert _displays(topic, "black_ratio") == ["not yet computed"] * 4 + [
        "2.00 (95% confidence interval 0.89 to 4.49)"]
    ratio_series = next(s for s in topic.series if s.key == "ratio")
    assert [c.value for c in ratio_series.cells if c.charted] == [None, 2.0, 1.0]
    assert confidence_level(2.576) == 99


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_statistics_pages_render_for_anonymous_users_with_chart_and_table(client, slug):
    _store_2024()
    with freeze_time("2025-06-01"):
        response = client.get(f"/statistics/{slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('role="img"') == body.count("<caption>") >= 1
    assert "<th scope=\"row\">" in body
    assert "Counted from the force's records at 10:30, 2 May 2025" in body
    assert "Not yet computed for 2020/21, 2021/22, 2022/23, 2023/24" in body
    assert "M-SECRET-REF" not in body


@pytest.mark.django_db
def test_pages_say_when_nothing_is_computed(client):
    with freeze_time("2025-06-01"):
        body = client.get("/statistics/dismissals/").content.decode()
        index = client.get("/statistics/").content.decode()
        rows = list(csv.DictReader(io.StringIO(
            client.get("/open-data/statistics.csv").content.decode())))
    assert "These figures have not yet been computed" in body
    assert body.count("<td>not yet computed</td>") == 5
    assert '<rect class="bar"' not in body  # nothing drawn, not even as zero
    assert index.count("(not yet computed)") == len(SLUGS)
    assert {(r["value"], r["suppressed"], r["published"], r["computed_at"]) for r in rows} == {
        ("", "no", "not yet computed", "")}


@pytest.mark.django_db
def test_statistics_index_and_unknown_topic(client):
    assert client.get("/statistics/").status_code == 200
    assert client.get("/statistics/nonsense/").status_code == 404


@pytest.mark.django_db
def test_figures_csv_never_contains_a_suppressed_count_or_a_reference(client):
    _store_2024()
    with freeze_time("2025-06-01"):
        response = client.get("/open-data/statistics.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "M-SECRET-REF" not in response.content.decode()
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    restricted = [r for r in rows if r["measure"] == "Restricted duties"]
    assert [(r["value"], r["suppressed"], r["published"]) for r in restricted] == [
        ("", "no", "not yet computed")] * 4 + [("", "yes", "fewer than 5")]
    dismissed = [r for r in rows if r["topic"] == "dismissals"]
    assert dismissed[-1]["value"] == "6"
    assert dismissed[-1]["computed_at"] == STAMP.isoformat()
    assert client.get("/open-data/").status_code == 200


@pytest.mark.django_db
def test_figures_come_from_summaries_computed_from_the_records():
    # Given six White officers each the subject of a matter closed in 2024/25.
    with freeze_time("2024-06-01 12:00:00"):
        for _ in range(6):
            matter_in("closed_nfa", subjects=[person_new(ethnicity="white_british")])
    topics = _topics()
    assert _displays(topics["reports"], "conduct")[-1] == "not yet computed"
    # When the summaries are computed, the pages show them (the cache key follows them).
    for name in ("home_office_return", "iopc_bulletin", "dispro"):
        summary_refresh(name=name, params={"year": 2024})
    topics = _topics()
    assert _displays(topics["reports"], "conduct") == ["not yet computed"] * 4 + ["6"]
    assert _displays(topics["reports"], "complaints")[-1] == "0"
    assert _displays(topics["disproportionality"], "rate")[3] == "1,000.0"  # 6 of 6 White
    assert topics["reports"].computed_at is not None
