import json

import pytest
from django.test import override_settings

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.intake.models import Report
from upright.intake.services import report_submit
from upright.intake.tests.factories import anonymous_data, person_make, report_data

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports"


def test_anonymous_submission_returns_reference_and_passphrase(api_client):
    response = api_client.post(URL, anonymous_data(), format="json")

    assert response.status_code == 201
    report = Report.objects.get()
    body = response.json()
    assert sorted(body) == ["follow_up_url", "passphrase", "reference", "replayed"]
    assert body["reference"] == report.reference
    assert body["follow_up_url"] == "http://testserver/report/follow-up/"
    assert body["replayed"] is False
    assert len(body["passphrase"].split()) == 5


def test_named_submission_has_no_passphrase(api_client):
    response = api_client.post(URL, report_data(), format="json")

    assert response.status_code == 201
    assert "passphrase" not in response.json()


def test_idempotency_key_replays_with_200_and_no_passphrase(api_client):
    first = api_client.post(URL, anonymous_data(), format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    again = api_client.post(URL, anonymous_data(), format="json", HTTP_IDEMPOTENCY_KEY="abc-123")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {"reference": first.json()["reference"], "replayed": True,
                            "follow_up_url": "http://testserver/report/follow-up/"}
    assert Report.objects.count() == 1
    assert AuditEvent.objects.filter(action="intake.report.received").count() == 1


def test_idempotency_key_with_a_different_payload_is_409(api_client):
    api_client.post(URL, report_data(), format="json", HTTP_IDEMPOTENCY_KEY="abc-123")

    response = api_client.post(URL, report_data(location="Elsewhere"), format="json",
                               HTTP_IDEMPOTENCY_KEY="abc-123")

    assert response.status_code == 409
    assert response.json() == {
        "message": "This idempotency key was already used for a different report. "
                   "Use a new key for a new report.",
        "extra": {"idempotency_key": "abc-123"},
    }
    assert Report.objects.count() == 1


def test_no_key_makes_two_reports(api_client):
    api_client.post(URL, report_data(), format="json")
    api_client.post(URL, report_data(), format="json")

    assert Report.objects.count() == 2


def test_validation_errors_name_the_fields(api_client):
    response = api_client.post(URL, {"what_happened": "", "reporter_email": "nope",
                                     "anonymous": False}, format="json")

    assert response.status_code == 400
    assert response.json() == {"message": "Some fields are not valid.", "extra": {"fields": {
        "what_happened": ["What happened is required."],
        "reporter_email": ["Your email address is not a valid email address."],
    }}}
    assert Report.objects.count() == 0


@pytest.mark.parametrize("payload", [
    {"what_happened": {"nested": "object"}},
    {"what_happened": ["a", "list"]},
    {"what_happened": "ok", "anonymous": "perhaps"},
    {"what_happened": "ok", "occurred_on": "yesterday"},
    ["not", "an", "object"],
    "just a string",
    None,
])
def test_wrong_types_are_400(api_client, payload):
    response = api_client.post(URL, json.dumps(payload), content_type="application/json")

    assert response.status_code == 400
    assert response.json()["message"] == "Some fields are not valid."
    assert Report.objects.count() == 0


@pytest.mark.parametrize("body", ['{"what_happened": ', "{'single': 'quotes'}", "\x00\xff", ""])
def test_malformed_json_is_400_not_500(api_client, body):
    response = api_client.post(URL, body, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    assert Report.objects.count() == 0


def test_wrong_content_type_is_415(api_client):
    response = api_client.post(URL, "what_happened=x", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert Report.objects.count() == 0


def test_oversized_body_is_refused_with_a_clear_message_and_nothing_written(api_client):
    payload = report_data(what_happened="a" * 300_000)

    response = api_client.post(URL, payload, format="json")

    assert response.status_code == 413
    assert response.json() == {
        "message": "The request is too large: reports are limited to 256 KiB. Nothing was saved.",
        "extra": {"limit_bytes": 262144},
    }
    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_huge_string_under_the_body_limit_is_a_field_error(api_client):
    response = api_client.post(URL, report_data(people_involved="x" * 50_000), format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {
        "people_involved": ["People involved must be at most 2,000 characters (it has 50,000)."]
    }


def test_script_laden_input_is_stored_as_typed(api_client):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'

    response = api_client.post(URL, report_data(what_happened=script, location=script), format="json")

    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.what_happened, report.location) == (script, script)


@override_settings(UPRIGHT_INTAKE_RATE="3/m")
def test_rate_limit_answers_429_after_the_limit(api_client):
    codes = [api_client.post(URL, report_data(), format="json").status_code for _ in range(4)]

    assert codes == [201, 201, 201, 429]
    assert Report.objects.count() == 3


@override_settings(UPRIGHT_INTAKE_RATE="1/m", UPRIGHT_TRUSTED_PROXY_COUNT=1)
def test_rate_limit_is_per_client_behind_a_trusted_proxy(api_client):
    def post(forwarded):
        return api_client.post(URL, report_data(), format="json", HTTP_X_FORWARDED_FOR=forwarded,
                               REMOTE_ADDR="10.0.0.1").status_code

    # A client cannot escape its limit by inventing entries to the left of the proxy's.
    assert [post("203.0.113.5"), post("1.2.3.4, 203.0.113.5"), post("198.51.100.7")] == [201, 429, 201]


@override_settings(UPRIGHT_INTAKE_RATE="1/m")
def test_forwarded_header_is_ignored_without_trusted_proxies(api_client):
    codes = [api_client.post(URL, report_data(), format="json", HTTP_X_FORWARDED_FOR=f"1.1.1.{i}")
             .status_code for i in range(2)]

    assert codes == [201, 429]


# --- staff endpoints -------------------------------------------------------------------------


def _confidential(make_user):
    return report_submit(data=report_data(), channel="staff_confidential",
                         actor=make_user(Role.STAFF)).report


def test_triage_queue_lists_new_reports_oldest_first(api_as, make_user):
    first = report_submit(data=report_data(), channel="web").report
    second = report_submit(data=anonymous_data(), channel="api").report
    _confidential(make_user)

    response = api_as(Role.ASSESSOR).get("/api/v1/reports/triage")

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (2, 1, 1)
    assert [r["reference"] for r in body["results"]] == [first.reference, second.reference]
    assert sorted(body["results"][0]) == ["anonymous", "channel", "confidential", "received_at",
                                          "reference", "status"]


def test_triage_queue_shows_confidential_reports_to_compartment_members(api_as, make_user,
                                                                        anti_corruption):
    confidential = _confidential(make_user)

    response = api_as(Role.ASSESSOR, compartments=[anti_corruption]).get("/api/v1/reports/triage")

    assert [r["reference"] for r in response.json()["results"]] == [confidential.reference]


@pytest.mark.parametrize("role", [Role.STAFF, Role.INVESTIGATOR, Role.AUDITOR])
def test_triage_queue_is_403_without_the_permission(api_as, role):
    assert api_as(role).get("/api/v1/reports/triage").status_code == 403


def test_triage_queue_needs_a_log_in(api_client):
    assert api_client.get("/api/v1/reports/triage").status_code == 403


def test_confidential_report_is_404_to_a_non_member_and_audited_for_a_member(api_as, make_user,
                                                                            anti_corruption):
    confidential = _confidential(make_user)
    url = f"/api/v1/reports/{confidential.reference}"
    before = AuditEvent.objects.count()

    outsider = api_as(Role.ASSESSOR).get(url)
    assert outsider.status_code == 404
    assert AuditEvent.objects.count() == before

    member = api_as(Role.ASSESSOR, compartments=[anti_corruption])
    response = member.get(url)
    assert response.status_code == 200
    assert response.json()["what_happened"] == confidential.what_happened
    event = AuditEvent.objects.get(seq__gt=before)
    assert (event.action, event.actor_id) == ("intake.report.viewed", member.user.id)


def test_triage_api_records_a_matter(api_as):
    report = report_submit(data=report_data(), channel="web").report
    subject = person_make()

    response = api_as(Role.ASSESSOR).post(f"/api/v1/reports/{report.reference}/triage", {
        "decision": "record", "kind": "complaint", "summary": "Pushed over",
        "allegations": [{"subject_id": subject.id, "standard": "use_of_force", "category_code": "G4"}],
    }, format="json")

    assert response.status_code == 200
    report.refresh_from_db()
    assert response.json()["matter_reference"] == report.matter_reference
    assert response.json()["status"] == "triaged"


def test_triage_api_names_bad_allegation_fields(api_as):
    report = report_submit(data=report_data(), channel="web").report

    response = api_as(Role.ASSESSOR).post(f"/api/v1/reports/{report.reference}/triage", {
        "decision": "record", "kind": "complaint", "summary": "Pushed over",
        "allegations": [{"subject_id": "abc", "standard": "use_of_force"}],
    }, format="json")

    assert response.status_code == 400
    assert sorted(response.json()["extra"]["fields"]["allegations"]["0"]) == ["category_code", "subject_id"]
    report.refresh_from_db()
    assert report.status == "new"


def test_triage_api_no_action(api_as):
    report = report_submit(data=report_data(), channel="web").report

    response = api_as(Role.ASSESSOR).post(f"/api/v1/reports/{report.reference}/triage",
                                          {"decision": "no_action", "reason": "Not about police"},
                                          format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "no_action"


def test_denied_triage_changes_nothing_and_writes_no_audit(api_as):
    report = report_submit(data=report_data(), channel="web").report
    before = AuditEvent.objects.count()

    response = api_as(Role.STAFF).post(f"/api/v1/reports/{report.reference}/triage",
                                       {"decision": "no_action", "reason": "x"}, format="json")

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "new"
    assert AuditEvent.objects.count() == before


def test_triage_of_invisible_confidential_report_is_404(api_as, make_user):
    confidential = _confidential(make_user)

    response = api_as(Role.ASSESSOR).post(f"/api/v1/reports/{confidential.reference}/triage",
                                          {"decision": "no_action", "reason": "x"}, format="json")

    assert response.status_code == 404
    confidential.refresh_from_db()
    assert confidential.status == "new"


def test_schema_documents_the_intake_operations(api_as):
    response = api_as(Role.ASSESSOR).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
