"""The statutory state machine as data (uk-process.md §2.2 conduct, §3.2 complaints, §4 IOPC).

`TRANSITIONS` is the whole table: every state and the states it may move to. `ACTIONS` names
the verbs that move a matter, the states each may start from and where each leads (a state,
or a function of the decision's payload). The one gate in `services/transitions.py` reads both;
a test checks that every action's targets are allowed by `TRANSITIONS`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from upright.access.roles import Perm
from upright.conduct.choices import SeverityRoute


class MatterStatus(models.TextChoices):
    # C0: an allegation has come to the AA's attention; starts the 12-month clock (PCR reg 4, 19).
    ALLEGATION_RECEIVED = "allegation_received", "Allegation received"
    # C1: recorded; recordability and IOPC referral check due (PRA Sch 3 paras 10-11, CMR regs 4, 7).
    RECORDED = "recorded", "Recorded: referral check due"
    # P4: referred to the IOPC, awaiting the DG's decision on the form (Sch 3 paras 4, 15).
    REFERRED_TO_IOPC = "referred_to_iopc", "Referred to the IOPC"
    # C2 (pending): severity assessment due (PCR reg 14; CMR reg 16 for Sch 3 matters).
    SEVERITY_ASSESSMENT_PENDING = "severity_assessment_pending", "Severity assessment due"
    # C3: assessed for investigation; investigator to be appointed (PCR reg 15).
    INVESTIGATOR_APPOINTMENT_PENDING = (
        "investigator_appointment_pending", "Investigator to be appointed"
    )
    # C4: under investigation; reg 17 notice and terms of reference served (PCR regs 16-17).
    UNDER_INVESTIGATION = "under_investigation", "Under investigation"
    # C4a: interview arranged (PCR reg 20).
    INTERVIEW_SCHEDULED = "interview_scheduled", "Interview scheduled"
    # C5: investigator's report submitted, with any special-conditions statement (PCR reg 21).
    REPORT_SUBMITTED = "report_submitted", "Report submitted"
    # C6: case to answer determination (PCR reg 23).
    CASE_TO_ANSWER_DETERMINATION = "case_to_answer_determination", "Case to answer determination"
    # C7: referred to a misconduct meeting (PCR reg 23, 42).
    REFERRED_TO_MEETING = "referred_to_meeting", "Referred to misconduct meeting"
    # C8: referred to a misconduct hearing (PCR reg 23, 42(5)-(6)).
    REFERRED_TO_HEARING = "referred_to_hearing", "Referred to misconduct hearing"
    # C7a/C8a: notice of referral and documents served (PCR reg 30).
    NOTICE_OF_REFERRAL_SERVED = "notice_of_referral_served", "Notice of referral served"
    # C9: awaiting the officer's response, 15 WD (PCR reg 31).
    AWAITING_OFFICER_RESPONSE = "awaiting_officer_response", "Awaiting officer's response"
    # C10: witness lists and documents to the chair, 10 WD (PCR reg 32).
    BUNDLE_TO_CHAIR = "bundle_to_chair", "Bundle to chair"
    # C11: pre-hearing within 15 WD of the documents (PCR reg 33), hearings only.
    PRE_HEARING = "pre_hearing", "Pre-hearing"
    # C12: date fixed; hearing publicised (PCR regs 34-36).
    LISTED = "listed", "Listed"
    # C13: meeting or hearing held; findings and outcome (PCR regs 41-42).
    PROCEEDINGS_HELD = "proceedings_held", "Proceedings held"
    # C14: outcome report to the AA within 5 WD and notice to the officer (PCR reg 43).
    OUTCOME_NOTIFIED = "outcome_notified", "Outcome notified"
    # C15: appeal from a misconduct meeting, 7 WD (PCR reg 45).
    APPEAL_MEETING = "appeal_meeting", "Appeal (meeting)"
    # C16: appeal to the Police Appeals Tribunal (PAT Rules 2020).
    APPEAL_PAT = "appeal_pat", "Appeal to the PAT"
    # R0: reflective practice review process (PCR Part 6).
    RPRP = "rprp", "Reflective practice review"
    # A0: accelerated misconduct hearing path (PCR Part 5, reg 49).
    AMH_PATH = "amh_path", "Accelerated misconduct hearing"
    # W: misconduct proceedings withdrawn (PCR reg 27).
    WITHDRAWN = "withdrawn", "Withdrawn"
    # S: proceedings delayed to avoid prejudicing criminal proceedings (PCR regs 10, 49(3)).
    SUSPENDED_PENDING_CRIMINAL = "suspended_pending_criminal", "Suspended pending criminal proceedings"
    # V0: referred under the Police (Vetting) Regulations 2025 (PCR reg 14(2)(aa), SI 2025/558).
    VETTING_ROUTE = "vetting_route", "Vetting route"
    # P5: complaint handled otherwise than by investigation (PRA Sch 3 para 6).
    HANDLED_OTHERWISE = "handled_otherwise", "Handled otherwise than by investigation"
    # P10: complainant applied for a review within 28 days (CMR reg 29; Sch 3 paras 6A, 25).
    REVIEW_REQUESTED = "review_requested", "Review requested"
    # P11: under review by the LPB or the IOPC (Sch 3 para 30; CMR reg 32).
    UNDER_REVIEW = "under_review", "Under review"
    # X1: closed with no further action; may be reopened.
    CLOSED_NFA = "closed_nfa", "Closed: no further action"
    # X2: closed with an outcome; barred-list report if dismissed (PA 1996 Part 4A).
    CLOSED_WITH_OUTCOME = "closed_with_outcome", "Closed with outcome"


S = MatterStatus
CLOSED_STATES = frozenset({S.CLOSED_NFA, S.CLOSED_WITH_OUTCOME})

# States from which proceedings may be delayed for criminal proceedings (reg 10); S returns to
# the state it left, so S may move to any of them.
_SUSPENDABLE = frozenset({
    S.UNDER_INVESTIGATION, S.INTERVIEW_SCHEDULED, S.REPORT_SUBMITTED,
    S.CASE_TO_ANSWER_DETERMINATION, S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING,
    S.NOTICE_OF_REFERRAL_SERVED, S.AWAITING_OFFICER_RESPONSE, S.BUNDLE_TO_CHAIR,
    S.PRE_HEARING, S.LISTED, S.AMH_PATH,
})

TRANSITIONS: dict[MatterStatus, frozenset[MatterStatus]] = {
    S.ALLEGATION_RECEIVED: frozenset({S.RECORDED}),  # Sch 3 paras 2(6A), 10-11
    S.RECORDED: frozenset({  # CMR regs 4, 7; Sch 3 para 6 for complaints
        S.REFERRED_TO_IOPC, S.SEVERITY_ASSESSMENT_PENDING, S.HANDLED_OTHERWISE, S.CLOSED_NFA,
    }),
    S.REFERRED_TO_IOPC: frozenset({  # Sch 3 para 15: DG decides the form, or returns it
        S.SEVERITY_ASSESSMENT_PENDING, S.HANDLED_OTHERWISE,
    }),
    S.SEVERITY_ASSESSMENT_PENDING: frozenset({  # PCR reg 14 (+ reg 14(2)(aa) from 28 May 2025)
        S.INVESTIGATOR_APPOINTMENT_PENDING, S.RPRP, S.VETTING_ROUTE, S.CLOSED_NFA,
    }),
    S.INVESTIGATOR_APPOINTMENT_PENDING: frozenset({S.UNDER_INVESTIGATION, S.CLOSED_NFA}),  # reg 15
    S.UNDER_INVESTIGATION: frozenset({  # reg 16-21, 27, 10
        S.INTERVIEW_SCHEDULED, S.REPORT_SUBMITTED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.INTERVIEW_SCHEDULED: frozenset({S.UNDER_INVESTIGATION, S.SUSPENDED_PENDING_CRIMINAL}),
    S.REPORT_SUBMITTED: frozenset({  # reg 21(3) special conditions lead to AMH (reg 49(1))
        S.CASE_TO_ANSWER_DETERMINATION, S.AMH_PATH, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.CASE_TO_ANSWER_DETERMINATION: frozenset({  # reg 23
        S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING, S.RPRP, S.CLOSED_NFA,
        S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.REFERRED_TO_MEETING: frozenset({
        S.NOTICE_OF_REFERRAL_SERVED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.REFERRED_TO_HEARING: frozenset({
        S.NOTICE_OF_REFERRAL_SERVED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.NOTICE_OF_REFERRAL_SERVED: frozenset({  # reg 30
        S.AWAITING_OFFICER_RESPONSE, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.AWAITING_OFFICER_RESPONSE: frozenset({  # reg 31
        S.BUNDLE_TO_CHAIR, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.BUNDLE_TO_CHAIR: frozenset({  # reg 32: hearing → pre-hearing; meeting → listed
        S.PRE_HEARING, S.LISTED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.PRE_HEARING: frozenset({S.LISTED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL}),  # reg 33
    S.LISTED: frozenset({S.PROCEEDINGS_HELD, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL}),
    S.PROCEEDINGS_HELD: frozenset({S.OUTCOME_NOTIFIED}),  # regs 41-42
    S.OUTCOME_NOTIFIED: frozenset({S.APPEAL_MEETING, S.APPEAL_PAT, S.CLOSED_WITH_OUTCOME}),
    S.APPEAL_MEETING: frozenset({S.CLOSED_WITH_OUTCOME}),  # reg 45
    S.APPEAL_PAT: frozenset({S.CLOSED_WITH_OUTCOME}),  # PATR
    S.RPRP: frozenset({S.CLOSED_WITH_OUTCOME}),  # Part 6
    S.AMH_PATH: frozenset({S.OUTCOME_NOTIFIED, S.SUSPENDED_PENDING_CRIMINAL}),  # Part 5
    S.WITHDRAWN: frozenset({S.CLOSED_NFA}),  # reg 27
    S.SUSPENDED_PENDING_CRIMINAL: _SUSPENDABLE,  # resumes to the previous state (reg 49(3))
    S.VETTING_ROUTE: frozenset({S.CLOSED_WITH_OUTCOME}),  # Vetting Regs 2025
    S.HANDLED_OTHERWISE: frozenset({S.CLOSED_WITH_OUTCOME, S.REVIEW_REQUESTED}),  # Sch 3 para 6
    S.REVIEW_REQUESTED: frozenset({S.UNDER_REVIEW}),  # CMR reg 29
    S.UNDER_REVIEW: frozenset({  # Sch 3 paras 6A, 25-26: upheld → re-handled
        S.CLOSED_WITH_OUTCOME, S.SEVERITY_ASSESSMENT_PENDING, S.HANDLED_OTHERWISE,
    }),
    S.CLOSED_NFA: frozenset({S.SEVERITY_ASSESSMENT_PENDING}),  # terminal, but reopenable
    S.CLOSED_WITH_OUTCOME: frozenset(),  # terminal
}

Payload = Mapping[str, Any]
Target = MatterStatus | Callable[[Payload], MatterStatus]


def _after_referral_check(payload: Payload) -> MatterStatus:
    return S.REFERRED_TO_IOPC if payload.get("refer") else S.SEVERITY_ASSESSMENT_PENDING


_ROUTE_TARGET: dict[str, MatterStatus] = {
    SeverityRoute.INVESTIGATE: S.INVESTIGATOR_APPOINTMENT_PENDING,
    SeverityRoute.RPRP: S.RPRP,
    SeverityRoute.VETTING: S.VETTING_ROUTE,
    SeverityRoute.NFA: S.CLOSED_NFA,
}


def _after_severity(payload: Payload) -> MatterStatus:
    return _ROUTE_TARGET[payload["route"]]


@dataclass(frozen=True)
class Action:
    """A verb on a matter: where it may start, where it leads, and who may take it.

    targets: every state `target` can produce (for the table test and the docs diagram).
    """

    name: str
    label: str
    sources: frozenset[MatterStatus]
    target: Target
    targets: frozenset[MatterStatus]
    perm: str
    legal_basis: str

    def target_for(self, payload: Payload) -> MatterStatus:
        return self.target(payload) if callable(self.target) else self.target


_OPEN_BEFORE_INVESTIGATION = frozenset({
    S.RECORDED, S.SEVERITY_ASSESSMENT_PENDING, S.INVESTIGATOR_APPOINTMENT_PENDING,
})

ACTIONS: dict[str, Action] = {
    a.name: a for a in [
        Action("referral_check", "Record the referral check", frozenset({S.RECORDED}),
               _after_referral_check,
               frozenset({S.REFERRED_TO_IOPC, S.SEVERITY_ASSESSMENT_PENDING}),
               Perm.ASSESS, "PRA 2002 Sch 3 paras 4, 13; CMR 2020 regs 4, 7"),
        Action("iopc_decision", "Record the IOPC's decision", frozenset({S.REFERRED_TO_IOPC}),
               S.SEVERITY_ASSESSMENT_PENDING, frozenset({S.SEVERITY_ASSESSMENT_PENDING}),
               Perm.ASSESS, "PRA 2002 Sch 3 para 15"),
        Action("assess_severity", "Assess severity", frozenset({S.SEVERITY_ASSESSMENT_PENDING}),
               _after_severity, frozenset(_ROUTE_TARGET.values()),
               Perm.ASSESS, "PCR 2020 reg 14"),
        Action("appoint_investigator", "Appoint an investigator",
               frozenset({S.INVESTIGATOR_APPOINTMENT_PENDING}), S.UNDER_INVESTIGATION,
               frozenset({S.UNDER_INVESTIGATION}), Perm.ASSESS, "PCR 2020 reg 15"),
        Action("close_nfa", "Close with no further action", _OPEN_BEFORE_INVESTIGATION,
               S.CLOSED_NFA, frozenset({S.CLOSED_NFA}), Perm.ASSESS, "PCR 2020 reg 14"),
        Action("reopen", "Reopen", frozenset({S.CLOSED_NFA}), S.SEVERITY_ASSESSMENT_PENDING,
               frozenset({S.SEVERITY_ASSESSMENT_PENDING}), Perm.ASSESS, "PCR 2020 reg 14"),
    ]
}


def actions_from(status: str) -> list[str]:
    """Action names the table allows from `status` (before any permission check)."""
    return [name for name, action in ACTIONS.items() if status in action.sources]
