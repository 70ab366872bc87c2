"""Recording what came of an intervention: the supervisor's list on the early page and in the
API, the outcome form, who may record it, and validation that writes nothing."""

import datetime as dt
from typing import cast

import pytest
from rest_framework.test import APIClient

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.insight.early import selectors, services
from upright.insight.early.models import FairnessTolerance, Intervention
from upright.insight.early.tests.synthetic import frames
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(make_user):
    """An active model over 120 officers managed by `boss`; the supervisor recorded one
    intervention on the top-scored officer. Returns (supervisor, intervention)."""
    boss = cast(Person, PersonFactory())
    ids = [cast(Person, PersonFactory(line_manager=boss, mgmt_path=f"/{boss.id}/")).id
           for _ in range(120)]
    people, events = frames(ids, ["white"] * 120, sustained_rate={"white": 0.1})
    FairnessTolerance.objects.create(code="default", max_fpr_ratio=50, max_fnr_ratio=50)
    analyst = make_user(Role.ANALYST)
    em = services.earlymodel_train(actor=analyst, people=people, events=events,
                                   cutoff=dt.date(2019, 1, 1))
    services.earlymodel_activate(actor=analyst, model_id=em.id)
    supervisor = make_user(Role.APPROPRIATE_AUTHORITY, person=boss)
    top = selectors.early_scores_for_user(user=supervisor)[0]
    item = services.intervention_record(actor=supervisor, score_id=top.id, kind="conversation",
                                        notes="Talked about the stop-and-search complaints.")
    return supervisor, item


def _outcome_audits() -> int:
    return AuditEvent.objects.filter(action="insight.intervention.outcome_recorded").count()


def test_page_lists_the_supervisors_interventions_with_an_outcome_form(client, recorded):
    supervisor, item = recorded
    client.force_login(supervisor)
    page = client.get("/staff/insight/early/").content.decode()
    assert "Your interventions" in page
    assert "Talked about the stop-and-search complaints." in page
    assert f'action="/staff/insight/early/interventions/{item.id}/outcome/"' in page
    assert '<option value="pending"' not in page  # "not yet known" is not an outcome to record
    assert AuditEvent.objects.filter(action="insight.interventions.viewed",
                                     actor=supervisor).count() == 1


def test_outcome_form_records_and_audits_the_change(client, recorded):
    supervisor, item = recorded
    client.force_login(supervisor)
    done = client.post(f"/staff/insight/early/interventions/{item.id}/outcome/",
                       {"outcome": "improved", "notes": "  No new complaints in 6 months. "},
                       follow=True)
    assert b"Outcome recorded." in done.content
    item.refresh_from_db()
    assert (item.outcome, item.outcome_notes) == ("improved", "No new complaints in 6 months.")
    assert item.outcome_recorded_at is not None
    event = AuditEvent.objects.get(action="insight.intervention.outcome_recorded")
    assert (event.extra["outcome"], event.extra["old"]) == ("improved", "pending")
    assert b"Improved" in client.get("/staff/insight/early/").content


@pytest.mark.parametrize(("data", "field"), [
    ({"outcome": "pending", "notes": ""}, "outcome"),
    ({"outcome": "sacked", "notes": ""}, "outcome"),
    ({"outcome": "improved", "notes": "x" * 20001}, "notes"),
])
def test_bad_outcome_names_the_field_and_writes_nothing(client, recorded, data, field):
    supervisor, item = recorded
    client.force_login(supervisor)
    page = client.post(f"/staff/insight/early/interventions/{item.id}/outcome/", data,
                       follow=True).content.decode()
    assert f"{field}: " in page
    item.refresh_from_db()
    assert (item.outcome, item.outcome_recorded_at) == ("pending", None)
    assert _outcome_audits() == 0


def test_only_the_persons_managers_may_record_an_outcome(client, make_user, recorded):
    _, item = recorded
    stranger = make_user(Role.APPROPRIATE_AUTHORITY, person=cast(Person, PersonFactory()))
    client.force_login(stranger)
    page = client.post(f"/staff/insight/early/interventions/{item.id}/outcome/",
                       {"outcome": "improved"}, follow=True)
    assert b"No such intervention." in page.content
    assert b"Talked about" not in page.content  # nor is it listed to them
    analyst = make_user(Role.ANALYST)  # no INSIGHT_SCORES
    client.force_login(analyst)
    refused = client.post(f"/staff/insight/early/interventions/{item.id}/outcome/",
                          {"outcome": "improved"})
    assert refused.status_code == 403
    item.refresh_from_db()
    assert item.outcome == "pending"
    assert _outcome_audits() == 0


def test_api_lists_and_records_outcomes(api_as, recorded):
    supervisor, item = recorded
    api = APIClient()
    api.force_authenticate(supervisor)
    listed = api.get("/api/v1/insight/early/interventions/")
    assert listed.status_code == 200
    rows = listed.json()
    assert [(r["id"], r["kind"], r["outcome"], r["outcome_recorded_at"]) for r in rows] == [
        (item.id, "conversation", "pending", None)]
    assert rows[0]["person_id"] == item.person_id
    assert rows[0]["model_version"] == 1
    bad = api.post(f"/api/v1/insight/early/interventions/{item.id}/outcome/",
                   {"outcome": "pending"}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()["extra"]["fields"]) == {"outcome"}
    missing = api.post("/api/v1/insight/early/interventions/999999/outcome/",
                       {"outcome": "improved"}, format="json")
    assert missing.status_code == 404
    ok = api.post(f"/api/v1/insight/early/interventions/{item.id}/outcome/",
                  {"outcome": "escalated", "notes": "Referred to PSD."}, format="json")
    assert ok.status_code == 200
    assert ok.json() == {"id": item.id, "kind": "conversation", "outcome": "escalated"}
    assert Intervention.objects.get(id=item.id).outcome_notes == "Referred to PSD."
    stranger = api_as(Role.APPROPRIATE_AUTHORITY, person=cast(Person, PersonFactory()))
    assert stranger.get("/api/v1/insight/early/interventions/").json() == []
    assert stranger.post(f"/api/v1/insight/early/interventions/{item.id}/outcome/",
                         {"outcome": "improved"}, format="json").status_code == 404
    analyst = api_as(Role.ANALYST)
    assert analyst.get("/api/v1/insight/early/interventions/").status_code == 403
    assert analyst.post(f"/api/v1/insight/early/interventions/{item.id}/outcome/",
                        {"outcome": "improved"}, format="json").status_code == 403
    assert Intervention.objects.get(id=item.id).outcome == "escalated"


def test_schema_lists_the_new_endpoints(api_as):
    paths = api_as(Role.ANALYST).get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/v1/insight/early/models/train/", "/api/v1/insight/early/interventions/",
                 "/api/v1/insight/early/interventions/{intervention_id}/outcome/"):
        assert path in paths
