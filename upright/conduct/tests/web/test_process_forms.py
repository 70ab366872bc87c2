"""The process steps through the HTML forms (the same service as the API)."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from upright.conduct.models import Matter
from upright.conduct.tests.factories import audit_count
from upright.conduct.tests.process import investigation_open

pytestmark = pytest.mark.django_db


def _act(matter: Matter, action: str) -> str:
    return reverse("conduct:matter_action", args=[matter.reference, action])


def test_matter_page_offers_the_open_steps_with_their_legal_basis(client: Any) -> None:
    matter, aa = investigation_open()
    client.force_login(aa)
    page = client.get(reverse("conduct:matter_detail", args=[matter.reference])).content.decode()
    assert 'action="/' in page
    assert "Serve the reg 17 notice" in page
    assert "PCR 2020 regs 17-18" in page
    assert "Schedule the interview" not in page  # reg 20(2): not before the reg 17 notice


def test_reg17_notice_then_interview_through_forms(client: Any) -> None:
    matter, aa = investigation_open()
    client.force_login(aa)
    response = client.post(_act(matter, "serve_reg17_notice"), {
        "served_at": "2020-01-01T10:00", "method": "in_person", "terms_of_reference": "ToR",
        "expected_version": matter.version})
    assert response.status_code == 400  # before the matter came to attention
    assert Matter.objects.get(pk=matter.pk).version == matter.version
    events = audit_count(matter)
    at = (timezone.localtime(matter.came_to_attention_at) + dt.timedelta(minutes=2)).strftime(
        "%Y-%m-%dT%H:%M")
    response = client.post(_act(matter, "serve_reg17_notice"), {
        "served_at": at, "method": "in_person", "terms_of_reference": "ToR",
        "expected_version": matter.version})
    assert response.status_code == 302
    assert audit_count(matter) == events + 1
    response = client.post(_act(matter, "pause_for_criminal"), {"rationale": "Charged."})
    assert response.status_code == 302
    assert Matter.objects.get(pk=matter.pk).status == "suspended_pending_criminal"
