"""Importing screening hits (continuous screening) and disposing of them."""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import NotFound, TransitionNotAllowed, ValidationFailed
from upright.people.selectors import person_ids_by_staff_number
from upright.screening import audit_events as events
from upright.screening.models import (
    VICTIM_WITNESS_DISPOSITIONS,
    Disposition,
    Hit,
    HitBand,
    HitKind,
    HitStatus,
    ScreeningRun,
)
from upright.screening.permissions import DISPOSE, hit_policy, screening_perm_require
from upright.screening.services import routing

RATIONALE_MAX = 5000


@dataclass(frozen=True)
class ImportCounts:
    rows: int = 0
    new: int = 0
    unchanged: int = 0  # the same evidence already made a hit (open, disposed or superseded)
    superseded: int = 0  # open hits replaced by a new hit on changed evidence
    unknown_employee: int = 0  # employee_id matched no staff number


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def evidence_fingerprint(*, kind: str, explanation: Mapping[str, Any]) -> str:
    """SHA-256 of the evidence that made the hit. Identity: the values compared on each side
    (weights and probabilities move when a model is retrained; the evidence does not).
    Association: the path and its evidence."""
    if kind == HitKind.IDENTITY and isinstance(explanation.get("comparisons"), list):
        evidence: Any = sorted(
            ([c.get("comparison"), c.get("employee"), c.get("index")]
             for c in explanation["comparisons"] if isinstance(c, Mapping)),
            key=_canonical)
    elif kind == HitKind.ASSOCIATION and ("path" in explanation or "evidence" in explanation):
        evidence = {"path": explanation.get("path"), "evidence": explanation.get("evidence")}
    else:
        evidence = {k: v for k, v in explanation.items()
                    if k not in ("evidence_weight", "prior_weight", "match_weight")}
    return hashlib.sha256(_canonical([kind, evidence]).encode()).hexdigest()


@dataclass(frozen=True)
class _Row:
    employee_id: str
    record_id: str
    kind: str
    probability: float
    match_weight: float | None
    band: str
    explanation: dict[str, Any]
    victim_witness_only: bool


def _row_parse(index: int, raw: Mapping[str, Any]) -> _Row:
    problems: dict[str, str] = {}
    explanation = raw.get("explanation") or {}
    if isinstance(explanation, str):
        try:
            explanation = json.loads(explanation)
        except ValueError:
            problems["explanation"] = "Not valid JSON."
    if not isinstance(explanation, dict):
        problems["explanation"] = "Must be a JSON object."
        explanation = {}
    numbers: dict[str, float | None] = {}
    for name in ("probability", "match_weight"):
        if name == "match_weight" and raw.get(name) is None and raw.get("kind") == HitKind.ASSOCIATION:
            numbers[name] = None  # associations carry a path, not a linkage weight
            continue
        try:
            numbers[name] = float(raw.get(name))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            problems[name] = "Must be a number."
    if not 0.0 <= (numbers.get("probability") or 0.0) <= 1.0:
        problems["probability"] = "Must be between 0 and 1."
    employee_id, record_id = str(raw.get("employee_id") or ""), str(raw.get("record_id") or "")
    if not employee_id.strip():
        problems["employee_id"] = "Required."
    if not record_id.strip() or len(record_id) > 100:
        problems["record_id"] = "Required, at most 100 characters."
    if raw.get("kind") not in HitKind.values:
        problems["kind"] = f"Must be one of: {', '.join(HitKind.values)}."
    if raw.get("band") not in HitBand.values:
        problems["band"] = f"Must be one of: {', '.join(HitBand.values)}."
    if problems:
        raise ValidationFailed(f"Hit row {index} is not valid.",
                               {"fields": {f"rows[{index}]": problems}})
    return _Row(employee_id=employee_id.strip(), record_id=record_id.strip(),
                kind=str(raw["kind"]), probability=float(numbers["probability"] or 0.0),
                match_weight=numbers["match_weight"], band=str(raw["band"]),
                explanation=explanation,
                victim_witness_only=bool(raw.get("victim_witness_only") or False))


