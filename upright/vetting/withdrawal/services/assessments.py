"""Opening an assessment, and the records made along the way (representatives, interviews,
representations) that do not move it through the state table."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from upright.audit.services import audit_record
from upright.core.exceptions import Conflict, TransitionNotAllowed
from upright.core.references import reference_new
from upright.people.selectors import person_get, user_in_conflict_with
from upright.vetting.models import ReviewOutcome, VettingReviewRequest
from upright.vetting.selectors import clearances_visible_to, vetting_review_request_get
from upright.vetting.withdrawal import audit_events as events
from upright.vetting.withdrawal.models import (
    RepresentativeKind,
    TriggerKind,
    WithdrawalAssessment,
    WithdrawalInterview,
    WithdrawalRepresentation,
    WithdrawalRepresentative,
)
from upright.vetting.withdrawal.permissions import ASSESS, withdrawal_perm_require
from upright.vetting.withdrawal.services.common import Errors, assessment_lock
from upright.vetting.withdrawal.states import WithdrawalStatus, actions_from

S = WithdrawalStatus


def _clearance_check(errors: Errors, *, actor: Any, person_id: int, clearance_id: Any,
                     ) -> int | None:
    """The clearance under assessment: the one named (it must be the person's), or else the
    person's active clearance, if any."""
    own = clearances_visible_to(user=actor, person_id=person_id)
    if clearance_id in (None, ""):
        found = own.filter(status="active").order_by("-granted_at", "-id").first()
        return found.pk if found else None
    if not isinstance(clearance_id, int) or not own.filter(id=clearance_id).exists():
        errors.add("clearance_id", "No such clearance held by this person.")
        return None
    return clearance_id


def withdrawal_open(*, actor: Any, person_id: int, trigger_kind: str, trigger_summary: str,
                    trigger_ref: str = "", clearance_id: int | None = None,
                    review_request: VettingReviewRequest | None = None,
                    ) -> WithdrawalAssessment:
    """Open a withdrawal assessment (V0) of `person_id`, carried out by `actor` (the
    assessor). One open assessment per person at a time."""
    withdrawal_perm_require(user=actor, perm=ASSESS)
    errors = Errors()
    kind = errors.choice("trigger_kind", trigger_kind, TriggerKind.values)
    summary = errors.text("trigger_summary", trigger_summary)
    ref = errors.text("trigger_ref", trigger_ref, required=False, limit=60)
    person = person_get(person_id=person_id) if isinstance(person_id, int) else None
    if person is None or user_in_conflict_with(user=actor, person_id=person.pk):
        errors.add("person_id", "No such person.")
    else:
        clearance_id = _clearance_check(errors, actor=actor, person_id=person.pk,
                                        clearance_id=clearance_id)
    errors.raise_if_any()
    assert person is not None  # noqa: S101 (checked above)
    with transaction.atomic():
        if WithdrawalAssessment.objects.open().filter(person=person).exists():
            raise Conflict("This person already has an open withdrawal assessment.",
                           {"fields": {"person_id": "Already under assessment."}})
        try:
            with transaction.atomic():
                assessment = WithdrawalAssessment.objects.create(
                    reference=reference_new(prefix="VW"), person=person, trigger_kind=kind,
                    trigger_ref=ref, trigger_summary=summary, review_request=review_request,
                    clearance_id=clearance_id, assessor=actor, opened_by=actor)
        except IntegrityError as exc:
            raise Conflict("A withdrawal assessment was already opened from this review.",
                           {"fields": {"review_request_id": "Already opened."}}) from exc
        audit_record(action=events.OPENED, actor=actor, target=assessment, extra={
            "person_id": person.pk, "trigger_kind": kind, "trigger_ref": ref,
            "clearance_id": clearance_id})
    return assessment


def withdrawal_open_from_review(*, actor: Any, review_request_id: int,
                                clearance_id: int | None = None) -> WithdrawalAssessment:
    """Open the assessment a vetting review decided on: the review must be closed with the
    outcome "withdrawal_assessment". Idempotent: a second call returns the first one."""
    withdrawal_perm_require(user=actor, perm=ASSESS)
    review = vetting_review_request_get(user=actor, request_id=review_request_id)
    if review.outcome != ReviewOutcome.WITHDRAWAL_ASSESSMENT:
        raise TransitionNotAllowed(
            "Only a review closed with the outcome 'withdrawal assessment' opens one.",
            {"outcome": review.outcome})
    existing = WithdrawalAssessment.objects.filter(review_request=review).first()
    if existing is not None:
        return existing
    return withdrawal_open(
        actor=actor, person_id=review.person_id, trigger_kind=TriggerKind.REVIEW_REQUEST,
        trigger_ref=f"{review.source_kind}:{review.source_ref}"[:60],
        trigger_summary=review.outcome_notes or review.reason, clearance_id=clearance_id,
        review_request=review)


def _record(*, actor: Any, assessment_id: int, kind: str, allowed: frozenset[str],
            make: Any) -> Any:
    with transaction.atomic():
        withdrawal_perm_require(user=actor, perm=ASSESS)
        assessment = assessment_lock(actor=actor, assessment_id=assessment_id)
        if assessment.status not in allowed:
            raise TransitionNotAllowed(
                f"You cannot record {kind.replace('_', ' ')} when the assessment is at "
                f"{S(assessment.status).label}.",
                {"status": assessment.status, "allowed_actions": actions_from(assessment.status)})
        row = make(assessment)
        audit_record(action=events.RECORDED, actor=actor, target=assessment,
                     extra={"kind": kind, "record_id": row.pk,
                            "person_id": assessment.person_id})
    return row


_OPEN = frozenset(S.values) - {S.CLOSED}


def withdrawal_representative_record(*, actor: Any, assessment_id: int, kind: str, name: str,
                                     organisation: str = "") -> WithdrawalRepresentative:
    """The officer's police friend (reg 9) or legal representative (reg 10)."""
    errors = Errors()
    value = errors.choice("kind", kind, RepresentativeKind.values)
    who = errors.text("name", name, limit=200)
    org = errors.text("organisation", organisation, required=False, limit=200)
    errors.raise_if_any()
    return _record(actor=actor, assessment_id=assessment_id, kind="representative",
                   allowed=_OPEN, make=lambda a: WithdrawalRepresentative.objects.create(
                       assessment=a, kind=value, name=who, organisation=org, recorded_by=actor))


def withdrawal_interview_record(*, actor: Any, assessment_id: int, held_on: dt.date | None,
                                notes: str) -> WithdrawalInterview:
    """An interview during information gathering (V2)."""
    errors = Errors()
    day = errors.day("held_on", held_on)
    text = errors.text("notes", notes)
    errors.raise_if_any()
    assert day is not None  # noqa: S101 (required above)
    return _record(actor=actor, assessment_id=assessment_id, kind="interview",
                   allowed=frozenset({S.INFO_GATHERING}),
                   make=lambda a: WithdrawalInterview.objects.create(
                       assessment=a, held_on=day, notes=text, recorded_by=actor))


def withdrawal_representation_record(*, actor: Any, assessment_id: int,
                                     received_on: dt.date | None,
                                     made_by: str, summary: str) -> WithdrawalRepresentation:
    """Representations received from the officer or their representative, with the date
    received (V3; late ones may still arrive before the decision)."""
    errors = Errors()
    day = errors.day("received_on", received_on)
    who = errors.text("made_by", made_by, limit=200)
    text = errors.text("summary", summary)
    errors.raise_if_any()
    assert day is not None  # noqa: S101 (required above)
    return _record(actor=actor, assessment_id=assessment_id, kind="representations",
                   allowed=frozenset({S.REPRESENTATIONS, S.DECISION}),
                   make=lambda a: WithdrawalRepresentation.objects.create(
                       assessment=a, received_on=day, made_by=who, summary=text,
                       recorded_by=actor))


def withdrawal_view_record(*, actor: Any, assessment: WithdrawalAssessment) -> None:
    """Audit a read of the assessment (a sensitive read, DESIGN.md "Need to know")."""
    audit_record(action=events.VIEWED, actor=actor, target=assessment,
                 extra={"person_id": assessment.person_id})
