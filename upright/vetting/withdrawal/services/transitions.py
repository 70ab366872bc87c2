"""The one gate through which an assessment changes state, and the verbs that use it.

Each verb validates its input first (writing nothing on a bad field), then in one
transaction: locks the row, checks the state table and the role, applies its guards, saves,
writes the status change and the audit event. Effects in vetting and people (the clearance,
the employment record) run in the same transaction, because the decision and its legal
consequence stand or fall together; list reports are requested after commit
(`reporting.list_report_request`).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed
from upright.people.services import person_status_set
from upright.vetting.withdrawal import audit_events as events
from upright.vetting.withdrawal.models import (
    AppealOutcome,
    Decision,
    HarmGround,
    LeftHow,
    NoticeKind,
    ServiceMethod,
    WithdrawalAssessment,
    WithdrawalNotice,
    WithdrawalStatusChange,
    WithdrawalStepRule,
)
from upright.vetting.withdrawal.permissions import withdrawal_perm_require
from upright.vetting.withdrawal.reporting import list_report_request
from upright.vetting.withdrawal.services.common import Errors, assessment_lock, step_due
from upright.vetting.withdrawal.states import (
    ACTIONS,
    TRANSITIONS,
    CloseReason,
    WithdrawalStatus,
    actions_from,
)

S = WithdrawalStatus
Guard = Callable[[WithdrawalAssessment], str | None]


@dataclass
class Move:
    """What a verb does once the gate has let it through: the target state, the fields it
    sets (saved with update_fields), and the audit detail."""

    to: WithdrawalStatus
    changes: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _refuse(assessment: WithdrawalAssessment, action: str, why: str = "") -> TransitionNotAllowed:
    label = S(assessment.status).label
    return TransitionNotAllowed(
        why or f"You cannot {action.replace('_', ' ')} when the assessment is at {label}.",
        {"status": assessment.status, "allowed_actions": actions_from(assessment.status)})


def _transition(*, actor: Any, assessment_id: int, action: str,
                plan: Callable[[WithdrawalAssessment], Move],
                guards: tuple[Guard, ...] = ()) -> WithdrawalAssessment:
    spec = ACTIONS[action]
    with transaction.atomic():
        assessment = assessment_lock(actor=actor, assessment_id=assessment_id)
        withdrawal_perm_require(user=actor, perm=spec.perm)
        if assessment.status not in spec.sources:
            raise _refuse(assessment, action)
        for guard in guards:
            why = guard(assessment)
            if why:
                raise _refuse(assessment, action, why)
        move = plan(assessment)
        old = assessment.status
        if move.to not in TRANSITIONS[S(old)] or move.to not in spec.targets:
            raise _refuse(assessment, action)
        assessment.status = move.to
        for name, value in move.changes.items():
            setattr(assessment, name, value)
        assessment.save(update_fields=["status", *move.changes, "updated_at"])
        WithdrawalStatusChange.objects.create(assessment=assessment, action=action,
                                              from_status=old, to_status=move.to, actor=actor,
                                              reason=move.reason)
        audit_record(action=events.TRANSITIONED, actor=actor, target=assessment, extra={
            "action": action, "from": old, "to": move.to, "person_id": assessment.person_id,
            **move.extra})
    return assessment


def _due(code: str, trigger: dt.date) -> dict[str, Any]:
    return {"due_step": code, "due_on": step_due(code=code, trigger=trigger)}


_NOT_DUE: dict[str, Any] = {"due_step": "", "due_on": None}


def _closed(reason: CloseReason) -> dict[str, Any]:
    return {"close_reason": reason, "closed_at": timezone_now(), **_NOT_DUE}


def _notice(errors: Errors, served_at: Any, service_method: Any, summary: Any,
            ) -> tuple[dt.datetime, str, str]:
    return (errors.moment("served_at", served_at),
            errors.choice("service_method", service_method, ServiceMethod.values),
            errors.text("notice_summary", summary))


def withdrawal_notice_serve(*, actor: Any, assessment_id: int, summary: str,
                            service_method: str, served_at: dt.datetime | None = None,
                            ) -> WithdrawalAssessment:
    """V0 -> V1: the withdrawal assessment notice was served on the officer."""
    errors = Errors()
    when, method, text = _notice(errors, served_at, service_method, summary)
    errors.raise_if_any()

    def plan(a: WithdrawalAssessment) -> Move:
        WithdrawalNotice.objects.create(assessment=a, kind=NoticeKind.ASSESSMENT, served_at=when,
                                        service_method=method, summary=text, recorded_by=actor)
        return Move(S.NOTICE, _due(WithdrawalStepRule.INFO_GATHERING, timezone.localdate(when)),
                    text, {"served_at": when.isoformat(), "service_method": method})

    return _transition(actor=actor, assessment_id=assessment_id, action="serve_notice", plan=plan)


def withdrawal_info_gathering_start(*, actor: Any, assessment_id: int, note: str = "",
                                    ) -> WithdrawalAssessment:
    """V1 -> V2: information gathering (interviews are recorded as they happen)."""
    errors = Errors()
    text = errors.text("note", note, required=False)
    errors.raise_if_any()
    return _transition(actor=actor, assessment_id=assessment_id, action="start_info_gathering",
                       plan=lambda a: Move(S.INFO_GATHERING, reason=text))


def withdrawal_representations_invite(*, actor: Any, assessment_id: int,
                                      invited_on: dt.date | None = None,
                                      ) -> WithdrawalAssessment:
    """V2 -> V3: the officer is invited to make representations, due the configured number
    of working days after the invitation ([U])."""
    errors = Errors()
    day = errors.day("invited_on", invited_on, required=False) or timezone.localdate()
    errors.raise_if_any()
    return _transition(
        actor=actor, assessment_id=assessment_id, action="invite_representations",
        plan=lambda a: Move(S.REPRESENTATIONS, _due(WithdrawalStepRule.REPRESENTATIONS, day),
                            extra={"invited_on": day.isoformat()}))


def withdrawal_refer_for_decision(*, actor: Any, assessment_id: int, note: str = "",
                                  ) -> WithdrawalAssessment:
    """V3 -> V4: the representations are in (or the time for them is over)."""
    errors = Errors()
    text = errors.text("note", note, required=False)
    errors.raise_if_any()
    return _transition(
        actor=actor, assessment_id=assessment_id, action="refer_for_decision",
        plan=lambda a: Move(S.DECISION, _due(WithdrawalStepRule.DECISION, timezone.localdate()),
                            text))


@dataclass(frozen=True)
class HarmTest:
    """reg 8: information withheld from the officer because disclosing it would cause harm."""

    applied: bool = False
    grounds: tuple[str, ...] = ()
    reasons: str = ""


@dataclass(frozen=True)
class DecisionInput:
    decision: str
    reasons: str
    notice_summary: str
    service_method: str
    conditions: str = ""
    harm_test: HarmTest = HarmTest()
    served_at: dt.datetime | None = None
    dismissed_on: dt.date | None = None  # the date of dismissal without notice (withdraw)


def _decision_check(data: DecisionInput) -> tuple[dict[str, Any], dt.datetime, str, str]:
    errors = Errors()
    decision = errors.choice("decision", data.decision, Decision.values)
    changes: dict[str, Any] = {
        "decision": decision, "decision_reasons": errors.text("reasons", data.reasons),
        "decision_conditions": errors.text(
            "conditions", data.conditions, required=decision == Decision.RETAIN_WITH_CONDITIONS),
        "harm_test_applied": bool(data.harm_test.applied),
        "harm_test_grounds": list(data.harm_test.grounds or ()),
        "harm_test_reasons": errors.text("harm_test_reasons", data.harm_test.reasons,
                                         required=bool(data.harm_test.applied)),
    }
    if decision != Decision.RETAIN_WITH_CONDITIONS and changes["decision_conditions"]:
        errors.add("conditions", "Only a decision to retain with conditions has conditions.")
    grounds = changes["harm_test_grounds"]
    if data.harm_test.applied and not grounds:
        errors.add("harm_test_grounds", "Name at least one ground (reg 8).")
    elif any(g not in HarmGround.values for g in grounds):
        errors.add("harm_test_grounds", f"Must be among: {', '.join(HarmGround.values)}.")
    elif grounds and not data.harm_test.applied:
        errors.add("harm_test_grounds", "Grounds are given only when the harm test is applied.")
    when, method, text = _notice(errors, data.served_at, data.service_method,
                                 data.notice_summary)
    if decision == Decision.WITHDRAW:
        changes["dismissed_on"] = (errors.day("dismissed_on", data.dismissed_on, required=False)
                                   or timezone.localdate(when))
    elif data.dismissed_on:
        errors.add("dismissed_on", "Only a withdrawal leads to dismissal.")
    errors.raise_if_any()
    return changes, when, method, text


def _not_assessor(actor: Any) -> Guard:
    def guard(a: WithdrawalAssessment) -> str | None:
        if a.assessor_id == getattr(actor, "pk", None):
            raise ActionForbidden("The assessor may not decide their own assessment.")
        return None
    return guard


def _clearance_withdraw(*, actor: Any, assessment: WithdrawalAssessment, reasons: str) -> None:
    from upright.vetting.services import clearance_withdraw  # vetting's own service

    if assessment.clearance_id is not None:
        clearance_withdraw(actor=actor, clearance_id=assessment.clearance_id,
                           reason=f"Withdrawn on assessment {assessment.reference}: {reasons}"[:2000],
                           withdrawal_ref=assessment.reference)


def withdrawal_decide(*, actor: Any, assessment_id: int, data: DecisionInput,
                      ) -> WithdrawalAssessment:
    """V4: retain (-> V8), retain with conditions [U] (-> V8) or withdraw (-> V5: dismissal
    without notice). The decision notice is recorded with it. The decision maker holds
    VETTING_WITHDRAWAL_DECIDE and is not the assessor. On withdrawal the clearance is
    withdrawn, the person's employment ends and a barred-list report is requested."""
    changes, when, method, text = _decision_check(data)

    def plan(a: WithdrawalAssessment) -> Move:
        changes.update(decided_by=actor, decided_at=timezone_now())
        WithdrawalNotice.objects.create(assessment=a, kind=NoticeKind.DECISION, served_at=when,
                                        service_method=method, summary=text, recorded_by=actor)
        extra = {"decision": changes["decision"], "harm_test_applied": changes["harm_test_applied"]}
        if changes["decision"] != Decision.WITHDRAW:
            reason = (CloseReason.RETAINED if changes["decision"] == Decision.RETAIN
                      else CloseReason.RETAINED_WITH_CONDITIONS)
            return Move(S.CLOSED, {**changes, **_closed(reason)}, changes["decision_reasons"], extra)
        _clearance_withdraw(actor=actor, assessment=a, reasons=changes["decision_reasons"])
        dismissed_on = changes["dismissed_on"]
        person_status_set(person_id=a.person_id, status="left", actor=actor,
                          reason=f"Dismissed without notice on {dismissed_on.isoformat()}: "
                                 f"vetting clearance withdrawn ({a.reference})")
        list_report_request(actor=actor, assessment=a, list_kind="barred", ref=a.reference,
                            trigger_date=dismissed_on,
                            reason="Dismissed without notice after withdrawal of vetting "
                                   "clearance (Police (Vetting) Regulations 2025)")
        changes.update(employment_left_recorded=True, **_due(WithdrawalStepRule.APPEAL,
                                                             dismissed_on))
        return Move(S.DISMISSED, changes, changes["decision_reasons"],
                    {**extra, "dismissed_on": dismissed_on.isoformat()})

    return _transition(actor=actor, assessment_id=assessment_id, action="decide", plan=plan,
                       guards=(_not_assessor(actor),))


