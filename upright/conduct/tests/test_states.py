"""The state table is data: check it is complete and consistent."""

import pytest

from upright.conduct.choices import SeverityRoute
from upright.conduct.states import (
    ACTIONS,
    CLOSED_STATES,
    COMPLAINT_ACTIONS,
    TRANSITIONS,
    MatterStatus,
    actions_from,
)

_COMPLAINT_ACTION_NAMES = {a.name for a in COMPLAINT_ACTIONS}


def _conduct_actions(status: str) -> list[str]:
    """The actions a conduct matter may take from `status` (complaint steps left out)."""
    return [name for name in actions_from(status) if name not in _COMPLAINT_ACTION_NAMES]

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
        assert action.targets_from(source) <= TRANSITIONS[source], (name, source)


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
    assert _conduct_actions(status) == expected


# ---- the whole process: every action wired, every edge used -------------------------------


def test_every_action_has_handler_audit_input_and_form() -> None:
    from upright.conduct.api.serializers import TRANSITION_INPUTS
    from upright.conduct.audit_events import ACTION_AUDIT
    from upright.conduct.services.transitions import _HANDLERS
    from upright.conduct.web.forms import ACTION_FORMS

    assert set(_HANDLERS) == set(ACTIONS)
    assert set(ACTION_AUDIT) == set(ACTIONS)
    assert set(TRANSITION_INPUTS) == set(ACTIONS)
    assert set(ACTION_FORMS) == set(ACTIONS)


def test_every_edge_is_taken_by_an_action() -> None:
    from upright.conduct.states import LEGACY_EDGES

    produced = {(source, target) for action in ACTIONS.values() for source in action.sources
                for target in action.targets_from(source) if target in TRANSITIONS[source]}
    table = {(source, target) for source, targets in TRANSITIONS.items() for target in targets}
    assert table - produced - LEGACY_EDGES == set()
    assert LEGACY_EDGES <= table


def test_terminal_states_have_no_actions_but_reopen() -> None:
    assert actions_from(MatterStatus.CLOSED_WITH_OUTCOME) == []
    assert actions_from(MatterStatus.CLOSED_NFA) == ["reopen"]


@pytest.mark.parametrize(("status", "expected"), [
    (MatterStatus.UNDER_INVESTIGATION, ["serve_reg17_notice", "schedule_interview",
                                        "submit_report", "record_resignation", "withdraw",
                                        "pause_for_criminal"]),
    (MatterStatus.OUTCOME_NOTIFIED, ["appeal", "close"]),
    (MatterStatus.SUSPENDED_PENDING_CRIMINAL, ["resume"]),
    (MatterStatus.RPRP, ["rprp_notify"]),
    (MatterStatus.AMH_PATH, ["serve_amh_notice", "pause_for_criminal"]),
])
def test_actions_from_process_states(status: MatterStatus, expected: list[str]) -> None:
    assert _conduct_actions(status) == expected


class _Matter:
    def __init__(self, **kw: object) -> None:
        self.regime, self.status = "2020", MatterStatus.UNDER_INVESTIGATION
        self.kind, self.investigation_mode = "conduct_matter", ""
        self.complainant_notified_at = None
        self.reg17_served_at = None
        self.special_conditions = self.proceedings_form = ""
        self.documents_to_chair_at = None
        self.former_officer = False
        self.__dict__.update(kw)


def test_guards_hide_steps_that_are_not_yet_open() -> None:
    from upright.conduct.states import actions_open

    assert "schedule_interview" not in actions_open(_Matter())
    assert "schedule_interview" in actions_open(_Matter(reg17_served_at=object()))
    assert actions_open(_Matter(regime="2012")) == []
    assert "record_resignation" not in actions_open(_Matter(former_officer=True))
    stated = _Matter(status=MatterStatus.REPORT_SUBMITTED, special_conditions="stated")
    assert "certify_special_conditions" in actions_open(stated)
    assert "case_to_answer" not in actions_open(stated)


