"""Rule versioning, the bulk run and its idempotence, new evidence, the decision, and the
signal path on a newly recorded allegation."""

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.services import AllegationInput, matter_record
from upright.core.exceptions import ActionForbidden, Conflict, TransitionNotAllowed, ValidationFailed
from upright.patterns.models import AlertStatus, PatternAlert, PatternRule, PatternRun
from upright.patterns.services import (
    pattern_alert_decide,
    pattern_rule_create,
    pattern_rule_revise,
    pattern_rules_run_all,
    rules_current,
)
from upright.patterns.tests.helpers import NOW, YEAR, complaint_seed, matter_seed, person_new

pytestmark = pytest.mark.django_db

SEXUAL = "sexual_da_10y"


def _sexual_rule() -> PatternRule:
    return next(r for r in rules_current() if r.code == SEXUAL)


def _revise(actor, **changes):
    rule = _sexual_rule()
    values: dict[str, Any] = {"name": rule.name, "description": rule.description,
              "parameters": dict(rule.parameters), "active": rule.active,
              "note": "Tighter window after review."}
    values.update(changes)
    return pattern_rule_revise(actor=actor, code=SEXUAL, **values)


def _carrick(person=None):
    person = person or person_new()
    refs = [matter_seed(person, NOW - 8 * YEAR, category="V1", route="nfa_at_recording"),
            matter_seed(person, NOW - 4 * YEAR, category="H1", route="no_case_to_answer")]
    return person, refs


# ---- rules and versions ---------------------------------------------------------------------

def test_the_four_default_rules_are_seeded_as_version_one():
    rules = {r.code: r for r in rules_current()}
    assert set(rules) == {"sexual_da_10y", "complaints_3_in_12m", "allegation_and_screening_hit",
                          "unconnected_complainants_3"}
    assert all(r.version == 1 and r.active for r in rules.values())
    assert rules[SEXUAL].parameters == {"min_count": 2, "window_years": 10,
                                        "category_codes": ["H1", "H2", "H3", "J1", "J2", "V1"]}


def test_an_edit_writes_a_new_version_and_keeps_the_old_one(analyst):
    v2 = _revise(analyst, parameters={"min_count": 3, "window_years": 5,
                                      "category_codes": ["h1", "V1"]})

    assert (v2.version, v2.parameters) == (2, {"min_count": 3, "window_years": 5,
                                                "category_codes": ["H1", "V1"]})
    v1 = PatternRule.objects.get(code=SEXUAL, version=1)
    assert v1.parameters["min_count"] == 2
    assert _sexual_rule().pk == v2.pk
    assert AuditEvent.objects.filter(action="patterns.rule.version_written").count() == 1


def test_a_version_row_cannot_be_changed_in_place():
    v1 = _sexual_rule()
    v1.name = "Changed"
    with pytest.raises(ValueError, match="immutable"):
        v1.save()


@pytest.mark.parametrize(("changes", "field"), [
    ({"parameters": {"min_count": 0, "window_years": 10, "category_codes": ["H1"]}},
     "parameters"),
    ({"parameters": {"min_count": 2, "window_years": 10, "category_codes": ["NOPE"]}},
     "parameters"),
    ({"note": "  "}, "note"),
    ({"name": ""}, "name"),
])
def test_a_bad_edit_writes_nothing(analyst, changes, field):
    with pytest.raises(ValidationFailed) as caught:
        _revise(analyst, **changes)
    assert field in caught.value.extra["fields"]
    assert PatternRule.objects.filter(code=SEXUAL).count() == 1
    assert not AuditEvent.objects.filter(action="patterns.rule.version_written").exists()


def test_an_edit_on_a_stale_version_is_a_conflict(analyst):
    _revise(analyst)
    with pytest.raises(Conflict):
        _revise(analyst, based_on_version=1)
    assert PatternRule.objects.filter(code=SEXUAL).count() == 2


def test_only_rule_writers_edit_rules(appropriate_authority):
    with pytest.raises(ActionForbidden):
        _revise(appropriate_authority)
    assert PatternRule.objects.filter(code=SEXUAL).count() == 1


def test_a_new_rule_starts_at_version_one(analyst):
    rule = pattern_rule_create(actor=analyst, code="complaints_5_in_24m",
                               kind="complaint_count_window", name="Five in two years",
                               parameters={"min_count": 5, "window_months": 24})
    assert rule.version == 1
    with pytest.raises(Conflict):
        pattern_rule_create(actor=analyst, code="complaints_5_in_24m",
                            kind="complaint_count_window", name="Again",
                            parameters={"min_count": 5, "window_months": 24})


# ---- the bulk run ---------------------------------------------------------------------------

def test_bulk_run_raises_one_alert_with_the_rule_version_and_its_evidence():
    person, refs = _carrick()

    result = pattern_rules_run_all()

    alert = PatternAlert.objects.get()
    assert (alert.person_id, alert.rule_id, alert.rule.version) == (person.pk, _sexual_rule().pk, 1)
    assert alert.evidence == {"matters": sorted(refs), "hits": [], "complainants": []}
    assert alert.status == AlertStatus.OPEN
    assert alert.previous_id is None
    assert result.run.counts[SEXUAL] == {"flagged": 1, "raised": 1}
    assert result.run.counts["complaints_3_in_12m"] == {"flagged": 0, "raised": 0}
    assert AuditEvent.objects.filter(action="patterns.run.finished").count() == 1


def test_bulk_run_is_idempotent():
    _carrick()
    pattern_rules_run_all()

    again = pattern_rules_run_all()

    assert again.raised == []
    assert PatternAlert.objects.count() == 1
    assert PatternRun.objects.count() == 2


