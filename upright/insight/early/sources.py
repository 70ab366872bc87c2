"""The `people` and `events` frames that `features.py` expects, built from Upright's own
records (people and conduct selectors: a handful of plain scans, no query per person).

Mapping (documented on the early page and in the bench README):
- people: start/end = start_date/end_date; unit = org unit id; role = rank_or_grade;
  ethnic_group = the census group of the person's ethnicity; sex as recorded.
- events: one "complaint" event per allegation (complaints and conduct matters alike: both are
  allegations a supervisor would want to know of), received when the matter came to attention.
- category: the allegation's Standard and IOPC category group mapped onto CATEGORY_GROUPS
  (`category_group_of`).
- sustained: the allegation's finding on the current outcome is misconduct or gross
  misconduct, known from the day that outcome concluded. Only a recorded finding counts: a
  matter's route is not evidence of one (the count of sustained allegations is reported with
  every trained version).
- Upright has no use-of-force register, so the use-of-force features are always 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from upright.conduct import selectors as conduct_selectors
from upright.conduct.choices import Finding, Standard
from upright.people import selectors as people_selectors
from upright.people.choices import Ethnicity, ethnic_group_of

PROVEN = frozenset({Finding.MISCONDUCT.value, Finding.GROSS_MISCONDUCT.value})
# IOPC category group letter -> feature group (conduct migration 0002 and 0007 hold the
# letters). B "police powers" covers search, arrest and detention; its use-of-force
# allegations are picked out by their Standard first.
GROUP_OF_LETTER = {
    "A": "conduct_duty", "C": "conduct_duty", "D": "conduct_duty", "E": "conduct_duty",
    "J": "conduct_duty", "V": "conduct_duty",
    "B": "search_arrest",
    "F": "discrimination_verbal", "G": "discrimination_verbal", "H": "discrimination_verbal",
    "K": "other", "L": "other",
}
PEOPLE_COLUMNS = ["person_id", "start", "end", "unit", "role", "ethnic_group", "sex"]
EVENT_COLUMNS = ["person_id", "at", "kind", "category", "sustained", "finding_at"]


@dataclass
class RecordFrames:
    people: pd.DataFrame
    events: pd.DataFrame
    sustained_from_findings: int


def category_group_of(*, standard: str, letter: str | None) -> str:
    if standard == Standard.USE_OF_FORCE:
        return "force"
    if standard == Standard.EQUALITY_DIVERSITY:
        return "discrimination_verbal"
    return GROUP_OF_LETTER.get(letter or "", "other")


def _ethnic_group(ethnicity: str | None) -> str:
    if not ethnicity or ethnicity not in Ethnicity.values:
        return "not_stated"
    return str(ethnic_group_of(ethnicity).value)


def people_frame_from_records() -> pd.DataFrame:
    rows = list(people_selectors.insight_early_people_facts().values_list(
        "id", "start_date", "end_date", "org_unit_id", "rank_or_grade", "ethnicity", "sex"))
    frame = pd.DataFrame.from_records(rows, columns=["person_id", "start", "end", "unit", "role",
                                                     "ethnicity", "sex"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame["unit"] = frame["unit"].astype("Int64").astype("string")  # ids, not floats
    frame["role"] = frame["role"].replace("", None).astype("string")
    groups = {e: _ethnic_group(e) for e in frame["ethnicity"].unique()}
    frame["ethnic_group"] = frame["ethnicity"].map(groups)
    frame["sex"] = frame["sex"].replace("", "not_stated").fillna("not_stated")
    return frame[PEOPLE_COLUMNS]


def _naive_utc(series: pd.Series) -> pd.Series:
    """The features compare with naive cutoff timestamps: store every instant as naive UTC."""
    out = pd.to_datetime(series, utc=True)
    return out.dt.tz_convert("UTC").dt.tz_localize(None)


def _current_findings() -> pd.DataFrame:
    """allegation id -> (finding, concluded_on), the latest current finding of each."""
    rows = list(conduct_selectors.insight_early_findings().values_list(
        "allegation_id", "finding", "concluded_on"))
    frame = pd.DataFrame.from_records(rows, columns=["id", "finding", "finding_on"])
    return frame.drop_duplicates("id", keep="last").set_index("id")


def events_frame_from_records() -> tuple[pd.DataFrame, int]:
    """(events, how many allegations are sustained by a recorded finding)."""
    fields = ["id", "subject_id", "standard", "attention", "category_group", "closed_at"]
    rows = list(conduct_selectors.insight_early_allegation_events().values_list(*fields))
    raw = pd.DataFrame.from_records(rows, columns=fields)
    if raw.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS), 0
    raw = raw.join(_current_findings(), on="id")
    by_finding = raw["finding"].isin(PROVEN)
    closed = _naive_utc(raw["closed_at"])
    concluded = pd.to_datetime(raw["finding_on"])
    categories = {(s, g): category_group_of(standard=s, letter=g)
                  for s, g in set(zip(raw["standard"], raw["category_group"], strict=True))}
    events = pd.DataFrame({
        "person_id": raw["subject_id"].astype("int64"),
        "at": _naive_utc(raw["attention"]),
        "kind": "complaint",
        "category": [categories[k] for k in zip(raw["standard"], raw["category_group"],
                                                strict=True)],
        "sustained": by_finding,
        # A recorded finding is known when its outcome concluded; otherwise at closing.
        "finding_at": concluded.where(raw["finding"].notna(), closed),
    })
    return events[EVENT_COLUMNS], int(by_finding.sum())


def record_frames() -> RecordFrames:
    events, from_findings = events_frame_from_records()
    return RecordFrames(people=people_frame_from_records(), events=events,
                        sustained_from_findings=from_findings)
