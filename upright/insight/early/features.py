"""Features for the early-intervention score, computed as of a cutoff date.

Framework-free (pandas) so the same code serves the Django service, the tests and the
benchmark on the Chicago records. The one rule that matters: nothing on or after the cutoff
is seen. An event counts only if it was received before the cutoff, and a finding counts only
if it was known (the case closed) before the cutoff; a person counts only if in post at it.

Inputs:
- people: person_id, start, end (NaT if still serving), unit, role, ethnic_group, sex;
- events: person_id, at, kind ("complaint" or "use_of_force"), category, sustained,
  finding_at (when the finding became known; NaT while open).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

WINDOWS_YEARS = (1, 2, 5)
CATEGORY_GROUPS = ("force", "search_arrest", "discrimination_verbal", "conduct_duty", "other")

FEATURES: tuple[str, ...] = (
    *(f"complaints_{y}y" for y in WINDOWS_YEARS),
    *(f"{g}_5y" for g in CATEGORY_GROUPS),
    "sustained_5y", "sustained_all",
    "use_of_force_1y", "use_of_force_2y",
    "years_since_last_complaint", "tenure_years",
    "complaints_2y_vs_unit", "complaints_2y_vs_role",
)

LABELS: dict[str, str] = {
    "complaints_1y": "complaints in the last year",
    "complaints_2y": "complaints in the last 2 years",
    "complaints_5y": "complaints in the last 5 years",
    "force_5y": "use-of-force allegations in 5 years",
    "search_arrest_5y": "search/arrest allegations in 5 years",
    "discrimination_verbal_5y": "discrimination or verbal-abuse allegations in 5 years",
    "conduct_duty_5y": "conduct/neglect-of-duty allegations in 5 years",
    "other_5y": "other allegations in 5 years",
    "sustained_5y": "sustained findings (known) in 5 years",
    "sustained_all": "sustained findings (known), whole career",
    "use_of_force_1y": "use-of-force reports in the last year",
    "use_of_force_2y": "use-of-force reports in the last 2 years",
    "years_since_last_complaint": "years since the last complaint",
    "tenure_years": "years of service",
    "complaints_2y_vs_unit": "2-year complaints relative to unit median",
    "complaints_2y_vs_role": "2-year complaints relative to role median",
}

_NO_COMPLAINT_YEARS = 20.0  # "never" is treated as a long time ago, not as missing


def _ts(cutoff: dt.date) -> pd.Timestamp:
    return pd.Timestamp(cutoff)


def people_active_at(people: pd.DataFrame, cutoff: dt.date) -> pd.DataFrame:
    c = _ts(cutoff)
    mask = (people["start"] < c) & (people["end"].isna() | (people["end"] >= c))
    return people.loc[mask]


def features_build(*, people: pd.DataFrame, events: pd.DataFrame, cutoff: dt.date) -> pd.DataFrame:
    """One row per person in post at `cutoff`, indexed by person_id, columns FEATURES."""
    c = _ts(cutoff)
    active = people_active_at(people, cutoff).set_index("person_id")
    ev = events.loc[(events["at"] < c) & events["person_id"].isin(active.index)]
    out = pd.DataFrame(index=active.index)
    complaints = ev.loc[ev["kind"] == "complaint"]
    force = ev.loc[ev["kind"] == "use_of_force"]

    def count(frame: pd.DataFrame, years: float | None) -> pd.Series:
        if years is not None:
            frame = frame.loc[frame["at"] >= c - pd.DateOffset(years=int(years))]
        return frame.groupby("person_id").size().reindex(out.index, fill_value=0).astype(float)

    for y in WINDOWS_YEARS:
        out[f"complaints_{y}y"] = count(complaints, y)
    recent = complaints.loc[complaints["at"] >= c - pd.DateOffset(years=5)]
    for g in CATEGORY_GROUPS:
        out[f"{g}_5y"] = count(recent.loc[recent["category"] == g], None)
    # A finding is only known once the case closed: sustained cases still open at the cutoff
    # are invisible, otherwise the feature would leak the future outcome.
    known = complaints.loc[complaints["sustained"].astype(bool) & (complaints["finding_at"] < c)]
    out["sustained_5y"] = count(known, 5)
    out["sustained_all"] = count(known, None)
    out["use_of_force_1y"] = count(force, 1)
    out["use_of_force_2y"] = count(force, 2)
    last = complaints.groupby("person_id")["at"].max().reindex(out.index)
    since = (c - last).dt.days / 365.25
    out["years_since_last_complaint"] = since.fillna(_NO_COMPLAINT_YEARS).clip(upper=_NO_COMPLAINT_YEARS)
    out["tenure_years"] = ((c - active["start"]).dt.days / 365.25).clip(lower=0)
    for peer, column in (("unit", "complaints_2y_vs_unit"), ("role", "complaints_2y_vs_role")):
        key = active[peer].fillna("(none)")
        median = out["complaints_2y"].groupby(key).transform("median")
        # +1 smoothing: most peer medians are 0, and a ratio to 0 is meaningless.
        out[column] = (out["complaints_2y"] + 1.0) / (median + 1.0)
    return out[list(FEATURES)]


def labels_build(*, people: pd.DataFrame, events: pd.DataFrame, cutoff: dt.date,
                 horizon_days: int = 365) -> pd.Series:
    """1 if the person had a complaint received in [cutoff, cutoff + horizon) that was (or
    later was) sustained. Used only to train on the past and to score later years."""
    c = _ts(cutoff)
    active = people_active_at(people, cutoff)["person_id"]
    window = events.loc[(events["kind"] == "complaint") & (events["at"] >= c)
                        & (events["at"] < c + pd.Timedelta(days=horizon_days))
                        & events["sustained"].astype(bool)]
    hit = set(window["person_id"])
    return pd.Series(np.array([p in hit for p in active], dtype=int),
                     index=pd.Index(active, name="person_id"))
