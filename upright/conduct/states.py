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
    # A0/A1: accelerated misconduct hearing path: special conditions certified (PCR Part 5,
    # reg 49), or presumed for a former officer (Part 3A, SI 2025/558); reg 51 notice due.
    AMH_PATH = "amh_path", "Accelerated misconduct hearing"
    # A2-A4: reg 51 notice served and the AMH listed 10-15 WD ahead (PCR regs 51-52, 48).
    AMH_NOTICE_SERVED = "amh_notice_served", "AMH notice served and listed"
    # R1: officer notified of the referral to RPRP, with reasons (PCR Part 6).
    RPRP_NOTIFIED = "rprp_notified", "RPRP: officer notified"
    # R2: fact-finding (PCR Part 6).
    RPRP_FACT_FINDING = "rprp_fact_finding", "RPRP: fact-finding"
    # R3: reflective discussion held (PCR Part 6).
    RPRP_DISCUSSION = "rprp_discussion", "RPRP: discussion held"
    # R4/R5: Reflective Review Development Report agreed; review due on its date (PCR reg 70).
    RPRP_REVIEW_DUE = "rprp_review_due", "RPRP: report agreed, review due"
    # W: misconduct proceedings withdrawn (PCR reg 27).
    WITHDRAWN = "withdrawn", "Withdrawn"
    # S: proceedings delayed to avoid prejudicing criminal proceedings (PCR regs 10, 49(3)).
    SUSPENDED_PENDING_CRIMINAL = "suspended_pending_criminal", "Suspended pending criminal proceedings"
    # V0: referred under the Police (Vetting) Regulations 2025 (PCR reg 14(2)(aa), SI 2025/558).
    VETTING_ROUTE = "vetting_route", "Vetting route"
    # P1: a complaint in initial handling: resolved outside Schedule 3, or recorded under it
    # (Sch 3 para 2(6A); CMR reg 44(b)).
    INITIAL_HANDLING = "initial_handling", "Complaint: initial handling"
    # P3 (not referred): the AA decides how to handle a recorded complaint: otherwise than by
    # investigation (Sch 3 para 6) or by a local investigation (para 16).
    HANDLING_DECISION_PENDING = "handling_decision_pending", "Complaint: handling to be decided"
    # P5: complaint handled otherwise than by investigation (PRA Sch 3 para 6); outcome to notify.
    HANDLED_OTHERWISE = "handled_otherwise", "Handled otherwise than by investigation"
    # P7: the AA's determination on the investigation report (Sch 3 paras 24-24A); outcome to
    # notify.
    COMPLAINT_DETERMINED = "complaint_determined", "Complaint: determination made"
    # P8: the complainant has been given the outcome and told of the review right (CMR reg 33).
    COMPLAINT_OUTCOME_NOTIFIED = "complaint_outcome_notified", "Complaint: outcome notified"
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
# the state it left, so S may move to any of them. The AMH states return only if the AA
# re-determines that the special conditions are met (reg 49(3)), else to case to answer (C6).
_SUSPENDABLE = frozenset({
    S.UNDER_INVESTIGATION, S.INTERVIEW_SCHEDULED, S.REPORT_SUBMITTED,
    S.CASE_TO_ANSWER_DETERMINATION, S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING,
    S.NOTICE_OF_REFERRAL_SERVED, S.AWAITING_OFFICER_RESPONSE, S.BUNDLE_TO_CHAIR,
    S.PRE_HEARING, S.LISTED, S.AMH_PATH, S.AMH_NOTICE_SERVED,
})
AMH_STATES = frozenset({S.AMH_PATH, S.AMH_NOTICE_SERVED})
_WITHDRAWABLE = frozenset({  # reg 27: before the proceedings begin
    S.UNDER_INVESTIGATION, S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING,
    S.NOTICE_OF_REFERRAL_SERVED, S.AWAITING_OFFICER_RESPONSE, S.BUNDLE_TO_CHAIR, S.PRE_HEARING,
    S.LISTED,
})
# The reg 23 determination (and Part 3A for former officers) leads to one of these.
_AFTER_CASE_TO_ANSWER = frozenset({
    S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING, S.AMH_PATH, S.RPRP, S.CLOSED_NFA,
})
# A person can resign or retire while the matter is open before the proceedings (Part 3A;
# advisory list, PA 1996 Part 4A): the step records it without moving the matter.
_RESIGNABLE = frozenset({
    S.UNDER_INVESTIGATION, S.INTERVIEW_SCHEDULED, S.REPORT_SUBMITTED,
    S.CASE_TO_ANSWER_DETERMINATION, S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING,
    S.NOTICE_OF_REFERRAL_SERVED, S.AWAITING_OFFICER_RESPONSE, S.BUNDLE_TO_CHAIR, S.PRE_HEARING,
    S.LISTED,
})


