"""Disproportionality: rates per 1,000 of the relevant workforce at each stage of the
process, by ethnic group, sex and age band, and relative rate ratios against White officers
with confidence intervals (uk-process.md §8.1; Casey Review). Pure arithmetic over plain
rows from the conduct, suspensions and people selectors; nothing here touches a model."""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from upright.conduct.choices import CaseToAnswer, DisciplinaryAction, Finding, SeverityLevel
from upright.people.choices import EmploymentKind, EthnicGroup, ethnic_group_of

REFERENCE = {"ethnic_group": EthnicGroup.WHITE.value, "sex": "male", "age_band": "35-44"}
DIMENSIONS = ("ethnic_group", "sex", "age_band")
AGE_BANDS = ((0, 25, "under 25"), (25, 35, "25-34"), (35, 45, "35-44"), (45, 55, "45-54"),
             (55, 200, "55 and over"))
WORKFORCES = {
    "officers": {EmploymentKind.OFFICER.value, EmploymentKind.SPECIAL.value},
    "staff": {EmploymentKind.STAFF.value, EmploymentKind.VOLUNTEER.value},
}
DISMISSALS = {DisciplinaryAction.DISMISSAL_WITHOUT_NOTICE.value,
              DisciplinaryAction.WOULD_HAVE_BEEN_DISMISSED.value}
PROVEN = {Finding.MISCONDUCT.value, Finding.GROSS_MISCONDUCT.value}
CASE = {CaseToAnswer.MISCONDUCT.value, CaseToAnswer.GROSS_MISCONDUCT.value}

# stage code -> (label, predicate on one allegation row). A person counts once per stage.
STAGES: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "allegation": ("Subject of an allegation", lambda r: True),
    "severity_misconduct": ("Assessed as misconduct",
                            lambda r: r["severity_level"] == SeverityLevel.MISCONDUCT),
    "severity_gross": ("Assessed as gross misconduct",
                       lambda r: r["severity_level"] == SeverityLevel.GROSS_MISCONDUCT),
    "investigation": ("Investigated", lambda r: r["severity_route"] == "investigate"),
    "case_to_answer": ("Case to answer", lambda r: r["decision"] in CASE),
    "meeting": ("Referred to a misconduct meeting", lambda r: r["proceedings_form"] == "meeting"),
    "hearing": ("Referred to a misconduct hearing", lambda r: r["proceedings_form"] == "hearing"),
    "amh": ("Referred to an accelerated hearing", lambda r: r["proceedings_form"] == "amh"),
    "proven": ("Misconduct or gross misconduct proven", lambda r: r["finding"] in PROVEN),
    "dismissal": ("Dismissed (or would have been)",
                  lambda r: r["disciplinary_action"] in DISMISSALS),
}
SUSPENSION_STAGES = {"suspended": "Suspended", "restricted": "Placed on restricted duties"}
# stages counted from other apps' records: stage code -> label (person ids come in `events`)
EVENT_STAGES = {"screening_hit": "Integrity screening hit (own conduct)",
                "vetting_withdrawn": "Vetting clearance withdrawn"}


def age_band_of(*, born: dt.date, on: dt.date) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(label for low, high, label in AGE_BANDS if low <= age < high)


def person_groups(row: dict[str, Any], *, on: dt.date) -> dict[str, str]:
    return {"ethnic_group": ethnic_group_of(row["ethnicity"]).value, "sex": row["sex"],
            "age_band": age_band_of(born=row["date_of_birth"], on=on)}


@dataclass(frozen=True)
class RateRatio:
    ratio: float
    low: float
    high: float


def rate_ratio(*, a: int, n1: int, b: int, n0: int, z: float = 1.96) -> RateRatio | None:
    """Relative rate (a/n1)/(b/n0) with its confidence interval from the log-RR standard
    error sqrt(1/a - 1/n1 + 1/b - 1/n0) (Katz et al. 1978). None when either count is 0."""
    if a <= 0 or b <= 0 or n1 <= 0 or n0 <= 0:
        return None
    ratio = (a / n1) / (b / n0)
    se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n0)
    return RateRatio(ratio=ratio, low=math.exp(math.log(ratio) - z * se),
                     high=math.exp(math.log(ratio) + z * se))


@dataclass(frozen=True)
class DisproCell:
    """One group at one stage: people counted, the workforce in the group, the rate per
    1,000, and the ratio against the reference group (None when suppressed or not defined).
    shown: what may be displayed ("<5" for a suppressed count). refs: the references of the
    matters behind the count (its drill-down; empty for stages counted from other records,
    such as screening hits)."""

    stage: str
    dimension: str
    group: str
    count: int
    workforce: int
    rate_per_1000: float | None
    ratio: RateRatio | None
    suppressed: bool
    shown: str
    refs: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["ratio"] = asdict(self.ratio) if self.ratio else None
        return row


def _cells(*, stage: str, dimension: str, counts: dict[str, int], workforce: dict[str, int],
           threshold: int, z: float, refs: Mapping[str, set[str]]) -> list[DisproCell]:
    reference = REFERENCE[dimension]
    ref_n, ref_count = workforce.get(reference, 0), counts.get(reference, 0)
    out = []
    for group in sorted(workforce):
        count, n = counts.get(group, 0), workforce[group]
        suppressed = 0 < count < threshold
        ratio = None
        if group != reference and not suppressed and ref_count >= threshold:
            ratio = rate_ratio(a=count, n1=n, b=ref_count, n0=ref_n, z=z)
        out.append(DisproCell(
            stage=stage, dimension=dimension, group=group, count=count, workforce=n,
            rate_per_1000=None if suppressed or not n else round(1000 * count / n, 2),
            ratio=ratio, suppressed=suppressed,
            shown=f"<{threshold}" if suppressed else str(count),
            refs=sorted(refs.get(group, ()))))
    return out


