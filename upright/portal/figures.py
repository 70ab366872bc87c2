"""The published figures: one series per chart, per financial year, with small numbers suppressed.

Every figure is read from the stored insight summaries for the whole force (the Home Office
return, the IOPC bulletin and disproportionality for officers), the same rows the staff
returns and dashboard show, so the public and the force read one set of numbers. Nothing
here counts the records itself. A year whose summary has not been computed is shown as "not
yet computed", never as zero, and is left out of the chart.

Counts below the threshold (the administrator's StatisticsSetting in insight, default 5: the
same threshold the staff dashboards and returns use) are published as "fewer than N" and
never charted or downloaded as exact figures, so nobody can be identified from a small cell.
Figures derived from a suppressed count (a mean or a rate over it) are suppressed too.
"""

import datetime as dt
import hashlib
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache

from upright.core.clock import local_today
from upright.insight.returns import financial_year_of
from upright.insight.selectors import statistics_setting, summaries_list, summary_get
from upright.people.choices import EthnicGroup

YEARS_SHOWN = 5
# Parsing five years of stored summaries is the costly part of a page; the pages and the CSV
# share one reading until any of those summaries is recomputed (the key holds their times).
CACHE_SECONDS = 60 * 60
NOT_COMPUTED = "not yet computed"
NOT_AVAILABLE = "not available"
WHOLE_FORCE = {"unit": ""}
DISPRO_PARAMS = {"unit": "", "workforce": "officers"}
DISMISSALS = {"dismissal_without_notice", "would_have_been_dismissed"}


def suppression_threshold() -> int:
    return int(statistics_setting().suppression_threshold)


@dataclass(frozen=True)
class Cell:
    """One published figure. value: None when suppressed or not available; charted: whether
    the chart shows it (a suppressed count is marked "fewer than N" on the axis; a figure not
    computed or not available is only in the table)."""

    label: str
    value: float | None
    display: str
    charted: bool = True


def cell_for(*, label: str, count: int, threshold: int, shown: float | None = None,
             places: int = 0) -> Cell:
    """`count` decides suppression; `shown` (default: the count) is what is published."""
    if 0 < count < threshold:
        return Cell(label=label, value=None, display=f"fewer than {threshold}")
    value = count if shown is None else round(shown, places)
    return Cell(label=label, value=value, display=f"{value:,.{places}f}")


def cell_missing(*, label: str, display: str = NOT_COMPUTED) -> Cell:
    return Cell(label=label, value=None, display=display, charted=False)


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    desc: str
    x_label: str
    y_label: str
    chart: str  # "bar" or "line"
    cells: list[Cell]


@dataclass(frozen=True)
class Topic:
    """computed_at: when the oldest of the summaries these figures come from was computed
    (None: none computed yet). missing: the years whose summaries are not yet computed."""

    slug: str
    title: str
    intro: str
    series: list[Series] = field(default_factory=list)
    computed_at: dt.datetime | None = None
    missing: list[str] = field(default_factory=list)


def financial_years(*, today: dt.date | None = None, count: int = YEARS_SHOWN) -> list[int]:
    """Start years of the last `count` complete financial years (1 April - 31 March)."""
    current = financial_year_of(day=today or local_today())
    return list(range(current - count, current))


def year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[2:]}"


@dataclass(frozen=True)
class YearSummaries:
    """The stored whole-force summaries of one financial year (None: not computed)."""

    year: int
    home: Any
    iopc: Any
    dispro: Any


def _year_summaries(year: int) -> YearSummaries:
    return YearSummaries(
        year=year, home=summary_get(name="home_office_return", params={"year": year, **WHOLE_FORCE}),
        iopc=summary_get(name="iopc_bulletin", params={"year": year, **WHOLE_FORCE}),
        dispro=summary_get(name="dispro", params={"year": year, **DISPRO_PARAMS}))


def _total(summary: Any, dimension: str, categories: set[str], period: str = "") -> int:
    return int(sum(r["value"] for r in summary.rows if r["dimension"] == dimension
                   and r["category"] in categories and (not period or r["period"] == period)))


