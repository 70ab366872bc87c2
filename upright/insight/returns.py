"""Official returns computed from the records (uk-process.md §7.2-7.3).

- The Home Office "Police misconduct" annual data requirement: cases finalised in the
  financial year (1 April to 31 March), by case type, person type (officers including
  specials / staff), and each published dimension.
- The IOPC complaints information bulletin measures, per quarter and per year.

Every cell carries the matter references that make it (its drill-down). Pure arithmetic
over plain rows from the conduct, suspensions and people selectors."""

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone

from upright.conduct.choices import ComplaintTrack, MatterKind
from upright.insight.disproportion import age_band_of
from upright.people.choices import EmploymentKind, ethnic_group_of

OFFICER_KINDS = {EmploymentKind.OFFICER.value, EmploymentKind.SPECIAL.value}
HOME_OFFICE_DIMENSIONS = (
    "case_type", "breach_type", "allegation_type", "case_to_answer", "allegation_result",
    "proceedings_type", "finding", "disciplinary_action", "pat_appeal", "timeliness",
    "criminal_proceedings", "suspension", "ethnic_group", "sex", "age_band",
)
TIMELINESS_BANDS = ((0, 183, "under 6 months"), (183, 366, "6 to 12 months"),
                    (366, 731, "12 to 24 months"), (731, 100_000, "24 months or more"))


@dataclass
class Cell:
    """One figure: return, dimension, category, person type, value (a count, or days for a
    timeliness average), and the references of the matters it counts."""

    dimension: str
    category: str
    person_type: str
    value: float
    unit: str = "individuals"
    period: str = ""
    refs: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def financial_year(*, year: int) -> tuple[dt.date, dt.date]:
    """The financial year starting 1 April `year`: (first day, day after the last)."""
    return dt.date(year, 4, 1), dt.date(year + 1, 4, 1)


def _person_type(kind: str | None) -> str:
    return "officers" if kind in OFFICER_KINDS else "staff"


def _case_type(row: dict[str, Any]) -> str | None:
    """The ADR's three case types; complaints count only when investigated under special
    procedures (§7.2 scope). Other complaints are not in this return."""
    if row["kind"] == MatterKind.COMPLAINT:
        return "complaint_special_procedures" if row["special_procedures"] else None
    return str(row["kind"])


class _Counter:
    def __init__(self, period: str = "") -> None:
        self.refs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.keys: dict[tuple[str, str, str], set[Any]] = defaultdict(set)
        self.period = period

    def add(self, dimension: str, category: str | None, person_type: str, key: Any,
            ref: str) -> None:
        if category in (None, ""):
            return
        self.keys[(dimension, str(category), person_type)].add(key)
        self.refs[(dimension, str(category), person_type)].add(ref)

    def cells(self, unit_of: dict[str, str]) -> list[Cell]:
        return [Cell(dimension=d, category=c, person_type=p, value=len(keys),
                     unit=unit_of.get(d, "individuals"), period=self.period,
                     refs=sorted(self.refs[(d, c, p)]))
                for (d, c, p), keys in sorted(self.keys.items())]


def home_office_return(
    *, allegations: Iterable[dict[str, Any]], people: dict[int, dict[str, Any]],
    suspensions: Iterable[dict[str, Any]], sub_judice: dict[int, int], year: int,
) -> list[Cell]:
    """The ADR cells for cases finalised in financial year `year`. `allegations` are rows of
    matters closed in the year; `people` the subjects' characteristics; `suspensions` the
    entries decided in the year; `sub_judice` matter id -> days suspended for criminal
    proceedings (a matter with any counts as "involving criminal proceedings")."""
    start, _ = financial_year(year=year)
    period = f"{year}/{(year + 1) % 100:02d}"
    counter = _Counter(period)
    case_days: dict[tuple[str, str], int] = {}
    for row in allegations:
        case_type = _case_type(row)
        if case_type is None:
            continue
        person = people.get(row["subject_id"], {})
        ptype = _person_type(person.get("employment_kind"))
        ref, individual = row["reference"], (row["matter_id"], row["subject_id"])
        add = counter.add
        add("case_type", case_type, ptype, individual, ref)
        add("breach_type", row["standard"], ptype, row["id"], ref)
        add("allegation_type", row["category_group"], ptype, row["id"], ref)
        if row["decision"]:
            add("case_to_answer", "no" if row["decision"] == "no_case" else "yes", ptype,
                individual, ref)
        add("allegation_result", row["finding"] or row["status"], ptype, row["id"], ref)
        add("proceedings_type", row["proceedings_form"], ptype, individual, ref)
        add("finding", row["finding"], ptype, row["id"], ref)
        add("disciplinary_action", row["disciplinary_action"], ptype, individual, ref)
        if row["pat_lodged"]:
            add("pat_appeal", row["pat_decision"] or "pending", ptype, individual, ref)
        if row["matter_id"] in sub_judice:
            add("criminal_proceedings", "yes", ptype, individual, ref)
        if person:
            add("ethnic_group", ethnic_group_of(person["ethnicity"]).value, ptype, individual, ref)
            add("sex", person["sex"], ptype, individual, ref)
            add("age_band", age_band_of(born=person["date_of_birth"], on=start), ptype,
                individual, ref)
        days = (row["closed_at"] - row["attention"]).days
        band = next(label for low, high, label in TIMELINESS_BANDS if low <= days < high)
        add("timeliness", band, ptype, row["matter_id"], ref)
        case_days[(ref, ptype)] = days
    for entry in suspensions:
        person = people.get(entry["person_id"], {})
        counter.add("suspension", entry["kind"], _person_type(person.get("employment_kind")),
                    entry["id"], entry["matter_ref"])
    unit_of = {"breach_type": "allegations", "allegation_type": "allegations",
               "allegation_result": "allegations", "finding": "allegations",
               "timeliness": "cases", "suspension": "suspensions"}
    cells = counter.cells(unit_of)
    for ptype in ("officers", "staff"):
        days = [d for (_, p), d in case_days.items() if p == ptype]
        if days:
            cells.append(Cell(dimension="timeliness", category="mean days to finalise",
                              person_type=ptype, value=round(statistics.fmean(days), 1),
                              unit="days", period=period,
                              refs=sorted(r for (r, p) in case_days if p == ptype)))
    return cells


