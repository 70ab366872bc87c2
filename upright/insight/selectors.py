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
from upright.insight.disproportion import (
    WORKFORCES,
    case_to_answer_by_category,
    complainant_table,
    disproportion_table,
)
from upright.insight.models import StatisticsSetting, SummaryTable
from upright.insight.returns import financial_year, home_office_return, iopc_bulletin
from upright.people import selectors as people_selectors
from upright.screening import selectors as screening_selectors
from upright.suspensions import selectors as suspensions_selectors
from upright.vetting.withdrawal import selectors as withdrawal_selectors


def statistics_setting() -> StatisticsSetting:
    """The administrator's suppression threshold and confidence level (defaults if unset)."""
    return StatisticsSetting.objects.filter(code="default").first() or StatisticsSetting()


def params_key(params: dict[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"))


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _in_unit(person: dict[str, Any] | None, unit: str) -> bool:
    return not unit or bool(person and (person.get("org_unit__path") or "").startswith(unit))


def source_stamp() -> dict[str, Any]:
    """What the records looked like when a figure was computed (counts and highest ids)."""
    return {**conduct_selectors.insight_source_stamp(), **people_selectors.insight_source_stamp(),
            **suspensions_selectors.insight_source_stamp()}


def _closed_in_year(*, year: int, unit: str) -> tuple[list[dict[str, Any]], dict[int, Any]]:
    first, after = financial_year(year=year)
    rows = list(conduct_selectors.insight_allegation_facts(
        closed_from=_aware(first), closed_to=_aware(after)))
    for row in rows:
        row["closed_local"] = timezone.localtime(row["closed_at"]).date()
    people = people_selectors.insight_person_facts(person_ids=[r["subject_id"] for r in rows])
    return [r for r in rows if _in_unit(people.get(r["subject_id"]), unit)], people


def compute_home_office_return(*, year: int, unit: str = "") -> list[dict[str, Any]]:
    """The Home Office ADR cells for financial year `year` (optionally one unit's people)."""
    rows, people = _closed_in_year(year=year, unit=unit)
    first, after = financial_year(year=year)
    entries = list(suspensions_selectors.insight_suspension_facts(
        decided_from=_aware(first), decided_to=_aware(after)))
    people.update(people_selectors.insight_person_facts(
        person_ids=[e["person_id"] for e in entries]))
    entries = [e for e in entries if _in_unit(people.get(e["person_id"]), unit)]
    sub_judice = conduct_selectors.insight_sub_judice_days(
        matter_ids=sorted({r["matter_id"] for r in rows}))
    cells = home_office_return(allegations=rows, people=people, suspensions=entries,
                               sub_judice=sub_judice, year=year)
    return [c.as_row() for c in cells]


def compute_iopc_bulletin(*, year: int, unit: str = "") -> list[dict[str, Any]]:
    """The IOPC bulletin measures per quarter and for financial year `year`."""
    rows, _ = _closed_in_year(year=year, unit=unit)
    first, after = financial_year(year=year)
    employees = sum(1 for p in people_selectors.insight_workforce_facts(
        from_day=first, to_day=after - dt.timedelta(days=1)) if _in_unit(p, unit))
    sub_judice = conduct_selectors.insight_sub_judice_days(
        matter_ids=sorted({r["matter_id"] for r in rows}))
    return [c.as_row() for c in iopc_bulletin(allegations=rows, sub_judice=sub_judice,
                                               year=year, employees=employees)]


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
        attention_from=_aware(first), attention_to=_aware(after)))
    entries = list(suspensions_selectors.insight_suspension_facts(
        decided_from=_aware(first), decided_to=_aware(after)))
    events = {
        "screening_hit": [h["employee_id"] for h in screening_selectors.insight_hit_facts(
            created_from=_aware(first), created_to=_aware(after))],
        "vetting_withdrawn": [w["person_id"] for w in withdrawal_selectors.insight_withdrawal_facts(
            decided_from=_aware(first), decided_to=_aware(after))],
    }
    cells = disproportion_table(allegations=rows, suspensions=entries, workforce=people,
                                on=first, threshold=setting.suppression_threshold,
                                z=setting.confidence_z, events=events)
    ids = {p["id"] for p in people}
    categories = case_to_answer_by_category(
        allegations=[r for r in rows if r["subject_id"] in ids],
        threshold=setting.suppression_threshold)
    complainants = complainant_table(
        rows=conduct_selectors.insight_complainant_facts(closed_from=_aware(first),
                                                         closed_to=_aware(after)),
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
