"""Writing the commitments tracker. Staff with Perm.ADMINISTER add commitments and record each
change of status with its evidence; every change is history (never edited) and audited."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import NotFound, ValidationFailed
from upright.portal import audit_events as events
from upright.portal.models import Commitment, CommitmentStatus, CommitmentStatusChange


def _text(errors: dict[str, str], name: str, value: Any, *, limit: int,
          required: bool = True) -> str:
    if value is not None and not isinstance(value, str):
        errors[name] = "Must be text."
        return ""
    text = (value or "").strip()
    if required and not text:
        errors[name] = "This field is required."
    elif len(text) > limit:
        errors[name] = f"At most {limit} characters."
    return text


def _url(errors: dict[str, str], name: str, value: Any) -> str:
    text = _text(errors, name, value, limit=200, required=False)
    if text:
        try:
            URLValidator(schemes=["https", "http"])(text)
        except ValidationError:
            errors[name] = "Must be a web address starting https://."
    return text


def _date(errors: dict[str, str], name: str, value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    errors[name] = "Must be a date (YYYY-MM-DD)."
    return None


def _raise_if_any(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationFailed("Please correct the highlighted fields.", {"fields": errors})


def commitment_create(
    *, actor: Any, reference: str, title: str, source: str, owner: str,
    deadline: Any = None, description: str = "", evidence: str = "", evidence_url: str = "",
) -> Commitment:
    """Add a public commitment (not started). A system seed passes actor=None."""
    if actor is not None:
        perm_require(user=actor, perm=Perm.ADMINISTER)
    errors: dict[str, str] = {}
    values = {
        "reference": _text(errors, "reference", reference, limit=40),
        "title": _text(errors, "title", title, limit=300),
        "source": _text(errors, "source", source, limit=200),
        "owner": _text(errors, "owner", owner, limit=200),
        "deadline": _date(errors, "deadline", deadline),
        "description": _text(errors, "description", description, limit=5000, required=False),
        "evidence": _text(errors, "evidence", evidence, limit=5000, required=False),
        "evidence_url": _url(errors, "evidence_url", evidence_url),
    }
    if values["reference"] and not errors.get("reference"):
        try:
            Commitment._meta.get_field("reference").run_validators(values["reference"])
        except ValidationError:
            errors["reference"] = "Use lower-case letters, digits and hyphens only."
    _raise_if_any(errors)
    with transaction.atomic():
        if Commitment.objects.filter(reference=values["reference"]).exists():
            raise ValidationFailed("Please correct the highlighted fields.", {
                "fields": {"reference": "A commitment with this reference already exists."}})
        commitment = Commitment.objects.create(**values)
        CommitmentStatusChange.objects.create(
            commitment=commitment, from_status="", to_status=commitment.status,
            note="Added to the tracker.", evidence_url=str(values["evidence_url"]),
            changed_at=timezone_now(), changed_by=actor)
        audit_record(action=events.COMMITMENT_CREATED, actor=actor, target=commitment,
                     extra={"reference": commitment.reference, "owner": commitment.owner,
                            "deadline": commitment.deadline})
    return commitment


def commitment_status_set(
    *, actor: Any, commitment_id: int, status: str, note: str, evidence_url: str = "",
) -> CommitmentStatusChange:
    """Record a change of status (or new evidence at the same status): `note` says what was
    done, and becomes the commitment's current evidence."""
    perm_require(user=actor, perm=Perm.ADMINISTER)
    errors: dict[str, str] = {}
    if status not in CommitmentStatus.values:
        errors["status"] = f"Must be one of: {', '.join(CommitmentStatus.values)}."
    note = _text(errors, "note", note, limit=5000)
    evidence_url = _url(errors, "evidence_url", evidence_url)
    _raise_if_any(errors)
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().filter(pk=commitment_id).first()
        if commitment is None:
            raise NotFound("No such commitment.")
        return _status_apply(commitment=commitment, actor=actor, status=status, note=note,
                             evidence_url=evidence_url)


def _status_apply(*, commitment: Commitment, actor: Any, status: str, note: str,
                  evidence_url: str) -> CommitmentStatusChange:
    with transaction.atomic():
        old = {"status": commitment.status, "evidence": commitment.evidence,
               "evidence_url": commitment.evidence_url}
        change = CommitmentStatusChange.objects.create(
            commitment=commitment, from_status=commitment.status, to_status=status, note=note,
            evidence_url=evidence_url, changed_at=timezone_now(), changed_by=actor)
        commitment.status = status
        commitment.evidence = note
        commitment.evidence_url = evidence_url or commitment.evidence_url
        commitment.save(update_fields=["status", "evidence", "evidence_url", "updated_at"])
        audit_record(action=events.COMMITMENT_STATUS_CHANGED, actor=actor, target=commitment,
                     extra={"old": old, "new": {"status": status, "evidence": note,
                                                "evidence_url": commitment.evidence_url}})
        return change


# Paraphrased from the Casey Review's findings (uk-process.md section 8.1): the wording here is
# the force's promise in response, not a quotation; check against the reports before publishing.
CASEY_COMMITMENTS = (
    ("casey-interim-1", "Finalise misconduct cases faster, with time limits at every stage",
     "Casey Review, interim report on misconduct (17 October 2022)",
     "Director of Professional Standards", "2024-03-31", "in_progress",
     "Stage time limits are monitored on the staff timeliness dashboard; the public figures "
     "are on the timeliness statistics page."),
    ("casey-interim-2", "Review case-to-answer decisions on sexual misconduct and "
     "discrimination allegations", "Casey Review, interim report on misconduct "
     "(17 October 2022)", "Head of the Professional Standards Department", "2023-12-31",
     "in_progress", "Case-to-answer rates by allegation category are published each year."),
    ("casey-interim-3", "Join up repeated allegations against the same person",
     "Casey Review, interim report on misconduct (17 October 2022)",
     "Head of the Professional Standards Department", "2023-09-30", "delivered",
     "Repeat-pattern rules run across complaints, conduct matters and vetting."),
    ("casey-interim-4", "Publish and address racial disparity at every stage of misconduct",
     "Casey Review, interim report on misconduct (17 October 2022)",
     "Director of Professional Standards", "2024-03-31", "in_progress",
     "Rates per 1,000 by ethnic group are on the disproportionality statistics page."),
    ("casey-interim-5", "Review the use of regulation 13 for probationers",
     "Casey Review, interim report on misconduct (17 October 2022)",
     "Director of People", "2024-06-30", "not_started", ""),
    ("casey-final-1", "Report publicly on progress against the review, with a follow-up review",
     "Casey Review, final report (21 March 2023)", "Commissioner", "2025-03-31",
     "in_progress", "This tracker records each promise, its owner and its evidence."),
)


def commitments_seed_demo() -> int:
    """Seed the Casey commitments (system actor) where absent; returns how many were added."""
    added = 0
    for reference, title, source, owner, deadline, status, evidence in CASEY_COMMITMENTS:
        if Commitment.objects.filter(reference=reference).exists():
            continue
        commitment = commitment_create(actor=None, reference=reference, title=title,
                                       source=source, owner=owner, deadline=deadline)
        if status != CommitmentStatus.NOT_STARTED:
            _status_apply(commitment=commitment, actor=None, status=status,
                          note=evidence or "Work started.", evidence_url="")
        added += 1
    return added
