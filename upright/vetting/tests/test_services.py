from typing import Any, cast

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed, ValidationFailed
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.vetting.models import VettingReviewRequest
from upright.vetting.selectors import vetting_review_requests_open
from upright.vetting.services import (
    vetting_review_close,
    vetting_review_request,
    vetting_review_start,
)

pytestmark = pytest.mark.django_db


def _person() -> Person:
    return cast(Person, PersonFactory())


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def _request(actor: Any, person: Person, ref: str = "M-1") -> VettingReviewRequest:
    return vetting_review_request(actor=actor, person_id=person.pk, reason="Final written warning.",
                                  source_kind="conduct", source_ref=ref)


def test_request_is_idempotent_per_person_and_source(appropriate_authority: Any) -> None:
    person = _person()
    first = _request(appropriate_authority, person)
    again = _request(appropriate_authority, person)
    other = _request(appropriate_authority, person, ref="M-2")
    assert first.pk == again.pk != other.pk
    assert (first.status, first.source_kind, first.requested_by) == (
        "open", "conduct", appropriate_authority)
    assert VettingReviewRequest.objects.count() == 2
    assert _events("vetting.review_request.created") == 2


def test_system_may_request_and_bad_source_is_named() -> None:
    assert _request(None, _person()).requested_by is None
    with pytest.raises(ValidationFailed) as exc:
        vetting_review_request(actor=None, person_id=_person().pk, reason="R",
                               source_kind="rumour", source_ref="X")
    assert exc.value.extra == {"fields": {
        "source_kind": "Must be one of: conduct, screening, notification, other, conviction, "
                       "declaration, random, integrity_review, pattern, campaign, withdrawal."}}
    assert VettingReviewRequest.objects.count() == 1


def test_open_to_in_review_to_closed_and_open_queue(make_user: Any, appropriate_authority: Any) -> None:
    officer = make_user(Role.VETTING_OFFICER)
    done, waiting = _request(appropriate_authority, _person()), _request(
        appropriate_authority, _person())
    vetting_review_start(actor=officer, request_id=done.pk)
    closed = vetting_review_close(actor=officer, request_id=done.pk,
                                  outcome="clearance_retained")
    assert (closed.status, closed.outcome, closed.assigned_to) == (
        "closed", "clearance_retained", officer)
    assert list(vetting_review_requests_open(user=officer)) == [waiting]
    with pytest.raises(TransitionNotAllowed) as exc:
        vetting_review_start(actor=officer, request_id=done.pk)
    assert exc.value.extra == {"status": "closed", "allowed_actions": []}
    assert _events("vetting.review_request.started") == 1
    assert _events("vetting.review_request.closed") == 1


def test_closing_with_withdrawal_assessment_needs_notes(make_user: Any, appropriate_authority: Any) -> None:
    officer = make_user(Role.VETTING_OFFICER)
    request = _request(appropriate_authority, _person())
    with pytest.raises(ValidationFailed) as exc:
        vetting_review_close(actor=officer, request_id=request.pk,
                             outcome="withdrawal_assessment")
    assert exc.value.extra == {"fields": {"notes": "This field is required."}}
    request.refresh_from_db()
    assert request.status == "open"


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY, Role.STAFF])
def test_only_vetting_officers_work_requests(make_user: Any, appropriate_authority: Any,
                                             role: str) -> None:
    request = _request(appropriate_authority, _person())
    with pytest.raises(ActionForbidden):
        vetting_review_start(actor=make_user(role), request_id=request.pk)
    request.refresh_from_db()
    assert (request.status, request.assigned_to) == ("open", None)
    assert _events("vetting.review_request.started") == 0
    assert list(vetting_review_requests_open(user=make_user(role))) == []


@pytest.mark.parametrize("role", [Role.STAFF, Role.INVESTIGATOR, Role.AUDITOR])
def test_request_refused_for_roles_without_permission(make_user: Any, role: str) -> None:
    with pytest.raises(ActionForbidden):
        _request(make_user(role), _person())
    assert (VettingReviewRequest.objects.count(), _events("vetting.review_request.created")) == (
        0, 0)
