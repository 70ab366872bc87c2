"""The published figures: one series per chart, per financial year, with small numbers suppressed.

Counts below the threshold (the administrator's StatisticsSetting in insight, default 5: the
same threshold the staff dashboards and returns use) are published as
"fewer than N" and never charted or downloaded as exact figures, so nobody can be identified
from a small cell. Figures derived from a suppressed count (a mean over it) are suppressed too.
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.core.cache import cache

from upright.conduct.selectors import public_allegation_subject_ids, public_conduct_counts
from upright.core.clock import local_today, timezone_now
from upright.insight.selectors import statistics_setting
from upright.people.choices import EthnicGroup, ethnic_group_of
from upright.people.selectors import insight_person_facts, insight_workforce_facts
from upright.suspensions.selectors import public_suspension_counts

YEARS_SHOWN = 5
# Live counts over five years of records are a few queries over the whole force; the public
# pages and the CSV share one computation per hour rather than repeating it per request.
CACHE_SECONDS = 60 * 60


def suppression_threshold() -> int:
    return int(statistics_setting().suppression_threshold)


@dataclass(frozen=True)
class Cell:
    label: str
    value: float | None  # None when suppressed
    display: str


def cell_for(*, label: str, count: int, threshold: int, shown: float | None = None,
             places: int = 0) -> Cell:
    """`count` decides suppression; `shown` (default: the count) is what is published."""
    if 0 < count < threshold:
        return Cell(label=label, value=None, display=f"fewer than {threshold}")
    value = count if shown is None else round(shown, places)
    return Cell(label=label, value=value, display=f"{value:,.{places}f}")


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
    slug: str
    title: str
    intro: str
    series: list[Series] = field(default_factory=list)
    computed_at: dt.datetime | None = None  # when these figures were counted from the records


def financial_years(*, today: dt.date | None = None, count: int = YEARS_SHOWN) -> list[int]:
    """Start years of the last `count` complete financial years (1 April - 31 March)."""
    today = today or local_today()
    current = today.year if today.month >= 4 else today.year - 1
    return list(range(current - count, current))


def year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[2:]}"


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 4, 1), dt.date(year + 1, 4, 1)


def public_topics(*, today: dt.date | None = None) -> list[Topic]:
    threshold = suppression_threshold()
    today = today or local_today()
    key = f"portal.public_topics:{today.isoformat()}:{threshold}"
    topics: list[Topic] | None = cache.get(key)
    if topics is None:
        computed_at = timezone_now()
        topics = [replace(t, computed_at=computed_at)
                  for t in _topics_compute(today=today, threshold=threshold)]
        cache.set(key, topics, CACHE_SECONDS)
    return topics


def _topics_compute(*, today: dt.date, threshold: int) -> list[Topic]:
    years = financial_years(today=today)
    labels = [year_label(y) for y in years]
    conduct = [public_conduct_counts(start=a, end=b) for a, b in map(_bounds, years)]
    susp = [public_suspension_counts(start=a, end=b) for a, b in map(_bounds, years)]

    def series(key: str, title: str, y_label: str, counts: list[int], chart: str = "bar",
               shown: list[int] | None = None) -> Series:
        cells = [cell_for(label=lab, count=c, threshold=threshold,
                          shown=None if shown is None else shown[i])
                 for i, (lab, c) in enumerate(zip(labels, counts, strict=True))]
        return Series(key=key, title=title, x_label="Financial year", y_label=y_label,
                      chart=chart, cells=cells,
                      desc=f"{title}, by financial year, {labels[0]} to {labels[-1]}. "
                           "The same figures are in the table below the chart.")

    mean_days = [c["finalised_days"] // c["finalised"] if c["finalised"] else 0 for c in conduct]
    return [
        Topic("reports", "Complaints and conduct matters",
              "Matters recorded in each financial year: public complaints, conduct matters and "
              "recordable conduct matters, counted from the date they came to the force's "
              "attention.",
              [series("recorded", "Matters recorded", "Matters",
                      [c["recorded"] for c in conduct]),
               series("finalised", "Matters finalised", "Matters",
                      [c["finalised"] for c in conduct], chart="line")]),
        Topic("suspensions", "Suspensions and restricted duties",
              "Decisions to suspend an officer (Police (Conduct) Regulations 2020, regulation "
              "11) or to place them on restricted duties instead, by year of decision.",
              [series("suspended", "Suspensions", "Decisions", [s["suspended"] for s in susp]),
               series("restricted", "Restricted duties", "Decisions",
                      [s["restricted"] for s in susp])]),
        Topic("dismissals", "Dismissals",
              "People dismissed without notice, or who would have been dismissed had they not "
              "already left, at misconduct proceedings concluded in each year.",
              [series("dismissals", "People dismissed", "People",
                      [c["dismissals"] for c in conduct])]),
        Topic("timeliness", "Timeliness",
              "How long matters took to finalise, from coming to attention to closing, and how "
              "many took more than 12 months. Means are suppressed with their count.",
              [series("mean_days", "Mean days to finalise", "Days",
                      [c["finalised"] for c in conduct], chart="line", shown=mean_days),
               series("over_12_months", "Finalised after more than 12 months", "Matters",
                      [c["finalised_over_12_months"] for c in conduct])]),
        _disproportionality(year=years[-1], threshold=threshold),
    ]


def _disproportionality(*, year: int, threshold: int) -> Topic:
    """People subject to an allegation per 1,000 of the workforce in post, by ethnic group,
    and the ratio of each group's rate to the White group's (suppressed with either count)."""
    start, end = _bounds(year)
    workforce: dict[str, int] = dict.fromkeys(EthnicGroup.values, 0)
    for row in insight_workforce_facts(from_day=start, to_day=end - dt.timedelta(days=1)):
        workforce[ethnic_group_of(row["ethnicity"])] += 1
    subjects: dict[str, int] = dict.fromkeys(EthnicGroup.values, 0)
    for facts in insight_person_facts(
            person_ids=public_allegation_subject_ids(start=start, end=end)).values():
        subjects[ethnic_group_of(facts["ethnicity"])] += 1
    groups = [g for g in EthnicGroup if g != EthnicGroup.NOT_STATED]

    def rate(group: str) -> float:
        return 1000 * subjects[group] / workforce[group] if workforce[group] else 0.0

    white = rate(EthnicGroup.WHITE)
    white_small = 0 < subjects[EthnicGroup.WHITE] < threshold
    rates = [cell_for(label=g.label.split(",")[0], count=subjects[g], threshold=threshold,
                      shown=rate(g), places=1) for g in groups]
    ratios = [cell_for(label=g.label.split(",")[0],
                       count=threshold - 1 if white_small else subjects[g],
                       threshold=threshold, shown=rate(g) / white if white else 0.0, places=2)
              for g in groups]
    label = year_label(year)
    return Topic("disproportionality", "Disproportionality",
                 f"People subject to an allegation in {label}, per 1,000 of the workforce in "
                 "post, by ethnic group (officers and staff together), and each group's rate "
                 "relative to the White group's (1.00 means the same rate).",
                 [Series("rate", f"Allegation rate per 1,000, {label}",
                         f"People subject to an allegation per 1,000 of the workforce, by ethnic "
                         f"group, {label}. The same figures are in the table below the chart.",
                         "Ethnic group", "Per 1,000", "bar", rates),
                  Series("ratio", f"Relative rate against White, {label}",
                         f"Each ethnic group's allegation rate divided by the White group's, "
                         f"{label}. The same figures are in the table below the chart.",
                         "Ethnic group", "Ratio", "bar", ratios)])


def public_topic(*, slug: str, today: dt.date | None = None) -> Topic | None:
    return next((t for t in public_topics(today=today) if t.slug == slug), None)
