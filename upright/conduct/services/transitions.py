"""Every change of a matter's status goes through one gate, `_matter_transition`.

The gate checks the role, locks the row, applies the object policy, checks the version and the
state table, validates the payload, applies the action, bumps the version and writes the
history row, the deadlines and one audit event, all in one transaction. Anything refused
changes nothing and writes no audit event.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction

from upright.access.permissions import perm_require
from upright.audit.services import audit_record
from upright.conduct.audit_events import ACTION_AUDIT
from upright.conduct.choices import (
    MANDATORY_REFERRAL_CRITERIA,
    InvestigationMode,
    MatterKind,
    ReferralCriterion,
    Regime,
    SeverityLevel,
    SeverityRoute,
)
from upright.conduct.models import Matter, MatterStatusChange, ReferralCheck, SeverityAssessment
from upright.conduct.permissions import (
    matter_allowed_actions,
    matter_policy,
    matter_reference_normalise,
)
from upright.conduct.services import (
    complaints,
    investigation,
    outcomes,
    proceedings,
    reviews,
    rprp,
    steps,
)
from upright.conduct.services.complainants import contact_log
from upright.conduct.services.deadlines import IOPC_REFERRAL, deadlines_satisfy
from upright.conduct.services.effects import effect_run
from upright.conduct.services.steps import Contact, Effect, Handler, Step
from upright.conduct.states import (
    ACTIONS,
    CLOSED_STATES,
    READ_ONLY_REGIMES,
    TRANSITIONS,
    Action,
    MatterStatus,
)
from upright.core.clock import timezone_now
from upright.core.exceptions import NotFound, StaleVersion, TransitionNotAllowed, ValidationFailed

Payload = Mapping[str, Any]


_Step = Step
_missing = steps.missing
_text = steps.text
_choice = steps.choice


# ---- the actions --------------------------------------------------------------------------

def _referral_check(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> _Step:
    criteria = payload.get("criteria") or []
    if not isinstance(criteria, list | tuple) or any(
        c not in ReferralCriterion.values for c in criteria
    ):
        raise _missing("criteria", "Must be a list of referral criterion codes.")
    voluntary = payload.get("voluntary", False)
    if not isinstance(voluntary, bool):
        raise _missing("voluntary", "Must be true or false.")
    rationale = _text(payload, "rationale")
    criteria = sorted(set(criteria))
    mandatory = any(c in MANDATORY_REFERRAL_CRITERIA for c in criteria)
    refer = mandatory or voluntary
    changes: dict[str, Any] = {}
    if mandatory and matter.kind == MatterKind.CONDUCT_MATTER:
        changes["kind"] = MatterKind.RECORDABLE_CONDUCT_MATTER  # CMR reg 7: must be recorded

    def after(m: Matter) -> None:
        ReferralCheck.objects.create(matter=m, criteria=criteria, mandatory=mandatory,
                                     refer=refer, rationale=rationale, actor=actor, decided_at=now)
        deadlines_satisfy(matter=m, codes=[IOPC_REFERRAL])

    return _Step(changes, rationale, {"criteria": criteria, "mandatory": mandatory,
                                      "voluntary": voluntary, "refer": refer}, after)


def _iopc_decision(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> _Step:
    mode = _choice(payload, "mode", InvestigationMode.values)
    reason = _text(payload, "reason", required=False)
    changes: dict[str, Any] = {"investigation_mode": mode}
    recorded: dict[str, Any] = {"mode": mode}
    if matter.kind == MatterKind.COMPLAINT:  # paras 16-19; CMR reg 16 special procedures
        more, noted = complaints.iopc_decision_complaint(matter, payload, mode)
        changes.update(more)
        recorded.update(noted)
    return _Step(changes, reason, recorded)


def _assess_severity(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> _Step:
    level = _choice(payload, "level", SeverityLevel.values)
    route = _choice(payload, "route", SeverityRoute.values)
    rationale = _text(payload, "rationale")
    if route == SeverityRoute.VETTING and matter.regime != Regime.R2020_AMENDED_2025:
        raise _missing("route", "Referral under the Vetting Regulations exists only for matters "
                                "that came to attention on or after 28 May 2025 (reg 14(2)(aa)).")
    if level == SeverityLevel.NONE and route != SeverityRoute.NFA:
        raise _missing("route", "With no misconduct or PRI the only route is no further action.")
    changes: dict[str, Any] = {"severity_level": level, "severity_route": route}
    if route == SeverityRoute.NFA:
        changes["closed_at"] = now

    def after(m: Matter) -> None:
        SeverityAssessment.objects.create(matter=m, level=level, route=route,
                                          rationale=rationale, actor=actor, assessed_at=now)
        if route == SeverityRoute.NFA:
            deadlines_satisfy(matter=m)

    return _Step(changes, rationale, {"level": level, "route": route}, after)


def _appoint_investigator(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> _Step:
    reason = _text(payload, "reason", required=False)
    if (matter.investigation_mode == InvestigationMode.INDEPENDENT
            and payload.get("investigator_id") in (None, "")):
        # Sch 3 para 19: IOPC staff investigate under a designated lead.
        lead = _text(payload, "iopc_investigator", max_length=200)
        return _Step({"iopc_investigator": lead}, reason, {"iopc_investigator": lead})
    investigator = investigation.investigator_read(matter, payload)
    return _Step({"investigator": investigator}, reason, {"investigator_id": investigator.pk})


def _close_nfa(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> _Step:
    rationale = _text(payload, "rationale")

    def after(m: Matter) -> None:
        deadlines_satisfy(matter=m)  # a closed matter owes no further statutory step

    return _Step({"closed_at": now}, rationale, {}, after)


def _reopen(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> _Step:
    rationale = _text(payload, "rationale")
    return _Step({"closed_at": None}, rationale, {})


_HANDLERS: dict[str, Handler] = {
    "referral_check": _referral_check,
    "iopc_decision": _iopc_decision,
    "assess_severity": _assess_severity,
    "appoint_investigator": _appoint_investigator,
    "close_nfa": _close_nfa,
    "reopen": _reopen,
    "serve_reg17_notice": investigation.serve_reg17_notice,
    "schedule_interview": investigation.schedule_interview,
    "record_interview": investigation.record_interview,
    "submit_report": investigation.submit_report,
    "record_resignation": investigation.record_resignation,
    "certify_special_conditions": proceedings.certify_special_conditions,
    "serve_amh_notice": proceedings.serve_amh_notice,
    "case_to_answer": proceedings.case_to_answer,
    "serve_reg30_notice": proceedings.serve_reg30_notice,
    "officer_response": proceedings.officer_response,
    "bundle_to_chair": proceedings.bundle_to_chair,
    "pre_hearing": proceedings.pre_hearing,
    "list_proceedings": proceedings.list_proceedings,
    "withdraw": proceedings.withdraw,
    "pause_for_criminal": proceedings.pause_for_criminal,
    "resume": proceedings.resume,
    "record_outcome": outcomes.record_outcome,
    "notify_outcome": outcomes.notify_outcome,
    "appeal": outcomes.appeal,
    "decide_appeal": outcomes.decide_appeal,
    "close": outcomes.close,
    "rprp_notify": rprp.rprp_notify,
    "rprp_fact_finding": rprp.rprp_fact_finding,
    "rprp_discussion": rprp.rprp_discussion,
    "rprp_report": rprp.rprp_report,
    "rprp_review": rprp.rprp_review,
    "handle_outside_schedule_3": complaints.handle_outside_schedule_3,
    "record_under_schedule_3": complaints.record_under_schedule_3,
    "iopc_call_in": complaints.iopc_call_in,
    "handle_otherwise": complaints.handle_otherwise,
    "investigate_locally": complaints.investigate_locally,
    "dg_investigator_decision": complaints.dg_investigator_decision,
    "determine_complaint": complaints.determine_complaint,
    "dg_direct_proceedings": complaints.dg_direct_proceedings,
    "notify_complainant_outcome": complaints.notify_complainant_outcome,
    "apply_for_review": reviews.apply_for_review,
    "decide_review": reviews.decide_review,
    "close_complaint": complaints.close_complaint,
    "contact_complainant": complaints.contact_complainant,
}


# ---- the gate -----------------------------------------------------------------------------

def _locked_visible_matter(*, reference: str, actor: Any) -> Matter:
    canonical = matter_reference_normalise(reference)
    matter = (Matter.objects.select_for_update().filter(reference=canonical).first()
              if canonical else None)
    if matter is None or not matter_policy.user_can_see(user=actor, instance=matter):
        raise NotFound("No such matter.")
    return matter


def _matter_transition(
    *, matter_reference: str, action: str, actor: Any, expected_version: int | None,
    payload: Payload,
) -> Matter:
    spec = ACTIONS.get(action)
    handler = _HANDLERS.get(action)
    if spec is None or handler is None:
        raise ValidationFailed(f"Unknown action {action!r}.",
                               {"fields": {"action": f"Must be one of: {', '.join(_HANDLERS)}."}})
    perm_require(user=actor, perm=spec.perm)
    with transaction.atomic():
        matter = _locked_visible_matter(reference=matter_reference, actor=actor)
        if expected_version is not None and expected_version != matter.version:
            raise StaleVersion("This matter has changed since you loaded it; reload and retry.",
                               {"current_version": matter.version})
        from_status = MatterStatus(matter.status)
        _check_open(matter=matter, action=action, spec=spec, from_status=from_status, actor=actor)
        now = timezone_now()
        step = handler(matter, payload, actor, now)
        to_status = spec.target_for({**payload, **step.recorded, "from_status": from_status,
                                     "kind": matter.kind})
        if to_status not in TRANSITIONS[from_status]:  # the table is the law; never bypass it
            raise TransitionNotAllowed(f"{from_status} → {to_status} is not in the state table.",
                                       {"allowed_actions": []})
        _apply(matter=matter, step=step, to_status=to_status, now=now)
        MatterStatusChange.objects.create(
            matter=matter, from_status=from_status, to_status=to_status, action=action,
            actor=actor, occurred_at=now, reason=step.reason, payload=step.recorded,
        )
        if step.after is not None:
            step.after(matter)
        if matter.kind == MatterKind.COMPLAINT:  # CMR Part 4: kept informed at every stage
            contact_log(matter=matter, action=action, stage=to_status.value, actor=actor, at=now,
                        contact=step.contact or Contact(
                            f"{spec.label}: your complaint is now at the stage "
                            f"'{to_status.label}'."))
        audit_record(
            action=ACTION_AUDIT[action], actor=actor, target=matter, matter_ref=matter.reference,
            extra={"old": {"status": from_status.value, "version": matter.version - 1},
                   "new": {"status": to_status.value, "version": matter.version,
                           **step.recorded}},
        )
        for effect in step.effects:  # other apps, only once this step is safely committed
            transaction.on_commit(_effect_callback(effect, actor), robust=True)
    return matter


def _effect_callback(effect: Effect, actor: Any) -> Callable[[], None]:
    def run_effect() -> None:
        effect_run(effect=effect, actor=actor)

    return run_effect


def _check_open(
    *, matter: Matter, action: str, spec: Action, from_status: MatterStatus, actor: Any
) -> None:
    """409 unless the regime is live, the table allows `action` from the status, and the
    steps it depends on have been taken (the action's guard)."""
    if matter.regime in READ_ONLY_REGIMES:
        raise TransitionNotAllowed(
            "This matter is under the Police (Conduct) Regulations 2012 and is kept as read-only "
            "history in Upright; record its steps in the legacy system.",
            {"status": from_status.value, "regime": matter.regime, "allowed_actions": []})
    refusal = (f"'{action}' is not possible while the matter is '{from_status.label}'."
               if from_status not in spec.sources else spec.refusal(matter))
    if refusal:
        raise TransitionNotAllowed(refusal, {
            "status": from_status.value,
            "allowed_actions": matter_allowed_actions(matter=matter, user=actor)})


def _apply(*, matter: Matter, step: _Step, to_status: MatterStatus, now: dt.datetime) -> None:
    """Save only the changed columns. The version bump is conditional on the version we read,
    so two writers that both passed the check cannot both win (SQLite ignores FOR UPDATE)."""
    old_version = matter.version
    changes = {**step.changes, "status": to_status, "version": old_version + 1, "updated_at": now}
    if to_status not in CLOSED_STATES and "closed_at" not in changes and matter.closed_at:
        changes["closed_at"] = None
    updated = Matter.objects.filter(pk=matter.pk, version=old_version).update(**changes)
    if updated != 1:
        raise StaleVersion("This matter changed while you were acting on it; reload and retry.")
    for field, value in changes.items():
        setattr(matter, field, value)


# ---- public verbs ---------------------------------------------------------------------------

def matter_act(
    *, reference: str, action: str, actor: Any, payload: Payload,
    expected_version: int | None = None,
) -> Matter:
    """Take `action` (a key of states.ACTIONS) on a matter; used by the API and the web forms."""
    return _matter_transition(matter_reference=reference, action=action, actor=actor,
                              expected_version=expected_version, payload=payload)


def matter_referral_check(
    *, reference: str, actor: Any, criteria: list[str], voluntary: bool, rationale: str,
    expected_version: int | None = None,
) -> Matter:
    """CMR regs 4, 7: record the criteria that apply; mandatory or voluntary → IOPC."""
    return matter_act(reference=reference, action="referral_check", actor=actor,
                      expected_version=expected_version,
                      payload={"criteria": criteria, "voluntary": voluntary,
                               "rationale": rationale})


def matter_iopc_decide(
    *, reference: str, actor: Any, mode: str, reason: str = "",
    expected_version: int | None = None,
) -> Matter:
    """Sch 3 para 15: the IOPC's decision on the form of investigation (or return)."""
    return matter_act(reference=reference, action="iopc_decision", actor=actor,
                      expected_version=expected_version, payload={"mode": mode, "reason": reason})


def matter_assess_severity(
    *, reference: str, actor: Any, level: str, route: str, rationale: str,
    expected_version: int | None = None,
) -> Matter:
    """PCR reg 14: severity level and route."""
    return matter_act(reference=reference, action="assess_severity", actor=actor,
                      expected_version=expected_version,
                      payload={"level": level, "route": route, "rationale": rationale})


def matter_appoint_investigator(
    *, reference: str, actor: Any, investigator_id: int, reason: str = "",
    expected_version: int | None = None,
) -> Matter:
    """PCR reg 15: appoint an investigator who is not in conflict with the matter."""
    return matter_act(reference=reference, action="appoint_investigator", actor=actor,
                      expected_version=expected_version,
                      payload={"investigator_id": investigator_id, "reason": reason})


def matter_close_nfa(
    *, reference: str, actor: Any, rationale: str, expected_version: int | None = None
) -> Matter:
    return matter_act(reference=reference, action="close_nfa", actor=actor,
                      expected_version=expected_version, payload={"rationale": rationale})


def matter_reopen(
    *, reference: str, actor: Any, rationale: str, expected_version: int | None = None
) -> Matter:
    return matter_act(reference=reference, action="reopen", actor=actor,
                      expected_version=expected_version, payload={"rationale": rationale})
