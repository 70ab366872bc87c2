"""The state table, exhaustively: every action from every state is allowed or refused as the
table says, and a refusal changes nothing."""

import pytest

from upright.audit.models import AuditEvent
from upright.core.exceptions import TransitionNotAllowed
from upright.vetting.withdrawal import services as svc
from upright.vetting.withdrawal.models import WithdrawalAssessment
from upright.vetting.withdrawal.states import ACTIONS, TRANSITIONS, WithdrawalStatus, actions_from
from upright.vetting.withdrawal.tests.conftest import decision

S = WithdrawalStatus


def test_every_action_target_is_allowed_by_the_table():
    for action in ACTIONS.values():
        for source in action.sources:
            assert action.targets & TRANSITIONS[source], (action.name, source)


def test_every_state_is_in_the_table_and_closed_is_final():
    assert set(TRANSITIONS) == set(S)
    assert TRANSITIONS[S.CLOSED] == frozenset()
    assert actions_from(S.CLOSED) == []


def _call(action, a, users):
    officer, decider, panel = users
    calls = {
        "serve_notice": lambda: svc.withdrawal_notice_serve(
            actor=officer, assessment_id=a.pk, summary="n", service_method="post"),
        "start_info_gathering": lambda: svc.withdrawal_info_gathering_start(
            actor=officer, assessment_id=a.pk),
        "invite_representations": lambda: svc.withdrawal_representations_invite(
            actor=officer, assessment_id=a.pk),
        "refer_for_decision": lambda: svc.withdrawal_refer_for_decision(
            actor=officer, assessment_id=a.pk),
        "decide": lambda: svc.withdrawal_decide(actor=decider, assessment_id=a.pk,
                                                data=decision("retain")),
        "lodge_appeal": lambda: svc.withdrawal_appeal_lodge(actor=panel, assessment_id=a.pk),
        "close_no_appeal": lambda: svc.withdrawal_close_no_appeal(actor=panel, assessment_id=a.pk),
        "decide_appeal": lambda: svc.withdrawal_appeal_decide(
            actor=panel, assessment_id=a.pk, outcome="dismissed", reasons="r"),
        "lodge_pat": lambda: svc.withdrawal_pat_lodge(actor=panel, assessment_id=a.pk),
        "close_no_pat": lambda: svc.withdrawal_close_no_pat(actor=panel, assessment_id=a.pk),
        "decide_pat": lambda: svc.withdrawal_pat_decide(
            actor=panel, assessment_id=a.pk, outcome="dismissed", reasons="r"),
        "record_leaving": lambda: svc.withdrawal_leaving_record(
            actor=officer, assessment_id=a.pk, how="resigned", left_on=a.created_at.date()),
    }
    assert set(calls) == set(ACTIONS)
    return calls[action]()


STATES = [S.TRIGGER, S.NOTICE, S.INFO_GATHERING, S.REPRESENTATIONS, S.DECISION, S.DISMISSED,
          S.APPEAL_PANEL, S.PAT, S.CLOSED]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_action_from_state(walk, vetting_officer, decider, panel, state, action):
    a = walk(state)
    allowed = state in ACTIONS[action].sources
    # lodge_pat / close_no_pat also need the panel's dismissal first (a guard, tested apart).
    if action in ("lodge_pat", "close_no_pat") and state == S.APPEAL_PANEL:
        allowed = False
    events = AuditEvent.objects.count()
    if allowed:
        moved = _call(action, a, (vetting_officer, decider, panel))
        assert moved.status in ACTIONS[action].targets
        assert moved.status in TRANSITIONS[state]
    else:
        with pytest.raises(TransitionNotAllowed):
            _call(action, a, (vetting_officer, decider, panel))
        assert WithdrawalAssessment.objects.get(pk=a.pk).status == state
        assert AuditEvent.objects.count() == events