def disproportion_table(
    *, allegations: Iterable[dict[str, Any]], suspensions: Iterable[dict[str, Any]],
    workforce: Iterable[dict[str, Any]], on: dt.date, threshold: int = 5, z: float = 1.96,
    events: Mapping[str, Iterable[int]] | None = None,
) -> list[DisproCell]:
    """Cells for every stage x dimension x group. `workforce` rows (people in post in the
    period) are the denominators; only allegations, suspensions and `events` (EVENT_STAGES
    code -> person ids) about those people count, each person once per stage. Each cell
    carries the references of the matters that put its people at that stage."""
    groups = {row["id"]: person_groups(row, on=on) for row in workforce}
    people_at: dict[str, set[int]] = defaultdict(set)
    # (stage, person id) -> matter references, so each cell can list the matters behind it
    refs_at: dict[tuple[str, int], set[str]] = defaultdict(set)
    for row in allegations:
        if row["subject_id"] in groups:
            for code, (_, predicate) in STAGES.items():
                if predicate(row):
                    people_at[code].add(row["subject_id"])
                    if row.get("reference"):
                        refs_at[(code, row["subject_id"])].add(row["reference"])
    for row in suspensions:
        if row["person_id"] in groups:
            people_at[row["kind"]].add(row["person_id"])
            if row.get("matter_ref"):
                refs_at[(row["kind"], row["person_id"])].add(row["matter_ref"])
    for stage, person_ids in (events or {}).items():
        people_at[stage].update(pid for pid in person_ids if pid in groups)
    cells: list[DisproCell] = []
    for dimension in DIMENSIONS:
        workforce_n: dict[str, int] = defaultdict(int)
        for person in groups.values():
            workforce_n[person[dimension]] += 1
        for stage in [*STAGES, *SUSPENSION_STAGES, *(s for s in EVENT_STAGES if s in (events or {}))]:
            counts: dict[str, int] = defaultdict(int)
            refs: dict[str, set[str]] = defaultdict(set)
            for pid in people_at[stage]:
                counts[groups[pid][dimension]] += 1
                refs[groups[pid][dimension]].update(refs_at.get((stage, pid), ()))
            cells += _cells(stage=stage, dimension=dimension, counts=counts,
                            workforce=workforce_n, threshold=threshold, z=z, refs=refs)
    return cells


@dataclass(frozen=True)
class CategoryRate:
    """Allegations in one category decided in the period, how many had a case to answer,
    and the share (None when suppressed)."""

    category: str
    decided: int
    case_to_answer: int
    rate: float | None
    suppressed: bool
    shown: str


def case_to_answer_by_category(*, allegations: Iterable[dict[str, Any]],
                               threshold: int = 5) -> list[CategoryRate]:
    """Case-to-answer rate per allegation category group (IOPC scheme letters): the Casey
    Review found sexual-misconduct (H) and discrimination (F) allegations under-charged."""
    decided: dict[str, int] = defaultdict(int)
    case: dict[str, int] = defaultdict(int)
    for row in allegations:
        if row["decision"]:
            decided[row["category_group"]] += 1
            case[row["category_group"]] += row["decision"] in CASE
    out = []
    for group in sorted(decided):
        suppressed = decided[group] < threshold
        out.append(CategoryRate(
            category=group, decided=decided[group], case_to_answer=case[group],
            rate=None if suppressed else round(case[group] / decided[group], 4),
            suppressed=suppressed, shown=f"<{threshold}" if suppressed else str(case[group])))
    return out


@dataclass(frozen=True)
class ComplainantCell:
    """Complainants in one group whose complaints were finalised: how many, how many were
    told the service was not acceptable (upheld), the share, and its ratio against White
    complainants (None when suppressed or not defined)."""

    dimension: str
    group: str
    complainants: int
    upheld: int
    share: float | None
    ratio: RateRatio | None
    suppressed: bool
    shown: str

    def as_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["ratio"] = asdict(self.ratio) if self.ratio else None
        return row


COMPLAINANT_REFERENCE = {"ethnic_group": EthnicGroup.WHITE.value, "sex": "male",
                         "age_band": "35-44"}


def complainant_table(*, rows: Iterable[dict[str, Any]], threshold: int = 5,
                      z: float = 1.96) -> list[ComplainantCell]:
    """The same view on the complainant side: for each complainant group (self-described;
    blank is "not_stated"), the share whose complaint was upheld (service not acceptable), and
    the ratio of that share against the reference group, with the log-RR interval."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        groups = {"ethnic_group": ethnic_group_of(row["ethnicity"]).value if row["ethnicity"]
                  else EthnicGroup.NOT_STATED.value,
                  "sex": row["sex"] or "not_stated", "age_band": row["age_band"] or "not_stated"}
        for dimension, group in groups.items():
            counts[(dimension, group)][0] += 1
            counts[(dimension, group)][1] += row["service_acceptable"] is False
    out = []
    for (dimension, group), (n, upheld) in sorted(counts.items()):
        ref_n, ref_upheld = counts.get((dimension, COMPLAINANT_REFERENCE[dimension]), [0, 0])
        suppressed = n < threshold
        ratio = None
        if (not suppressed and group != COMPLAINANT_REFERENCE[dimension]
                and ref_n >= threshold and upheld >= threshold and ref_upheld >= threshold):
            ratio = rate_ratio(a=upheld, n1=n, b=ref_upheld, n0=ref_n, z=z)
        out.append(ComplainantCell(
            dimension=dimension, group=group, complainants=n, upheld=upheld,
            share=None if suppressed else round(upheld / n, 4), ratio=ratio,
            suppressed=suppressed, shown=f"<{threshold}" if suppressed else str(n)))
    return out
