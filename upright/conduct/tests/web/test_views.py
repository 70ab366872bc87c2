import datetime as dt

import pytest
from django.urls import reverse

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.models import Matter
from upright.conduct.tests.factories import audit_count, matter_in, matter_new, person_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, make_user):
    def login(role: str = Role.APPROPRIATE_AUTHORITY, **kwargs):
        user = make_user(role, **kwargs)
        client.force_login(user)
        client.user = user
        return client
    return login


def _page(matter: Matter) -> str:
    return reverse("conduct:matter_detail", kwargs={"reference": matter.reference})


def _act(matter: Matter, action: str) -> str:
    return reverse("conduct:matter_action", kwargs={"reference": matter.reference,
                                                    "action": action})


def test_matter_list_filters_by_status(browser):
    client = browser(Role.ASSESSOR)
    recorded = matter_in("recorded")
    closed = matter_in("closed_nfa")
    response = client.get(reverse("conduct:matter_list"), {"status": "closed_nfa"})
    assert response.status_code == 200
    html = response.content.decode()
    assert closed.reference in html
    assert recorded.reference not in html


def test_matter_page_shows_facts_deadlines_and_forms_and_is_audited(browser):
    client = browser()
    matter = matter_in("recorded")
    response = client.get(_page(matter))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CMR 2020 reg 4 / PRA 2002 Sch 3 para 4(4)" in html
    assert 'name="criteria"' in html
    assert "serious_assault" in html
    assert _act(matter, "referral_check") in html
    assert _act(matter, "close_nfa") in html
    assert "<script" not in html
    assert "style=" not in html
    assert audit_count(matter, "conduct.matter.viewed") == 1


def test_referral_form_submits_through_the_service(browser):
    client = browser()
    matter = matter_in("recorded")
    response = client.post(_act(matter, "referral_check"), {
        "criteria": ["serious_sexual_offence"], "rationale": "Reg 4.", "expected_version": 1})
    assert response.status_code == 302
    matter.refresh_from_db()
    assert (matter.status, matter.version) == ("referred_to_iopc", 2)


def test_severity_form_error_is_shown_not_500(browser):
    client = browser()
    matter = matter_in("severity_assessment_pending",
                       came_to_attention_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    response = client.post(_act(matter, "assess_severity"), {
        "level": "misconduct", "route": "vetting", "rationale": "R", "expected_version": 2})
    assert response.status_code == 400
    assert "Vetting Regulations" in response.content.decode()
    assert Matter.objects.get(pk=matter.pk).status == "severity_assessment_pending"


def test_stale_form_is_409_with_message(browser):
    client = browser()
    matter = matter_in("recorded")
    response = client.post(_act(matter, "close_nfa"), {"rationale": "R", "expected_version": 9})
    assert response.status_code == 409
    assert "reload" in response.content.decode()
    assert Matter.objects.get(pk=matter.pk).status == "recorded"


def test_wrong_state_form_is_409(browser):
    client = browser()
    matter = matter_in("recorded")
    events = AuditEvent.objects.count()
    response = client.post(_act(matter, "reopen"), {"rationale": "R"})
    assert response.status_code == 409
    assert AuditEvent.objects.count() == events


def test_missing_field_form_is_400(browser):
    client = browser()
    matter = matter_in("recorded")
    response = client.post(_act(matter, "close_nfa"), {"rationale": ""})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_appoint_investigator_select(browser, make_user):
    client = browser()
    investigator = make_user(Role.INVESTIGATOR, first_name="Ida", last_name="Vest")
    matter = matter_in("investigator_appointment_pending")
    assert "Ida Vest" in client.get(_page(matter)).content.decode()
    response = client.post(_act(matter, "appoint_investigator"),
                           {"investigator_id": investigator.pk})
    assert response.status_code == 302
    assert Matter.objects.get(pk=matter.pk).investigator == investigator


@pytest.mark.parametrize("who", ["subject", "manager", "managers_manager"])
def test_conflicted_users_get_404_page(browser, who):
    top = person_new()
    middle = person_new(line_manager=top)
    subject = person_new(line_manager=middle)
    matter = matter_in("recorded", subjects=[subject])
    person = {"subject": subject, "manager": middle, "managers_manager": top}[who]
    client = browser(Role.APPROPRIATE_AUTHORITY, person=person)
    assert client.get(_page(matter)).status_code == 404
    assert client.post(_act(matter, "close_nfa"), {"rationale": "R"}).status_code == 404
    assert matter.reference not in client.get(reverse("conduct:matter_list")).content.decode()
    assert Matter.objects.get(pk=matter.pk).status == "recorded"


def test_unrelated_assessor_sees_the_page(browser):
    matter = matter_in("recorded", subjects=[person_new(line_manager=person_new())])
    assert browser(Role.ASSESSOR).get(_page(matter)).status_code == 200


def test_compartment_matter_is_404_page(browser):
    matter = matter_new(compartment="anti-corruption")
    assert browser(Role.APPROPRIATE_AUTHORITY).get(_page(matter)).status_code == 404


@pytest.mark.parametrize(("role", "status"), [
    (Role.STAFF, 403), (Role.AUDITOR, 403), (Role.ASSESSOR, 200), (Role.PANEL, 200),
])
def test_matter_list_by_role(browser, role, status):
    assert browser(role).get(reverse("conduct:matter_list")).status_code == status


def test_person_history_shows_closed_matters_and_is_audited(browser):
    subject = person_new(surname="Quill")
    closed = matter_in("closed_nfa", subjects=[subject])
    client = browser(Role.REVIEWER)
    response = client.get(reverse("conduct:person_history", kwargs={"person_id": subject.id}))
    assert response.status_code == 200
    assert closed.reference in response.content.decode()
    assert AuditEvent.objects.filter(action="conduct.person_history.viewed",
                                     object_id=str(subject.id)).count() == 1


def test_person_history_hides_conflicted_matters(browser):
    manager = person_new()
    subject = person_new(line_manager=manager)
    matter = matter_in("recorded", subjects=[subject])
    client = browser(Role.REVIEWER, person=manager)
    response = client.get(reverse("conduct:person_history", kwargs={"person_id": subject.id}))
    assert matter.reference not in response.content.decode()


def test_search_by_staff_number_name_and_reference(browser):
    person = person_new(staff_number="424242", surname="Zebedee")
    matter = matter_new(subjects=[person])
    client = browser(Role.ASSESSOR)
    url = reverse("conduct:search")
    history = reverse("conduct:person_history", kwargs={"person_id": person.id})
    assert history in client.get(url, {"q": "424242"}).content.decode()
    assert history in client.get(url, {"q": "zebedee"}).content.decode()
    assert _page(matter) in client.get(url, {"q": matter.reference.lower()}).content.decode()


def test_login_redirect_for_anonymous(client):
    response = client.get(reverse("conduct:matter_list"))
    assert response.status_code == 302
