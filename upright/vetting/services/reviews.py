"""Vetting review requests: asked for by other apps and by vetting itself, taken and closed by the vetting
unit. Conduct calls `vetting_review_request` for misconduct short of dismissal (Vetting Code
of Practice 2023); screening will call it for hits routed to vetting."""

from typing import Any

from django.db import IntegrityError, transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import NotFound, TransitionNotAllowed, ValidationFailed
from upright.people.selectors import person_get
from upright.vetting import audit_events as events
from upright.vetting.models import (
    ReviewOutcome,
    ReviewSource,
    ReviewStatus,
    VettingReviewRequest,
)
from upright.vetting.permissions import REQUEST_REVIEW, REVIEW, review_policy, vetting_perm_require
from upright.vetting.services.common import text_fields

ACTIONS_FROM: dict[str, list[str]] = {
    ReviewStatus.OPEN: ["start", "close"], ReviewStatus.IN_REVIEW: ["close"],
    ReviewStatus.CLOSED: [],
}


def _text(values: dict[str, Any], *, required: tuple[str, ...], limits: dict[str, int],
          ) -> dict[str, str]:
    return text_fields(values, required=required, limits=limits)


def vetting_review_request(*, actor: Any, person_id: int, reason: str, source_kind: str,
                           source_ref: str) -> VettingReviewRequest:
    """Ask the vetting unit to review `person_id`'s clearance. `source_kind` is one of
    ReviewSource ("conduct", "screening", "notification", "other"); `source_ref` names the
    record (a matter reference, a hit id). Idempotent per (person, source_kind, source_ref):
    a repeat returns the first request unchanged. `actor` None is the system."""
    vetting_perm_require(user=actor, perm=REQUEST_REVIEW)
    if source_kind not in ReviewSource.values:
        raise ValidationFailed("Some fields are not valid.", {"fields": {
            "source_kind": f"Must be one of: {', '.join(ReviewSource.values)}."}})
    text = _text({"reason": reason, "source_ref": source_ref},
                 required=("reason", "source_ref"), limits={"source_ref": 60})
    person = person_get(person_id=person_id) if isinstance(person_id, int) else None
    if person is None:
        raise ValidationFailed("No such person.", {"fields": {"person_id": "No such person."}})
    key = {"person": person, "source_kind": source_kind, "source_ref": text["source_ref"]}
    existing = VettingReviewRequest.objects.filter(**key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            request = VettingReviewRequest.objects.create(**key, reason=text["reason"],
                                                          requested_by=actor)
            audit_record(action=events.REVIEW_REQUESTED, actor=actor, target=request,
                         extra={"person_id": person.pk, "source_kind": source_kind,
                                "source_ref": request.source_ref})
    except IntegrityError:
        return VettingReviewRequest.objects.get(**key)  # raised concurrently: that one stands
    return request


def _lock(*, actor: Any, request_id: Any) -> VettingReviewRequest:
    request = (VettingReviewRequest.objects.select_for_update().filter(id=request_id).first()
               if isinstance(request_id, int) else None)
    if request is None or not review_policy.user_can_see(user=actor, instance=request):
        raise NotFound("No such vetting review request.")
    return request


def _refuse(request: VettingReviewRequest, verb: str) -> TransitionNotAllowed:
    return TransitionNotAllowed(
        f"You cannot {verb} a request that is {request.get_status_display().lower()}.",
        {"status": request.status, "allowed_actions": ACTIONS_FROM[request.status]})


def vetting_review_start(*, actor: Any, request_id: int) -> VettingReviewRequest:
    """A vetting officer takes an open request: open → in_review, assigned to them."""
    with transaction.atomic():
        vetting_perm_require(user=actor, perm=REVIEW)
        request = _lock(actor=actor, request_id=request_id)
        if request.status != ReviewStatus.OPEN:
            raise _refuse(request, "start")
        request.status, request.assigned_to = ReviewStatus.IN_REVIEW, actor
        request.save(update_fields=["status", "assigned_to", "updated_at"])
        audit_record(action=events.REVIEW_STARTED, actor=actor, target=request)
    return request


def vetting_review_close(*, actor: Any, request_id: int, outcome: str,
                         notes: str = "") -> VettingReviewRequest:
    """Close a request with its outcome (ReviewOutcome). Notes are required unless the
    clearance was simply retained."""
    if outcome not in ReviewOutcome.values:
        raise ValidationFailed("Some fields are not valid.", {"fields": {
            "outcome": f"Must be one of: {', '.join(ReviewOutcome.values)}."}})
    required = () if outcome == ReviewOutcome.CLEARANCE_RETAINED else ("notes",)
    text = _text({"notes": notes}, required=required, limits={"notes": 4000})
    with transaction.atomic():
        vetting_perm_require(user=actor, perm=REVIEW)
        request = _lock(actor=actor, request_id=request_id)
        if request.status == ReviewStatus.CLOSED:
            raise _refuse(request, "close")
        old_status = request.status
        request.status, request.outcome = ReviewStatus.CLOSED, outcome
        request.outcome_notes, request.closed_at = text["notes"], timezone_now()
        if request.assigned_to_id is None:
            request.assigned_to = actor
        request.save(update_fields=["status", "outcome", "outcome_notes", "closed_at",
                                    "assigned_to", "updated_at"])
        audit_record(action=events.REVIEW_CLOSED, actor=actor, target=request,
                     extra={"from_status": old_status, "outcome": outcome})
    return request
