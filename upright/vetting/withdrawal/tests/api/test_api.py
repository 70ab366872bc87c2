"""The withdrawal API: the same services, validation with field errors, permissions."""

from typing import Any, cast

from rest_framework.test import APIClient

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.vetting.withdrawal.models import WithdrawalAssessment
from upright.vetting.withdrawal.states import WithdrawalStatus as S

BASE = "/api/v1/vetting/withdrawals"


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_open_walk_and_decide_through_the_api(vetting_officer, decider, subject):
    officer = _client(vetting_officer)
    opened = officer.post(BASE, {"person_id": subject.pk, "trigger_kind": "re_vetting",
                                 "trigger_summary": "Re-vetting found undeclared debts"},
                          format="json")
    assert opened.status_code == 201
    pk = opened.json()["id"]
    assert opened.json()["allowed_actions"] == ["serve_notice", "record_leaving"]
    for step, body in (("serve-notice", {"notice_summary": "Notice", "service_method": "email"}),
                       ("start-info-gathering", {}), ("invite-representations", {}),
                       ("representation", {"received_on": "2025-01-06", "made_by": "Officer",
                                           "summary": "Debts are being repaid"}),
                       ("refer-for-decision", {})):
        response = officer.post(f"{BASE}/{pk}/{step}", body, format="json")
        assert response.status_code == 200, (step, response.json())
    decided = _client(decider).post(f"{BASE}/{pk}/decide", {
        "decision": "retain_with_conditions", "reasons": "Repayment plan in place",
        "conditions": "Financial review in six months", "notice_summary": "Decision",
        "service_method": "in_person"}, format="json")
    assert decided.status_code == 200
    assert (decided.json()["status"], decided.json()["close_reason"]) == (
        S.CLOSED, "retained_with_conditions")


def test_bad_input_is_refused_with_field_errors_and_nothing_written(walk, decider):
    a = walk(S.DECISION)
    client = _client(decider)
    response = client.post(f"{BASE}/{a.pk}/decide", {"decision": "sack", "reasons": ""},
                           format="json")
    assert response.status_code == 400
    assert {"decision", "reasons", "notice_summary", "service_method"} <= set(
        response.json()["extra"]["fields"])
    # Shape is right, content is not: the service refuses (conditions only with conditions).
    response = client.post(f"{BASE}/{a.pk}/decide", {
        "decision": "retain", "reasons": "r", "conditions": "c", "notice_summary": "n",
        "service_method": "post"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["conditions"]
    assert WithdrawalAssessment.objects.get(pk=a.pk).status == S.DECISION


def test_wrong_state_is_409_with_the_allowed_actions(walk, vetting_officer):
    a = walk(S.TRIGGER)
    response = _client(vetting_officer).post(f"{BASE}/{a.pk}/refer-for-decision", {},
                                             format="json")
    assert response.status_code == 409
    assert response.json()["extra"]["allowed_actions"] == ["serve_notice", "record_leaving"]


def test_subject_gets_404_others_404_or_403(walk, subject, make_user):
    a = walk(S.TRIGGER)
    own = make_user(Role.VETTING_OFFICER, person=subject)
    assert _client(own).get(f"{BASE}/{a.pk}").status_code == 404
    assert _client(own).get(BASE).json()["count"] == 0
    body = {"notice_summary": "n", "service_method": "post"}
    # No withdrawal role: the assessment is invisible. The panel sees it, but may not assess.
    assert _client(make_user(Role.ASSESSOR)).post(
        f"{BASE}/{a.pk}/serve-notice", body, format="json").status_code == 404
    assert _client(make_user(Role.PANEL)).post(
        f"{BASE}/{a.pk}/serve-notice", body, format="json").status_code == 403
    assert WithdrawalAssessment.objects.get(pk=a.pk).status == S.TRIGGER


def test_reading_is_audited(walk, decider):
    a = walk(S.TRIGGER)
    assert _client(decider).get(f"{BASE}/{a.pk}").status_code == 200
    assert AuditEvent.objects.filter(action="vetting_withdrawal.assessment.viewed",
                                     object_id=str(a.pk)).count() == 1


def test_open_validation(vetting_officer, db):
    other = cast(Person, PersonFactory())
    response = _client(vetting_officer).post(BASE, {
        "person_id": other.pk, "trigger_kind": "re_vetting", "trigger_summary": "x",
        "clearance_id": 999}, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {"clearance_id":
                                                  "No such clearance held by this person."}
    assert WithdrawalAssessment.objects.count() == 0


def test_schema_documents_the_withdrawal_endpoints(vetting_officer):
    schema = _client(vetting_officer).get("/api/v1/schema/", {"format": "json"}).json()
    for path in (BASE, f"{BASE}/from-review", f"{BASE}/{{assessment_id}}",
                 f"{BASE}/{{assessment_id}}/decide", f"{BASE}/{{assessment_id}}/decide-pat"):
        assert path in schema["paths"]
    assert schema["paths"][f"{BASE}/{{assessment_id}}/decide"]["post"]["operationId"] == \
        "withdrawals_decide"