def _lodge(errors: Errors, name: str, value: Any, not_before: dt.date | None) -> dt.date:
    day = errors.day(name, value, required=False, not_before=not_before)
    errors.raise_if_any()
    return day or timezone.localdate()


def withdrawal_appeal_lodge(*, actor: Any, assessment_id: int,
                            lodged_on: dt.date | None = None) -> WithdrawalAssessment:
    """V5 -> V6: the officer appealed to an appeal panel."""
    day = _lodge(Errors(), "lodged_on", lodged_on, None)
    return _transition(actor=actor, assessment_id=assessment_id, action="lodge_appeal",
                       plan=lambda a: Move(S.APPEAL_PANEL,
                                           {"appeal_lodged_on": day, **_NOT_DUE},
                                           extra={"lodged_on": day.isoformat()}))


def withdrawal_close_no_appeal(*, actor: Any, assessment_id: int, note: str = "",
                               ) -> WithdrawalAssessment:
    """V5 -> V8: no appeal was made in time."""
    errors = Errors()
    text = errors.text("note", note, required=False)
    errors.raise_if_any()
    return _transition(actor=actor, assessment_id=assessment_id, action="close_no_appeal",
                       plan=lambda a: Move(S.CLOSED, _closed(CloseReason.NO_APPEAL), text))


