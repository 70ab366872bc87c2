import pytest
from django.urls import reverse

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.models import Matter
from upright.conduct.states import ACTIONS
from upright.conduct.tests.factories import audit_count, matter_in, matter_new, person_new

pytestmark = pytest.mark.django_db


def _url(matter: Matter) -> str:
    return reverse("matter-detail", kwargs={"reference": matter.reference})


def _post(client, matter: Matter, body: dict):
    return client.post(f"{_url(matter)}/transitions", body, format="json")


def test_get_matter(api_as):
    client = api_as(Role.ASSESSOR)
    matter = matter_in("recorded")
    response = client.get(_url(matter))
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == matter.reference
    assert (body["status"], body["version"], body["kind"]) == ("recorded", 1, "conduct_matter")
    assert body["allowed_actions"] == ["referral_check", "close_nfa"]
    assert [d["code"] for d in body["deadlines"]] == ["iopc_referral", "timeliness_report"]
    assert set(body["deadlines"][0]) >= {"name", "due_date", "legal_basis", "satisfied_at"}
    assert body["history"][0]["action"] == "record"
    assert body["allegations"][0]["category_code"] == "G5"
    assert audit_count(matter, "conduct.matter.viewed") == 1


def test_list_is_paginated_and_filtered(api_as):
    client = api_as(Role.ASSESSOR)
    recorded = matter_in("recorded")
    matter_in("closed_nfa")
    response = client.get("/api/v1/matters", {"status": "recorded"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [m["reference"] for m in body["results"]] == [recorded.reference]
    assert client.get("/api/v1/matters").json()["count"] == 2
    bad = client.get("/api/v1/matters", {"status": "nope"})
    assert bad.status_code == 400


def test_post_transition(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = matter_in("recorded")
    response = _post(client, matter, {"action": "referral_check", "expected_version": 1,
                                      "criteria": ["serious_assault"], "rationale": "Serious."})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["version"]) == ("referred_to_iopc", 2)
    assert body["allowed_actions"] == ["iopc_decision"]
    assert audit_count(matter, "conduct.matter.referral_checked") == 1


def test_post_missing_field_is_400_naming_it(api_as):
    client = api_as(Role.ASSESSOR)
    matter = matter_in("severity_assessment_pending")
    response = _post(client, matter, {"action": "assess_severity", "level": "misconduct",
                                      "rationale": "R"})
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["route"]
    assert set(response.json()) == {"message", "extra"}
    assert Matter.objects.get(pk=matter.pk).version == matter.version


def test_post_unknown_action_is_400(api_as):
    matter = matter_in("recorded")
    response = _post(api_as(Role.ASSESSOR), matter, {"action": "sack"})
    assert response.status_code == 400
    assert "action" in response.json()["extra"]["fields"]


def test_post_illegal_action_is_409_with_allowed_actions(api_as):
    client = api_as(Role.ASSESSOR)
    matter = matter_in("recorded")
    events = AuditEvent.objects.count()
    response = _post(client, matter, {"action": "reopen", "rationale": "R"})
    assert response.status_code == 409
    assert response.json()["extra"]["allowed_actions"] == ["referral_check", "close_nfa"]
    assert Matter.objects.get(pk=matter.pk).status == "recorded"
    assert AuditEvent.objects.count() == events


def test_post_stale_version_is_409(api_as):
    client = api_as(Role.ASSESSOR)
    matter = matter_in("recorded")
    response = _post(client, matter, {"action": "close_nfa", "rationale": "R",
                                      "expected_version": 3})
    assert response.status_code == 409
    assert response.json()["extra"] == {"current_version": 1}
    assert Matter.objects.get(pk=matter.pk).status == "recorded"


def test_post_forbidden_role_is_403(api_as):
    client = api_as(Role.PANEL)
    matter = matter_in("recorded")
    response = _post(client, matter, {"action": "close_nfa", "rationale": "R"})
    assert response.status_code == 403
    assert set(response.json()) == {"message", "extra"}
    assert Matter.objects.get(pk=matter.pk).status == "recorded"
    assert audit_count(matter) == 1


@pytest.mark.parametrize("who", ["subject", "manager", "managers_manager"])
def test_conflicted_users_get_404_on_get_and_post(api_as, who):
    top = person_new()
    middle = person_new(line_manager=top)
    subject = person_new(line_manager=middle)
    matter = matter_in("recorded", subjects=[subject])
    person = {"subject": subject, "manager": middle, "managers_manager": top}[who]
    client = api_as(Role.APPROPRIATE_AUTHORITY, person=person)
    assert client.get(_url(matter)).status_code == 404
    response = _post(client, matter, {"action": "close_nfa", "rationale": "R"})
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "extra": {}}
    assert client.get("/api/v1/matters").json()["count"] == 0
    assert Matter.objects.get(pk=matter.pk).status == "recorded"
    assert audit_count(matter) == 1
    unrelated = api_as(Role.ASSESSOR)
    assert unrelated.get(_url(matter)).status_code == 200


def test_role_without_view_gets_404(api_as):
    matter = matter_new()
    assert api_as(Role.STAFF).get(_url(matter)).status_code == 404


def test_schema_lists_transitions_and_each_action(api_as):
    client = api_as(Role.ASSESSOR)
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/matters/{reference}/transitions" in schema["paths"]
    request = schema["components"]["schemas"]["MatterTransitionInputRequest"]
    assert set(request["discriminator"]["mapping"]) == set(ACTIONS)
    for name in ACTIONS:
        assert f'"{name}"' in response.content.decode()
