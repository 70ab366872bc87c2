"""Computing the timeliness summary from the records (through the conduct and people
selectors, set-based), for the "timeliness" entry of insight.summary.SUMMARIES. The figures
themselves are pure functions in insight.timeliness."""

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.utils import timezone

from upright.conduct import selectors as conduct_selectors
from upright.core.clock import day_start
from upright.insight.returns import financial_year
from upright.insight.timeliness import (
    BANDS,
    FORECAST_ASSUMPTIONS,
    WINDOW_WEEKS,
    ageing_by_stage,
    days_to_finalise,
    flow_rates,
    forecast_from_rates,
    past_twelve_months,
    workload_by_investigator,
)
from upright.people import selectors as people_selectors


def timeliness_as_at(*, year: int) -> dt.datetime:
    """The moment the figures for financial year `year` are taken at: the end of the year,
    or now while the year is still running."""
    return timezone.localtime(min(day_start(financial_year(year=year)[1]), timezone.now()))


def _unit_filter(unit: str, *row_lists: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each list cut to the matters with a subject in `unit` (a path prefix; "" keeps all)."""
    if not unit:
        return list(row_lists)
    people = people_selectors.insight_person_facts(
        person_ids={pid for rows in row_lists for r in rows for pid in r["subject_ids"]})
    inside = {pid for pid, p in people.items() if (p.get("org_unit__path") or "").startswith(unit)}
    return [[r for r in rows if inside.intersection(r["subject_ids"])] for rows in row_lists]


def compute_timeliness(*, year: int, unit: str = "") -> dict[str, Any]:
    """Ageing at every stage, matters past 12 months, days to finalise (matters closed in
    financial year `year`), workload per investigator, the measured intake and clearance
    rates (the 52 weeks before as-at) and the forecast with the investigators measured, for
    the matters with a subject in `unit`. JSON-ready."""
    as_at = timeliness_as_at(year=year)
    first, after = financial_year(year=year)
    window_start = as_at - dt.timedelta(weeks=WINDOW_WEEKS)
    open_rows, intake, closures, finalised = _unit_filter(
        unit,
        conduct_selectors.insight_open_matter_facts(as_at=as_at),
        conduct_selectors.insight_intake_facts(attention_from=window_start, attention_to=as_at),
        conduct_selectors.insight_closure_facts(closed_from=window_start, closed_to=as_at),
        conduct_selectors.insight_finalised_facts(closed_from=day_start(first),
                                                  closed_to=min(day_start(after), as_at)))
    sub_judice = conduct_selectors.insight_sub_judice_days(matter_ids=[m["id"] for m in finalised])
    measured = len({r["investigator_id"] for r in [*open_rows, *closures]} - {None})
    if not measured and not unit:
        measured = conduct_selectors.insight_investigators_active()
    rates = flow_rates(intake=intake, closures=closures, as_at=as_at, investigators=measured)
    stored: dict[str, Any] = {
        "as_at": timezone.localtime(as_at).isoformat(), "year": year, "unit": unit,
        "window_weeks": WINDOW_WEEKS,
        "bands": [{"code": code, "label": label} for code, label, *_ in BANDS],
        "stages": [asdict(s) for s in ageing_by_stage(
            matters=open_rows, as_at=as_at, stages=conduct_selectors.insight_stage_labels())],
        "past_12_months": [asdict(o) for o in past_twelve_months(matters=open_rows, as_at=as_at)],
        "finalise": [asdict(f) for f in days_to_finalise(matters=finalised,
                                                         sub_judice=sub_judice)],
        "workload": [asdict(w) for w in workload_by_investigator(
            open_matters=open_rows, closures=closures, as_at=as_at)],
        "rates": asdict(rates), "backlog": len(open_rows),
        "assumptions": FORECAST_ASSUMPTIONS,
    }
    forecast = forecast_from_rates(stored=stored)
    stored["forecast"] = forecast.as_row() if forecast else None
    return stored