def hits_import(*, actor: Any, run_id: int, rows: Iterable[Mapping[str, Any]]) -> ImportCounts:
    """Continuous screening: only new or changed evidence makes a new hit. Evidence already
    seen (whatever became of its hit, disposed included) is left alone, so re-importing is
    idempotent and a disposed hit returns only when its evidence changes. A new hit on
    changed evidence supersedes the earlier hits for the same employee, record and kind that
    are still open. `actor` None is the system (the screening job)."""
    if actor is not None:
        screening_perm_require(user=actor, perm=DISPOSE)
    parsed = [_row_parse(i, raw) for i, raw in enumerate(rows)]
    person_ids = person_ids_by_staff_number(staff_numbers={r.employee_id for r in parsed})
    new = unchanged = superseded = unknown = 0
    with transaction.atomic():
        run = (ScreeningRun.objects.select_for_update().filter(id=run_id).first()
               if isinstance(run_id, int) else None)
        if run is None:
            raise NotFound("No such screening run.")
        for row in parsed:
            person_id = person_ids.get(row.employee_id)
            if person_id is None:
                unknown += 1
                continue
            fingerprint = evidence_fingerprint(kind=row.kind, explanation=row.explanation)
            same = Hit.objects.filter(employee_id=person_id, record_id=row.record_id,
                                      kind=row.kind)
            if same.filter(evidence_fingerprint=fingerprint).exists():
                unchanged += 1
                continue
            hit = Hit.objects.create(
                run=run, employee_id=person_id, record_id=row.record_id, kind=row.kind,
                probability=row.probability, match_weight=row.match_weight, band=row.band,
                explanation=row.explanation, evidence_fingerprint=fingerprint,
                victim_witness_only=row.victim_witness_only)
            superseded += same.filter(status=HitStatus.OPEN).exclude(id=hit.pk).update(
                status=HitStatus.SUPERSEDED, superseded_by=hit, updated_at=timezone_now())
            new += 1
        counts = ImportCounts(rows=len(parsed), new=new, unchanged=unchanged,
                              superseded=superseded, unknown_employee=unknown)
        run.counts = {**run.counts, **{f"hits_{k}": v for k, v in asdict(counts).items()}}
        run.save(update_fields=["counts", "updated_at"])
        audit_record(action=events.HITS_IMPORTED, actor=actor, target=run,
                     extra={"new": asdict(counts)})
    return counts


def _validate_disposal(*, hit: Hit, disposition: str, rationale: str) -> str:
    errors: dict[str, str] = {}
    if disposition not in Disposition.values:
        errors["disposition"] = f"Must be one of: {', '.join(Disposition.values)}."
    elif hit.victim_witness_only and disposition not in VICTIM_WITNESS_DISPOSITIONS:
        errors["disposition"] = ("The employee appears only as a victim or witness: choose "
                                 "management intervention (welfare) or no further action.")
    text = (rationale or "").strip()
    if not text:
        errors["rationale"] = "A rationale is required."
    elif len(text) > RATIONALE_MAX:
        errors["rationale"] = f"At most {RATIONALE_MAX} characters."
    if errors:
        raise ValidationFailed("The hit could not be disposed of.", {"fields": errors})
    return text


def hit_dispose(*, actor: Any, hit_id: int, disposition: str, rationale: str) -> Hit:
    """Record the outcome of triage and route the hit: a disciplinary investigation records
    a conduct matter, a vetting review asks the vetting unit to review the clearance. All in
    one transaction with its audit event; a refusal changes nothing."""
    with transaction.atomic():
        hit = (Hit.objects.select_for_update().select_related("employee")
               .filter(id=hit_id).first() if isinstance(hit_id, int) else None)
        if hit is None or not hit_policy.user_can_see(user=actor, instance=hit):
            raise NotFound("No such screening hit.")
        screening_perm_require(user=actor, perm=DISPOSE)
        if hit.status != HitStatus.OPEN:
            raise TransitionNotAllowed(f"A {hit.status} hit cannot be disposed of.",
                                       {"status": hit.status, "allowed_actions": []})
        text = _validate_disposal(hit=hit, disposition=disposition, rationale=rationale)
        if disposition == Disposition.DISCIPLINARY_INVESTIGATION:
            routing.require_matter_perm(actor=actor)
            hit.matter_reference = routing.matter_open(actor=actor, hit=hit, rationale=text)
        elif disposition == Disposition.VETTING_REVIEW:
            hit.vetting_request_id = routing.vetting_review_open(actor=actor, hit=hit,
                                                                 rationale=text)
        hit.status, hit.disposition, hit.rationale = HitStatus.DISPOSED, disposition, text
        hit.disposed_by, hit.disposed_at = actor, timezone_now()
        hit.save(update_fields=["status", "disposition", "rationale", "disposed_by",
                                "disposed_at", "matter_reference", "vetting_request_id",
                                "updated_at"])
        audit_record(action=events.HIT_DISPOSED, actor=actor, target=hit,
                     matter_ref=hit.matter_reference,
                     extra={"old": {"status": HitStatus.OPEN},
                            "new": {"status": hit.status, "disposition": disposition,
                                    "matter_reference": hit.matter_reference,
                                    "vetting_request_id": hit.vetting_request_id}})
    return hit

