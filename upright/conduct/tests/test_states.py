"""The state table is data: check it is complete and consistent."""

import pytest

from upright.conduct.choices import SeverityRoute
from upright.conduct.states import ACTIONS, CLOSED_STATES, TRANSITIONS, MatterStatus, actions_from

CONDUCT_TABLE = {  # uk-process.md §2.2: C0..C16, R0, A0, W, S, V0, X1, X2 must all exist
    "allegation_received", "recorded", "severity_assessment_pending",
    "investigator_appointment_pending", "under_investigation", "interview_scheduled",
    "report_submitted", "case_to_answer_determination", "referred_to_meeting",
    "referred_to_hearing", "notice_of_referral_served", "awaiting_officer_response",
    "bundle_to_chair", "pre_hearing", "listed", "proceedings_held", "outcome_notified",
    "appeal_meeting", "appeal_pat", "rprp", "amh_path", "withdrawn",
    "suspended_pending_criminal", "vetting_route", "closed_nfa", "closed_with_outcome",
}


def test_every_state_has_a_row() -> None:
    assert set(TRANSITIONS) == set(MatterStatus)


def test_conduct_table_is_covered() -> None:
    assert set(MatterStatus.values) >= CONDUCT_TABLE


def test_targets_are_states() -> None:
    for source, targets in TRANSITIONS.items():
        assert targets <= set(MatterStatus), source


def test_closed_with_outcome_is_terminal_and_nfa_only_reopens() -> None:
    assert TRANSITIONS[MatterStatus.CLOSED_WITH_OUTCOME] == frozenset()
    assert TRANSITIONS[MatterStatus.CLOSED_NFA] == {MatterStatus.SEVERITY_ASSESSMENT_PENDING}
    assert CLOSED_STATES == {MatterStatus.CLOSED_NFA, MatterStatus.CLOSED_WITH_OUTCOME}


def test_every_non_terminal_state_is_reachable() -> None:
    reachable = {MatterStatus.ALLEGATION_RECEIVED}
    frontier = [MatterStatus.ALLEGATION_RECEIVED]
    while frontier:
        for target in TRANSITIONS[frontier.pop()]:
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(MatterStatus)


@pytest.mark.parametrize("name", list(ACTIONS))
def test_every_action_move_is_in_the_table(name: str) -> None:
    action = ACTIONS[name]
    assert action.sources, name
    for source in action.sources:
        assert action.targets <= TRANSITIONS[source], (name, source)


def test_referral_check_target_depends_on_refer() -> None:
    action = ACTIONS["referral_check"]
    assert action.target_for({"refer": True}) == MatterStatus.REFERRED_TO_IOPC
    assert action.target_for({"refer": False}) == MatterStatus.SEVERITY_ASSESSMENT_PENDING


@pytest.mark.parametrize(("route", "target"), [
    (SeverityRoute.INVESTIGATE, MatterStatus.INVESTIGATOR_APPOINTMENT_PENDING),
    (SeverityRoute.RPRP, MatterStatus.RPRP),
    (SeverityRoute.VETTING, MatterStatus.VETTING_ROUTE),
    (SeverityRoute.NFA, MatterStatus.CLOSED_NFA),
])
def test_severity_routes(route: str, target: MatterStatus) -> None:
    assert ACTIONS["assess_severity"].target_for({"route": route}) == target


@pytest.mark.parametrize(("status", "expected"), [
    (MatterStatus.RECORDED, ["referral_check", "close_nfa"]),
    (MatterStatus.REFERRED_TO_IOPC, ["iopc_decision"]),
    (MatterStatus.SEVERITY_ASSESSMENT_PENDING, ["assess_severity", "close_nfa"]),
    (MatterStatus.INVESTIGATOR_APPOINTMENT_PENDING, ["appoint_investigator", "close_nfa"]),
    (MatterStatus.CLOSED_NFA, ["reopen"]),
    (MatterStatus.CLOSED_WITH_OUTCOME, []),
])
def test_actions_from(status: MatterStatus, expected: list[str]) -> None:
    assert actions_from(status) == expected
