from typing import Any

import pytest
from django.core.management import call_command
from freezegun import freeze_time
from rest_framework.test import APIClient

from upright.access.roles import Role
from upright.publication.models import PublicationItem
from upright.publication.services import list_report_task_create
from upright.publication.tests.factories import aa, audit_count, outcome_new, person_new, published

pytestmark = pytest.mark.django_db
NOW = "2025-03-13 10:00:00+00:00"


@freeze_time(NOW)
def test_public_list_shows_only_published_items_in_public_shape() -> None:
    actor = aa()
    shown = published(outcome_new(actor=actor), actor=actor)
    outcome_new(actor=actor, matter_ref="M-DRAFT")
    response = APIClient().get("/api/v1/publications")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [shown.pk]
    assert response.json()[0]["summary"] == "An officer used excessive force."
    assert "conduct_summary" not in response.json()[0]


@freeze_time(NOW)
def test_staff_list_shows_all_and_filters(api_as: Any) -> None:
    client = api_as(Role.ASSESSOR)
    draft = outcome_new()
    response = client.get("/api/v1/publications", {"status": "draft"})
    assert [(row["id"], row["allowed_actions"]) for row in response.json()] == [
        (draft.pk, ["directions", "review"])]
    bad = client.get("/api/v1/publications", {"status": "nope"})
    assert bad.status_code == 400
    assert bad.json()["message"] == "Unknown status."
    assert set(bad.json()["extra"]["fields"]) == {"status"}


@freeze_time(NOW)
def test_unpublished_item_is_404_to_the_public(api_client: APIClient) -> None:
    item = outcome_new()
    response = api_client.get(f"/api/v1/publications/{item.pk}")
    assert (response.status_code, response.json()) == (
        404, {"message": "No such published notice.", "extra": {}})


@freeze_time(NOW)
def test_review_approve_publish_over_the_api(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    item = outcome_new()
    url = f"/api/v1/publications/{item.pk}"
    response = client.post(f"{url}/review", {"public_summary": "S", "public_finding": "F",
                                             "public_action": "A", "expected_version": 1},
                           format="json")
    assert (response.status_code, response.json()["status"]) == (200, "redaction_review")
    assert client.post(f"{url}/approve", {}, format="json").json()["status"] == "approved"
    response = client.post(f"{url}/publish", {}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "published")


@freeze_time(NOW)
def test_api_error_shapes(api_as: Any) -> None:
    aa_client = api_as(Role.APPROPRIATE_AUTHORITY)
    item = outcome_new()
    url = f"/api/v1/publications/{item.pk}"
    conflict = aa_client.post(f"{url}/publish", {}, format="json")
    assert conflict.status_code == 409
    assert conflict.json()["extra"] == {"status": "draft",
                                        "allowed_actions": ["directions", "review", "withdraw"]}
    invalid = aa_client.post(f"{url}/review", {"public_summary": " "}, format="json")
    assert (invalid.status_code, invalid.json()["extra"]["fields"]) == (400, {
        "public_summary": "This field is required.", "public_finding": "This field is required.",
        "public_action": "This field is required."})
    missing = aa_client.post(f"{url}/withdraw", {}, format="json")
    assert missing.status_code == 400
    assert set(missing.json()["extra"]["fields"]) == {"reason"}
    forbidden = api_as(Role.ASSESSOR).post(f"{url}/approve", {}, format="json")
    assert forbidden.status_code == 403
    assert forbidden.json() == {"message": "Your role does not allow this "
                                           "(publication.publish).", "extra": {}}
    hidden = api_as(Role.INVESTIGATOR).post(f"{url}/review", {}, format="json")
    assert hidden.status_code == 404
    anonymous = APIClient().post(f"{url}/approve", {}, format="json")
    assert anonymous.status_code == 403
    assert PublicationItem.objects.get(pk=item.pk).status == "draft"
    assert audit_count(object_id=str(item.pk)) == 1


@freeze_time(NOW)
def test_list_report_tasks_api(api_as: Any) -> None:
    task = list_report_task_create(actor=aa(), person_id=person_new().pk, list_kind="barred",
                                   reason="Dismissed.", matter_ref="M-9")
    client = api_as(Role.VETTING_OFFICER)
    rows = client.get("/api/v1/list-report-tasks").json()
    assert [(r["id"], r["status"], r["due_on"]) for r in rows] == [(task.pk, "open",
                                                                    "2025-04-10")]
    response = client.post(f"/api/v1/list-report-tasks/{task.pk}/reported",
                           {"reported_on": "2025-03-12", "college_reference": "COP-1"},
                           format="json")
    assert (response.status_code, response.json()["status"]) == (200, "reported")
    assert api_as(Role.INVESTIGATOR).get("/api/v1/list-report-tasks").json() == []


def test_expire_command(capsys: pytest.CaptureFixture[str]) -> None:
    actor = aa()
    with freeze_time(NOW):
        item = published(outcome_new(actor=actor), actor=actor)
    with freeze_time("2025-04-11 00:00:00+00:00"):
        call_command("publication_expire")
    assert capsys.readouterr().out == "1 item(s) expired.\n"
    assert PublicationItem.objects.get(pk=item.pk).status == "expired"
