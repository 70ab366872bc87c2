import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.suspensions.models import Suspension
from upright.suspensions.tests.factories import person_status, subject_with_matter, suspended

pytestmark = pytest.mark.django_db

LIST = "/api/v1/suspensions"


def _impose_body(person_id, ref, **overrides):
    body = {"kind": "suspended", "person_id": person_id, "matter_ref": ref,
            "narrative": "Witnesses are colleagues.", "notification_method": "written",
            "redeployment_considered": True,
            "redeployment_rejected_reason": "No post away from the witnesses.",
            "limbs": ["public_interest"]}
    body.update(overrides)
    return body


def test_impose_returns_201_with_the_entry(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    officer, ref = subject_with_matter()
    response = client.post(LIST, _impose_body(officer.id, ref), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "suspended"
    assert body["limbs"] == ["public_interest"]
    assert body["pay_status"] == "full_pay"
    assert body["reviews"] == []
    assert person_status(officer) == "suspended"


def test_impose_restriction(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    officer, ref = subject_with_matter()
    response = client.post(LIST, {"kind": "restricted", "person_id": officer.id,
                                  "matter_ref": ref, "narrative": "Managed risk.",
                                  "notification_method": "oral",
                                  "restriction_type": "no_driving",
                                  "restrictions": "No response driving."}, format="json")
    assert response.status_code == 201
    assert response.json()["restriction_type"] == "no_driving"
    assert response.json()["confirmation_due"] is not None
    assert person_status(officer) == "restricted"


def test_missing_fields_are_named_in_the_shared_error_shape(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    response = client.post(LIST, {"kind": "suspended"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Some fields are not valid."
    assert sorted(body["extra"]["fields"]) == [
        "matter_ref", "narrative", "notification_method", "person_id"]


def test_missing_reg_11_4_conditions_are_named(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    officer, ref = subject_with_matter()
    body = _impose_body(officer.id, ref, redeployment_considered=False, limbs=[])
    response = client.post(LIST, body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    assert sorted(response.json()["extra"]["fields"]) == ["limbs", "redeployment_considered"]
    assert Suspension.objects.count() == 0


def test_a_second_active_entry_is_409(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    officer, ref = subject_with_matter()
    assert client.post(LIST, _impose_body(officer.id, ref), format="json").status_code == 201
    response = client.post(LIST, _impose_body(officer.id, ref), format="json")
    assert response.status_code == 409
    assert response.json()["extra"] == {"fields": {"person_id": "Already active."}}


@pytest.mark.parametrize("role", [Role.STAFF, Role.OVERSIGHT])
def test_denied_roles_get_403_and_nothing_changes(api_as, role):
    entry = suspended()
    client = api_as(role)
    officer, ref = subject_with_matter()
    events = AuditEvent.objects.count()
    assert client.post(LIST, _impose_body(officer.id, ref), format="json").status_code == 403
    assert client.post(f"{LIST}/{entry.id}/end", {"reason": "no_proceedings", "reasons": "R."},
                       format="json").status_code == 403
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert client.get(f"{LIST}/{entry.id}").status_code == 404
    assert Suspension.objects.count() == 1
    assert person_status(officer) == "serving"
    assert AuditEvent.objects.count() == events


def test_list_filters_and_detail_read_is_audited(api_as):
    client = api_as(Role.INVESTIGATOR)
    active = suspended()
    ended = suspended()
    Suspension.objects.filter(id=ended.id).update(ended_on=ended.decided_at.date(),
                                                  end_reason="no_proceedings")
    response = client.get(LIST, {"state": "active"})
    assert [r["id"] for r in response.json()["results"]] == [active.id]
    assert client.get(LIST, {"state": "nonsense"}).json()["extra"] == {
        "fields": {"state": "Must be active or ended."}}
    response = client.get(f"{LIST}/{active.id}")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="suspensions.suspension.viewed",
                                     object_id=str(active.id)).count() == 1


def test_review_representation_and_end(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    entry = suspended()
    response = client.post(f"{LIST}/{entry.id}/representations",
                           {"made_by": "The officer", "summary": "I can work in the office."},
                           format="json")
    assert response.status_code == 201
    assert len(response.json()["representations"]) == 1
    response = client.post(f"{LIST}/{entry.id}/reviews",
                           {"outcome": "continue", "reasons": "Still needed."}, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {
        "representations_response": "This field is required."}
    response = client.post(f"{LIST}/{entry.id}/reviews",
                           {"outcome": "convert", "reasons": "Interviewed.",
                            "representations_response": "Accepted.",
                            "notification_method": "written",
                            "restriction_type": "office_based",
                            "restrictions": "Office only."}, format="json")
    assert response.status_code == 201
    assert response.json()["end_reason"] == "converted_to_restriction"
    new_entry = Suspension.objects.get(converted_from=entry)
    response = client.post(f"{LIST}/{new_entry.id}/end",
                           {"reason": "proceedings_concluded", "reasons": "Hearing over."},
                           format="json")
    assert response.status_code == 200
    assert response.json()["end_reason"] == "proceedings_concluded"
    assert person_status(entry) == "serving"
    response = client.post(f"{LIST}/{new_entry.id}/end",
                           {"reason": "proceedings_concluded", "reasons": "Again."}, format="json")
    assert response.status_code == 409


def test_schema_documents_the_endpoints(api_as):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert sorted(p for p in paths if p.startswith("/api/v1/suspensions")) == [
        "/api/v1/suspensions",
        "/api/v1/suspensions/{suspension_id}",
        "/api/v1/suspensions/{suspension_id}/confirmation",
        "/api/v1/suspensions/{suspension_id}/end",
        "/api/v1/suspensions/{suspension_id}/representations",
        "/api/v1/suspensions/{suspension_id}/reviews",
    ]