# Sch 3 paras 6A, 25-28: not upheld → closed; upheld → recommendations (closed), handled
# again, re-investigated, or referred to proceedings.
_AFTER_REVIEW = frozenset({
    S.CLOSED_WITH_OUTCOME, S.HANDLING_DECISION_PENDING, S.SEVERITY_ASSESSMENT_PENDING,
    S.INVESTIGATOR_APPOINTMENT_PENDING, S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING,
})


def _with_self(state: MatterStatus, others: frozenset[MatterStatus]) -> frozenset[MatterStatus]:
    return others | {state} if state in _RESIGNABLE else others


_TABLE: dict[MatterStatus, frozenset[MatterStatus]] = {
    S.ALLEGATION_RECEIVED: frozenset({S.RECORDED, S.INITIAL_HANDLING}),  # Sch 3 paras 2, 10-11
    S.INITIAL_HANDLING: frozenset({S.RECORDED, S.CLOSED_WITH_OUTCOME}),  # Sch 3 para 2(6A)
    S.RECORDED: frozenset({  # CMR regs 4, 7; Sch 3 paras 4, 6 for complaints
        S.REFERRED_TO_IOPC, S.SEVERITY_ASSESSMENT_PENDING, S.HANDLING_DECISION_PENDING,
        S.HANDLED_OTHERWISE, S.CLOSED_NFA,
    }),
    S.REFERRED_TO_IOPC: frozenset({  # Sch 3 para 15: DG decides the form, or returns it
        S.SEVERITY_ASSESSMENT_PENDING, S.INVESTIGATOR_APPOINTMENT_PENDING,
        S.HANDLING_DECISION_PENDING,
    }),
    S.HANDLING_DECISION_PENDING: frozenset({  # Sch 3 paras 6, 16; DG call-in para 4(1)(c)
        S.HANDLED_OTHERWISE, S.SEVERITY_ASSESSMENT_PENDING, S.INVESTIGATOR_APPOINTMENT_PENDING,
        S.REFERRED_TO_IOPC,
    }),
    S.SEVERITY_ASSESSMENT_PENDING: frozenset({  # PCR reg 14 (+ reg 14(2)(aa) from 28 May 2025)
        S.INVESTIGATOR_APPOINTMENT_PENDING, S.RPRP, S.VETTING_ROUTE, S.CLOSED_NFA,
        S.REFERRED_TO_IOPC,  # a complaint called in by the DG (para 4(1)(c))
    }),
    S.INVESTIGATOR_APPOINTMENT_PENDING: frozenset({  # reg 15; DG call-in
        S.UNDER_INVESTIGATION, S.CLOSED_NFA, S.REFERRED_TO_IOPC,
    }),
    S.UNDER_INVESTIGATION: frozenset({  # regs 16-21 (reg 17 notice: stays), 27, 10
        S.UNDER_INVESTIGATION, S.INTERVIEW_SCHEDULED, S.REPORT_SUBMITTED, S.WITHDRAWN,
        S.SUSPENDED_PENDING_CRIMINAL, S.REFERRED_TO_IOPC,
    }),
    S.INTERVIEW_SCHEDULED: _with_self(S.INTERVIEW_SCHEDULED, frozenset({  # reg 20
        S.UNDER_INVESTIGATION, S.SUSPENDED_PENDING_CRIMINAL,
    })),
    # reg 21(3) special conditions lead to the AA's reg 49(1) determination; otherwise reg 23,
    # or for a complaint the Sch 3 para 24 determination.
    S.REPORT_SUBMITTED: _with_self(S.REPORT_SUBMITTED, _AFTER_CASE_TO_ANSWER | {
        S.CASE_TO_ANSWER_DETERMINATION, S.SUSPENDED_PENDING_CRIMINAL, S.COMPLAINT_DETERMINED,
    }),
    S.CASE_TO_ANSWER_DETERMINATION: _with_self(  # reg 23; Part 3A for former officers
        S.CASE_TO_ANSWER_DETERMINATION,
        _AFTER_CASE_TO_ANSWER | {S.SUSPENDED_PENDING_CRIMINAL, S.COMPLAINT_DETERMINED}),
    S.REFERRED_TO_MEETING: _with_self(S.REFERRED_TO_MEETING, frozenset({  # reg 30 notice due
        S.NOTICE_OF_REFERRAL_SERVED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    })),
    S.REFERRED_TO_HEARING: _with_self(S.REFERRED_TO_HEARING, frozenset({
        S.NOTICE_OF_REFERRAL_SERVED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    })),
    S.NOTICE_OF_REFERRAL_SERVED: _with_self(S.NOTICE_OF_REFERRAL_SERVED, frozenset({  # reg 31
        S.AWAITING_OFFICER_RESPONSE, S.BUNDLE_TO_CHAIR, S.WITHDRAWN,
        S.SUSPENDED_PENDING_CRIMINAL,
    })),
    S.AWAITING_OFFICER_RESPONSE: _with_self(S.AWAITING_OFFICER_RESPONSE, frozenset({  # reg 31
        S.BUNDLE_TO_CHAIR, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    })),
    # reg 32: documents sent (stays); then reg 33 pre-hearing (hearing) or listing (meeting).
    S.BUNDLE_TO_CHAIR: _with_self(S.BUNDLE_TO_CHAIR, frozenset({
        S.BUNDLE_TO_CHAIR, S.PRE_HEARING, S.LISTED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    })),
    S.PRE_HEARING: _with_self(S.PRE_HEARING, frozenset({  # reg 33
        S.LISTED, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    })),
    S.LISTED: _with_self(S.LISTED, frozenset({  # regs 34-36
        S.PROCEEDINGS_HELD, S.WITHDRAWN, S.SUSPENDED_PENDING_CRIMINAL,
    })),
    S.PROCEEDINGS_HELD: frozenset({S.OUTCOME_NOTIFIED}),  # regs 41-43
    S.OUTCOME_NOTIFIED: frozenset({S.APPEAL_MEETING, S.APPEAL_PAT, S.CLOSED_WITH_OUTCOME}),
    S.APPEAL_MEETING: frozenset({S.CLOSED_WITH_OUTCOME}),  # reg 45
    S.APPEAL_PAT: frozenset({S.CLOSED_WITH_OUTCOME}),  # PATR
    S.RPRP: frozenset({S.RPRP_NOTIFIED, S.CLOSED_WITH_OUTCOME}),  # Part 6
    S.RPRP_NOTIFIED: frozenset({S.RPRP_FACT_FINDING}),
    S.RPRP_FACT_FINDING: frozenset({S.RPRP_DISCUSSION}),
    S.RPRP_DISCUSSION: frozenset({S.RPRP_REVIEW_DUE}),  # reg 70 report
    S.RPRP_REVIEW_DUE: frozenset({S.CLOSED_WITH_OUTCOME}),  # reg 70(1)(f) review
    S.AMH_PATH: frozenset({  # Part 5 (reg 51 notice), Part 3A
        S.AMH_NOTICE_SERVED, S.OUTCOME_NOTIFIED, S.SUSPENDED_PENDING_CRIMINAL,
    }),
    S.AMH_NOTICE_SERVED: frozenset({S.PROCEEDINGS_HELD, S.SUSPENDED_PENDING_CRIMINAL}),  # reg 52
    S.WITHDRAWN: frozenset({S.CLOSED_NFA}),  # reg 27
    # resumes to the previous state (reg 10); AMH cases may instead go back to C6 (reg 49(3))
    S.SUSPENDED_PENDING_CRIMINAL: _SUSPENDABLE,
    S.VETTING_ROUTE: frozenset({S.CLOSED_WITH_OUTCOME}),  # Vetting Regs 2025
    S.HANDLED_OTHERWISE: frozenset({  # Sch 3 para 6: the outcome goes to the complainant
        S.COMPLAINT_OUTCOME_NOTIFIED, S.CLOSED_WITH_OUTCOME, S.REVIEW_REQUESTED,
    }),
    S.COMPLAINT_DETERMINED: frozenset({  # paras 24-24A; the DG may direct proceedings (28A)
        S.COMPLAINT_OUTCOME_NOTIFIED, S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING,
    }),
    S.COMPLAINT_OUTCOME_NOTIFIED: frozenset({  # CMR reg 29: 28 days to apply for a review
        S.UNDER_REVIEW, S.CLOSED_WITH_OUTCOME, S.RPRP, S.REFERRED_TO_MEETING,
        S.REFERRED_TO_HEARING,
    }),
    S.REVIEW_REQUESTED: _AFTER_REVIEW | {S.UNDER_REVIEW},  # CMR reg 29
    S.UNDER_REVIEW: _AFTER_REVIEW,
    S.CLOSED_NFA: frozenset({S.SEVERITY_ASSESSMENT_PENDING}),  # terminal, but reopenable
    S.CLOSED_WITH_OUTCOME: frozenset(),  # terminal
}