def _value(summary: Any, dimension: str, category: str, period: str) -> float | None:
    return next((float(r["value"]) for r in summary.rows if (
        r["dimension"], r["category"], r["period"]) == (dimension, category, period)), None)


def _cache_key(years: list[int], threshold: int) -> str:
    """Changes whenever one of the summaries the pages read is recomputed."""
    wanted = {"home_office_return", "iopc_bulletin", "dispro"}
    stamps = sorted(f"{s.name}:{s.params_key}:{s.computed_at.isoformat()}"
                    for s in summaries_list() if s.name in wanted
                    and s.params.get("unit") == "" and s.params.get("year") in years)
    digest = hashlib.sha256("|".join(stamps).encode()).hexdigest()[:16]
    return f"portal.public_topics:{years[0]}:{threshold}:{digest}"


def public_topics(*, today: dt.date | None = None) -> list[Topic]:
    threshold = suppression_threshold()
    years = financial_years(today=today)
    key = _cache_key(years, threshold)
    topics: list[Topic] | None = cache.get(key)
    if topics is None:
        topics = _topics_compute(summaries=[_year_summaries(y) for y in years],
                                 threshold=threshold)
        cache.set(key, topics, CACHE_SECONDS)
    return topics


def public_topic(*, slug: str, today: dt.date | None = None) -> Topic | None:
    return next((t for t in public_topics(today=today) if t.slug == slug), None)


def _yearly(key: str, title: str, y_label: str, summaries: list[YearSummaries],
            measure: Callable[[YearSummaries, str], Cell | None], chart: str = "bar") -> Series:
    """A series over the years: `measure` gives a year's cell, or None when the summary it
    needs is not computed."""
    labels = [year_label(s.year) for s in summaries]
    cells = [measure(s, lab) or cell_missing(label=lab)
             for s, lab in zip(summaries, labels, strict=True)]
    return Series(key=key, title=title, x_label="Financial year", y_label=y_label, chart=chart,
                  cells=cells,
                  desc=f"{title}, by financial year, {labels[0]} to {labels[-1]}. The same "
                       "figures are in the table below the chart.")


def _topic(slug: str, title: str, intro: str, series: list[Series],
           summaries: list[YearSummaries], needs: tuple[str, ...]) -> Topic:
    """A topic stamped with the oldest computed_at of the summaries it `needs` (attribute
    names of YearSummaries), listing the years where one of them is not computed."""
    used = [getattr(s, name) for s in summaries for name in needs]
    stamps = [u.computed_at for u in used if u is not None]
    missing = [year_label(s.year) for s in summaries
               if any(getattr(s, name) is None for name in needs)]
    return Topic(slug, title, intro, series, computed_at=min(stamps) if stamps else None,
                 missing=missing)


YearMeasure = Callable[[YearSummaries, str], Cell | None]


def _home_count(dimension: str, categories: set[str], threshold: int) -> YearMeasure:
    """People (or cases, suspensions) in the Home Office return, officers and staff together."""
    return lambda s, lab: None if s.home is None else cell_for(
        label=lab, count=_total(s.home, dimension, categories), threshold=threshold)


def _complaints(threshold: int) -> YearMeasure:
    return lambda s, lab: None if s.iopc is None else cell_for(label=lab, count=_total(
        s.iopc, "cases_finalised", {"outside_sch3", "under_sch3"}, "year"), threshold=threshold)


def _mean_days(track: str, dimension: str, threshold: int) -> YearMeasure:
    """A year's mean days on one complaint track, suppressed with the count of its cases."""
    def measure(s: YearSummaries, lab: str) -> Cell | None:
        if s.iopc is None:
            return None
        count = _total(s.iopc, "cases_finalised", {track}, "year")
        days = _value(s.iopc, dimension, track, "year")
        if days is None:  # no cases finalised on this track in the year
            return cell_missing(label=lab, display=NOT_AVAILABLE)
        return cell_for(label=lab, count=count, threshold=threshold, shown=days, places=1)
    return measure


