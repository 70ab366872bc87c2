"""Official returns computed from the records (uk-process.md §7.2-7.3).

- The Home Office "Police misconduct" annual data requirement: cases finalised in the
  financial year (1 April to 31 March), by case type, person type (officers including
  specials / staff), and each published dimension.
- The IOPC complaints information bulletin measures, per quarter and per year.

Every cell carries the matter references that make it (its drill-down). Pure arithmetic
over plain rows from the conduct, suspensions and people selectors.

Person type and the workforce sub-split (§7.2: "police officers (including specials) and
police staff (including PCSOs and designated officers)"): `person_type` is "officers" for
officers and special constables and "staff" for everyone else. The people model records no
separate PCSO or designation flag, only `employment_kind` and the free-text `rank_or_grade`,
so the "workforce_group" dimension splits staff by that grade: a grade naming a PCSO
("PCSO", "police community support officer") is "pcso"; one naming a designation under PRA
2002 s.38 ("designated ...", "DDO", "DIO", "IDO") is "designated_officer"; other staff are
"police_staff"; volunteers and contractors (counted as staff) are kept apart by kind so the
reader can see them. A force whose HR grades do not name PCSOs shows none."""

import datetime as dt
import re
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
    "proceedings_type", "finding", "disciplinary_action", "pat_appeal", "meeting_appeal",
    "timeliness", "criminal_proceedings", "suspension", "workforce_group", "ethnic_group",
    "sex", "age_band",
)
PCSO_GRADE = re.compile(r"\bpcso\b|community support", re.IGNORECASE)
DESIGNATED_GRADE = re.compile(r"\bdesignated\b|\b(ddo|dio|ido)\b", re.IGNORECASE)
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


