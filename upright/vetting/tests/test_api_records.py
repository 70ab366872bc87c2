"""The vetting records API: reads and writes for each record, validation errors, and who
may see what."""

from typing import Any

import pytest

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.vetting.models import Clearance, ConvictionRecord, Declaration, PolicySimulation
from upright.vetting.tests.factories import person_new

pytestmark = pytest.mark.django_db


def _as(api_client: Any, user: Any) -> Any:
    api_client.force_authenticate(user)
    return api_client


def test_clearance_grant_read_renew_conditions_terminate(api_as: Any) -> None:
    api = api_as(Role.VETTING_OFFICER)
    person = person_new()
    created = api.post("/api/v1/vetting/clearances", {"person_id": person.pk, "level": "MV"},
                       format="json")
    assert created.status_code == 201, created.json()
    cid = created.json()["id"]
    assert (created.json()["status"], created.json()["renewal_policy_version"]) == ("active", 1)
    listed = api.get("/api/v1/vetting/clearances", {"person_id": person.pk}).json()
    assert [c["id"] for c in listed] == [cid]
    assert AuditEvent.objects.filter(action="vetting.records.viewed").count() == 1
    assert api.post(f"/api/v1/vetting/clearances/{cid}/renew").json()["renewals"] == 1
    assert api.post(f"/api/v1/vetting/clearances/{cid}/conditions", {"conditions": "Escort"},
                    format="json").json()["conditions"] == "Escort"
    ended = api.post(f"/api/v1/vetting/clearances/{cid}/terminate", {"reason": "left"},
                     format="json")
    assert ended.json()["status"] == "terminated"
    again = api.post(f"/api/v1/vetting/clearances/{cid}/renew")
    assert again.status_code == 409
    assert api.get("/api/v1/vetting/clearances/expiring", {"within_days": "x"}).status_code \
        == 400


def test_validation_errors_write_nothing(api_as: Any) -> None:
    api = api_as(Role.VETTING_OFFICER)
    bad = api.post("/api/v1/vetting/clearances", {"person_id": 999999, "level": "MV"},
                   format="json")
    assert (bad.status_code, bad.json()["extra"]) == (400, {"fields": {
        "person_id": "No such person."}})
    bad = api.post("/api/v1/vetting/convictions", {"person_id": person_new().pk,
                                                   "offence_category": "arson"}, format="json")
    assert bad.status_code == 400
    bad_rule = api.post("/api/v1/vetting/simulations",
                        {"name": "x", "rule": {"within_years": 500, "eval": "1"}},
                        format="json")
    assert bad_rule.status_code == 400
    assert bad_rule.json()["extra"]["fields"]["rule"] == "Unknown keys: eval."
    assert (Clearance.objects.count(), ConvictionRecord.objects.count(),
            PolicySimulation.objects.count()) == (0, 0, 0)


def test_permissions_by_role(api_as: Any) -> None:
    person = person_new()
    officer = api_as(Role.VETTING_OFFICER)
    officer.post("/api/v1/vetting/clearances", {"person_id": person.pk, "level": "RV"},
                 format="json")
    for role in (Role.STAFF, Role.ASSESSOR, Role.ANALYST):
        api = api_as(role)
        assert api.get("/api/v1/vetting/clearances").status_code == 403
        assert api.post("/api/v1/vetting/clearances", {"person_id": person.pk,
                                                       "level": "MV"},
                        format="json").status_code == 403
    aa = api_as(Role.APPROPRIATE_AUTHORITY)  # may read, may not grant
    assert len(aa.get("/api/v1/vetting/clearances").json()) == 1
    analyst = api_as(Role.ANALYST)
    ran = analyst.post("/api/v1/vetting/simulations",
                       {"name": "All", "rule": {"exempt_minor_motoring": True}}, format="json")
    assert ran.status_code == 201
    assert ran.json()["breakdown"]["ethnic_group"][0]["workforce"] == 1
    assert api_as(Role.STAFF).get("/api/v1/vetting/simulations").status_code == 403
    assert Clearance.objects.count() == 1


