"""Import the Chicago (CPDP) records into Upright's own model: proof that the model holds
another force's history. Officers become people under a separate "Chicago PD" unit tree;
each complaint (cr_id) becomes a conduct matter with one allegation per accused officer,
loaded through conduct's bulk seeding (valid routes, history and deadlines); each officer with
a sustained allegation gets an `Outcome` (the penalty mapped onto a disciplinary action) with
an `AllegationFinding` per allegation, so the imported history holds its findings. Mapping in
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
from upright.conduct.choices import DisciplinaryAction, Finding, MatterKind, ProceedingsForm, Standard
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


# Chicago's final outcome (free text, two spellings) -> the nearest reg 42 action. Not
# equivalent: a Chicago suspension has no English counterpart, so any suspension is read as
# the most serious sanction short of dismissal. Checked in order; first match wins.
_PENALTY_RULES: tuple[tuple[tuple[str, ...], DisciplinaryAction], ...] = (
    (("NOT SERVED", "RESIGNED", "NO PENALTY", "NO ACTION", "VIOLATION NOTED"),
     DisciplinaryAction.NO_ACTION),
    (("SEPARATION", "TERMINATION", "DISCHARGE"), DisciplinaryAction.DISMISSAL_WITHOUT_NOTICE),
    (("SUSPEN",), DisciplinaryAction.FINAL_WRITTEN_WARNING),
    (("REPRIMAND",), DisciplinaryAction.WRITTEN_WARNING),
)
_SEVERITY = list(DisciplinaryAction.values)  # declared from least to most serious


def penalty_action(outcome: object) -> DisciplinaryAction:
    text = str(outcome or "").upper()
    for needles, action in _PENALTY_RULES:
        if any(n in text for n in needles):
            return action
    return DisciplinaryAction.NO_ACTION


def _finding(final_finding: str, action: DisciplinaryAction) -> Finding:
    if final_finding != "SU":
        return Finding.NOT_MISCONDUCT
    # Dismissal needs gross misconduct (PCR reg 42); any lesser sustained sanction, misconduct.
    return (Finding.GROSS_MISCONDUCT if action == DisciplinaryAction.DISMISSAL_WITHOUT_NOTICE
            else Finding.MISCONDUCT)


@dataclass
class ImportCounts:
    people: int = 0
    units: int = 0
    matters: int = 0
    allegations: int = 0
    skipped_allegations: int = 0
    outcomes: int = 0
    findings: int = 0


@dataclass(frozen=True)
class _Found:
    """What the importer keeps of one allegation, in the order it was seeded."""

    final_finding: str
    final_outcome: str


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
        seeds, found = _matter_seeds(allegations, complaints, ids, counts)
        result = matters_seed_bulk(seeds=seeds)
        counts.matters, counts.allegations = result.matters, result.allegations
        closed = {seed.reference: seed.step_times[-1].date() for seed in seeds if seed.step_times}
        _outcomes_insert(found, closed, counts)
        audit_record(action=ev.CHICAGO_IMPORTED, actor=actor, object_type="chicago_import",
                     extra={"people": counts.people, "matters": counts.matters,
                            "allegations": counts.allegations, "outcomes": counts.outcomes,
                            "findings": counts.findings, "limit": limit})
    return counts


def _matter_seeds(allegations: pd.DataFrame, complaints: pd.DataFrame, ids: dict[str, int],
                  counts: ImportCounts) -> tuple[list[MatterSeed], dict[str, list[_Found]]]:
    """The seeds, and for each complaint with a sustained allegation what each of its
    allegations found (in seeding order, to pair with the rows written)."""
    from upright.conduct.models import Matter  # only to skip complaints already imported

    done = set(Matter.objects.filter(reference__startswith="CPD-").values_list("reference", flat=True))
    seeds = []
    found_by_ref: dict[str, list[_Found]] = {}
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
        if route == "investigation_rprp" and closed is not None:
            found_by_ref[reference] = [_Found(r.final_finding, r.final_outcome) for _, r in kept]
    return seeds, found_by_ref


def _outcomes_insert(found: dict[str, list[_Found]], closed: dict[str, dt.date],
                     counts: ImportCounts) -> None:
    """One Outcome per officer with a sustained allegation on a closed complaint (the most
    serious finding and action over their allegations, concluded when the complaint closed),
    and the finding on each of that officer's allegations. Set-based: a query for the rows
    just written, then two bulk inserts."""
    from upright.conduct.models import Allegation, AllegationFinding, Outcome

    if not found:
        return
    written: dict[str, list[tuple[int, int, int]]] = {}
    refs = list(found)
    for start in range(0, len(refs), 2000):
        for ref, matter_id, allegation_id, subject_id in Allegation.objects.filter(
                matter__reference__in=refs[start:start + 2000]).order_by("id").values_list(
                "matter__reference", "matter_id", "id", "subject_id"):
            written.setdefault(ref, []).append((matter_id, allegation_id, subject_id))
    per_officer: dict[tuple[int, int], list[tuple[int, Finding, DisciplinaryAction]]] = {}
    for ref, rows in written.items():
        for (matter_id, allegation_id, subject_id), f in zip(rows, found[ref], strict=True):
            action = penalty_action(f.final_outcome) if f.final_finding == "SU" else (
                DisciplinaryAction.NO_ACTION)
            per_officer.setdefault((matter_id, subject_id), []).append(
                (allegation_id, _finding(f.final_finding, action), action))
    ref_of = {rows[0][0]: ref for ref, rows in written.items()}
    outcomes, keys = [], []
    order = list(Finding.values)  # not_misconduct < misconduct < gross_misconduct
    for (matter_id, subject_id), items in per_officer.items():
        if all(finding == Finding.NOT_MISCONDUCT for _, finding, _ in items):
            continue  # nothing sustained against this officer: no outcome for them
        outcomes.append(Outcome(
            matter_id=matter_id, subject_id=subject_id, forum=ProceedingsForm.MEETING,
            finding=max((f for _, f, _ in items), key=order.index),
            disciplinary_action=max((a for _, _, a in items), key=_SEVERITY.index),
            concluded_on=closed[ref_of[matter_id]]))
        keys.append((matter_id, subject_id))
    Outcome.objects.bulk_create(outcomes, batch_size=2000)
    matter_ids = sorted({m for m, _ in keys})
    ids: dict[tuple[int, int], int] = {}
    for start in range(0, len(matter_ids), 2000):
        ids.update({(m, p): pk for pk, m, p in Outcome.objects.filter(
            matter_id__in=matter_ids[start:start + 2000]).values_list("id", "matter_id",
                                                                      "subject_id")})
    findings = [AllegationFinding(outcome_id=ids[key], allegation_id=aid, finding=f)
                for key in keys for aid, f, _ in per_officer[key]]
    AllegationFinding.objects.bulk_create(findings, batch_size=5000)
    counts.outcomes, counts.findings = len(outcomes), len(findings)


def _steps(received: dt.date, closed: dt.date | None, route: str) -> list[dt.datetime]:
    """Steps spread evenly from receipt to closure; an open complaint has taken none."""
    from upright.conduct.services.seeding import ROUTE_LENGTHS

    if closed is None:
        return []
    n = ROUTE_LENGTHS[route]
    span = max((closed - received).days, n)
    start = _at(received)
    return [start + dt.timedelta(days=span * (i + 1) / n, minutes=5) for i in range(n)]