def _outcome_check(outcome: Any, reasons: Any, decided_on: Any) -> tuple[str, str, dt.date]:
    errors = Errors()
    value = errors.choice("outcome", outcome, AppealOutcome.values)
    text = errors.text("reasons", reasons)
    day = errors.day("decided_on", decided_on, required=False) or timezone.localdate()
    errors.raise_if_any()
    return value, text, day


def _reversal(*, actor: Any, a: WithdrawalAssessment, stage: str) -> None:
    """A successful appeal: the dismissal is reversed and the clearance reinstated. The
    person is serving again; the vetting unit is asked to reinstate the clearance; a further
    report goes to the College (SI 2017/1135 reg 5)."""
    from upright.vetting.services import vetting_review_request  # vetting's own service

    person_status_set(person_id=a.person_id, status="serving", actor=actor,
                      reason=f"Dismissal reversed on appeal ({stage}, {a.reference})")
    vetting_review_request(actor=None, person_id=a.person_id, source_kind="withdrawal",
                           source_ref=f"{a.reference}/{stage}",
                           reason=f"The {stage} upheld the appeal against withdrawal "
                                  f"{a.reference}: reinstate the clearance"
                                  f"{f' {a.clearance_id}' if a.clearance_id else ''}.")
    list_report_request(actor=actor, assessment=a, list_kind="barred", ref=f"{a.reference}/reg5",
                        trigger_date=timezone.localdate(),
                        reason=f"Further report (reg 5): the dismissal was reversed on appeal "
                               f"({stage})")


