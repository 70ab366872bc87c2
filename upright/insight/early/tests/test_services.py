"""Model versions, the fairness gate on activation, scores and interventions (database)."""

import datetime as dt
from typing import cast

import pytest
from django.db import IntegrityError
from rest_framework.test import APIClient

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, Conflict, NotFound, ValidationFailed
from upright.insight.early import selectors, services
from upright.insight.early.models import EarlyModel, FairnessTolerance, Intervention
from upright.insight.early.tests.synthetic import frames
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
CUTOFF = dt.date(2019, 1, 1)


@pytest.fixture
def force():
    """A supervisor and 240 officers they manage, half Black and half White."""
    boss = cast(Person, PersonFactory())
    staff = [cast(Person, PersonFactory(line_manager=boss, mgmt_path=f"/{boss.id}/")) for _ in range(240)]
    return boss, [p.id for p in staff]


def _analyst(make_user):
    return make_user(Role.ANALYST)


def test_fairness_gate_blocks_a_deliberately_biased_model(make_user, force):
    _, ids = force
    groups = ["black"] * 120 + ["white"] * 120
    # Biased by construction: Black officers carry a history that the model learns to flag,
    # so its flags (and false positives) fall almost only on them.
    people, events = frames(ids, groups, sustained_rate={"black": 0.35, "white": 0.01})
    FairnessTolerance.objects.create(code="default", max_fpr_ratio=2.0, min_group_size=50)
    analyst = _analyst(make_user)
    em = services.earlymodel_train(actor=analyst, people=people, events=events, cutoff=CUTOFF)
    assert not em.passed
    assert em.fairness["failures"]
    with pytest.raises(Conflict, match="failed its fairness audit"):
        services.earlymodel_activate(actor=analyst, model_id=em.id)
    em.refresh_from_db()
    assert not em.active
    # and the database refuses it too, whatever path tries
    em.active = True
    with pytest.raises(IntegrityError):
        em.save()


def test_fair_model_activates_and_is_audited(make_user, force):
    _, ids = force
    people, events = frames(ids, ["black"] * 120 + ["white"] * 120,
                            sustained_rate={"black": 0.1, "white": 0.1})
    FairnessTolerance.objects.create(code="default", max_fpr_ratio=50, max_fnr_ratio=50,
                                     min_group_size=50)
    analyst = _analyst(make_user)
    with pytest.raises(ActionForbidden):
        services.earlymodel_train(actor=make_user(Role.ASSESSOR), people=people, events=events,
                                  cutoff=CUTOFF)
    first = services.earlymodel_train(actor=analyst, people=people, events=events, cutoff=CUTOFF)
    second = services.earlymodel_train(actor=analyst, people=people, events=events, cutoff=CUTOFF)
    assert (first.version, second.version) == (1, 2)
    assert first.passed
    assert first.metrics["test_year"] == 2018
    assert first.metrics["train_years"] == [2012, 2017]
    services.earlymodel_activate(actor=analyst, model_id=first.id)
    services.earlymodel_activate(actor=analyst, model_id=second.id)
    assert list(EarlyModel.objects.filter(active=True)) == [second]
    assert AuditEvent.objects.filter(action="insight.early_model.activated").count() == 2
    with pytest.raises(ActionForbidden):
        services.earlymodel_activate(actor=make_user(Role.APPROPRIATE_AUTHORITY), model_id=first.id)