# CMR Part 4 (regs 33-35): the complainant is kept informed at every stage; recording an
# update moves nothing, so every open state may stay where it is.
CONTACTABLE = frozenset(set(_TABLE) - {S.ALLEGATION_RECEIVED, *CLOSED_STATES})
TRANSITIONS: dict[MatterStatus, frozenset[MatterStatus]] = {
    state: targets | {state} if state in CONTACTABLE else targets
    for state, targets in _TABLE.items()
}

# Edges kept only for matters whose history was written before these steps had their own
# actions (seeded demo history); no action produces them now.
LEGACY_EDGES = frozenset({
    (S.NOTICE_OF_REFERRAL_SERVED, S.AWAITING_OFFICER_RESPONSE),
    (S.AMH_PATH, S.OUTCOME_NOTIFIED),
    (S.RPRP, S.CLOSED_WITH_OUTCOME),
    (S.ALLEGATION_RECEIVED, S.RECORDED),  # matter_record, not an action
    (S.ALLEGATION_RECEIVED, S.INITIAL_HANDLING),
    # the demo's complaint routes, written before the outcome letter and the review steps
    (S.RECORDED, S.HANDLED_OTHERWISE),
    (S.HANDLED_OTHERWISE, S.CLOSED_WITH_OUTCOME),
    (S.HANDLED_OTHERWISE, S.REVIEW_REQUESTED),
    (S.REVIEW_REQUESTED, S.UNDER_REVIEW),
})

