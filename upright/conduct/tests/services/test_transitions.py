import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.models import (
    Deadline,
    Matter,
    MatterStatusChange,
    ReferralCheck,
    SeverityAssessment,
)
from upright.conduct.services import (
    matter_act,
    matter_appoint_investigator,
    matter_assess_severity,
    matter_close_nfa,
    matter_iopc_decide,
    matter_referral_check,
    matter_reopen,
)
from upright.conduct.tests.factories import audit_count, matter_in, person_new, recorder
from upright.core.exceptions import (
    ActionForbidden,
    NotFound,
    StaleVersion,
    TransitionNotAllowed,
    ValidationFailed,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _unchanged(matter: Matter, *, events: int) -> None:
    fresh = Matter.objects.get(pk=matter.pk)
    assert (fresh.status, fresh.version) == (matter.status, matter.version)
    assert audit_count(matter) == events


# ---- happy paths --------------------------------------------------------------------------

def test_referral_check_mandatory_refers_and_makes_conduct_matter_recordable() -> None:
    actor = recorder()
    matter = matter_in("recorded", actor=actor)
    matter = matter_referral_check(reference=matter.reference, actor=actor,
                                   criteria=["abuse_of_position_sexual_purpose"],
                                   voluntary=False, rationale="Reg 7(c).", expected_version=1)
    assert (matter.status, matter.version, matter.kind) == (
        "referred_to_iopc", 2, "recordable_conduct_matter")
    check = ReferralCheck.objects.get(matter=matter)
    assert (check.mandatory, check.refer, check.criteria) == (
        True, True, ["abuse_of_position_sexual_purpose"])
    assert Deadline.objects.get(matter=matter, code="iopc_referral").satisfied_at is not None
    assert audit_count(matter, "conduct.matter.referral_checked") == 1


def test_referral_check_voluntary_refers() -> None:
    actor = recorder()
    matter = matter_in("recorded", actor=actor)
    matter = matter_referral_check(reference=matter.reference, actor=actor,
                                   criteria=["voluntary_gravity"], voluntary=True, rationale="R")
    assert matter.status == "referred_to_iopc"
    check = ReferralCheck.objects.get(matter=matter)
    assert (check.mandatory, check.refer) == (False, True)


def test_referral_check_nothing_referable_goes_to_severity() -> None:
    actor = recorder()
    matter = matter_in("recorded", actor=actor)
    matter = matter_referral_check(reference=matter.reference, actor=actor, criteria=[],
                                   voluntary=False, rationale="Minor.")
    assert matter.status == "severity_assessment_pending"
    assert matter.kind == "conduct_matter"


@pytest.mark.parametrize("mode", ["local", "directed", "independent", "returned"])
def test_iopc_decision(mode: Any) -> None:
    actor = recorder()
    matter = matter_in("referred_to_iopc", actor=actor)
    matter = matter_iopc_decide(reference=matter.reference, actor=actor, mode=mode)
    assert (matter.status, matter.investigation_mode, matter.version) == (
        "severity_assessment_pending", mode, 3)
    assert audit_count(matter, "conduct.matter.iopc_decided") == 1


@pytest.mark.parametrize(("route", "status"), [
    ("investigate", "investigator_appointment_pending"),
    ("rprp", "rprp"),
    ("nfa", "closed_nfa"),
])
def test_assess_severity_routes(route: Any, status: Any) -> None:
    actor = recorder()
    matter = matter_in("severity_assessment_pending", actor=actor)
    matter = matter_assess_severity(reference=matter.reference, actor=actor,
                                    level="practice_requiring_improvement", route=route,
                                    rationale="Reg 14.")
    assert matter.status == status
    assert (matter.severity_level, matter.severity_route) == ("practice_requiring_improvement",
                                                              route)
    assert SeverityAssessment.objects.filter(matter=matter).count() == 1
    assert (matter.closed_at is not None) == (route == "nfa")


def test_vetting_route_only_for_matters_after_28_may_2025() -> None:
    actor = recorder()
    old = matter_in("severity_assessment_pending", actor=actor,
                    came_to_attention_at=dt.datetime(2024, 1, 10, tzinfo=LONDON))
    with pytest.raises(ValidationFailed) as caught:
        matter_assess_severity(reference=old.reference, actor=actor, level="misconduct",
                               route="vetting", rationale="R")
    assert "route" in caught.value.extra["fields"]
    _unchanged(old, events=old_events(old))

    new = matter_in("severity_assessment_pending", actor=actor,
                    came_to_attention_at=dt.datetime(2025, 6, 1, tzinfo=LONDON))
    new = matter_assess_severity(reference=new.reference, actor=actor, level="misconduct",
                                 route="vetting", rationale="R")
    assert new.status == "vetting_route"


def old_events(matter: Matter) -> int:
    return AuditEvent.objects.filter(matter_ref=matter.reference).count()


def test_appoint_investigator(make_user: Any) -> None:
    actor = recorder()
    investigator = make_user(Role.INVESTIGATOR)
    matter = matter_in("investigator_appointment_pending", actor=actor)
    matter = matter_appoint_investigator(reference=matter.reference, actor=actor,
                                         investigator_id=investigator.pk)
    assert (matter.status, matter.investigator) == ("under_investigation", investigator)
    assert audit_count(matter, "conduct.matter.investigator_appointed") == 1


def test_appoint_investigator_refuses_non_investigator_and_conflicted(make_user: Any) -> None:
    actor = recorder()
    manager = person_new()
    subject = person_new(line_manager=manager)
    matter = matter_in("investigator_appointment_pending", actor=actor, subjects=[subject])
    events = old_events(matter)
    for candidate in [make_user(Role.ASSESSOR), make_user(Role.INVESTIGATOR, person=manager)]:
        with pytest.raises(ValidationFailed) as caught:
            matter_appoint_investigator(reference=matter.reference, actor=actor,
                                        investigator_id=candidate.pk)
        assert "investigator_id" in caught.value.extra["fields"]
    _unchanged(matter, events=events)


def test_close_nfa_satisfies_open_deadlines_and_reopen() -> None:
    actor = recorder()
    matter = matter_in("recorded", actor=actor)
    matter = matter_close_nfa(reference=matter.reference, actor=actor, rationale="No case.")
    assert matter.status == "closed_nfa"
    assert matter.closed_at is not None
    assert Deadline.objects.filter(matter=matter, satisfied_at__isnull=True).count() == 0
    matter = matter_reopen(reference=matter.reference, actor=actor, rationale="New evidence.")
    assert (matter.status, matter.closed_at, matter.version) == (
        "severity_assessment_pending", None, 3)
    history = list(MatterStatusChange.objects.filter(matter=matter)
                   .values_list("action", "from_status", "to_status"))
    assert history == [("record", "allegation_received", "recorded"),
                       ("close_nfa", "recorded", "closed_nfa"),
                       ("reopen", "closed_nfa", "severity_assessment_pending")]
    assert audit_count(matter) == 3


# ---- refusals change nothing ----------------------------------------------------------------

@pytest.mark.parametrize(("status", "action", "payload"), [
    ("recorded", "iopc_decision", {"mode": "local"}),
    ("recorded", "reopen", {"rationale": "R"}),
    ("recorded", "appoint_investigator", {"investigator_id": 1}),
    ("referred_to_iopc", "assess_severity", {"level": "misconduct", "route": "rprp",
                                             "rationale": "R"}),
    ("referred_to_iopc", "close_nfa", {"rationale": "R"}),
    ("closed_nfa", "referral_check", {"rationale": "R"}),
    ("severity_assessment_pending", "referral_check", {"rationale": "R"}),
])
def test_wrong_state_is_409_and_changes_nothing(status: Any, action: Any, payload: Any) -> None:
    actor = recorder()
    matter = matter_in(status, actor=actor)
    events = old_events(matter)
    changes = MatterStatusChange.objects.filter(matter=matter).count()
    with pytest.raises(TransitionNotAllowed) as caught:
        matter_act(reference=matter.reference, action=action, actor=actor, payload=payload)
    assert caught.value.status_code == 409
    assert action not in caught.value.extra["allowed_actions"]
    _unchanged(matter, events=events)
    assert MatterStatusChange.objects.filter(matter=matter).count() == changes


def test_stale_version_is_409_and_changes_nothing() -> None:
    actor = recorder()
    matter = matter_in("recorded", actor=actor)
    with pytest.raises(StaleVersion) as caught:
        matter_close_nfa(reference=matter.reference, actor=actor, rationale="R",
                         expected_version=7)
    assert caught.value.extra == {"current_version": 1}
    _unchanged(matter, events=1)


@pytest.mark.parametrize(("status", "action", "payload", "field"), [
    ("recorded", "referral_check", {"criteria": []}, "rationale"),
    ("recorded", "referral_check", {"criteria": ["bogus"], "rationale": "R"}, "criteria"),
    ("referred_to_iopc", "iopc_decision", {}, "mode"),
    ("referred_to_iopc", "iopc_decision", {"mode": "supervised"}, "mode"),
    ("severity_assessment_pending", "assess_severity", {"route": "rprp", "rationale": "R"},
     "level"),
    ("severity_assessment_pending", "assess_severity", {"level": "misconduct", "rationale": "R"},
     "route"),
    ("severity_assessment_pending", "assess_severity", {"level": "none", "route": "rprp",
                                                        "rationale": "R"}, "route"),
    ("severity_assessment_pending", "assess_severity", {"level": "misconduct",
                                                        "route": "rprp"}, "rationale"),
    ("investigator_appointment_pending", "appoint_investigator", {}, "investigator_id"),
    ("recorded", "close_nfa", {"rationale": ""}, "rationale"),
    ("closed_nfa", "reopen", {}, "rationale"),
])
def test_missing_or_bad_field_names_the_field_and_changes_nothing(
    status: Any, action: Any, payload: Any, field: Any
) -> None:
    actor = recorder()
    matter = matter_in(status, actor=actor)
    events = old_events(matter)
    with pytest.raises(ValidationFailed) as caught:
        matter_act(reference=matter.reference, action=action, actor=actor, payload=payload)
    assert list(caught.value.extra["fields"]) == [field]
    _unchanged(matter, events=events)


def test_unknown_action_is_a_validation_error() -> None:
    actor = recorder()
    matter = matter_in("recorded", actor=actor)
    with pytest.raises(ValidationFailed) as caught:
        matter_act(reference=matter.reference, action="dismiss", actor=actor, payload={})
    assert "action" in caught.value.extra["fields"]
    _unchanged(matter, events=1)


@pytest.mark.parametrize("role", [r for r in Role if r not in
                                  (Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY)])
def test_roles_without_assess_cannot_act(make_user: Any, role: Any) -> None:
    matter = matter_in("recorded")
    with pytest.raises(ActionForbidden):
        matter_close_nfa(reference=matter.reference, actor=make_user(role), rationale="R")
    _unchanged(matter, events=1)


def test_conflicted_actor_gets_not_found(make_user: Any) -> None:
    manager = person_new()
    subject = person_new(line_manager=manager)
    matter = matter_in("recorded", subjects=[subject])
    conflicted = make_user(Role.APPROPRIATE_AUTHORITY, person=manager)
    with pytest.raises(NotFound):
        matter_close_nfa(reference=matter.reference, actor=conflicted, rationale="R")
    _unchanged(matter, events=1)


def test_unknown_reference_is_not_found() -> None:
    with pytest.raises(NotFound):
        matter_close_nfa(reference="M-0000-0000-0000-0", actor=recorder(), rationale="R")
