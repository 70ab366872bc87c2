from typing import Any, cast

import pytest
from django.test import Client
from django.urls import reverse

from upright.access.roles import Role
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.vetting.models import VettingReviewRequest
from upright.vetting.services import vetting_review_request

pytestmark = pytest.mark.django_db


def person_new() -> Person:
    return cast(Person, PersonFactory())


def test_vetting_review_requests_api(api_as: Any) -> None:
    request = vetting_review_request(actor=None, person_id=person_new().pk, reason="Warning.",
                                     source_kind="conduct", source_ref="M-1")
    rows = api_as(Role.VETTING_OFFICER).get("/api/v1/vetting/review-requests").json()
    assert [(r["id"], r["status"], r["source_ref"]) for r in rows] == [
        (request.pk, "open", "M-1")]
    assert api_as(Role.ASSESSOR).get("/api/v1/vetting/review-requests").json() == []
    bad = api_as(Role.VETTING_OFFICER).get("/api/v1/vetting/review-requests", {"status": "x"})
    assert bad.status_code == 400



def test_vetting_queue_start_and_close(make_user: Any) -> None:
    request = vetting_review_request(actor=None, person_id=person_new().pk, reason="Warning.",
                                     source_kind="conduct", source_ref="M-1")
    client = _client(make_user(Role.VETTING_OFFICER))
    assert "Warning." in client.get(reverse("vetting:review_queue")).content.decode()
    client.post(reverse("vetting:review_start", args=[request.pk]))
    client.post(reverse("vetting:review_close", args=[request.pk]),
                {"outcome": "clearance_retained"})
    assert VettingReviewRequest.objects.get(pk=request.pk).status == "closed"
    assert _client(make_user(Role.ASSESSOR)).get(reverse("vetting:review_queue")).status_code \
        == 403


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