Payload = Mapping[str, Any]
Target = MatterStatus | Callable[[Payload], MatterStatus]


_COMPLAINT = "complaint"  # choices.MatterKind.COMPLAINT


def _after_referral_check(payload: Payload) -> MatterStatus:
    if payload.get("refer"):
        return S.REFERRED_TO_IOPC
    if payload.get("kind") == _COMPLAINT:  # the AA now decides how to handle it (para 6/16)
        return S.HANDLING_DECISION_PENDING
    return S.SEVERITY_ASSESSMENT_PENDING


def _investigation_start(payload: Payload) -> MatterStatus:
    """A complaint investigation starts with the severity assessment only where special
    procedures apply (CMR regs 16-22); otherwise the investigator is appointed at once."""
    if payload.get("kind") == _COMPLAINT and not payload.get("special_procedures"):
        return S.INVESTIGATOR_APPOINTMENT_PENDING
    return S.SEVERITY_ASSESSMENT_PENDING


def _after_iopc_decision(payload: Payload) -> MatterStatus:
    """Sch 3 para 15: the form of investigation, or back to the force to handle."""
    if payload.get("mode") == "returned" and payload.get("kind") == _COMPLAINT:
        return S.HANDLING_DECISION_PENDING
    return _investigation_start(payload)


def _after_recording_decision(payload: Payload) -> MatterStatus:
    return MatterStatus(payload["to_status"])


_ROUTE_TARGET: dict[str, MatterStatus] = {
    SeverityRoute.INVESTIGATE: S.INVESTIGATOR_APPOINTMENT_PENDING,
    SeverityRoute.RPRP: S.RPRP,
    SeverityRoute.VETTING: S.VETTING_ROUTE,
    SeverityRoute.NFA: S.CLOSED_NFA,
}


def _after_severity(payload: Payload) -> MatterStatus:
    return _ROUTE_TARGET[payload["route"]]


def _after_special_conditions(payload: Payload) -> MatterStatus:
    return S.AMH_PATH if payload.get("met") else S.CASE_TO_ANSWER_DETERMINATION


def _after_case_to_answer(payload: Payload) -> MatterStatus:
    """Reg 23: the recorded route (computed and validated by the service)."""
    return MatterStatus(payload["to_status"])


def _after_bundle(payload: Payload) -> MatterStatus:
    return S.BUNDLE_TO_CHAIR


def _after_appeal(payload: Payload) -> MatterStatus:
    return S.APPEAL_MEETING if payload.get("kind") == "meeting" else S.APPEAL_PAT


def _stay(payload: Payload) -> MatterStatus:
    """A step that records something without moving the matter (e.g. the reg 17 notice)."""
    return MatterStatus(payload["from_status"])


def _resume_to(payload: Payload) -> MatterStatus:
    return MatterStatus(payload["to_status"])