def _topics_compute(*, summaries: list[YearSummaries], threshold: int) -> list[Topic]:
    def home_count(dimension: str, categories: set[str]) -> YearMeasure:
        return _home_count(dimension, categories, threshold)

    def mean_days(track: str, dimension: str) -> YearMeasure:
        return _mean_days(track, dimension, threshold)

    return [
        _topic("reports", "Complaints and conduct cases finalised",
               "Public complaints finalised in each financial year (IOPC complaints "
               "statistics), and the officers and staff in conduct cases finalised (Home Office "
               "police misconduct return: one count per person per case).",
               [_yearly("complaints", "Complaint cases finalised", "Cases", summaries,
                        _complaints(threshold)),
                _yearly("conduct", "Officers and staff in conduct cases finalised", "People",
                        summaries, home_count("case_type", {"conduct_matter",
                                                            "recordable_conduct_matter"}),
                        chart="line")], summaries, ("home", "iopc")),
        _topic("suspensions", "Suspensions and restricted duties",
               "Decisions to suspend an officer or member of staff (Police (Conduct) "
               "Regulations 2020, regulation 11) or to place them on restricted duties "
               "instead, by year of decision.",
               [_yearly("suspended", "Suspensions", "Decisions", summaries,
                        home_count("suspension", {"suspended"})),
                _yearly("restricted", "Restricted duties", "Decisions", summaries,
                        home_count("suspension", {"restricted"}))], summaries, ("home",)),
        _topic("dismissals", "Dismissals",
               "People dismissed without notice, or who would have been dismissed had they not "
               "already left, in misconduct cases finalised in each year.",
               [_yearly("dismissals", "People dismissed", "People", summaries,
                        home_count("disciplinary_action", DISMISSALS))], summaries, ("home",)),
        _topic("timeliness", "Timeliness",
               "How long complaints took to finalise, from the day the complaint was made to "
               "the day it was finalised: under Schedule 3 with and without the time it was "
               "suspended for criminal proceedings (sub judice), and outside Schedule 3; and "
               "how many conduct cases took more than 12 months. Means are suppressed with "
               "their count.",
               [_yearly("under_sch3", "Mean days to finalise complaints under Schedule 3",
                        "Days", summaries, mean_days("under_sch3", "mean_days_to_finalise"),
                        chart="line"),
                _yearly("under_sch3_net", "Mean days under Schedule 3, excluding sub judice",
                        "Days", summaries, mean_days(
                            "under_sch3", "mean_days_to_finalise_excl_sub_judice"),
                        chart="line"),
                _yearly("outside_sch3", "Mean days to finalise complaints outside Schedule 3",
                        "Days", summaries, mean_days("outside_sch3", "mean_days_to_finalise"),
                        chart="line"),
                _yearly("over_12_months", "Conduct cases finalised after more than 12 months",
                        "Cases", summaries, home_count("timeliness", {"12 to 24 months",
                                                                      "24 months or more"}))],
               summaries, ("home", "iopc")),
        _disproportionality(summaries=summaries, threshold=threshold),
    ]


# ---- disproportionality -----------------------------------------------------------------------

GROUPS = [g for g in EthnicGroup if g != EthnicGroup.NOT_STATED]


def _group_label(group: str) -> str:
    return EthnicGroup(group).label.split(",")[0]


def confidence_level(z: float) -> int:
    """The two-sided confidence level (per cent) of a normal quantile: 1.96 -> 95."""
    return round(100 * (2 * statistics.NormalDist().cdf(z) - 1))


def _ethnic_cells(dispro: Any, stage: str) -> dict[str, dict[str, Any]]:
    return {c["group"]: c for c in dispro.rows.get("cells", [])
            if c["stage"] == stage and c["dimension"] == "ethnic_group"}