def _no_outcome(field_name: str) -> Guard:
    def guard(a: WithdrawalAssessment) -> str | None:
        return "The outcome has already been recorded." if getattr(a, field_name) else None
    return guard


def _appeal_dismissed(a: WithdrawalAssessment) -> str | None:
    if a.appeal_outcome != AppealOutcome.DISMISSED:
        return "Only after the appeal panel has dismissed the appeal."
    return None


def withdrawal_appeal_decide(*, actor: Any, assessment_id: int, outcome: str, reasons: str,
                             decided_on: dt.date | None = None) -> WithdrawalAssessment:
    """V6: upheld (-> V8, clearance reinstated, dismissal reversed) or dismissed (stays at V6
    until an appeal to the PAT is lodged or the time for it passes)."""
    value, text, day = _outcome_check(outcome, reasons, decided_on)

    def plan(a: WithdrawalAssessment) -> Move:
        changes = {"appeal_outcome": value, "appeal_decided_on": day, "appeal_reasons": text}
        if value == AppealOutcome.UPHELD:
            _reversal(actor=actor, a=a, stage="appeal panel")
            return Move(S.CLOSED, {**changes, **_closed(CloseReason.APPEAL_UPHELD)}, text,
                        {"outcome": value})
        return Move(S.APPEAL_PANEL, {**changes, **_due(WithdrawalStepRule.PAT, day)}, text,
                    {"outcome": value})

    return _transition(actor=actor, assessment_id=assessment_id, action="decide_appeal",
                       plan=plan, guards=(_no_outcome("appeal_outcome"),))