Guard = Callable[[Any], str | None]


def _reg17_served(matter: Any) -> str | None:
    if matter.reg17_served_at is None:
        return ("No interview may take place before the reg 17 notice and terms of reference "
                "have been served (PCR 2020 reg 20(2)).")
    return None


def _statement_pending(matter: Any) -> str | None:
    if matter.special_conditions != "stated":
        return "There is no special-conditions statement (reg 21(3)) awaiting a determination."
    return None


def _no_statement_pending(matter: Any) -> str | None:
    if matter.special_conditions == "stated":
        return ("The appropriate authority must first determine whether the special conditions "
                "are met (PCR 2020 reg 49(1)).")
    return None


def _case_to_answer_open(matter: Any) -> str | None:
    return _not_complaint(matter) or _no_statement_pending(matter)


def _documents_not_sent(matter: Any) -> str | None:
    if matter.documents_to_chair_at is not None:
        return "The documents have already been supplied to the chair (reg 32)."
    return None


def _hearing_documents_sent(matter: Any) -> str | None:
    if matter.proceedings_form != "hearing":
        return "A pre-hearing is held only for a misconduct hearing (reg 33)."
    if matter.documents_to_chair_at is None:
        return "The documents must first be supplied to the chair (reg 32(6))."
    return None


def _ready_to_list(matter: Any) -> str | None:
    if matter.status == S.BUNDLE_TO_CHAIR:
        if matter.documents_to_chair_at is None:
            return "The documents must first be supplied to the chair (reg 32)."
        if matter.proceedings_form == "hearing":
            return "A misconduct hearing is listed at the pre-hearing (reg 33)."
    return None


def _complaint_only(matter: Any) -> str | None:
    if matter.kind != _COMPLAINT:
        return "This step applies only to public complaints (PRA 2002 Sch 3)."
    return None


def _not_complaint(matter: Any) -> str | None:
    if matter.kind == _COMPLAINT:
        return ("For a complaint the appropriate authority makes the Sch 3 para 24 "
                "determination (determine_complaint), which includes the case to answer.")
    return None


def _not_with_iopc(matter: Any) -> str | None:
    if matter.kind != _COMPLAINT:
        return _complaint_only(matter)
    if matter.investigation_mode in ("directed", "independent"):
        return "The IOPC already has this complaint (Sch 3 para 15)."
    return None


def _directed(matter: Any) -> str | None:
    if matter.investigation_mode != "directed":
        return "Only in a directed investigation may the DG approve or replace the investigator."
    return None


def _complaint_determination_open(matter: Any) -> str | None:
    return _complaint_only(matter) or _no_statement_pending(matter)


def _complainant_notified(matter: Any) -> str | None:
    if matter.kind != _COMPLAINT:
        return _complaint_only(matter)
    if matter.complainant_notified_at is None:
        return "The complainant has not been given the outcome yet (CMR reg 29(2))."
    return None


def _not_resigned(matter: Any) -> str | None:
    if matter.former_officer:
        return "The officer's resignation or retirement is already recorded."
    return None


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
    guard: Guard | None = None  # a refusal reason from the matter's recorded steps, or None

    def target_for(self, payload: Payload) -> MatterStatus:
        return self.target(payload) if callable(self.target) else self.target

    def targets_from(self, source: MatterStatus) -> frozenset[MatterStatus]:
        """The states this action can lead to from `source` (itself, for a recording step)."""
        return frozenset({source}) if self.target is _stay else self.targets

    def refusal(self, matter: Any) -> str | None:
        """Why this action is not open on `matter` (None if it is), beyond its status."""
        return self.guard(matter) if self.guard is not None else None


_OPEN_BEFORE_INVESTIGATION = frozenset({
    S.RECORDED, S.SEVERITY_ASSESSMENT_PENDING, S.INVESTIGATOR_APPOINTMENT_PENDING, S.WITHDRAWN,
})
_INV = Perm.INVESTIGATE
_AA = Perm.ASSESS
_PCR = "PCR 2020 "

_SCH3 = "PRA 2002 Sch 3 "
_CALLED_IN_FROM = frozenset({
    S.RECORDED, S.HANDLING_DECISION_PENDING, S.SEVERITY_ASSESSMENT_PENDING,
    S.INVESTIGATOR_APPOINTMENT_PENDING, S.UNDER_INVESTIGATION,
})
_PROCEEDINGS_DIRECTED = frozenset({S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING})