def test_new_evidence_raises_a_new_alert_that_names_the_earlier_one():
    person, refs = _carrick()
    pattern_rules_run_all()
    first = PatternAlert.objects.get()
    newer = matter_seed(person, NOW - YEAR, category="J1", route="nfa_at_severity")

    pattern_rules_run_all()

    second = PatternAlert.objects.exclude(pk=first.pk).get()
    assert second.previous_id == first.pk
    assert second.evidence["matters"] == sorted([*refs, newer])


def test_a_new_rule_version_does_not_raise_again_on_the_same_evidence(analyst):
    _carrick()
    pattern_rules_run_all()
    _revise(analyst, parameters={"min_count": 2, "window_years": 12,
                                 "category_codes": ["H1", "V1"]})

    assert pattern_rules_run_all().raised == []


def test_an_inactive_rule_is_not_run(analyst):
    _carrick()
    _revise(analyst, active=False)

    result = pattern_rules_run_all()

    assert SEXUAL not in result.run.counts
    assert not PatternAlert.objects.exists()


def test_the_command_runs_all_rules_and_can_queue_the_job():
    _carrick()
    call_command("patterns_run")
    assert PatternAlert.objects.count() == 1

    complaint_person = person_new()
    for days in (200, 100, 10):
        complaint_seed(complaint_person, NOW - dt.timedelta(days=days))
    call_command("patterns_run", "--background")  # the test task backend runs it at once
    assert PatternAlert.objects.filter(person=complaint_person,
                                       rule_code="complaints_3_in_12m").count() == 1


# ---- on every new allegation ----------------------------------------------------------------

def test_a_newly_recorded_allegation_runs_the_rules_for_its_subjects_after_commit(
        appropriate_authority, django_capture_on_commit_callbacks):
    person, _ = _carrick()
    bystander, _ = _carrick()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        matter = matter_record(
            actor=appropriate_authority, kind="conduct_matter", summary="Sent explicit images.",
            came_to_attention_at=NOW,
            allegations=[AllegationInput(person.pk, "discreditable_conduct", "H2")])

    assert len(callbacks) == 1
    alert = PatternAlert.objects.get()  # the bystander is not evaluated by this run
    assert alert.person_id == person.pk
    assert matter.reference in alert.evidence["matters"]
    assert alert.run is not None
    assert (alert.run.trigger, alert.run.trigger_ref) == ("allegation", matter.reference)
    assert AuditEvent.objects.filter(action="patterns.alert.raised",
                                     matter_ref=matter.reference).count() == 1


def test_a_rolled_back_recording_sends_nothing(appropriate_authority,
                                               django_capture_on_commit_callbacks):
    person, _ = _carrick()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(
            ValidationFailed):
        matter_record(actor=appropriate_authority, kind="conduct_matter", summary="",
                      came_to_attention_at=NOW,
                      allegations=[AllegationInput(person.pk, "discreditable_conduct", "H2")])
    assert callbacks == []
    assert not PatternAlert.objects.exists()


# ---- the decision ---------------------------------------------------------------------------

@pytest.fixture
def alert():
    _carrick()
    pattern_rules_run_all()
    return PatternAlert.objects.get()


def _decided_events() -> int:
    return AuditEvent.objects.filter(action="patterns.alert.decided").count()


def test_no_action_needs_a_reason(appropriate_authority, alert):
    with pytest.raises(ValidationFailed) as caught:
        pattern_alert_decide(actor=appropriate_authority, alert_id=alert.pk,
                             decision="no_action", reason="   ")
    assert set(caught.value.extra["fields"]) == {"reason"}
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN
    assert _decided_events() == 0


def test_no_action_with_a_reason_is_recorded_and_audited(appropriate_authority, alert):
    decided = pattern_alert_decide(actor=appropriate_authority, alert_id=alert.pk,
                                   decision="no_action",
                                   reason="Both matters were reviewed by the DASO unit in 2025.")
    assert decided.status == AlertStatus.NO_ACTION
    assert decided.decided_by == appropriate_authority
    assert _decided_events() == 1


def test_act_needs_to_say_how(appropriate_authority, alert):
    with pytest.raises(ValidationFailed) as caught:
        pattern_alert_decide(actor=appropriate_authority, alert_id=alert.pk, decision="act")
    assert set(caught.value.extra["fields"]) == {"action"}
    assert _decided_events() == 0


def test_act_by_vetting_review_opens_a_request_through_vetting(appropriate_authority, alert):
    from upright.vetting.models import VettingReviewRequest

    decided = pattern_alert_decide(actor=appropriate_authority, alert_id=alert.pk,
                                   decision="act", action="vetting_review",
                                   reason="A pattern of domestic abuse and sexual misconduct.")

    request = VettingReviewRequest.objects.get()
    assert decided.vetting_request_id == request.pk
    assert (request.person_id, request.source_kind, request.source_ref) == (
        alert.person_id, "pattern", f"pattern-alert:{alert.pk}")
    assert decided.status == AlertStatus.ACTED


def test_an_alert_is_decided_once(appropriate_authority, alert):
    pattern_alert_decide(actor=appropriate_authority, alert_id=alert.pk, decision="act",
                         action="severity_assessment")
    with pytest.raises(TransitionNotAllowed):
        pattern_alert_decide(actor=appropriate_authority, alert_id=alert.pk,
                             decision="no_action", reason="Changed my mind.")
    assert _decided_events() == 1


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.ANALYST, Role.VETTING_OFFICER,
                                  Role.INVESTIGATOR, Role.STAFF])
def test_only_the_appropriate_authority_decides(make_user, alert, role):
    with pytest.raises(ActionForbidden):
        pattern_alert_decide(actor=make_user(role), alert_id=alert.pk, decision="no_action",
                             reason="Not mine to decide.")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN
    assert _decided_events() == 0
