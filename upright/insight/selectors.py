"""Reading statistics. The compute_* functions build a figure from the records through the
conduct, suspensions and people selectors (set-based, never a row per person); dashboards
and the public portal read the stored summaries (`summary_get`), never the raw tables."""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from upright.conduct import selectors as conduct_selectors
from upright.core.clock import day_start
from upright.insight.disproportion import (
    WORKFORCES,
    case_to_answer_by_category,
    complainant_table,
    disproportion_table,
)
from upright.insight.models import StatisticsSetting, SummaryTable
from upright.insight.returns import (
    BulletinInputs,
    financial_year,
    home_office_return,
    iopc_bulletin,
)
from upright.people import selectors as people_selectors
from upright.screening import selectors as screening_selectors
from upright.suspensions import selectors as suspensions_selectors
from upright.vetting.withdrawal import selectors as withdrawal_selectors


def statistics_setting() -> StatisticsSetting:
    """The administrator's suppression threshold and confidence level (defaults if unset)."""
    return StatisticsSetting.objects.filter(code="default").first() or StatisticsSetting()


def params_key(params: dict[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"))


def _in_unit(person: dict[str, Any] | None, unit: str) -> bool:
    return not unit or bool(person and (person.get("org_unit__path") or "").startswith(unit))


def source_stamp() -> dict[str, Any]:
    """What the records looked like when a figure was computed (counts and highest ids)."""
    return {**conduct_selectors.insight_source_stamp(), **people_selectors.insight_source_stamp(),
            **suspensions_selectors.insight_source_stamp()}


def _closed_in_year(*, year: int, unit: str) -> tuple[list[dict[str, Any]], dict[int, Any]]:
    first, after = financial_year(year=year)
    rows = list(conduct_selectors.insight_allegation_facts(
        closed_from=day_start(first), closed_to=day_start(after)))
    for row in rows:
        row["closed_local"] = timezone.localtime(row["closed_at"]).date()
    people = people_selectors.insight_person_facts(person_ids=[r["subject_id"] for r in rows])
    return [r for r in rows if _in_unit(people.get(r["subject_id"]), unit)], people


def compute_home_office_return(*, year: int, unit: str = "") -> list[dict[str, Any]]:
    """The Home Office ADR cells for financial year `year` (optionally one unit's people)."""
    rows, people = _closed_in_year(year=year, unit=unit)
    first, after = financial_year(year=year)
    entries = list(suspensions_selectors.insight_suspension_facts(
        decided_from=day_start(first), decided_to=day_start(after)))
    people.update(people_selectors.insight_person_facts(
        person_ids=[e["person_id"] for e in entries]))
    entries = [e for e in entries if _in_unit(people.get(e["person_id"]), unit)]
    sub_judice = conduct_selectors.insight_sub_judice_days(
        matter_ids=sorted({r["matter_id"] for r in rows}))
    cells = home_office_return(allegations=rows, people=people, suspensions=entries,
                               sub_judice=sub_judice, year=year)
    return [c.as_row() for c in cells]


def compute_iopc_bulletin(*, year: int, unit: str = "") -> list[dict[str, Any]]:
    """The IOPC bulletin measures per quarter and for financial year `year`. For one unit,
    only the reviews of that unit's complaints finalised in the year are counted (a review's
    matter has no unit of its own)."""
    rows, _ = _closed_in_year(year=year, unit=unit)
    first, after = financial_year(year=year)
    employees = sum(1 for p in people_selectors.insight_workforce_facts(
        from_day=first, to_day=after - dt.timedelta(days=1)) if _in_unit(p, unit))
    matter_ids = sorted({r["matter_id"] for r in rows if r["kind"] == "complaint"})
    finalised = set(matter_ids)
    inputs = BulletinInputs(
        sub_judice=conduct_selectors.insight_sub_judice_days(matter_ids=matter_ids),
        employees=employees,
        case_facts=conduct_selectors.insight_complaint_case_facts(matter_ids=matter_ids),
        reviews=[r for r in conduct_selectors.insight_complaint_review_facts(
            from_day=first, to_day=after) if not unit or r["matter_id"] in finalised],
        complainants=list(conduct_selectors.insight_complainant_facts(
            closed_from=day_start(first), closed_to=day_start(after))))
    return [c.as_row() for c in iopc_bulletin(allegations=rows, inputs=inputs, year=year)]


def compute_disproportion(*, year: int, workforce: str = "officers",
                          unit: str = "") -> dict[str, Any]:
    """Rates per 1,000 and ratios against White officers for matters that came to attention
    in financial year `year`, with case-to-answer rates by allegation category."""
    first, after = financial_year(year=year)
    setting = statistics_setting()
    kinds = WORKFORCES[workforce]
    people = [p for p in people_selectors.insight_workforce_facts(
        from_day=first, to_day=after - dt.timedelta(days=1))
        if p["employment_kind"] in kinds and _in_unit(p, unit)]
    rows = list(conduct_selectors.insight_allegation_facts(
        attention_from=day_start(first), attention_to=day_start(after)))
    entries = list(suspensions_selectors.insight_suspension_facts(
        decided_from=day_start(first), decided_to=day_start(after)))
    events = {
        "screening_hit": [h["employee_id"] for h in screening_selectors.insight_hit_facts(
            created_from=day_start(first), created_to=day_start(after))],
        "vetting_withdrawn": [w["person_id"] for w in withdrawal_selectors.insight_withdrawal_facts(
            decided_from=day_start(first), decided_to=day_start(after))],
    }
    cells = disproportion_table(allegations=rows, suspensions=entries, workforce=people,
                                on=first, threshold=setting.suppression_threshold,
                                z=setting.confidence_z, events=events)
    ids = {p["id"] for p in people}
    categories = case_to_answer_by_category(
        allegations=[r for r in rows if r["subject_id"] in ids],
        threshold=setting.suppression_threshold)
    complainants = complainant_table(
        rows=conduct_selectors.insight_complainant_facts(closed_from=day_start(first),
                                                         closed_to=day_start(after)),
        threshold=setting.suppression_threshold, z=setting.confidence_z) if not unit else []
    return {"cells": [c.as_row() for c in cells],
            "categories": [c.__dict__ for c in categories],
            "complainants": [c.as_row() for c in complainants],
            "threshold": setting.suppression_threshold, "z": setting.confidence_z}


def summary_get(*, name: str, params: dict[str, Any]) -> SummaryTable | None:
    """The stored summary for (name, params), or None if it was never computed."""
    return SummaryTable.objects.filter(name=name, params_key=params_key(params)).first()


def summaries_list() -> QuerySet[SummaryTable]:
    return SummaryTable.objects.defer("rows").order_by("name", "params_key")


def return_cell_refs(*, summary: SummaryTable, dimension: str, category: str,
                     person_type: str, period: str = "") -> list[str] | None:
    """The matter references behind one stored cell, or None if there is no such cell."""
    for cell in summary.rows if isinstance(summary.rows, list) else []:
        if (cell.get("dimension"), cell.get("category"), cell.get("person_type"),
                cell.get("period", "")) == (dimension, category, person_type, period or
                                            cell.get("period", "")):
            return list(cell.get("refs", []))
    return None


def figure_matters_visible_to(*, user: Any, refs: list[str]) -> Any:
    """The matters behind a figure that `user` may see (MatterPolicy: compartments, the
    subject and their chain of command are excluded), and how many are hidden."""
    visible = conduct_selectors.matter_list_visible_to(user=user).filter(reference__in=refs)
    return visible.order_by("reference")


@dataclass(frozen=True)
class PublicFigures:
    """Figures the public portal may publish for financial year `year`; each count is a
    string, "<N" when below the suppression threshold. computed_at: when the summaries they
    come from were computed (None if never)."""

    year: int
    computed_at: dt.datetime | None
    reports: str
    complaints_finalised: str
    conduct_cases_finalised: str
    suspensions: str
    restrictions: str
    dismissals: str
    mean_days_outside_sch3: float | None
    mean_days_under_sch3: float | None
    ratios: list[dict[str, Any]]


def _shown(value: int, threshold: int) -> str:
    return f"<{threshold}" if 0 < value < threshold else str(value)


def public_figures(*, year: int) -> PublicFigures:
    """Suppressed public counts for financial year `year`, read from the stored summaries
    (home_office_return, iopc_bulletin, dispro for the whole force). Missing summaries give
    zeros and computed_at None: the portal says the figures are not yet computed."""
    threshold = statistics_setting().suppression_threshold
    home = summary_get(name="home_office_return", params={"year": year, "unit": ""})
    iopc = summary_get(name="iopc_bulletin", params={"year": year, "unit": ""})
    dispro = summary_get(name="dispro", params={"year": year, "unit": "",
                                                "workforce": "officers"})
    home_rows: list[dict[str, Any]] = home.rows if home else []
    iopc_rows: list[dict[str, Any]] = iopc.rows if iopc else []

    def total(rows: list[dict[str, Any]], dimension: str, categories: set[str],
              period: str = "") -> int:
        return int(sum(r["value"] for r in rows if r["dimension"] == dimension
                       and r["category"] in categories and (not period or r["period"] == period)))

    def days(track: str) -> float | None:
        for row in iopc_rows:
            if (row["dimension"], row["category"], row["period"]) == (
                    "mean_days_to_finalise", track, "year"):
                return float(row["value"])
        return None

    complaints = total(iopc_rows, "cases_finalised", {"outside_sch3", "under_sch3"}, "year")
    conduct = total(home_rows, "case_type", {"conduct_matter", "recordable_conduct_matter"})
    dismissals = total(home_rows, "disciplinary_action",
                       {"dismissal_without_notice", "would_have_been_dismissed"})
    ratios = [c for c in (dispro.rows.get("cells", []) if dispro else [])
              if c["dimension"] == "ethnic_group" and c["stage"] in {"allegation", "dismissal"}]
    stamps = [s.computed_at for s in (home, iopc, dispro) if s]
    return PublicFigures(
        year=year, computed_at=min(stamps) if stamps else None,
        reports=_shown(complaints + conduct, threshold),
        complaints_finalised=_shown(complaints, threshold),
        conduct_cases_finalised=_shown(conduct, threshold),
        suspensions=_shown(total(home_rows, "suspension", {"suspended"}), threshold),
        restrictions=_shown(total(home_rows, "suspension", {"restricted"}), threshold),
        dismissals=_shown(dismissals, threshold),
        mean_days_outside_sch3=days("outside_sch3"), mean_days_under_sch3=days("under_sch3"),
        ratios=[{k: c[k] for k in ("stage", "group", "shown", "rate_per_1000", "ratio")}
                for c in ratios])




def dispro_trend(*, years: list[int], stage: str = "allegation",
                 dimension: str = "ethnic_group", unit: str = "",
                 workforce: str = "officers") -> list[dict[str, Any]]:
    """Trends over time from the stored disproportionality summaries: for each of `years`
    that has one, {"year", "computed_at", "cells": that stage's cells for the dimension}."""
    out = []
    for year in sorted(years):
        summary = summary_get(name="dispro", params={"year": year, "unit": unit,
                                                     "workforce": workforce})
        if summary is not None:
            out.append({"year": year, "computed_at": summary.computed_at, "cells": [
                c for c in summary.rows["cells"]
                if c["stage"] == stage and c["dimension"] == dimension]})
    return out


# ---- the staff dashboard and the disproportionality drill-down (issue 6) --------------------

def dispro_cell_refs(*, summary: SummaryTable, stage: str, dimension: str,
                     group: str) -> list[str] | None:
    """The matter references behind one stored disproportionality cell, or None if the
    stored table has no such cell."""
    cells = summary.rows.get("cells", []) if isinstance(summary.rows, dict) else []
    for cell in cells:
        if (cell["stage"], cell["dimension"], cell["group"]) == (stage, dimension, group):
            return list(cell.get("refs", []))
    return None


def unit_choices() -> list[tuple[str, str]]:
    """The units figures can be filtered by (people's org-unit hierarchy, teams left out)."""
    return people_selectors.org_unit_choices()


@dataclass(frozen=True)
class DashboardFigure:
    """One figure on the staff dashboard. value: the exact count, mean days or rate (staff
    see exact counts); small: a count below the suppression threshold, which the public
    portal would show as "<N" (flagged, not hidden); drill: the stored cell it is read from,
    as the drill-down's query (summary name plus the cell's keys); ratio: for a
    disproportionality figure, the rate ratio with its confidence interval (None when not
    defined)."""

    section: str
    label: str
    value: float
    unit: str
    small: bool
    drill: dict[str, str]
    rate_per_1000: float | None = None
    ratio: dict[str, float] | None = None


@dataclass(frozen=True)
class Dashboard:
    """The dashboard for financial year `year` and `unit` ("" = whole force): its figures and,
    for each summary it reads, the stored row or None when not yet computed (`missing`
    holds the params to compute each missing one)."""

    year: int
    unit: str
    threshold: int
    figures: list[DashboardFigure]
    summaries: dict[str, SummaryTable | None]
    missing: list[dict[str, Any]]


DASHBOARD_DISPRO_STAGES = ("allegation", "case_to_answer", "proven", "dismissal", "suspended")
DASHBOARD_SECTIONS = ("Cases finalised", "Suspensions and restrictions", "Dismissals",
                      "Timeliness",
                      "Disproportionality (officers, by ethnic group, against White officers)")
_CASE_TYPES = {"conduct_matter": "Conduct matters finalised",
               "recordable_conduct_matter": "Recordable conduct matters finalised",
               "complaint_special_procedures": "Complaints finalised under special procedures"}
_TRACKS = {"outside_sch3": "outside Schedule 3", "under_sch3": "under Schedule 3"}
_DISMISSALS = {"dismissal_without_notice": "Dismissed without notice",
               "would_have_been_dismissed": "Would have been dismissed"}


def _return_figures(*, name: str, rows: list[dict[str, Any]],
                    threshold: int) -> list[DashboardFigure]:
    out = []

    def add(section: str, label: str, row: dict[str, Any], count: bool = True) -> None:
        value = row["value"]
        out.append(DashboardFigure(
            section=section, label=label, value=value, unit=row["unit"],
            small=count and 0 < value < threshold,
            drill={"summary": name, "dimension": row["dimension"], "category": row["category"],
                   "person_type": row["person_type"], "period": row.get("period", "")}))

    for row in rows:
        dimension, category, ptype = row["dimension"], row["category"], row["person_type"]
        if name == "iopc_bulletin":
            if row.get("period") != "year" or category not in _TRACKS:
                continue
            if dimension == "cases_finalised":
                add("Cases finalised", f"Complaints finalised {_TRACKS[category]}", row)
            elif dimension == "mean_days_to_finalise":
                add("Timeliness", f"Mean days to finalise a complaint {_TRACKS[category]}",
                    row, count=False)
            elif dimension == "mean_days_to_finalise_excl_sub_judice":
                add("Timeliness", f"Mean days to finalise a complaint {_TRACKS[category]}, "
                    "excluding sub judice time", row, count=False)
        elif dimension == "case_type" and category in _CASE_TYPES:
            add("Cases finalised", f"{_CASE_TYPES[category]} ({ptype})", row)
        elif dimension == "suspension":
            label = "Suspended" if category == "suspended" else "Placed on restricted duties"
            add("Suspensions and restrictions", f"{label} ({ptype})", row)
        elif dimension == "disciplinary_action" and category in _DISMISSALS:
            add("Dismissals", f"{_DISMISSALS[category]} ({ptype})", row)
        elif dimension == "timeliness" and category == "mean days to finalise":
            add("Timeliness", f"Mean days to finalise a conduct case ({ptype})", row,
                count=False)
    return out


def _dispro_figures(*, rows: dict[str, Any], threshold: int) -> list[DashboardFigure]:
    from upright.insight.disproportion import REFERENCE, STAGES, SUSPENSION_STAGES

    labels = {**{k: v[0] for k, v in STAGES.items()}, **SUSPENSION_STAGES}
    cells = [c for c in rows.get("cells", []) if c["dimension"] == "ethnic_group"
             and c["stage"] in DASHBOARD_DISPRO_STAGES
             and c["group"] != REFERENCE["ethnic_group"] and c["count"]]
    cells.sort(key=lambda c: (DASHBOARD_DISPRO_STAGES.index(c["stage"]), c["group"]))
    return [DashboardFigure(
        section=DASHBOARD_SECTIONS[4],
        label=f"{labels[c['stage']]}: {c['group']}", value=c["count"], unit="people",
        small=0 < c["count"] < threshold,
        drill={"summary": "dispro", "stage": c["stage"], "dimension": c["dimension"],
               "group": c["group"]},
        rate_per_1000=c["rate_per_1000"], ratio=c["ratio"]) for c in cells]


def _timeliness_figures(*, rows: dict[str, Any], threshold: int) -> list[DashboardFigure]:
    drill = {"summary": "timeliness"}
    backlog = int(rows.get("backlog", 0))
    late = len(rows.get("past_12_months", []))
    return [DashboardFigure(section="Timeliness", label="Matters open (backlog)",
                            value=backlog, unit="matters", small=0 < backlog < threshold,
                            drill=drill),
            DashboardFigure(section="Timeliness", label="Matters open more than 12 months",
                            value=late, unit="matters", small=0 < late < threshold,
                            drill=drill)]


# The figures computed from each combination of stored summaries, keyed by their ids and
# computed_at: a refresh stores a new computed_at, so an entry is never stale. The
# whole-force summaries hold megabytes of drill-down refs, and parsing them on every read
# was most of the dashboard's time; the figures themselves are a few dozen rows.
_FIGURES: dict[tuple[Any, ...], list["DashboardFigure"]] = {}
_FIGURES_KEPT = 64


def _figures_from(*, summaries: dict[str, SummaryTable | None],
                  threshold: int) -> list[DashboardFigure]:
    key = (threshold, *((n, s.pk, s.computed_at) for n, s in summaries.items() if s))
    if key in _FIGURES:
        return _FIGURES[key]
    ids = {s.pk: n for n, s in summaries.items() if s}
    rows = {ids[pk]: r for pk, r in SummaryTable.objects.filter(pk__in=ids).values_list(
        "pk", "rows")}
    figures: list[DashboardFigure] = []
    for name in ("iopc_bulletin", "home_office_return"):
        if name in rows:
            figures += _return_figures(name=name, rows=rows[name], threshold=threshold)
    if "dispro" in rows:
        figures += _dispro_figures(rows=rows["dispro"], threshold=threshold)
    if isinstance(rows.get("timeliness"), dict):
        figures += _timeliness_figures(rows=rows["timeliness"], threshold=threshold)
    figures.sort(key=lambda f: DASHBOARD_SECTIONS.index(f.section))
    while len(_FIGURES) >= _FIGURES_KEPT:  # the oldest goes first
        _FIGURES.pop(next(iter(_FIGURES)))
    _FIGURES[key] = figures
    return figures


def dashboard_figures(*, year: int, unit: str = "") -> Dashboard:
    """The public portal's headline figures for the staff: cases finalised, suspensions and
    restrictions, dismissals, mean days to finalise and the disproportionality ratios with
    their intervals, plus the open backlog and matters past 12 months from the timeliness
    summary, for financial year `year` and `unit`, read only from the stored summaries (one
    indexed read each, never the raw records; their rows only when this process has not
    yet seen that version). Counts are exact; the ones the portal would suppress are
    flagged `small`. The summaries come back without their rows (deferred)."""
    from upright.insight.summary import SUMMARIES  # summary imports this module

    threshold = statistics_setting().suppression_threshold
    wanted = {"home_office_return": {"year": year, "unit": unit},
              "iopc_bulletin": {"year": year, "unit": unit},
              "dispro": {"year": year, "unit": unit, "workforce": "officers"}}
    if "timeliness" in SUMMARIES:
        wanted["timeliness"] = {"year": year, "unit": unit}
    summaries = {name: SummaryTable.objects.defer("rows").filter(
        name=name, params_key=params_key(params)).first() for name, params in wanted.items()}
    figures = _figures_from(summaries=summaries, threshold=threshold)
    return Dashboard(year=year, unit=unit, threshold=threshold, figures=figures,
                     summaries=summaries,
                     missing=[{"name": name, **wanted[name]} for name, s in summaries.items()
                              if s is None])