def quarters(*, year: int) -> list[tuple[str, dt.date, dt.date]]:
    """The four quarters of financial year `year`, as (label, first day, day after)."""
    starts = [dt.date(year, 4, 1), dt.date(year, 7, 1), dt.date(year, 10, 1),
              dt.date(year + 1, 1, 1), dt.date(year + 1, 4, 1)]
    return [(f"Q{i + 1}", starts[i], starts[i + 1]) for i in range(4)]


def _bulletin_period(*, rows: list[dict[str, Any]], sub_judice: dict[int, int], period: str,
                     employees: int) -> list[Cell]:
    cases: dict[str, dict[str, Any]] = {}
    for row in rows:
        cases.setdefault(row["reference"], row)
    cells: list[Cell] = []
    tracks = {"outside_sch3": [ComplaintTrack.OUTSIDE_SCH3.value],
              "under_sch3": [ComplaintTrack.SCH3_OTHERWISE.value,
                             ComplaintTrack.SCH3_INVESTIGATION.value]}
    for label, codes in tracks.items():
        chosen = sorted((r for r in cases.values() if r["complaint_track"] in codes),
                        key=lambda r: r["reference"])
        refs = [r["reference"] for r in chosen]
        days = [(r["closed_at"] - r["attention"]).days for r in chosen]
        cells.append(Cell("cases_finalised", label, "all", len(chosen), "cases", period, refs))
        if not chosen:
            continue
        cells.append(Cell("mean_days_to_finalise", label, "all",
                          round(statistics.fmean(days), 1), "days", period, refs))
        if label == "under_sch3":
            net = [d - sub_judice.get(r["matter_id"], 0) for r, d in zip(chosen, days, strict=True)]
            cells.append(Cell("mean_days_to_finalise_excl_sub_judice", label, "all",
                              round(statistics.fmean(net), 1), "days", period, refs))
    by_category: dict[str, list[str]] = defaultdict(list)
    by_handling: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_category[row["category_group"]].append(row["reference"])
    for row in cases.values():
        by_handling[row["complaint_track"] or "not recorded"].append(row["reference"])
    for group, refs in sorted(by_category.items()):
        cells.append(Cell("allegations_by_category", group, "all", len(refs), "allegations",
                          period, sorted(set(refs))))
    for track, refs in sorted(by_handling.items()):
        cells.append(Cell("cases_by_handling", track, "all", len(refs), "cases", period,
                          sorted(refs)))
    if employees:
        all_refs = sorted(cases)
        cells.append(Cell("cases_per_1000_employees", "all", "all",
                          round(1000 * len(cases) / employees, 2), "rate", period, all_refs))
        cells.append(Cell("allegations_per_1000_employees", "all", "all",
                          round(1000 * len(rows) / employees, 2), "rate", period, all_refs))
    return cells


def iopc_bulletin(*, allegations: Iterable[dict[str, Any]], sub_judice: dict[int, int],
                  year: int, employees: int) -> list[Cell]:
    """The bulletin measures for complaints finalised in financial year `year`, for each
    quarter and for the year (period "Q1".."Q4", "year")."""
    rows = [r for r in allegations if r["kind"] == MatterKind.COMPLAINT and r["closed_at"]]
    cells: list[Cell] = []
    for label, first, after in quarters(year=year):
        chosen = [r for r in rows if first <= timezone.localtime(r["closed_at"]).date() < after]
        cells += _bulletin_period(rows=chosen, sub_judice=sub_judice, period=label,
                                  employees=employees)
    cells += _bulletin_period(rows=rows, sub_judice=sub_judice, period="year",
                              employees=employees)
    return cells
