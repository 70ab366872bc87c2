"""The API and the staff pages: thin adapters over the same services, validating input."""

import json

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.patterns.models import AlertStatus, PatternAlert, PatternRule
from upright.patterns.services import pattern_rules_run_all
from upright.patterns.tests.helpers import NOW, YEAR, matter_seed, person_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def alert():
    subject = person_new()
    matter_seed(subject, NOW - 5 * YEAR, category="H1")
    matter_seed(subject, NOW - 2 * YEAR, category="V1", route="no_case_to_answer")
    pattern_rules_run_all()
    return PatternAlert.objects.get()


def test_api_lists_and_reads_alerts_audited(api_as, alert):
    client = api_as(Role.ASSESSOR)

    listing = client.get("/api/v1/patterns/alerts", {"status": "open"})
    detail = client.get(f"/api/v1/patterns/alerts/{alert.pk}")

    assert listing.status_code == 200
    assert listing.json()["count"] == 1
    body = detail.json()
    assert (body["rule_code"], body["rule_version"]) == ("sexual_da_10y", 1)
    assert [m["status"] for m in body["evidence_matters"]] == [
        "Closed: no further action", "Closed: no further action"]
    assert AuditEvent.objects.filter(action="patterns.alert.viewed").count() == 1
    assert AuditEvent.objects.filter(action="patterns.alert.list_viewed").count() == 1


def test_api_rejects_a_bad_status_filter(api_as, alert):
    response = api_as(Role.ASSESSOR).get("/api/v1/patterns/alerts", {"status": "closed"})
    assert response.status_code == 400
    assert "status" in response.json()["extra"]["fields"]


def test_api_decision_needs_a_reason_for_no_action(api_as, alert):
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    url = f"/api/v1/patterns/alerts/{alert.pk}/decision"

    refused = client.post(url, {"decision": "no_action"}, format="json")
    bad = client.post(url, {"decision": "maybe"}, format="json")
    done = client.post(url, {"decision": "no_action", "reason": "Reviewed in 2025."},
                       format="json")

    assert refused.status_code == 400
    assert "reason" in refused.json()["extra"]["fields"]
    assert bad.status_code == 400
    assert done.status_code == 200
    assert done.json()["status"] == AlertStatus.NO_ACTION


def test_api_decision_is_forbidden_without_the_permission(api_as, alert):
    response = api_as(Role.ASSESSOR).post(f"/api/v1/patterns/alerts/{alert.pk}/decision",
                                          {"decision": "act", "action": "management_action"},
                                          format="json")
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


def test_api_rules_versions_and_validation(api_as):
    client = api_as(Role.ANALYST)
    url = "/api/v1/patterns/rules/complaints_3_in_12m/versions"
    payload = {"name": "Four in 12 months", "parameters": {"min_count": 4, "window_months": 12},
               "active": True, "note": "Too many alerts at three.", "based_on_version": 1}

    bad = client.post(url, {**payload, "parameters": {"min_count": 4}}, format="json")
    good = client.post(url, payload, format="json")
    detail = client.get("/api/v1/patterns/rules/complaints_3_in_12m").json()

    assert bad.status_code == 400
    assert "window_months" in bad.json()["extra"]["fields"]["parameters"]
    assert good.status_code == 201
    assert good.json()["version"] == 2
    assert [v["version"] for v in detail["versions"]] == [2, 1]
    assert len(client.get("/api/v1/patterns/rules").json()) == 4


def test_api_rule_edit_is_forbidden_to_the_appropriate_authority(api_as):
    response = api_as(Role.APPROPRIATE_AUTHORITY).post(
        "/api/v1/patterns/rules/complaints_3_in_12m/versions",
        {"name": "x", "parameters": {"min_count": 4, "window_months": 12}, "active": True,
         "note": "n"}, format="json")
    assert response.status_code == 403
    assert PatternRule.objects.filter(code="complaints_3_in_12m").count() == 1


def test_schema_documents_the_endpoints(api_as):
    paths = api_as(Role.ANALYST).get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert set(paths["/api/v1/patterns/alerts"]) == {"get"}
    assert set(paths["/api/v1/patterns/alerts/{alert_id}"]) == {"get"}
    assert set(paths["/api/v1/patterns/alerts/{alert_id}/decision"]) == {"post"}
    assert set(paths["/api/v1/patterns/rules"]) == {"get", "post"}
    assert set(paths["/api/v1/patterns/rules/{code}/versions"]) == {"post"}


def _login(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    return user


def test_pages_queue_detail_and_decision(client, make_user, alert):
    _login(client, make_user, Role.APPROPRIATE_AUTHORITY)

    queue = client.get("/staff/patterns/alerts/", {"rule": "sexual_da_10y", "status": "open"})
    detail = client.get(f"/staff/patterns/alerts/{alert.pk}/")
    refused = client.post(f"/staff/patterns/alerts/{alert.pk}/decide/",
                          {"decision": "no_action", "reason": ""})
    done = client.post(f"/staff/patterns/alerts/{alert.pk}/decide/",
                       {"decision": "act", "action": "severity_assessment", "reason": ""})

    assert queue.status_code == 200
    assert alert.person.full_name in queue.content.decode()
    assert detail.status_code == 200
    assert "Record the decision" in detail.content.decode()
    assert refused.status_code == 400
    assert "Record why no action" in refused.content.decode()
    assert done.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTED


def test_pages_rule_edit_writes_a_version(client, make_user):
    _login(client, make_user, Role.ANALYST)
    url = "/staff/patterns/rules/sexual_da_10y/"
    params = {"min_count": 3, "window_years": 10, "category_codes": ["H1", "V1"]}

    page = client.get(url)
    bad = client.post(url, {"name": "N", "parameters": "{not json", "active": "on",
                            "note": "x", "based_on_version": 1})
    good = client.post(url, {"name": "N", "parameters": json.dumps(params), "active": "on",
                             "note": "Three, not two.", "based_on_version": 1})

    assert page.status_code == 200
    assert "Write version 2" in page.content.decode()
    assert bad.status_code == 400
    assert "Not valid JSON" in bad.content.decode()
    assert good.status_code == 302
    assert PatternRule.objects.filter(code="sexual_da_10y").count() == 2
    assert client.get("/staff/patterns/rules/").status_code == 200


def test_pages_need_the_permission(client, make_user, alert):
    _login(client, make_user, Role.INVESTIGATOR)
    assert client.get("/staff/patterns/alerts/").status_code == 403
    assert client.get(f"/staff/patterns/alerts/{alert.pk}/").status_code == 403
