"""The vetting staff pages: each renders for the right role, forms write through the
services, and bad input is shown on the form."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.vetting.models import Clearance, ConvictionRecord, Declaration, PolicySimulation
from upright.vetting.services import clearance_grant
from upright.vetting.tests.factories import person_new

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_renders_for_a_vetting_officer() -> None:
    officer = UserFactory(role=Role.VETTING_OFFICER, person=person_new())
    person = person_new()
    clearance_grant(actor=officer, person_id=person.pk, level="RV")
    client = _client(officer)
    for name, args in (("expiry_queue", []), ("person", [person.pk]), ("register", []),
                       ("declarations_queue", []), ("declarations_mine", []),
                       ("integrity_reviews", []), ("simulations", []), ("applications", []),
                       ("settings", [])):
        response = client.get(reverse(f"vetting:{name}", args=args))
        assert response.status_code == 200, name
    staff = _client(UserFactory(role=Role.STAFF, person=person_new()))
    assert staff.get(reverse("vetting:expiry_queue")).status_code == 403
    assert staff.get(reverse("vetting:person", args=[person.pk])).status_code == 403
    assert staff.get(reverse("vetting:declarations_mine")).status_code == 200


def test_grant_conditions_and_terminate_forms() -> None:
    officer = UserFactory(role=Role.VETTING_OFFICER)
    person = person_new()
    client = _client(officer)
    response = client.post(reverse("vetting:clearance_grant", args=[person.pk]),
                           {"level": "MV", "conditions": ""})
    assert response.status_code == 302
    clearance = Clearance.objects.get()
    twice = client.post(reverse("vetting:clearance_grant", args=[person.pk]), {"level": "MV"})
    assert twice.status_code == 400
    assert "already holds an active MV clearance" in twice.content.decode()
    client.post(reverse("vetting:clearance_conditions", args=[clearance.pk]),
                {"conditions": "Supervised access only"})
    client.post(reverse("vetting:clearance_terminate", args=[clearance.pk]),
                {"reason": "not_required"})
    clearance.refresh_from_db()
    assert (clearance.conditions, clearance.status) == ("Supervised access only", "terminated")


def test_register_declaration_and_simulation_forms() -> None:
    officer = UserFactory(role=Role.VETTING_OFFICER)
    person = person_new()
    client = _client(officer)
    response = client.post(reverse("vetting:register"), {
        "staff_number": person.staff_number, "offence_category": "violence",
        "offence_date": "2024-01-01", "disposal": "caution", "description": "Assault",
        "source": "pnc"})
    assert response.status_code == 302
    bad = client.post(reverse("vetting:register"), {
        "staff_number": "000", "offence_category": "violence", "offence_date": "2024-01-01",
        "disposal": "caution", "description": "Assault", "source": "pnc"})
    assert "No such staff or warrant number." in bad.content.decode()
    assert ConvictionRecord.objects.count() == 1
    staff = UserFactory(role=Role.STAFF, person=person_new())
    _client(staff).post(reverse("vetting:declarations_mine"), {
        "kind": "secondary_employment", "subject": "Gym", "details": "Weekends"})
    declaration = Declaration.objects.get()
    client.post(reverse("vetting:declaration_assess", args=[declaration.pk]),
                {"decision": "accept"})
    declaration.refresh_from_db()
    assert declaration.status == "accepted"
    ran = client.post(reverse("vetting:simulations"), {
        "name": "Violence", "categories": ["violence"], "while_serving": "any"})
    simulation = PolicySimulation.objects.get()
    assert ran.status_code == 302
    page = client.get(reverse("vetting:simulation", args=[simulation.pk])).content.decode()
    assert "By ethnic group" in page
    assert simulation.affected == 1


def test_review_detail_shows_the_history_panel() -> None:
    from upright.vetting.services import vetting_review_request

    person = person_new()
    request = vetting_review_request(actor=None, person_id=person.pk, reason="Caution.",
                                     source_kind="conviction", source_ref="conviction:1")
    client = _client(UserFactory(role=Role.VETTING_OFFICER))
    page = client.get(reverse("vetting:review_detail", args=[request.pk]))
    assert page.status_code == 200
    assert f'id="history-panel-{person.pk}"' in page.content.decode()
    assert _client(UserFactory(role=Role.ASSESSOR)).get(
        reverse("vetting:review_detail", args=[request.pk])).status_code == 403
