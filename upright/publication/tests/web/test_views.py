from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from upright.access.roles import Role
from upright.publication.models import ListReportTask, PublicationItem
from upright.publication.services import list_report_task_create
from upright.publication.tests.factories import aa, audit_count, outcome_new, person_new

pytestmark = pytest.mark.django_db
NOW = "2025-03-13 10:00:00+00:00"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@freeze_time(NOW)
def test_queue_and_item_page_show_forms_for_the_role(make_user: Any) -> None:
    item = outcome_new()
    client = _client(make_user(Role.ASSESSOR))
    queue = client.get(reverse("publication:queue")).content.decode()
    assert f'href="/staff/publication/items/{item.pk}/"' in queue
    page = client.get(reverse("publication:item_detail", args=[item.pk])).content.decode()
    assert f'action="/staff/publication/items/{item.pk}/act/review/"' in page
    assert "/act/approve/" not in page
    assert _client(make_user(Role.INVESTIGATOR)).get(reverse("publication:queue")).status_code \
        == 403


@freeze_time(NOW)
def test_review_then_approve_then_publish_through_the_pages(make_user: Any) -> None:
    item = outcome_new()
    client = _client(make_user(Role.APPROPRIATE_AUTHORITY))
    act = lambda action, data: client.post(  # noqa: E731
        reverse("publication:item_action", args=[item.pk, action]), data)
    assert act("review", {"public_summary": "S", "public_finding": "F",
                          "public_action": "A", "expected_version": 1}).status_code == 302
    assert act("approve", {}).status_code == 302
    assert act("publish", {}).status_code == 302
    assert PublicationItem.objects.get(pk=item.pk).status == "published"


@freeze_time(NOW)
def test_refused_action_shows_the_error_and_changes_nothing(make_user: Any) -> None:
    item = outcome_new()
    client = _client(make_user(Role.APPROPRIATE_AUTHORITY))
    response = client.post(reverse("publication:item_action", args=[item.pk, "review"]),
                           {"public_summary": "S"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert PublicationItem.objects.get(pk=item.pk).status == "draft"
    assert audit_count(object_id=str(item.pk)) == 1


@freeze_time(NOW)
def test_mark_list_report_reported(make_user: Any) -> None:
    task = list_report_task_create(actor=aa(), person_id=person_new().pk, list_kind="barred",
                                   reason="Dismissed.", matter_ref="M-7")
    client = _client(make_user(Role.VETTING_OFFICER))
    assert "Mark reported" in client.get(reverse("publication:list_reports")).content.decode()
    response = client.post(reverse("publication:list_report_mark_reported", args=[task.pk]),
                           {"reported_on": "2025-03-12", "college_reference": "COP-9"})
    assert response.status_code == 302
    assert ListReportTask.objects.get(pk=task.pk).status == "reported"
    bad = client.post(reverse("publication:list_report_mark_reported", args=[task.pk]),
                      {"reported_on": "2025-03-12", "college_reference": "COP-9"})
    assert bad.status_code == 409
