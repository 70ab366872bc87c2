"""The withdrawal-assessment state machine as data (Police (Vetting) Regulations 2025, Part 3;
uk-process.md §6.2). `TRANSITIONS` is the whole table; `ACTIONS` names the verbs that move an
assessment, the states each may start from, where each may lead and who may take it. The one
gate in `services/transitions.py` reads both, and a test checks every action against the table.

The states are V0-V8 of uk-process.md §6.2. The regulations' own time limits within the
process were not read ([U]), so no step here carries a period: due dates come from the
WithdrawalStepRule reference table.
"""

from dataclasses import dataclass

from django.db import models

from upright.access.roles import Perm


class WithdrawalStatus(models.TextChoices):
    # V0: adverse information, a severity-assessment referral (PCR reg 14(2)(aa)) or re-vetting.
    TRIGGER = "trigger", "V0 Triggered"
    # V1: the withdrawal assessment notice has been served on the officer.
    NOTICE = "notice", "V1 Withdrawal assessment notice served"
    # V2: information gathering, which may include an interview (Part 3).
    INFO_GATHERING = "info_gathering", "V2 Information gathering"
    # V3: the officer has been invited to make representations.
    REPRESENTATIONS = "representations", "V3 Representations"
    # V4: awaiting the decision: retain, retain with conditions [U] or withdraw.
    DECISION = "decision", "V4 Decision due"
    # V5: clearance withdrawn, so dismissed without notice.
    DISMISSED = "dismissed", "V5 Dismissed without notice"
    # V6: appeal to an appeal panel (first stage).
    APPEAL_PANEL = "appeal_panel", "V6 Appeal panel"
    # V7: appeal to the Police Appeals Tribunal (second stage).
    PAT = "pat", "V7 Police Appeals Tribunal"
    # V8: closed; close_reason says how.
    CLOSED = "closed", "V8 Closed"


S = WithdrawalStatus

# Before the decision the officer may resign or retire (APP 6.2.2), which closes it.
BEFORE_DECISION = frozenset({S.TRIGGER, S.NOTICE, S.INFO_GATHERING, S.REPRESENTATIONS,
                             S.DECISION})

TRANSITIONS: dict[WithdrawalStatus, frozenset[WithdrawalStatus]] = {
    S.TRIGGER: frozenset({S.NOTICE, S.CLOSED}),
    S.NOTICE: frozenset({S.INFO_GATHERING, S.CLOSED}),
    S.INFO_GATHERING: frozenset({S.REPRESENTATIONS, S.CLOSED}),
    S.REPRESENTATIONS: frozenset({S.DECISION, S.CLOSED}),
    S.DECISION: frozenset({S.DISMISSED, S.CLOSED}),  # withdraw / retain (or leaving)
    S.DISMISSED: frozenset({S.APPEAL_PANEL, S.CLOSED}),  # appeal lodged / none lodged
    # The panel's dismissal of the appeal is recorded in place (the officer may go to the PAT).
    S.APPEAL_PANEL: frozenset({S.APPEAL_PANEL, S.PAT, S.CLOSED}),
    S.PAT: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}


class CloseReason(models.TextChoices):
    RETAINED = "retained", "Clearance retained"
    RETAINED_WITH_CONDITIONS = "retained_with_conditions", "Retained with conditions"  # [U]
    NO_APPEAL = "no_appeal", "Dismissed; no appeal was made"
    APPEAL_UPHELD = "appeal_upheld", "Appeal upheld: clearance reinstated, dismissal reversed"
    APPEAL_DISMISSED = "appeal_dismissed", "Appeal dismissed; no appeal to the PAT"
    PAT_UPHELD = "pat_upheld", "PAT appeal upheld: clearance reinstated, dismissal reversed"
    PAT_DISMISSED = "pat_dismissed", "PAT appeal dismissed"
    RESIGNED = "resigned", "The officer resigned before the assessment concluded"
    RETIRED = "retired", "The officer retired before the assessment concluded"


@dataclass(frozen=True)
class Action:
    """name: the verb. sources: the states it may start from. targets: where it may lead.
    perm: the role permission it needs. label: for buttons."""

    name: str
    sources: frozenset[WithdrawalStatus]
    targets: frozenset[WithdrawalStatus]
    perm: str
    label: str


def _a(name: str, sources: set[WithdrawalStatus], targets: set[WithdrawalStatus], perm: str,
       label: str) -> Action:
    return Action(name, frozenset(sources), frozenset(targets), perm, label)


ASSESS, DECIDE, APPEAL = Perm.VETTING_WITHDRAWAL, Perm.VETTING_WITHDRAWAL_DECIDE, Perm.VETTING_APPEAL

ACTIONS: dict[str, Action] = {a.name: a for a in [
    _a("serve_notice", {S.TRIGGER}, {S.NOTICE}, ASSESS, "Record the assessment notice served"),
    _a("start_info_gathering", {S.NOTICE}, {S.INFO_GATHERING}, ASSESS,
       "Start information gathering"),
    _a("invite_representations", {S.INFO_GATHERING}, {S.REPRESENTATIONS}, ASSESS,
       "Invite representations"),
    _a("refer_for_decision", {S.REPRESENTATIONS}, {S.DECISION}, ASSESS, "Refer for decision"),
    _a("decide", {S.DECISION}, {S.CLOSED, S.DISMISSED}, DECIDE, "Record the decision"),
    _a("lodge_appeal", {S.DISMISSED}, {S.APPEAL_PANEL}, APPEAL, "Record an appeal lodged"),
    _a("close_no_appeal", {S.DISMISSED}, {S.CLOSED}, APPEAL, "Close: no appeal made"),
    _a("decide_appeal", {S.APPEAL_PANEL}, {S.APPEAL_PANEL, S.CLOSED}, APPEAL,
       "Record the appeal panel's outcome"),
    _a("lodge_pat", {S.APPEAL_PANEL}, {S.PAT}, APPEAL, "Record an appeal to the PAT"),
    _a("close_no_pat", {S.APPEAL_PANEL}, {S.CLOSED}, APPEAL, "Close: no appeal to the PAT"),
    _a("decide_pat", {S.PAT}, {S.CLOSED}, APPEAL, "Record the PAT's outcome"),
    _a("record_leaving", set(BEFORE_DECISION), {S.CLOSED}, ASSESS,
       "Record resignation or retirement"),
]}


def actions_from(status: str) -> list[str]:
    """The actions the table allows from `status` (guards may refuse some of them)."""
    return [a.name for a in ACTIONS.values() if status in a.sources]
