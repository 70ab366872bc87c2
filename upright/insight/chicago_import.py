"""Import the Chicago (CPDP) records into Upright's own model: proof that the model holds
another force's history. Officers become people under a separate "Chicago PD" unit tree;
each complaint (cr_id) becomes a conduct matter with one allegation per accused officer,
loaded through conduct's bulk seeding (valid routes, history and deadlines). Mapping in
docs/chicago-import.md.

All or nothing: the files are checked first, and everything is written in one transaction.
Re-running skips officers and complaints already imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.conduct.choices import MatterKind, Standard
from upright.conduct.services.seeding import AllegationSeed, MatterSeed, matters_seed_bulk
from upright.core.exceptions import ActionForbidden, ValidationFailed
from upright.insight.chicago_data import DATA, GENDER_TO_SEX, RACE_TO_ETHNICITY, category_group
from upright.insight.early import audit_events as ev
from upright.people.choices import EmploymentKind, EmploymentStatus, OfficerRank, OrgUnitKind
from upright.people.models import OrgUnit, Person

COLUMNS = {
    "officers": {"officer_id", "birth_year", "race", "gender", "appointed_date",
                 "resignation_date", "unit", "rank"},
    "allegations": {"cr_id", "officer_id", "complaint_category", "final_finding"},
    "complaints": {"cr_id", "incident_date", "complaint_date", "closed_date"},
}
RANK = {"POLICE OFFICER": OfficerRank.CONSTABLE, "FIELD TRAINING OFFICER": OfficerRank.CONSTABLE,
        "DETECTIVE": OfficerRank.CONSTABLE, "SERGEANT": OfficerRank.SERGEANT,
        "LIEUTENANT": OfficerRank.INSPECTOR, "CAPTAIN": OfficerRank.CHIEF_INSPECTOR,
        "COMMANDER": OfficerRank.SUPERINTENDENT, "DEPUTY CHIEF": OfficerRank.CHIEF_SUPERINTENDENT,
        "CHIEF": OfficerRank.COMMANDER}
# (Upright category code, Standard of Professional Behaviour) per feature group; a few
# specific categories are mapped more finely first.
GROUP_CATEGORY = {
    "force": ("B1", Standard.USE_OF_FORCE),
    "search_arrest": ("B1", Standard.ORDERS_INSTRUCTIONS),
    "discrimination_verbal": ("G1", Standard.AUTHORITY_RESPECT_COURTESY),
    "conduct_duty": ("A1", Standard.DUTIES_RESPONSIBILITIES),
    "other": ("L1", Standard.DISCREDITABLE_CONDUCT),
}
SPECIFIC = (("RACIAL", ("F1", Standard.EQUALITY_DIVERSITY)),
            ("SEXUAL HARASS", ("H2", Standard.DISCREDITABLE_CONDUCT)),
            ("RAPE/SEX", ("H1", Standard.DISCREDITABLE_CONDUCT)),
            ("BRIBE", ("J3", Standard.HONESTY_INTEGRITY)),
            ("CORRUPTION", ("J3", Standard.HONESTY_INTEGRITY)),
            ("THEFT", ("J3", Standard.HONESTY_INTEGRITY)))
# Final finding -> the route the matter took (conduct.services.seeding.ROUTES).
ROUTE = {"SU": "investigation_rprp", "NS": "no_case_to_answer", "UN": "no_case_to_answer",
         "EX": "no_case_to_answer", "NAF": "nfa_at_recording", "NC": "nfa_at_recording",
         "DIS": "nfa_at_recording"}


def allegation_mapping(category: object) -> tuple[str, str]:
    text = str(category or "").upper()
    for needle, mapped in SPECIFIC:
        if needle in text:
            return mapped[0], str(mapped[1])
    code, standard = GROUP_CATEGORY[category_group(category)]
    return code, str(standard)


def matter_route(findings: list[str]) -> str:
    """A complaint with any sustained allegation took the sustained route; otherwise the
    most advanced route any allegation reached."""
    routes = [ROUTE.get(f, "no_case_to_answer") for f in findings]
    for route in ("investigation_rprp", "no_case_to_answer", "nfa_at_recording"):
        if route in routes:
            return route
    return "no_case_to_answer"


@dataclass
class ImportCounts:
    people: int = 0
    units: int = 0
    matters: int = 0
    allegations: int = 0
    skipped_allegations: int = 0


def _read(data: Path, name: str) -> pd.DataFrame:
    path = data / f"{name}.csv.gz"
    if not path.exists():
        raise ValidationFailed(f"{path} is missing.")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, OSError) as exc:  # pandas' ParserError is a ValueError
        raise ValidationFailed(f"{path.name} cannot be read as CSV: {exc}") from exc
    missing = COLUMNS[name] - set(frame.columns)
    if missing:
        raise ValidationFailed(f"{path.name}: missing columns {', '.join(sorted(missing))}.")
    return frame


def _date(value: str, *, field: str, row: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ValidationFailed(f"{field} {value!r} is not a date (row {row}).") from exc


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def chicago_import(*, actor: Any, data: Path = DATA, limit: int | None = None) -> ImportCounts:
    if actor is not None and not user_has_perm(user=actor, perm=Perm.IMPORT_PEOPLE):
        raise ActionForbidden("Your role does not allow importing people.")
    if limit is not None and limit < 1:
        raise ValidationFailed("--limit must be at least 1.")
    officers = _read(data, "officers")
    allegations = _read(data, "allegations")
    complaints = _read(data, "complaints").drop_duplicates("cr_id").set_index("cr_id")
    if limit:
        officers = officers.head(limit)
    counts = ImportCounts()
    people = []
    for row in officers.itertuples(index=False):
        start = _date(row.appointed_date, field="appointed_date", row=row.officer_id)
        if start is None:
            continue  # cannot be placed in time; listed in the import doc
        end = _date(row.resignation_date, field="resignation_date", row=row.officer_id)
        year = int(float(row.birth_year)) if row.birth_year else start.year - 25
        people.append((row, start, end if end and end >= start else None, dt.date(year, 7, 1)))
    with transaction.atomic():
        root, made = OrgUnit.objects.get_or_create(
            code="CPD", defaults={"name": "Chicago PD", "kind": OrgUnitKind.FORCE, "path": "/CPD/"})
        units = {u.code: u for u in OrgUnit.objects.filter(path__startswith="/CPD/")}
        counts.units += int(made)
        for code in sorted({f"CPD-{r.unit}" for r, *_ in people if r.unit}):
            if code not in units:
                units[code] = OrgUnit.objects.create(code=code, name=f"Chicago PD unit {code[4:]}",
                                                     kind=OrgUnitKind.BCU, parent=root,
                                                     path=f"/CPD/{code}/")
                counts.units += 1
        existing = set(Person.objects.filter(staff_number__startswith="CPD")
                       .values_list("staff_number", flat=True))
        new = [Person(
            staff_number=f"CPD{r.officer_id}", employment_kind=EmploymentKind.OFFICER,
            rank_or_grade=str(RANK.get(r.rank, OfficerRank.CONSTABLE)),
            org_unit=units.get(f"CPD-{r.unit}", root), start_date=start, end_date=end,
            status=EmploymentStatus.LEFT if end else EmploymentStatus.SERVING,
            forenames="Officer", surname=str(r.officer_id),  # the data set is de-identified
            date_of_birth=born, sex=GENDER_TO_SEX.get(r.gender, "not_stated"),
            ethnicity=RACE_TO_ETHNICITY.get(r.race, "not_stated"),
        ) for r, start, end, born in people if f"CPD{r.officer_id}" not in existing]
        Person.objects.bulk_create(new, batch_size=2000)
        counts.people = len(new)
        ids = dict(Person.objects.filter(staff_number__startswith="CPD")
                   .values_list("staff_number", "id"))
        seeds = _matter_seeds(allegations, complaints, ids, counts)
        result = matters_seed_bulk(seeds=seeds)
        counts.matters, counts.allegations = result.matters, result.allegations
        audit_record(action=ev.CHICAGO_IMPORTED, actor=actor, object_type="chicago_import",
                     extra={"people": counts.people, "matters": counts.matters,
                            "allegations": counts.allegations, "limit": limit})
    return counts


def _matter_seeds(allegations: pd.DataFrame, complaints: pd.DataFrame, ids: dict[str, int],
                  counts: ImportCounts) -> list[MatterSeed]:
    from upright.conduct.models import Matter  # only to skip complaints already imported

    done = set(Matter.objects.filter(reference__startswith="CPD-").values_list("reference", flat=True))
    seeds = []
    # Only complaints naming at least one imported officer (a --limit slice stays small).
    known = allegations["officer_id"].map(lambda o: f"CPD{o}" in ids)
    counts.skipped_allegations += int((~known).sum())
    touched = set(allegations.loc[known, "cr_id"])
    allegations = allegations.loc[allegations["cr_id"].isin(touched)]
    for cr_id, rows in allegations.groupby("cr_id", sort=False):
        reference = f"CPD-{cr_id}"
        found = [(ids.get(f"CPD{r.officer_id}"), r) for r in rows.itertuples(index=False)]
        kept = [(pid, r) for pid, r in found if pid is not None]
        if not kept or reference in done or cr_id not in complaints.index:
            continue
        complaint = complaints.loc[cr_id]
        received = (_date(complaint["complaint_date"], field="complaint_date", row=str(cr_id))
                    or _date(complaint["incident_date"], field="incident_date", row=str(cr_id)))
        if received is None:
            continue
        closed = _date(complaint["closed_date"], field="closed_date", row=str(cr_id))
        route = matter_route([r.final_finding for _, r in kept])
        steps = _steps(received, closed, route)
        seeds.append(MatterSeed(
            reference=reference, kind=MatterKind.COMPLAINT, came_to_attention_at=_at(received),
            summary=f"Chicago complaint {cr_id}: {kept[0][1].complaint_category or 'uncategorised'}"[:500],
            route=route, step_times=steps,
            allegations=[AllegationSeed(subject_id=pid, standard=allegation_mapping(r.complaint_category)[1],
                                        category_code=allegation_mapping(r.complaint_category)[0],
                                        description=r.complaint_category[:500])
                         for pid, r in kept]))
    return seeds


def _steps(received: dt.date, closed: dt.date | None, route: str) -> list[dt.datetime]:
    """Steps spread evenly from receipt to closure; an open complaint has taken none."""
    from upright.conduct.services.seeding import ROUTE_LENGTHS

    if closed is None:
        return []
    n = ROUTE_LENGTHS[route]
    span = max((closed - received).days, n)
    start = _at(received)
    return [start + dt.timedelta(days=span * (i + 1) / n, minutes=5) for i in range(n)]