def financial_year_of(*, day: dt.date) -> int:
    """The first calendar year of the financial year (1 April - 31 March) holding `day`."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(*, year: int) -> tuple[dt.date, dt.date]:
    """The financial year starting 1 April `year`: (first day, day after the last)."""
    return dt.date(year, 4, 1), dt.date(year + 1, 4, 1)


def _person_type(kind: str | None) -> str:
    return "officers" if kind in OFFICER_KINDS else "staff"


def workforce_group(*, kind: str | None, grade: str | None) -> str:
    """The ADR workforce sub-split of one person (the rule is in the module docstring)."""
    if kind == EmploymentKind.OFFICER:
        return "police_officer"
    if kind == EmploymentKind.SPECIAL:
        return "special_constable"
    if kind in (EmploymentKind.VOLUNTEER, EmploymentKind.CONTRACTOR):
        return str(kind)
    if PCSO_GRADE.search(grade or ""):
        return "pcso"
    if DESIGNATED_GRADE.search(grade or ""):
        return "designated_officer"
    return "police_staff"


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
        add("workforce_group", workforce_group(kind=person.get("employment_kind"),
                                               grade=row.get("subject_grade")),
            ptype, individual, ref)
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
        if row.get("meeting_appeal_lodged"):  # reg 45: appeals from misconduct meetings
            add("meeting_appeal", row["meeting_appeal_decision"] or "pending", ptype,
                individual, ref)
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


def _mean_cell(dimension: str, pairs: list[tuple[str, int]], period: str) -> list[Cell]:
    """A mean-days cell over (reference, days) pairs, or nothing when there are none."""
    if not pairs:
        return []
    return [Cell(dimension, "all", "all", round(statistics.fmean(d for _, d in pairs), 1),
                 "days", period, sorted(r for r, _ in pairs))]


def _tally(dimension: str, keyed: Iterable[tuple[str, str]], unit: str,
           period: str) -> list[Cell]:
    """One cell per category from (category, reference) pairs: the count of pairs, with the
    distinct references as the drill-down."""
    refs: dict[str, list[str]] = defaultdict(list)
    for category, ref in keyed:
        refs[category].append(ref)
    return [Cell(dimension, category, "all", len(found), unit, period, sorted(set(found)))
            for category, found in sorted(refs.items())]


def _finalised_cells(cases: dict[str, dict[str, Any]], sub_judice: dict[int, int],
                     period: str) -> list[Cell]:
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
    return cells


def _case_handling_cells(cases: dict[str, dict[str, Any]], facts: dict[int, dict[str, Any]],
                         period: str) -> list[Cell]:
    """Days to log (attention -> first recorded), days to first contact with the complainant,
    and the cases whose outcome records actions putting it right."""
    logged, contacted, right = [], [], []
    for ref, row in sorted(cases.items()):
        fact = facts.get(row["matter_id"], {})
        if fact.get("recorded_at"):
            logged.append((ref, (fact["recorded_at"] - row["attention"]).days))
        if fact.get("first_contact_at"):
            contacted.append((ref, (fact["first_contact_at"] - row["attention"]).days))
        if fact.get("putting_right"):
            right.append(ref)
    return [*_mean_cell("mean_days_to_log", logged, period),
            *_mean_cell("mean_days_to_first_contact", contacted, period),
            Cell("cases_putting_it_right", "all", "all", len(right), "cases", period, right)]


def _review_cells(reviews: list[dict[str, Any]], first: dt.date, after: dt.date,
                  period: str) -> list[Cell]:
    """Reviews received in the period, and decided and upheld in it, by review body."""
    received = [(r["body"], r["reference"]) for r in reviews
                if first <= r["received_on"] < after]
    decided = [r for r in reviews if r["decided_at"] and r["decision"]
               and first <= timezone.localtime(r["decided_at"]).date() < after]
    return [*_tally("reviews_received", received, "reviews", period),
            *_tally("reviews_decided", ((r["body"], r["reference"]) for r in decided),
                    "reviews", period),
            *_tally("reviews_upheld", ((r["body"], r["reference"]) for r in decided
                                       if r["decision"] == "upheld"), "reviews", period)]


def _complainant_group(ethnicity: str) -> str:
    return ethnic_group_of(ethnicity).value if ethnicity else "not_stated"


def _complainant_cells(complainants: list[dict[str, Any]], period: str) -> list[Cell]:
    """Complainants of the cases finalised in the period, by self-described ethnic group, sex
    and age band (blank: not stated). One count per complainant per case."""
    return [*_tally("complainants_by_ethnic_group",
                    ((_complainant_group(c["ethnicity"]), c["reference"]) for c in complainants),
                    "complainants", period),
            *_tally("complainants_by_sex", ((c["sex"] or "not_stated", c["reference"])
                                            for c in complainants), "complainants", period),
            *_tally("complainants_by_age_band", ((c["age_band"] or "not_stated", c["reference"])
                                                 for c in complainants), "complainants", period)]


@dataclass(frozen=True)
class BulletinInputs:
    """What the bulletin is computed from besides the allegation rows: `sub_judice` matter id
    -> days suspended; `employees` in post in the year; `case_facts` matter id -> recorded_at,
    first_contact_at, putting_right (conduct insight_complaint_case_facts); `reviews` received
    or decided in the year; `complainants` of the complaints finalised in the year."""

    sub_judice: dict[int, int]
    employees: int
    case_facts: dict[int, dict[str, Any]] = field(default_factory=dict)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    complainants: list[dict[str, Any]] = field(default_factory=list)


def _bulletin_period(*, rows: list[dict[str, Any]], inputs: BulletinInputs, period: str,
                     first: dt.date, after: dt.date) -> list[Cell]:
    cases: dict[str, dict[str, Any]] = {}
    for row in rows:
        cases.setdefault(row["reference"], row)
    cells = _finalised_cells(cases, inputs.sub_judice, period)
    cells += _tally("allegations_by_category", ((r["category_group"], r["reference"])
                                                for r in rows), "allegations", period)
    cells += _tally("allegation_outcomes", ((r["complaint_outcome"] or "not recorded",
                                             r["reference"]) for r in rows),
                    "allegations", period)
    cells += _tally("cases_by_handling", ((r["complaint_track"] or "not recorded", ref)
                                          for ref, r in cases.items()), "cases", period)
    cells += _case_handling_cells(cases, inputs.case_facts, period)
    cells += _review_cells(inputs.reviews, first, after, period)
    cells += _complainant_cells([c for c in inputs.complainants if c["reference"] in cases],
                                period)
    if inputs.employees:
        all_refs = sorted(cases)
        cells.append(Cell("cases_per_1000_employees", "all", "all",
                          round(1000 * len(cases) / inputs.employees, 2), "rate", period,
                          all_refs))
        cells.append(Cell("allegations_per_1000_employees", "all", "all",
                          round(1000 * len(rows) / inputs.employees, 2), "rate", period,
                          all_refs))
    return cells


def iopc_bulletin(*, allegations: Iterable[dict[str, Any]], inputs: BulletinInputs,
                  year: int) -> list[Cell]:
    """The bulletin measures for complaints finalised in financial year `year`, for each
    quarter and for the year (period "Q1".."Q4", "year").

    Every case measure describes the complaints finalised in the period, so the figures in
    one period are about the same cases: days to finalise (with and without sub judice time),
    days to log (came to attention -> first recorded; complaints handled outside Schedule 3
    are never recorded and are not in it), days to first contact the complainant, the cases
    with actions "putting it right", allegation categories and outcomes (the outcome category
    of the complaint each allegation is on), handling type and complainant demographics.
    Reviews are counted by when they were received, decided and upheld, by review body. Days
    are calendar days [U: the IOPC may count working days]."""
    rows = [r for r in allegations if r["kind"] == MatterKind.COMPLAINT and r["closed_at"]]
    cells: list[Cell] = []
    for label, first, after in quarters(year=year):
        chosen = [r for r in rows if first <= timezone.localtime(r["closed_at"]).date() < after]
        cells += _bulletin_period(rows=chosen, inputs=inputs, period=label, first=first,
                                  after=after)
    start, end = financial_year(year=year)
    cells += _bulletin_period(rows=rows, inputs=inputs, period="year", first=start, after=end)
    return cells