@pytest.mark.parametrize(("payload", "target"), [
    ({"met": True}, MatterStatus.AMH_PATH),
    ({"met": False}, MatterStatus.CASE_TO_ANSWER_DETERMINATION),
])
def test_special_conditions_target(payload: dict[str, bool], target: MatterStatus) -> None:
    assert ACTIONS["certify_special_conditions"].target_for(payload) == target


# ---- public complaints (uk-process.md §3.2) --------------------------------------------------

@pytest.mark.parametrize(("status", "expected"), [
    (MatterStatus.INITIAL_HANDLING, ["handle_outside_schedule_3", "record_under_schedule_3",
                                     "contact_complainant"]),
    (MatterStatus.RECORDED, ["referral_check", "close_nfa", "iopc_call_in",
                             "contact_complainant"]),
    (MatterStatus.HANDLING_DECISION_PENDING, ["iopc_call_in", "handle_otherwise",
                                              "investigate_locally", "contact_complainant"]),
    (MatterStatus.HANDLED_OTHERWISE, ["notify_complainant_outcome", "contact_complainant"]),
    (MatterStatus.REPORT_SUBMITTED, ["record_resignation", "pause_for_criminal",
                                     "determine_complaint", "contact_complainant"]),
    (MatterStatus.COMPLAINT_DETERMINED, ["dg_direct_proceedings", "notify_complainant_outcome",
                                         "contact_complainant"]),
    (MatterStatus.COMPLAINT_OUTCOME_NOTIFIED, ["dg_direct_proceedings", "apply_for_review",
                                               "close_complaint", "contact_complainant"]),
    (MatterStatus.UNDER_REVIEW, ["decide_review", "contact_complainant"]),
    (MatterStatus.CLOSED_WITH_OUTCOME, []),
])
def test_actions_open_on_a_complaint(status: MatterStatus, expected: list[str]) -> None:
    from upright.conduct.states import actions_open

    complaint = _Matter(kind="complaint", status=status, complainant_notified_at=object())
    assert actions_open(complaint) == expected


def test_complaint_steps_are_closed_to_conduct_matters() -> None:
    from upright.conduct.states import actions_open

    for status in MatterStatus:
        conduct = _Matter(status=status)
        assert set(actions_open(conduct)) & _COMPLAINT_ACTION_NAMES == set(), status


def test_no_review_before_the_outcome_is_given() -> None:
    from upright.conduct.states import actions_open

    complaint = _Matter(kind="complaint", status=MatterStatus.COMPLAINT_OUTCOME_NOTIFIED)
    assert "apply_for_review" not in actions_open(complaint)


@pytest.mark.parametrize(("payload", "target"), [
    ({"refer": True, "kind": "complaint"}, MatterStatus.REFERRED_TO_IOPC),
    ({"refer": False, "kind": "complaint"}, MatterStatus.HANDLING_DECISION_PENDING),
    ({"refer": False, "kind": "conduct_matter"}, MatterStatus.SEVERITY_ASSESSMENT_PENDING),
])
def test_referral_check_routes_complaints(payload: dict[str, object], target: MatterStatus
                                          ) -> None:
    assert ACTIONS["referral_check"].target_for(payload) == target


@pytest.mark.parametrize(("payload", "target"), [
    ({"mode": "returned", "kind": "complaint"}, MatterStatus.HANDLING_DECISION_PENDING),
    ({"mode": "independent", "kind": "complaint", "special_procedures": True},
     MatterStatus.SEVERITY_ASSESSMENT_PENDING),
    ({"mode": "directed", "kind": "complaint", "special_procedures": False},
     MatterStatus.INVESTIGATOR_APPOINTMENT_PENDING),
    ({"mode": "local", "kind": "conduct_matter"}, MatterStatus.SEVERITY_ASSESSMENT_PENDING),
    ({"mode": "returned", "kind": "conduct_matter"}, MatterStatus.SEVERITY_ASSESSMENT_PENDING),
])
def test_iopc_decision_routes_complaints(payload: dict[str, object], target: MatterStatus
                                         ) -> None:
    assert ACTIONS["iopc_decision"].target_for(payload) == target