def test_subject_and_their_manager_do_not_see_the_record(api_client: Any) -> None:
    manager = person_new()
    subject = person_new(line_manager=manager)
    UserFactory(role=Role.VETTING_OFFICER)
    other_officer = UserFactory(role=Role.VETTING_OFFICER, person=person_new())
    _as(api_client, other_officer).post(
        "/api/v1/vetting/clearances", {"person_id": subject.pk, "level": "RV"}, format="json")
    managing_officer = UserFactory(role=Role.VETTING_OFFICER, person=manager)
    api = _as(api_client, managing_officer)
    assert api.get("/api/v1/vetting/clearances").json() == []
    cid = Clearance.objects.get().pk
    assert api.get(f"/api/v1/vetting/clearances/{cid}").status_code == 404
    assert api.post(f"/api/v1/vetting/clearances/{cid}/renew").status_code == 404


def test_declarations_mine_and_assessment(api_client: Any, api_as: Any) -> None:
    staff = UserFactory(role=Role.STAFF, person=person_new())
    api = _as(api_client, staff)
    made = api.post("/api/v1/vetting/declarations",
                    {"kind": "association", "association_type": "private_investigator",
                     "subject": "J. Doe", "details": "Neighbour"}, format="json")
    assert made.status_code == 201
    assert made.json()["review_request_id"] is not None
    assert [d["subject"] for d in api.get("/api/v1/vetting/declarations",
                                          {"mine": "1"}).json()] == ["J. Doe"]
    assert api.get("/api/v1/vetting/declarations").status_code == 403
    officer = api_as(Role.VETTING_OFFICER)
    assessed = officer.post(f"/api/v1/vetting/declarations/{made.json()['id']}/assess",
                            {"decision": "accept_with_conditions"}, format="json")
    assert (assessed.status_code, assessed.json()["extra"]) == (
        400, {"fields": {"conditions": "This field is required."}})
    assert Declaration.objects.get().status == "submitted"


def test_integrity_applications_draws_and_settings(api_as: Any) -> None:
    officer = api_as(Role.VETTING_OFFICER)
    person = person_new()
    answers = {code: "No" for code in ("changes", "associations", "business_interests",
                                        "finances", "contact_police", "social_media",
                                        "wellbeing")}
    review = officer.post("/api/v1/vetting/integrity-reviews",
                          {"person_id": person.pk, "year": 2025, "answers": answers,
                           "outcome": "satisfactory"}, format="json")
    assert review.status_code == 201, review.json()
    app = officer.post("/api/v1/vetting/applications",
                       {"kind": "applicant", "level": "RV", "forenames": "Al", "surname": "B",
                        "date_of_birth": "1999-01-01", "postcodes": ["N1 1AA"]}, format="json")
    assert app.status_code == 201
    granted = officer.post(f"/api/v1/vetting/applications/{app.json()['id']}/grant", {},
                           format="json")
    assert (granted.status_code, granted.json()["application_id"]) == (201, app.json()["id"])
    officer.post("/api/v1/vetting/clearances", {"person_id": person.pk, "level": "RV"},
                 format="json")
    draw = officer.post("/api/v1/vetting/revetting/draws", {"seed": 7}, format="json")
    assert (draw.status_code, draw.json()["person_ids"]) == (201, [person.pk])
    admin = api_as(Role.ADMIN)
    assert admin.post("/api/v1/vetting/revetting/rate", {"percent": "2.5",
                                                         "interval_days": 14},
                      format="json").status_code == 201
    assert officer.get("/api/v1/vetting/revetting/rate").json()["percent"] == "2.50"
    assert officer.post("/api/v1/vetting/renewal-intervals", {
        "level": "MV", "months": 60, "verified": True, "legal_basis": "x"},
        format="json").status_code == 403


def test_schema_documents_the_vetting_endpoints(api_as: Any) -> None:
    schema = api_as(Role.VETTING_OFFICER).get("/api/v1/schema/", {"format": "json"}).json()
    for path in ("/api/v1/vetting/clearances", "/api/v1/vetting/clearances/expiring",
                 "/api/v1/vetting/convictions", "/api/v1/vetting/simulations",
                 "/api/v1/vetting/applications/{application_id}/grant",
                 "/api/v1/vetting/declarations/{declaration_id}/assess"):
        assert path in schema["paths"]
