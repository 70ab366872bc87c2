"""Log-in: audited, failures too, and role-aware navigation."""

import pytest
from django.urls import reverse

from upright.access.roles import Role
from upright.access.tests.factories import PASSWORD
from upright.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_login_is_audited_and_lands_on_home(client, make_user):
    user = make_user(Role.ASSESSOR)
    response = client.post(reverse("access:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="access.user.logged_in", actor=user).count() == 1


def test_failed_login_is_audited_without_the_password(client, make_user):
    user = make_user(Role.ASSESSOR)
    response = client.post(reverse("access:login"), {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="access.user.login_failed")
    assert event.actor is None
    assert event.extra == {"username": user.username}


@pytest.mark.parametrize(("role", "sees_triage", "sees_audit"), [
    (Role.STAFF, False, False),
    (Role.ASSESSOR, True, False),
    (Role.INVESTIGATOR, False, False),
    (Role.APPROPRIATE_AUTHORITY, True, False),
    (Role.AUDITOR, False, True),
    (Role.OVERSIGHT, False, False),
])
def test_navigation_follows_the_role(client, make_user, role, sees_triage, sees_audit):
    client.force_login(make_user(role))
    html = client.get(reverse("access:home")).content.decode()
    assert (reverse("intake:triage") in html) is sees_triage
    assert (reverse("access:audit") in html) is sees_audit


def test_only_auditors_read_the_audit_log(client, make_user):
    client.force_login(make_user(Role.ASSESSOR))
    assert client.get(reverse("access:audit")).status_code == 403
    client.force_login(make_user(Role.AUDITOR))
    response = client.get(reverse("access:audit") + "?verify=1")
    assert response.status_code == 200
    assert "Chain intact" in response.content.decode()


def test_staff_pages_need_a_login(client):
    response = client.get(reverse("access:home"))
    assert response.status_code == 302
    assert reverse("access:login") in response["Location"]


def test_password_guessing_is_rate_limited_per_username(client, make_user):
    user = make_user(Role.ASSESSOR)
    statuses = [client.post(reverse("access:login"), {"username": user.username, "password": "x"},
                            REMOTE_ADDR=f"10.0.0.{i}").status_code for i in range(21)]
    assert statuses == [200] * 20 + [429]
    # Even the right password is refused until the window passes.
    blocked = client.post(reverse("access:login"), {"username": user.username, "password": PASSWORD})
    assert blocked.status_code == 429