def _ratio_cell(*, label: str, cell: dict[str, Any] | None, white: dict[str, Any] | None,
                threshold: int, level: int) -> Cell:
    """The group's rate ratio against White officers with its confidence interval; suppressed
    when either count is small; "not available" when the ratio is not defined (a zero)."""
    if cell is None or white is None:
        return cell_missing(label=label, display=NOT_AVAILABLE)
    small = [c for c in (cell, white) if c["suppressed"] or 0 < c["count"] < threshold]
    if small:
        return Cell(label=label, value=None, display=f"fewer than {threshold}")
    if cell is white:
        return Cell(label=label, value=1.0, display="1.00 (the reference group)")
    ratio = cell.get("ratio")
    if not ratio:
        return cell_missing(label=label, display=NOT_AVAILABLE)
    return Cell(label=label, value=round(ratio["ratio"], 2),
                display=f"{ratio['ratio']:.2f} ({level}% confidence interval "
                        f"{ratio['low']:.2f} to {ratio['high']:.2f})")


def _rate_cell(*, label: str, cell: dict[str, Any] | None, threshold: int) -> Cell:
    if cell is None or (cell.get("rate_per_1000") is None and not cell["suppressed"]):
        return cell_missing(label=label, display=NOT_AVAILABLE)
    if cell["suppressed"]:
        return Cell(label=label, value=None, display=f"fewer than {threshold}")
    return cell_for(label=label, count=cell["count"], threshold=threshold,
                    shown=cell["rate_per_1000"], places=1)


def _disproportionality(*, summaries: list[YearSummaries], threshold: int) -> Topic:
    """The latest year's allegation rate per 1,000 officers by ethnic group and each group's
    rate ratio against White officers with its confidence interval, and the Black / White
    ratio over the years: all from the stored disproportionality summaries."""
    latest = summaries[-1]
    label = year_label(latest.year)
    rates: list[Cell]
    ratios: list[Cell]
    level = 95
    if latest.dispro is None:
        rates = [cell_missing(label=_group_label(g)) for g in GROUPS]
        ratios = list(rates)
    else:
        level = confidence_level(float(latest.dispro.rows.get("z", 1.96)))
        cells = _ethnic_cells(latest.dispro, "allegation")
        white = cells.get(EthnicGroup.WHITE.value)
        rates = [_rate_cell(label=_group_label(g), cell=cells.get(g), threshold=threshold)
                 for g in GROUPS]
        ratios = [_ratio_cell(label=_group_label(g), cell=cells.get(g), white=white,
                              threshold=threshold, level=level) for g in GROUPS]

    def black_ratio(s: YearSummaries, lab: str) -> Cell | None:
        if s.dispro is None:
            return None
        cells = _ethnic_cells(s.dispro, "allegation")
        return _ratio_cell(label=lab, cell=cells.get(EthnicGroup.BLACK.value),
                           white=cells.get(EthnicGroup.WHITE.value), threshold=threshold,
                           level=confidence_level(float(s.dispro.rows.get("z", 1.96))))

    trend = _yearly("black_ratio", "Relative rate of Black officers against White officers",
                    "Ratio", summaries, black_ratio, chart="line")
    series = [
        Series("rate", f"Allegation rate per 1,000 officers, {label}",
               f"Officers subject to an allegation per 1,000 officers in post, by ethnic "
               f"group, {label}. The same figures are in the table below the chart.",
               "Ethnic group", "Per 1,000", "bar", rates),
        Series("ratio", f"Relative rate against White officers, {label}",
               f"Each ethnic group's allegation rate divided by the White group's, {label}, "
               f"with its {level}% confidence interval in the table below the chart.",
               "Ethnic group", "Ratio", "bar", ratios),
        trend,
    ]
    return _topic(
        "disproportionality", "Disproportionality",
        f"Officers (including special constables) subject to an allegation on a matter that came "
        f"to the force's attention in {label}, per 1,000 officers in post, by ethnic group; "
        "each group's rate relative to the White group's (1.00 means the same rate), with a "
        "confidence interval: a range that does not include 1.00 means the difference is "
        "unlikely to be chance; and the ratio for Black officers over the years.",
        series, summaries, ("dispro",))
