"""Recording a complaint or conduct matter with its allegations."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.conduct.audit_events import MATTER_RECORDED
from upright.conduct.choices import MatterKind, Regime, Standard
from upright.conduct.models import Allegation, AllegationCategory, Matter, MatterStatusChange
from upright.conduct.services.deadlines import IOPC_REFERRAL, TIMELINESS_REPORT, deadline_open
from upright.conduct.signals import allegations_recorded_send
from upright.conduct.states import MatterStatus
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import ValidationFailed
from upright.core.references import reference_new
from upright.people.selectors import person_get

SUMMARY_MAX = 20000
REGIME_2020_FROM = dt.date(2020, 2, 1)  # PCR 2020 in force 1 Feb 2020
REGIME_2025_FROM = dt.date(2025, 5, 28)  # SI 2025/558 in force 28 May 2025


@dataclass(frozen=True)
class AllegationInput:
    subject_id: int
    standard: str
    category_code: str
    description: str = ""


def regime_for(came_to_attention_at: dt.datetime) -> Regime:
    """The regulations in force on the (London) day the matter came to attention."""
    day = (timezone.localdate(came_to_attention_at) if timezone.is_aware(came_to_attention_at)
           else came_to_attention_at.date())
    if day < REGIME_2020_FROM:
        return Regime.R2012
    if day < REGIME_2025_FROM:
        return Regime.R2020
    return Regime.R2020_AMENDED_2025


def _validate(
    *, kind: str, summary: str, came_to_attention_at: dt.datetime,
    allegations: list[AllegationInput],
) -> dict[str, AllegationCategory]:
    errors: dict[str, Any] = {}
    if kind not in MatterKind.values:
        errors["kind"] = f"Must be one of: {', '.join(MatterKind.values)}."
    if not summary.strip():
        errors["summary"] = "A summary is required."
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = f"At most {SUMMARY_MAX} characters."
    if came_to_attention_at.tzinfo is None:
        errors["came_to_attention_at"] = "Must include a time zone."
    elif came_to_attention_at > timezone_now():
        errors["came_to_attention_at"] = "Cannot be in the future."
    if not allegations:
        errors["allegations"] = "At least one allegation is required."
    codes = {a.category_code for a in allegations}
    categories = {c.code: c for c in AllegationCategory.objects.filter(code__in=codes, active=True)}
    for index, allegation in enumerate(allegations):
        problems = _allegation_problems(allegation, categories)
        if problems:
            errors[f"allegations[{index}]"] = problems
    if errors:
        raise ValidationFailed("The matter could not be recorded.", {"fields": errors})
    return categories


def _allegation_problems(
    allegation: AllegationInput, categories: dict[str, AllegationCategory]
) -> dict[str, str]:
    problems = {}
    if person_get(person_id=allegation.subject_id) is None:
        problems["subject_id"] = "No such person."
    if allegation.standard not in Standard.values:
        problems["standard"] = "Not one of the Standards of Professional Behaviour."
    if allegation.category_code not in categories:
        problems["category_code"] = "No such active allegation category."
    return problems


def matter_record(
    *,
    actor: Any,
    kind: str,
    summary: str,
    came_to_attention_at: dt.datetime,
    allegations: list[AllegationInput],
    source_report_reference: str = "",
    compartment: str = "",
) -> Matter:
    """Record a matter in status RECORDED (C1: referral check due), its allegations, the first
    history row, its deadlines (12-month report; referral decision by the next working day)
    and one audit event, in one transaction. A complaint starts in initial handling (P1): it
    may be resolved outside Schedule 3 or recorded under it, when the referral decision falls
    due (Sch 3 para 2(6A); CMR reg 44(b))."""
    perm_require(user=actor, perm=Perm.RECORD_MATTER)
    categories = _validate(kind=kind, summary=summary, came_to_attention_at=came_to_attention_at,
                           allegations=allegations)
    complaint = kind == MatterKind.COMPLAINT
    status = MatterStatus.INITIAL_HANDLING if complaint else MatterStatus.RECORDED
    with transaction.atomic():
        matter = Matter(
            reference=reference_new(prefix="M"), kind=kind, status=status,
            regime=regime_for(came_to_attention_at), came_to_attention_at=came_to_attention_at,
            summary=summary, source_report_reference=source_report_reference,
            compartment=compartment,
        )
        matter.full_clean()
        matter.save()
        Allegation.objects.bulk_create([
            Allegation(matter=matter, subject_id=a.subject_id, standard=a.standard,
                       category=categories[a.category_code], description=a.description)
            for a in allegations
        ])
        MatterStatusChange.objects.create(
            matter=matter, from_status=MatterStatus.ALLEGATION_RECEIVED,
            to_status=status, action="record", actor=actor,
            occurred_at=timezone_now(), reason="Recorded", payload={"kind": kind},
        )
        deadline_open(matter=matter, code=TIMELINESS_REPORT,
                      trigger=timezone.localdate(came_to_attention_at))
        if not complaint:
            deadline_open(matter=matter, code=IOPC_REFERRAL, trigger=local_today())
        audit_record(
            action=MATTER_RECORDED, actor=actor, target=matter, matter_ref=matter.reference,
            extra={"new": {"kind": kind, "status": matter.status, "regime": matter.regime,
                           "allegations": len(allegations), "compartment": compartment,
                           "source_report_reference": source_report_reference}},
        )
        # After commit: apps above conduct (the repeat-pattern rules) react to new allegations.
        subject_ids = list(dict.fromkeys(a.subject_id for a in allegations))
        reference = matter.reference
        transaction.on_commit(lambda: allegations_recorded_send(
            matter_reference=reference, subject_ids=subject_ids))
    return matter