def test_supervisor_sees_scores_with_factors_and_records_interventions(make_user, force):
    boss, ids = force
    people, events = frames(ids, ["white"] * 240, sustained_rate={"white": 0.1})
    FairnessTolerance.objects.create(code="default", max_fpr_ratio=50, max_fnr_ratio=50)
    analyst = _analyst(make_user)
    em = services.earlymodel_train(actor=analyst, people=people, events=events, cutoff=CUTOFF)
    supervisor = make_user(Role.APPROPRIATE_AUTHORITY, person=boss)
    assert selectors.early_scores_for_user(user=supervisor) == []  # nothing active yet
    services.earlymodel_activate(actor=analyst, model_id=em.id)
    scores = selectors.early_scores_for_user(user=supervisor)
    assert len(scores) == 100
    assert scores[0].score >= scores[-1].score
    assert all(s.factors and s.factors[0]["label"] for s in scores[:10])
    top = scores[0]
    # an officer never sees a score about themselves or their manager
    officer = make_user(Role.APPROPRIATE_AUTHORITY, person_id=top.person_id)
    assert selectors.early_scores_for_user(user=officer) == []
    with pytest.raises(NotFound):
        services.intervention_record(actor=officer, score_id=top.id, kind="conversation", notes="x")
    with pytest.raises(ValidationFailed) as bad:
        services.intervention_record(actor=supervisor, score_id=top.id, kind="sack", notes=" ")
    assert set(bad.value.extra["fields"]) == {"kind", "notes"}
    assert Intervention.objects.count() == 0
    item = services.intervention_record(actor=supervisor, score_id=top.id, kind="conversation",
                                        notes="Talked about recent stop-and-search complaints.")
    done = services.intervention_outcome_record(actor=supervisor, intervention_id=item.id,
                                                outcome="improved", notes="No new complaints.")
    assert done.outcome == "improved"
    assert done.outcome_recorded_at is not None
    assert AuditEvent.objects.filter(action="insight.early_scores.viewed").exists()


def test_page_and_api(make_user, force, client, api_as):
    boss, ids = force
    people, events = frames(ids, ["black"] * 120 + ["white"] * 120,
                            sustained_rate={"black": 0.35, "white": 0.01})
    FairnessTolerance.objects.create(code="default", min_group_size=50)
    analyst = make_user(Role.ANALYST)
    biased = services.earlymodel_train(actor=analyst, people=people, events=events, cutoff=CUTOFF)
    api = api_as(Role.ANALYST)
    listed = api.get("/api/v1/insight/early/models/")
    assert listed.status_code == 200
    assert listed.json()[0]["passed"] is False
    refused = api.post(f"/api/v1/insight/early/models/{biased.id}/activate/")
    assert refused.status_code == 409
    assert "fairness audit" in refused.content.decode()
    assert api_as(Role.APPROPRIATE_AUTHORITY).get("/api/v1/insight/early/models/").status_code == 403
    client.force_login(analyst)
    page = client.get("/staff/insight/early/")
    assert page.status_code == 200
    assert b"never decides anything" in page.content
    assert b"Cannot be activated" in page.content
    supervisor = make_user(Role.APPROPRIATE_AUTHORITY, person=boss)
    sup_api = APIClient()
    sup_api.force_authenticate(supervisor)
    assert sup_api.get("/api/v1/insight/early/scores/").json() == []
    FairnessTolerance.objects.filter(code="default").update(max_fpr_ratio=50, max_fnr_ratio=50)
    people, events = frames(ids, ["black"] * 120 + ["white"] * 120,
                            sustained_rate={"black": 0.1, "white": 0.1})
    fair = services.earlymodel_train(actor=analyst, people=people, events=events, cutoff=CUTOFF)
    services.earlymodel_activate(actor=analyst, model_id=fair.id)
    scores = sup_api.get("/api/v1/insight/early/scores/").json()
    assert scores
    assert scores[0]["factors"]
    bad = sup_api.post(f"/api/v1/insight/early/scores/{scores[0]['id']}/interventions/",
                       {"kind": "sack", "notes": "x"}, format="json")
    assert bad.status_code == 400
    assert not Intervention.objects.exists()
    ok = sup_api.post(f"/api/v1/insight/early/scores/{scores[0]['id']}/interventions/",
                      {"kind": "conversation", "notes": "Spoke about it."}, format="json")
    assert ok.status_code == 201
    client.force_login(supervisor)
    assert b"Record what you did" in client.get("/staff/insight/early/").content


def test_schema_lists_the_early_intervention_api(api_as):
    response = api_as(Role.ANALYST).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/insight/early/models/", "/api/v1/insight/early/models/{model_id}/activate/",
                 "/api/v1/insight/early/scores/",
                 "/api/v1/insight/early/scores/{score_id}/interventions/"):
        assert path in paths
