"""The complaint steps through the HTML forms (the same service as the API)."""

from typing import Any

import pytest
from django.urls import reverse

from upright.conduct.models import Matter
from upright.conduct.services.complainants import complainant_link, complainant_record
from upright.conduct.tests.factories import audit_count
from upright.conduct.tests.process import complaint_new

pytestmark = pytest.mark.django_db


def test_complaint_page_shows_complainants_and_days_since_update(client: Any) -> None:
    matter, aa = complaint_new()
    person = complainant_record(actor=aa, name="Mr John Roe", preferred_contact="phone",
                                phone="07700 900000")
    complainant_link(actor=aa, complainant_id=person.pk, matter_reference=matter.reference)
    client.force_login(aa)
    url = reverse("conduct:matter_detail", args=[matter.reference])
    page = client.get(url).content.decode()
    assert "Mr John Roe" in page
    assert "Never updated" in page
    assert "Resolve outside Schedule 3" in page
    response = client.post(reverse("conduct:matter_action",
                                   args=[matter.reference, "record_under_schedule_3"]),
                           {"reason": "Wants it recorded.", "expected_version": 1})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Days since the complainant was last updated</dt><dd>0</dd>" in page
    assert Matter.objects.get(pk=matter.pk).status == "recorded"


def test_bad_complaint_form_changes_nothing(client: Any) -> None:
    matter, aa = complaint_new()
    client.force_login(aa)
    events = audit_count(matter)
    response = client.post(reverse("conduct:matter_action",
                                   args=[matter.reference, "handle_outside_schedule_3"]),
                           {"outcome": "service_acceptable", "resolution": "Explained.",
                            "complainant_wants_recorded": "on"})
    assert response.status_code == 400
    assert "record it under Schedule 3" in response.content.decode()
    assert Matter.objects.get(pk=matter.pk).version == 1
    assert audit_count(matter) == events