# Public complaints (uk-process.md §3.2, P0-P12); each is refused on a conduct matter.
COMPLAINT_ACTIONS = [
    Action("handle_outside_schedule_3", "Resolve outside Schedule 3",
           frozenset({S.INITIAL_HANDLING}), S.CLOSED_WITH_OUTCOME,
           frozenset({S.CLOSED_WITH_OUTCOME}), _AA, _SCH3 + "para 2(6A); CMR 2020 reg 44(b)",
           _complaint_only),
    Action("record_under_schedule_3", "Record under Schedule 3", frozenset({S.INITIAL_HANDLING}),
           S.RECORDED, frozenset({S.RECORDED}), _AA, _SCH3 + "para 2(6A)", _complaint_only),
    Action("iopc_call_in", "Record the DG's call-in", _CALLED_IN_FROM, S.REFERRED_TO_IOPC,
           frozenset({S.REFERRED_TO_IOPC}), _AA, _SCH3 + "paras 4(1)(c), 4A(1)",
           _not_with_iopc),
    Action("handle_otherwise", "Handle otherwise than by investigation",
           frozenset({S.HANDLING_DECISION_PENDING}), S.HANDLED_OTHERWISE,
           frozenset({S.HANDLED_OTHERWISE}), _AA, _SCH3 + "para 6(2)(b)", _complaint_only),
    Action("investigate_locally", "Investigate locally", frozenset({S.HANDLING_DECISION_PENDING}),
           _investigation_start,
           frozenset({S.SEVERITY_ASSESSMENT_PENDING, S.INVESTIGATOR_APPOINTMENT_PENDING}), _AA,
           _SCH3 + "para 16; CMR 2020 regs 16-22", _complaint_only),
    Action("dg_investigator_decision", "Record the DG's approval or replacement of the "
           "investigator", frozenset({S.UNDER_INVESTIGATION}), _stay,
           frozenset({S.UNDER_INVESTIGATION}), _AA, _SCH3 + "para 18(2A)-(2D)", _directed),
    Action("determine_complaint", "Determine the complaint on the report",
           frozenset({S.REPORT_SUBMITTED, S.CASE_TO_ANSWER_DETERMINATION}),
           _after_recording_decision,
           frozenset({S.COMPLAINT_DETERMINED, S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING,
                      S.AMH_PATH, S.RPRP}), _AA,
           _SCH3 + "paras 24-24A; PCR 2020 reg 23(2)", _complaint_determination_open),
    Action("dg_direct_proceedings", "Record the DG's recommendation or direction",
           frozenset({S.COMPLAINT_DETERMINED, S.COMPLAINT_OUTCOME_NOTIFIED}),
           # a recommendation alone leaves the complaint where it is (a self-loop)
           _after_recording_decision, _PROCEEDINGS_DIRECTED, _AA,
           _SCH3 + "para 28A; CMR 2020 reg 31", _complaint_only),
    Action("notify_complainant_outcome", "Send the outcome letter",
           frozenset({S.HANDLED_OTHERWISE, S.COMPLAINT_DETERMINED}), S.COMPLAINT_OUTCOME_NOTIFIED,
           frozenset({S.COMPLAINT_OUTCOME_NOTIFIED}), _AA,
           "CMR 2020 regs 29, 33; PRA 2002 Sch 3 paras 6A, 25", _complaint_only),
    Action("apply_for_review", "Record an application for a review",
           frozenset({S.COMPLAINT_OUTCOME_NOTIFIED}), S.UNDER_REVIEW,
           frozenset({S.UNDER_REVIEW}), _AA, "CMR 2020 regs 29, 32; PRA 2002 Sch 3 paras 30-32",
           _complainant_notified),
    Action("decide_review", "Record the review decision",
           frozenset({S.REVIEW_REQUESTED, S.UNDER_REVIEW}), _after_recording_decision,
           _AFTER_REVIEW, _AA, _SCH3 + "paras 6A, 25-28; CMR 2020 reg 30", _complaint_only),
    Action("close_complaint", "Close the complaint", frozenset({S.COMPLAINT_OUTCOME_NOTIFIED}),
           _after_recording_decision, frozenset({S.CLOSED_WITH_OUTCOME, S.RPRP}), _AA,
           "CMR 2020 reg 29", _complaint_only),
    Action("contact_complainant", "Record an update to the complainant", CONTACTABLE, _stay,
           CONTACTABLE, _AA, "CMR 2020 Part 4 (regs 33-35)", _complaint_only),
]

