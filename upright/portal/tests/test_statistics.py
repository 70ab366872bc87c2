"""Public statistics: suppression, the SVG charts against their data, pages and downloads."""

import csv
import datetime as dt
import io
import re

import pytest
from freezegun import freeze_time

from upright.conduct.tests.factories import matter_new, person_new
from upright.core.clock import timezone_now
from upright.insight.models import StatisticsSetting
from upright.portal import figures
from upright.portal.charts import Point, bar_chart, line_chart
from upright.portal.figures import cell_for, financial_years, public_topics

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


def _fake_counts(monkeypatch, *, recorded: int, dismissals: int, suspended: int):
    monkeypatch.setattr(figures, "public_conduct_counts", lambda **_: {
        "recorded": recorded, "finalised": 10, "finalised_days": 1000,
        "finalised_over_12_months": 2, "dismissals": dismissals})
    monkeypatch.setattr(figures, "public_suspension_counts",
                        lambda **_: {"suspended": suspended, "restricted": 7})


@pytest.mark.django_db
def test_topics_suppress_small_counts_with_a_configurable_threshold(monkeypatch):
    _fake_counts(monkeypatch, recorded=120, dismissals=3, suspended=6)
    topics = {t.slug: t for t in public_topics(today=dt.date(2025, 6, 1))}
    assert list(topics) == SLUGS
    dismissed = topics["dismissals"].series[0].cells
    assert [c.display for c in dismissed] == ["fewer than 5"] * 5
    assert [c.label for c in dismissed] == ["2020/21", "2021/22", "2022/23", "2023/24",
                                            "2024/25"]
    timeliness = {s.key: s for s in topics["timeliness"].series}
    assert timeliness["mean_days"].cells[0].value == 100
    assert timeliness["over_12_months"].cells[0].display == "fewer than 5"
    StatisticsSetting.objects.update_or_create(code="default",
                                               defaults={"suppression_threshold": 7})
    topics = {t.slug: t for t in public_topics(today=dt.date(2025, 6, 1))}
    assert topics["suspensions"].series[0].cells[0].display == "fewer than 7"
    assert topics["suspensions"].series[1].cells[0].display == "7"


@pytest.mark.django_db
def test_figures_are_counted_from_the_records():
    # Given six matters recorded in 2023/24 (one person each), and one in 2024/25.
    when = dt.datetime(2023, 6, 1, 12, tzinfo=dt.UTC)
    white = [person_new(ethnicity="white_british") for _ in range(6)]
    for person in white:
        matter_new(subjects=[person], came_to_attention_at=when)
    matter_new(came_to_attention_at=dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC))
    # When the figures are read in June 2025.
    with freeze_time("2025-06-01"):
        topics = {t.slug: t for t in public_topics()}
    # Then 2023/24 shows 6 and 2024/25 is suppressed.
    recorded = [c.display for c in topics["reports"].series[0].cells]
    assert recorded == ["0", "0", "0", "6", "fewer than 5"]
    assert [c.display for c in topics["disproportionality"].series[0].cells][3] == (
        "fewer than 5")  # White is the 4th group; 2024/25 has one person


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_statistics_pages_render_for_anonymous_users_with_chart_and_table(client, slug,
                                                                          monkeypatch):
    _fake_counts(monkeypatch, recorded=120, dismissals=3, suspended=6)
    response = client.get(f"/statistics/{slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('role="img"') == body.count("<caption>") >= 1
    assert "<th scope=\"row\">" in body
    assert "Counted from the force's records at " in body


@pytest.mark.django_db
def test_statistics_index_and_unknown_topic(client):
    assert client.get("/statistics/").status_code == 200
    assert client.get("/statistics/nonsense/").status_code == 404


@pytest.mark.django_db
def test_figures_csv_never_contains_a_suppressed_count(client, monkeypatch):
    _fake_counts(monkeypatch, recorded=120, dismissals=3, suspended=6)
    response = client.get("/open-data/statistics.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    dismissals = [r for r in rows if r["topic"] == "dismissals"]
    assert len(dismissals) == 5
    assert {(r["value"], r["suppressed"], r["published"]) for r in dismissals} == {
        ("", "yes", "fewer than 5")}
    recorded = [r for r in rows if r["measure"] == "Matters recorded"]
    assert {r["value"] for r in recorded} == {"120"}
    assert len({r["computed_at"] for r in rows}) == 1
    assert rows[0]["computed_at"] != ""
    assert client.get("/open-data/").status_code == 200


@pytest.mark.django_db
def test_disproportionality_rates_and_ratios_by_hand(monkeypatch):
    # Workforce: 1,000 White, 200 Black, 100 Asian; with an allegation: 20, 8 and 2.
    people = ([("white_british", i) for i in range(1000)] + [("black_african", 2000 + i)
              for i in range(200)] + [("asian_indian", 3000 + i) for i in range(100)])
    subjects = set(range(20)) | set(range(2000, 2008)) | {3000, 3001}
    monkeypatch.setattr(figures, "insight_workforce_facts", lambda **_: [
        {"id": i, "ethnicity": e} for e, i in people])
    monkeypatch.setattr(figures, "public_allegation_subject_ids", lambda **_: subjects)
    monkeypatch.setattr(figures, "insight_person_facts", lambda *, person_ids: {
        i: {"ethnicity": e} for e, i in people if i in person_ids})
    topic = figures._disproportionality(year=2024, threshold=5)
    rates = {c.label: c.display for c in topic.series[0].cells}
    ratios = {c.label: c.display for c in topic.series[1].cells}
    assert rates["White"] == "20.0"
    assert rates["Black"] == "40.0"
    assert rates["Asian"] == "fewer than 5"
    assert ratios["White"] == "1.00"
    assert ratios["Black"] == "2.00"
    assert ratios["Asian"] == "fewer than 5"


@pytest.mark.django_db
def test_the_public_count_selectors_count_the_records():
    from upright.conduct.selectors import public_conduct_counts
    from upright.conduct.tests.factories import matter_in
    from upright.suspensions.selectors import public_suspension_counts
    from upright.suspensions.tests.factories import restricted, suspended

    # Given two matters closed today (each came to attention yesterday), one suspension and
    # two restrictions decided today (each on its own open matter).
    matter_in("closed_nfa")
    matter_in("closed_nfa")
    suspended()
    restricted()
    restricted()
    today = timezone_now().date()
    window = {"start": today - dt.timedelta(days=30), "end": today + dt.timedelta(days=1)}
    counts = public_conduct_counts(**window)
    assert counts["recorded"] == 5
    assert counts["finalised"] == 2
    assert counts["finalised_days"] == 2  # one day (and some seconds) each
    assert counts["finalised_over_12_months"] == 0
    assert counts["dismissals"] == 0
    assert public_suspension_counts(**window) == {"suspended": 1, "restricted": 2}
    assert public_suspension_counts(start=today + dt.timedelta(days=1),
                                    end=today + dt.timedelta(days=2)) == {
        "suspended": 0, "restricted": 0}
