import pytest
from django.urls import reverse

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.suspensions.models import Representation, Suspension
from upright.suspensions.tests.factories import person_status, subject_with_matter, suspended

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, make_user):
    def login(role: str = Role.APPROPRIATE_AUTHORITY):
        user = make_user(role)
        client.force_login(user)
        client.user = user
        return client
    return login


def _act(entry, action):
    return reverse("suspensions:act", kwargs={"pk": entry.pk, "action": action})


def test_impose_form_from_a_matter_then_detail(browser):
    client = browser()
    officer, ref = subject_with_matter()
    page = client.get(reverse("suspensions:impose"), {"person": officer.id, "matter": ref})
    assert page.status_code == 200
    assert f'value="{ref}"' in page.content.decode()
    response = client.post(reverse("suspensions:impose"), {
        "kind": "suspended", "person_id": officer.id, "matter_ref": ref,
        "redeployment_considered": "on", "redeployment_rejected_reason": "No suitable post.",
        "limbs": ["prejudice_investigation"], "narrative": "Witnesses are colleagues.",
        "notification_method": "written"})
    entry = Suspension.objects.get(person=officer)
    assert response.status_code == 302
    assert response["Location"] == reverse("suspensions:detail", kwargs={"pk": entry.pk})
    assert person_status(officer) == "suspended"
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert "Witnesses are colleagues." in detail.content.decode()
    assert AuditEvent.objects.filter(action="suspensions.suspension.viewed").count() == 1


def test_impose_without_the_conditions_shows_errors_and_saves_nothing(browser):
    client = browser()
    officer, ref = subject_with_matter()
    response = client.post(reverse("suspensions:impose"), {
        "kind": "suspended", "person_id": officer.id, "matter_ref": ref,
        "narrative": "R.", "notification_method": "written"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert sorted(errors) == ["limbs", "redeployment_considered", "redeployment_rejected_reason"]
    assert Suspension.objects.count() == 0


def test_register_filters_and_overdue_queue(browser):
    client = browser(Role.ASSESSOR)
    active = suspended()
    ended = suspended()
    Suspension.objects.filter(id=ended.id).update(ended_on=ended.decided_at.date(),
                                                  end_reason="no_proceedings")
    Suspension.objects.filter(id=active.id).update(next_review_due="2020-01-01")
    response = client.get(reverse("suspensions:register"), {"state": "ended"})
    assert [s.id for s in response.context["page"]] == [ended.id]
    response = client.get(reverse("suspensions:review_queue"))
    assert [s.id for s in response.context["reviews"]] == [active.id]
    assert "1 Jan 2020" in response.content.decode()


def test_representation_review_and_end_through_the_detail_page(browser):
    client = browser()
    entry = suspended()
    response = client.post(_act(entry, "representation"),
                           {"made_by": "The officer", "summary": "I could work in the office."})
    assert response.status_code == 302
    assert Representation.objects.filter(suspension=entry).count() == 1
    response = client.post(_act(entry, "review"), {"outcome": "continue", "reasons": "Needed."})
    assert response.status_code == 400
    assert response.context["forms"]["review"].errors == {
        "representations_response": ["This field is required."]}
    response = client.post(_act(entry, "review"), {"outcome": "continue", "reasons": "Needed.",
                                                   "representations_response": "Considered."})
    assert response.status_code == 302
    response = client.post(_act(entry, "convert"), {
        "reasons": "Interviews done.", "notification_method": "written",
        "restriction_type": "office_based", "restrictions": "Office only."})
    successor = Suspension.objects.get(converted_from=entry)
    assert response["Location"] == reverse("suspensions:detail", kwargs={"pk": successor.pk})
    assert person_status(entry) == "restricted"
    response = client.post(_act(successor, "end"),
                           {"reason": "no_proceedings", "reasons": "No case to answer."})
    assert response.status_code == 302
    assert person_status(entry) == "serving"


@pytest.mark.parametrize("role", [Role.STAFF, Role.OVERSIGHT])
def test_denied_roles_cannot_reach_the_register(browser, role):
    client = browser(role)
    entry = suspended()
    events = AuditEvent.objects.count()
    assert client.get(reverse("suspensions:register")).status_code == 403
    assert client.get(reverse("suspensions:impose")).status_code == 403
    assert client.get(reverse("suspensions:detail", kwargs={"pk": entry.pk})).status_code == 404
    assert client.post(_act(entry, "end"), {"reason": "no_proceedings",
                                            "reasons": "R."}).status_code == 404
    entry.refresh_from_db()
    assert entry.is_active
    assert AuditEvent.objects.count() == events


def test_readers_see_no_action_forms_and_cannot_act(browser):
    client = browser(Role.INVESTIGATOR)
    entry = suspended()
    response = client.get(reverse("suspensions:detail", kwargs={"pk": entry.pk}))
    assert response.context["forms"] == {}
    assert client.post(_act(entry, "end"), {"reason": "no_proceedings",
                                            "reasons": "R."}).status_code == 403
    entry.refresh_from_db()
    assert entry.is_active