ACTIONS: dict[str, Action] = {
    a.name: a for a in [
        Action("referral_check", "Record the referral check", frozenset({S.RECORDED}),
               _after_referral_check,
               frozenset({S.REFERRED_TO_IOPC, S.SEVERITY_ASSESSMENT_PENDING,
                          S.HANDLING_DECISION_PENDING}),
               Perm.ASSESS, "PRA 2002 Sch 3 paras 4, 13; CMR 2020 regs 4, 7"),
        Action("iopc_decision", "Record the IOPC's decision", frozenset({S.REFERRED_TO_IOPC}),
               _after_iopc_decision,
               frozenset({S.SEVERITY_ASSESSMENT_PENDING, S.INVESTIGATOR_APPOINTMENT_PENDING,
                          S.HANDLING_DECISION_PENDING}),
               Perm.ASSESS, "PRA 2002 Sch 3 paras 15-19; CMR 2020 regs 16-22"),
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
        # ---- investigation (Part 3) ----
        Action("serve_reg17_notice", "Serve the reg 17 notice", frozenset({S.UNDER_INVESTIGATION}),
               _stay, frozenset({S.UNDER_INVESTIGATION}), _INV, _PCR + "regs 17-18"),
        Action("schedule_interview", "Schedule the interview",
               frozenset({S.UNDER_INVESTIGATION}), S.INTERVIEW_SCHEDULED,
               frozenset({S.INTERVIEW_SCHEDULED}), _INV, _PCR + "reg 20", _reg17_served),
        Action("record_interview", "Record the interview", frozenset({S.INTERVIEW_SCHEDULED}),
               S.UNDER_INVESTIGATION, frozenset({S.UNDER_INVESTIGATION}), _INV, _PCR + "reg 20"),
        Action("submit_report", "Submit the investigator's report",
               frozenset({S.UNDER_INVESTIGATION}), S.REPORT_SUBMITTED,
               frozenset({S.REPORT_SUBMITTED}), _INV, _PCR + "reg 21"),
        Action("record_resignation", "Record a resignation or retirement", _RESIGNABLE, _stay,
               _RESIGNABLE, _INV, "PCR 2020 Part 3A (SI 2025/558); PA 1996 Part 4A",
               _not_resigned),
        # ---- accelerated misconduct hearing (Part 5) ----
        Action("certify_special_conditions", "Determine the special conditions",
               frozenset({S.REPORT_SUBMITTED}), _after_special_conditions,
               frozenset({S.AMH_PATH, S.CASE_TO_ANSWER_DETERMINATION}), _AA, _PCR + "reg 49",
               _statement_pending),
        Action("serve_amh_notice", "Serve the AMH notice and set the date",
               frozenset({S.AMH_PATH}), S.AMH_NOTICE_SERVED, frozenset({S.AMH_NOTICE_SERVED}),
               _AA, _PCR + "regs 48, 51-52"),
        # ---- case to answer and proceedings (Part 4) ----
        Action("case_to_answer", "Decide on a case to answer",
               frozenset({S.REPORT_SUBMITTED, S.CASE_TO_ANSWER_DETERMINATION}),
               _after_case_to_answer, _AFTER_CASE_TO_ANSWER, _AA,
               _PCR + "reg 23; Part 3A (former officers)", _case_to_answer_open),
        Action("serve_reg30_notice", "Serve the notice of referral (reg 30)",
               frozenset({S.REFERRED_TO_MEETING, S.REFERRED_TO_HEARING}),
               S.NOTICE_OF_REFERRAL_SERVED, frozenset({S.NOTICE_OF_REFERRAL_SERVED}), _AA,
               _PCR + "regs 30-31"),
        Action("officer_response", "Record the officer's response",
               frozenset({S.NOTICE_OF_REFERRAL_SERVED, S.AWAITING_OFFICER_RESPONSE}),
               S.BUNDLE_TO_CHAIR, frozenset({S.BUNDLE_TO_CHAIR}), _AA, _PCR + "reg 31"),
        Action("bundle_to_chair", "Supply the documents to the chair",
               frozenset({S.BUNDLE_TO_CHAIR}), _after_bundle, frozenset({S.BUNDLE_TO_CHAIR}),
               _AA, _PCR + "reg 32", _documents_not_sent),
        Action("pre_hearing", "Record the pre-hearing", frozenset({S.BUNDLE_TO_CHAIR}),
               S.PRE_HEARING, frozenset({S.PRE_HEARING}), _AA, _PCR + "reg 33",
               _hearing_documents_sent),
        Action("list_proceedings", "List the meeting or hearing",
               frozenset({S.BUNDLE_TO_CHAIR, S.PRE_HEARING}), S.LISTED, frozenset({S.LISTED}),
               _AA, _PCR + "regs 28, 34-36 (SI 2024/521 from 7 May 2024)", _ready_to_list),
        Action("record_outcome", "Record the findings and outcome",
               frozenset({S.LISTED, S.AMH_NOTICE_SERVED}), S.PROCEEDINGS_HELD,
               frozenset({S.PROCEEDINGS_HELD}), _AA, _PCR + "regs 41-42, 55"),
        Action("notify_outcome", "Notify the outcome", frozenset({S.PROCEEDINGS_HELD}),
               S.OUTCOME_NOTIFIED, frozenset({S.OUTCOME_NOTIFIED}), _AA, _PCR + "reg 43"),
        Action("appeal", "Record an appeal", frozenset({S.OUTCOME_NOTIFIED}), _after_appeal,
               frozenset({S.APPEAL_MEETING, S.APPEAL_PAT}), _AA, _PCR + "reg 45; PATR 2020"),
        Action("decide_appeal", "Record the appeal decision",
               frozenset({S.APPEAL_MEETING, S.APPEAL_PAT}), S.CLOSED_WITH_OUTCOME,
               frozenset({S.CLOSED_WITH_OUTCOME}), _AA, _PCR + "regs 45-46; PATR 2020"),
        Action("close", "Close with the outcome", frozenset({S.OUTCOME_NOTIFIED, S.VETTING_ROUTE}),
               S.CLOSED_WITH_OUTCOME, frozenset({S.CLOSED_WITH_OUTCOME}), _AA,
               _PCR + "reg 43; Vetting Regs 2025"),
        Action("withdraw", "Withdraw the proceedings", _WITHDRAWABLE, S.WITHDRAWN,
               frozenset({S.WITHDRAWN}), _AA, _PCR + "reg 27"),
        Action("pause_for_criminal", "Delay for criminal proceedings", _SUSPENDABLE,
               S.SUSPENDED_PENDING_CRIMINAL, frozenset({S.SUSPENDED_PENDING_CRIMINAL}), _AA,
               _PCR + "reg 10"),
        Action("resume", "Resume after criminal proceedings",
               frozenset({S.SUSPENDED_PENDING_CRIMINAL}), _resume_to, _SUSPENDABLE, _AA,
               _PCR + "regs 10, 49(3)"),
        # ---- reflective practice review process (Part 6) ----
        Action("rprp_notify", "Notify the officer of the RPRP referral", frozenset({S.RPRP}),
               S.RPRP_NOTIFIED, frozenset({S.RPRP_NOTIFIED}), _AA, _PCR + "Part 6"),
        Action("rprp_fact_finding", "Record the fact-finding", frozenset({S.RPRP_NOTIFIED}),
               S.RPRP_FACT_FINDING, frozenset({S.RPRP_FACT_FINDING}), _AA, _PCR + "Part 6"),
        Action("rprp_discussion", "Record the reflective discussion",
               frozenset({S.RPRP_FACT_FINDING}), S.RPRP_DISCUSSION,
               frozenset({S.RPRP_DISCUSSION}), _AA, _PCR + "Part 6"),
        Action("rprp_report", "Record the Reflective Review Development Report",
               frozenset({S.RPRP_DISCUSSION}), S.RPRP_REVIEW_DUE,
               frozenset({S.RPRP_REVIEW_DUE}), _AA, _PCR + "reg 70"),
        Action("rprp_review", "Record the review of the report",
               frozenset({S.RPRP_REVIEW_DUE}), S.CLOSED_WITH_OUTCOME,
               frozenset({S.CLOSED_WITH_OUTCOME}), _AA, _PCR + "reg 70(1)(f), (6)"),
        *COMPLAINT_ACTIONS,
    ]
}

# 2012-regime matters are history: no action is open on them (PCR 2020 reg 3 transitional).
READ_ONLY_REGIMES = frozenset({"2012"})


def actions_from(status: str) -> list[str]:
    """Action names the table allows from `status` (before any permission check)."""
    return [name for name, action in ACTIONS.items() if status in action.sources]


def actions_open(matter: Any) -> list[str]:
    """Action names open on `matter`: its regime is live, the table allows them from its
    status, and each one's guard (a step that must come first) passes."""
    if matter.regime in READ_ONLY_REGIMES:
        return []
    return [name for name in actions_from(matter.status) if ACTIONS[name].refusal(matter) is None]
