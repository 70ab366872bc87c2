"""Read the Chicago (CPDP) records into the frames the early-intervention code uses, and the
mappings onto Upright's vocabulary. Documented in docs/chicago-import.md.

Framework-free (pandas) so the benchmark can evaluate straight from the CSVs; the importer
(insight_import_chicago) reuses the same mappings to write people and conduct matters.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "chicago-police"

RACE_TO_ETHNICITY = {  # CPDP race -> Upright Ethnicity code (its prefix is the census group)
    "WHITE": "white_other", "BLACK": "black_other", "HISPANIC": "other_any",
    "ASIAN/PACIFIC ISLANDER": "asian_other", "NATIVE AMERICAN/ALASKAN NATIVE": "other_any",
}
GENDER_TO_SEX = {"MALE": "male", "FEMALE": "female"}

# Category prefix (before the colon) -> feature group. Checked in order; first match wins.
_GROUP_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("discrimination_verbal", ("RACIAL", "VERBAL ABUSE", "SEXUAL", "CIVIL RIGHTS", "HARASS",
                               "FIRST AMENDMENT", "PROFANITY")),
    ("force", ("EXCESSIVE FORCE", "ARRESTEE", "UNNECESSARY PHYSICAL", "WEAPON", "FIREARM",
               "TASER", "CHOKED", "KICKED", "STRIKE", "TAKE DOWN", "DRAGGED", "PUSH/PULL",
               "INJURY", "ASSAULT")),
    ("search_arrest", ("SEARCH", "ILLEGAL ARREST", "ARREST/IMPROPER", "IMPROPER SEARCH",
                       "EXCESSIVE DETENTION", "IMPROPER DETENTION", "NO ARREST",
                       "MISCONDUCT DURING ISSUANCE")),
    ("conduct_duty", ("OPERATION/PERSONNEL", "NEGLECT", "CONDUCT UNBECOMING", "SUPERVISOR",
                      "SUPVR", "INADEQUATE", "REPORTS", "INSUBORDINATION", "MEDICAL ROLL",
                      "ABSENT", "ALCOHOL", "INTOXICATED", "D.U.I", "DRUG", "COMMISSION OF CRIME",
                      "BRIBE", "THEFT", "DOMESTIC", "INVENTORY", "PRISONER", "ARREST/LOCKUP")),
)
# Feature group -> Upright allegation category code (conduct reference data).
GROUP_TO_UPRIGHT_CATEGORY = {
    "force": "use_of_force", "search_arrest": "search_arrest_detention",
    "discrimination_verbal": "discrimination", "conduct_duty": "other_neglect_or_failure",
    "other": "other",
}


def category_group(category: object) -> str:
    text = str(category or "").upper()
    for group, needles in _GROUP_RULES:
        if any(n in text for n in needles):
            return group
    return "other"


def _date(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce")


def people_frame(officers: pd.DataFrame) -> pd.DataFrame:
    eth = officers["race"].map(RACE_TO_ETHNICITY).fillna("not_stated")
    return pd.DataFrame({
        "person_id": officers["officer_id"].astype("int64"),
        "start": _date(officers["appointed_date"]),
        "end": _date(officers["resignation_date"]),
        "unit": officers["unit"].astype("string"),
        "role": officers["rank"].astype("string"),
        "ethnicity": eth,
        "ethnic_group": eth.str.split("_").str[0].where(eth != "not_stated", "not_stated"),
        "sex": officers["gender"].map(GENDER_TO_SEX).fillna("not_stated"),
    }).dropna(subset=["start"])


def events_frame(allegations: pd.DataFrame, complaints: pd.DataFrame,
                 use_of_force: pd.DataFrame | None = None) -> pd.DataFrame:
    cr = complaints.assign(cr_id=complaints["cr_id"].astype(str)).drop_duplicates("cr_id")
    al = allegations.assign(cr_id=allegations["cr_id"].astype(str))
    # cr_id is the key as written in both files ("C170981" is a different complaint from
    # "170981"); every allegation joins.
    merged = al.merge(cr, on="cr_id", how="left", suffixes=("", "_c"))
    received = _date(merged["complaint_date"]).fillna(_date(merged["incident_date"]))
    frame = pd.DataFrame({
        "person_id": pd.to_numeric(merged["officer_id"], errors="coerce"),
        "at": received, "kind": "complaint",
        "category": merged["complaint_category"].map(category_group),
        "sustained": merged["final_finding"].eq("SU"),
        "finding_at": _date(merged["closed_date"]),
    }).dropna(subset=["person_id", "at"])
    parts = [frame]
    if use_of_force is not None:
        uof = use_of_force.dropna(subset=["officer_id"])
        parts.append(pd.DataFrame({
            "person_id": pd.to_numeric(uof["officer_id"], errors="coerce"),
            "at": _date(uof["trr_date"]), "kind": "use_of_force", "category": "force",
            "sustained": False, "finding_at": pd.NaT,
        }).dropna(subset=["person_id", "at"]))
    out = pd.concat(parts, ignore_index=True)
    out["person_id"] = out["person_id"].astype("int64")
    return out


def load(data: Path = DATA) -> tuple[pd.DataFrame, pd.DataFrame]:
    officers = pd.read_csv(data / "officers.csv.gz", dtype=str)
    allegations = pd.read_csv(data / "allegations.csv.gz", dtype=str)
    complaints = pd.read_csv(data / "complaints.csv.gz", dtype=str)
    uof = pd.read_csv(data / "use_of_force.csv.gz", dtype=str)
    return people_frame(officers), events_frame(allegations, complaints, uof)