def withdrawal_pat_lodge(*, actor: Any, assessment_id: int, lodged_on: dt.date | None = None,
                         ) -> WithdrawalAssessment:
    """V6 -> V7: after the panel dismissed the appeal, the officer appealed to the PAT."""
    day = _lodge(Errors(), "lodged_on", lodged_on, None)
    return _transition(actor=actor, assessment_id=assessment_id, action="lodge_pat",
                       plan=lambda a: Move(S.PAT, {"pat_lodged_on": day, **_NOT_DUE},
                                           extra={"lodged_on": day.isoformat()}),
                       guards=(_appeal_dismissed,))


def withdrawal_close_no_pat(*, actor: Any, assessment_id: int, note: str = "",
                            ) -> WithdrawalAssessment:
    """V6 -> V8: the appeal was dismissed and no appeal to the PAT was made."""
    errors = Errors()
    text = errors.text("note", note, required=False)
    errors.raise_if_any()
    return _transition(actor=actor, assessment_id=assessment_id, action="close_no_pat",
                       plan=lambda a: Move(S.CLOSED, _closed(CloseReason.APPEAL_DISMISSED), text),
                       guards=(_appeal_dismissed,))


def withdrawal_pat_decide(*, actor: Any, assessment_id: int, outcome: str, reasons: str,
                          decided_on: dt.date | None = None) -> WithdrawalAssessment:
    """V7 -> V8: the tribunal upheld (clearance reinstated, dismissal reversed) or dismissed."""
    value, text, day = _outcome_check(outcome, reasons, decided_on)

    def plan(a: WithdrawalAssessment) -> Move:
        changes = {"pat_outcome": value, "pat_decided_on": day, "pat_reasons": text}
        if value == AppealOutcome.UPHELD:
            _reversal(actor=actor, a=a, stage="PAT")
            return Move(S.CLOSED, {**changes, **_closed(CloseReason.PAT_UPHELD)}, text,
                        {"outcome": value})
        return Move(S.CLOSED, {**changes, **_closed(CloseReason.PAT_DISMISSED)}, text,
                    {"outcome": value})

    return _transition(actor=actor, assessment_id=assessment_id, action="decide_pat", plan=plan)


def withdrawal_leaving_record(*, actor: Any, assessment_id: int, how: str,
                              left_on: dt.date | None,
                              ) -> WithdrawalAssessment:
    """The officer resigned or retired before the decision (APP 6.2.2): the assessment
    closes with that reason, the record is kept, employment ends and an advisory-list
    report is requested (SI 2017/1135 reg 12)."""
    errors = Errors()
    value = errors.choice("how", how, LeftHow.values)
    day = errors.day("left_on", left_on)
    errors.raise_if_any()
    assert day is not None  # noqa: S101 (required above)
    reason = CloseReason.RESIGNED if value == LeftHow.RESIGNED else CloseReason.RETIRED

    def plan(a: WithdrawalAssessment) -> Move:
        text = (f"The officer {value} on {day.isoformat()} before the withdrawal assessment "
                f"{a.reference} concluded")
        person_status_set(person_id=a.person_id, status="left", actor=actor, reason=text)
        list_report_request(actor=actor, assessment=a, list_kind="advisory", ref=a.reference,
                            trigger_date=day, reason=text)
        return Move(S.CLOSED, {"left_how": value, "left_on": day, **_closed(reason)}, text,
                    {"how": value, "left_on": day.isoformat()})

    return _transition(actor=actor, assessment_id=assessment_id, action="record_leaving",
                       plan=plan)
