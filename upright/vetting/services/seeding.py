"""Demo vetting records for the synthetic force, inserted in bulk (no per-row services, so
50,000 people take seconds): a clearance for everyone (RV for officers, staff and specials,
NPPV for contractors and volunteers, MV for inspectors and above and some staff), some
expiring soon or already lapsed, terminated clearances for leavers, a small register of
convictions and cautions (mostly motoring) and some declarations."""

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from upright.people.models import Person
from upright.vetting.models import (
    AssociationType,
    Clearance,
    ClearanceStatus,
    ConvictionRecord,
    Declaration,
    DeclarationKind,
    DeclarationStatus,
    RenewalInterval,
)
from upright.vetting.services.clearances import renewal_interval_current

SENIOR = {"INSP", "CI", "SUPT", "CSUPT", "CMDR", "DAC", "AC", "DC", "COMM", "Band A", "Band B"}
CONVICTION_SHARE = 0.03  # of the workforce, past and present
MOTORING_SHARE = 0.7
DECLARATION_SHARE = 0.02
LAPSED_SHARE = 0.001  # active clearances whose expiry passed days ago (the job's next work)
OTHER_OFFENCES = [("dishonesty", "Theft"), ("violence", "Common assault"),
                  ("drugs", "Possession of cannabis"), ("other", "Public order offence"),
                  ("sexual", "Exposure")]
OTHER_WEIGHTS = [30, 30, 25, 12, 3]
BATCH = 5000


@dataclass(frozen=True)
class _Row:
    id: int
    kind: str
    rank: str
    start: dt.date
    end: dt.date | None
    dob: dt.date


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def _levels(row: _Row, rng: random.Random) -> list[str]:
    if row.kind == "contractor":
        return [rng.choice(["NPPV1", "NPPV2", "NPPV2", "NPPV3"])]
    if row.kind == "volunteer":
        return ["NPPV1"]
    levels = ["RV"]
    if row.rank in SENIOR or rng.random() < 0.04:
        levels.append("MV")
    if row.rank in SENIOR and rng.random() < 0.15:
        levels.append("SC")
    return levels


def _clearance(row: _Row, level: str, interval: RenewalInterval, rng: random.Random,
               as_of: dt.date) -> Clearance:
    step = relativedelta(months=interval.months)
    granted = row.start if level in ("RV", "NPPV1", "NPPV2", "NPPV3") else (
        row.start + dt.timedelta(days=rng.randint(0, max(0, (as_of - row.start).days))))
    renewals = 0
    while granted + step <= min(as_of, row.end or as_of):  # renewed on time until now
        granted, renewals = granted + step, renewals + 1
    expires = granted + step
    common: dict[str, Any] = {"person_id": row.id, "level": level, "granted_at": _aware(granted),
                              "renewal_policy": interval, "renewals": renewals}
    if row.end is not None:
        return Clearance(**common, status=ClearanceStatus.TERMINATED, expires_at=expires,
                         ended_at=_aware(row.end), end_reason="Left the force "
                         "(Vetting Regs 2025 reg 6)")
    if rng.random() < LAPSED_SHARE:
        expires = as_of - dt.timedelta(days=rng.randint(1, 20))
    return Clearance(**common, status=ClearanceStatus.ACTIVE, expires_at=expires)


def _conviction(row: _Row, rng: random.Random, as_of: dt.date) -> ConvictionRecord:
    adult = row.dob + relativedelta(years=18)
    day = adult + dt.timedelta(days=rng.randint(0, max(0, (min(as_of, row.end or as_of)
                                                           - adult).days)))
    if rng.random() < MOTORING_SHARE:
        minor = rng.random() < 0.8
        category, description = "motoring", "Speeding" if minor else "Drink driving"
        disposal = "fixed_penalty" if minor else "conviction"
    else:
        category, description = rng.choices(OTHER_OFFENCES, OTHER_WEIGHTS)[0]
        minor, disposal = False, rng.choice(["conviction", "caution", "caution",
                                             "conditional_caution", "penalty_notice"])
    serving = row.start <= day and (row.end is None or day <= row.end)
    return ConvictionRecord(person_id=row.id, offence_category=category, offence_date=day,
                            disposal=disposal, minor=minor, description=description,
                            while_serving=serving, source="pnc", source_ref="demo")


def _declaration(row: _Row, rng: random.Random) -> Declaration:
    kind = rng.choice(DeclarationKind.values)
    association = rng.choice(AssociationType.values) if kind == "association" else ""
    status = rng.choice([DeclarationStatus.SUBMITTED, DeclarationStatus.ACCEPTED,
                         DeclarationStatus.ACCEPTED, DeclarationStatus.ACCEPTED_WITH_CONDITIONS])
    subject = {"association": "A friend from school", "business_interest": "Family business Ltd",
               "secondary_employment": "Weekend security work"}[kind]
    return Declaration(person_id=row.id, kind=kind, association_type=association,
                       subject=subject, details="Declared at the annual integrity review.",
                       status=status, assessment_notes="" if status == "submitted"
                       else "Demo assessment.")


def vetting_seed_bulk(*, rng: random.Random, as_of: dt.date) -> dict[str, int]:
    """Insert the demo vetting records for every person; returns counts by kind."""
    intervals = {level: renewal_interval_current(level=level)
                 for level in ("RV", "MV", "SC", "NPPV1", "NPPV2", "NPPV3")}
    rows = [_Row(*values) for values in Person.objects.order_by("id").values_list(
        "id", "employment_kind", "rank_or_grade", "start_date", "end_date", "date_of_birth")]
    clearances, convictions, declarations = [], [], []
    for row in rows:
        for level in _levels(row, rng):
            clearances.append(_clearance(row, level, intervals[level], rng, as_of))
        if rng.random() < CONVICTION_SHARE:
            convictions.append(_conviction(row, rng, as_of))
        if row.end is None and rng.random() < DECLARATION_SHARE:
            declarations.append(_declaration(row, rng))
    Clearance.objects.bulk_create(clearances, batch_size=BATCH)
    ConvictionRecord.objects.bulk_create(convictions, batch_size=BATCH)
    Declaration.objects.bulk_create(declarations, batch_size=BATCH)
    # The demo's one audit event for the run carries these counts.
    return {"clearances": len(clearances), "convictions": len(convictions),
            "declarations": len(declarations)}
