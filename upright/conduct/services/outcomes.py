"""Findings, disciplinary action, notification, appeal and closure (PCR 2020 regs 41-46;
PATR 2020), with their effects in other apps after commit."""

import datetime as dt
from typing import Any

from upright.conduct.choices import AppealDecision, AppealGround, DisciplinaryAction, Finding
from upright.conduct.choices import ProceedingsForm as Form
from upright.conduct.models import (
    Allegation,
    AllegationFinding,
    Appeal,
    CaseDecision,
    Matter,
    MatterStatusChange,
    Outcome,
    ServedNotice,
)
from upright.conduct.services import steps
from upright.conduct.services.deadlines import (
    OWED_AFTER_CLOSE,
    PAT_APPEAL,
    REG43_OUTCOME_REPORT,
    REG45_APPEAL,
    deadline_latest,
    deadline_open,
    deadlines_satisfy,
)
from upright.conduct.services.effects import notices_for
from upright.conduct.services.investigation import notice_record, service_read
from upright.conduct.services.proceedings import (
    live_final_warning,
    matter_is_former_officer,
    proceedings_current,
)
from upright.conduct.services.steps import Effect, Payload, Step
from upright.conduct.services.warnings import reg42_allowed
from upright.conduct.states import MatterStatus
from upright.core.clock import local_today
from upright.core.exceptions import Conflict

DA = DisciplinaryAction
_SEVERITY: list[str] = [Finding.DISCONTINUED, Finding.NOT_MISCONDUCT, Finding.MISCONDUCT,
                        Finding.GROSS_MISCONDUCT]
_DISMISSED = frozenset({DA.DISMISSAL_WITHOUT_NOTICE, DA.WOULD_HAVE_BEEN_DISMISSED})
_FOUND = frozenset({Finding.MISCONDUCT, Finding.GROSS_MISCONDUCT})


def _forum(matter: Matter) -> str:
    if matter.status == MatterStatus.AMH_NOTICE_SERVED:
        return Form.AMH
    return matter.proceedings_form or Form.MEETING


def _findings_read(matter: Matter, payload: Payload) -> dict[int, str]:
    raw = payload.get("findings")
    if not isinstance(raw, list | tuple) or not raw:
        raise steps.missing("findings")
    wanted = set(Allegation.objects.filter(matter=matter).values_list("id", flat=True))
    findings: dict[int, str] = {}
    for item in raw:
        if (not isinstance(item, dict) or item.get("finding") not in Finding.values
                or item.get("allegation_id") not in wanted):
            raise steps.missing("findings", "Each finding needs one of this matter's "
                                            "allegation_id values and a finding.")
        findings[int(item["allegation_id"])] = str(item["finding"])
    if set(findings) != wanted:
        raise steps.missing("findings", "Give one finding for every allegation (reg 41).")
    return findings


def _dismissal_open(matter: Matter, payload: Payload) -> bool:
    """Reg 42(5)/(6) for misconduct at a hearing: as decided at referral, or shown now."""
    decision = CaseDecision.objects.filter(matter=matter).order_by("-id").first()
    return bool(decision and decision.reg42_basis) or steps.boolean(
        payload, "multiple_incidents") or live_final_warning(matter)


def record_outcome(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Regs 41-42: a finding on each allegation and the disciplinary action reg 42 allows."""
    concluded_on = steps.date_req(payload, "concluded_on")
    steps.not_future("concluded_on", concluded_on, now)
    listed = proceedings_current(matter)
    if listed is not None and listed.scheduled_on and concluded_on < listed.scheduled_on:
        raise steps.missing("concluded_on", "Proceedings cannot conclude before the date they "
                            f"were listed for ({listed.scheduled_on.isoformat()}).")
    findings = _findings_read(matter, payload)
    action = steps.choice(payload, "disciplinary_action", DA.values)
    rprp = steps.boolean(payload, "rprp_directed")
    reasons = steps.text(payload, "reasons", required=False)
    forum, former = _forum(matter), matter_is_former_officer(matter)
    by_subject: dict[int, str] = {}
    for allegation in Allegation.objects.filter(matter=matter).order_by("id"):
        worst = max(by_subject.get(allegation.subject_id, Finding.DISCONTINUED),
                    findings[allegation.pk], key=_SEVERITY.index)
        by_subject[allegation.subject_id] = worst
    dismissal_open = _dismissal_open(matter, payload)
    for finding in by_subject.values():
        allowed = reg42_allowed(forum=forum, finding=finding, former_officer=former,
                                dismissal_open=dismissal_open)
        if action not in allowed:
            names = ", ".join(sorted(allowed)) or "none (a meeting decides misconduct only)"
            raise steps.missing("disciplinary_action", f"After a finding of {finding} at a "
                                f"{Form(forum).label.lower()}, reg 42 allows: {names}.")
    if rprp and any(f != Finding.NOT_MISCONDUCT for f in by_subject.values()):
        raise steps.missing("rprp_directed", "RPRP may be directed only where neither misconduct "
                                             "nor gross misconduct is found (reg 42(1)(b)).")

    def after(m: Matter) -> None:
        for subject_id, finding in by_subject.items():
            outcome = Outcome.objects.create(
                matter=m, subject_id=subject_id, forum=forum, finding=finding,
                disciplinary_action=action, rprp_directed=rprp, concluded_on=concluded_on)
            AllegationFinding.objects.bulk_create([
                AllegationFinding(outcome=outcome, allegation_id=aid, finding=f)
                for aid, f in findings.items()
                if Allegation.objects.filter(pk=aid, subject_id=subject_id).exists()])
        deadline_open(matter=m, code=REG43_OUTCOME_REPORT, trigger=concluded_on)

    return Step({}, reasons or f"Outcome: {action}", {
        "forum": forum, "disciplinary_action": action, "rprp_directed": rprp,
        "findings": {str(k): v for k, v in findings.items()},
        "by_subject": {str(k): v for k, v in by_subject.items()}}, after)


def _outcome_effects(matter: Matter, outcomes: list[Outcome], concluded: bool) -> list[Effect]:
    """Barred list on dismissal; a vetting review on misconduct short of dismissal; hearing and
    AMH outcomes prepared for publication (meetings are private, reg 39)."""
    effects: list[Effect] = []
    for o in outcomes:
        if o.disciplinary_action in _DISMISSED:
            effects.append(Effect("list_report_task_create", {
                "person_id": o.subject_id, "list_kind": "barred", "matter_ref": matter.reference,
                "reason": f"{DA(o.disciplinary_action).label} after {o.finding}"}))
        elif o.finding in _FOUND:
            effects.append(Effect("vetting_review_request", {
                "person_id": o.subject_id, "source_kind": "conduct",
                "source_ref": matter.reference,
                "reason": f"{Finding(o.finding).label}: {DA(o.disciplinary_action).label}"}))
        if concluded and o.forum in (Form.HEARING, Form.AMH):
            effects.append(Effect("outcome_publication_prepare", {
                "matter_ref": matter.reference, "person_id": o.subject_id,
                "concluded_on": o.concluded_on, "conduct_summary": matter.summary,
                "finding": o.finding, "disciplinary_action": o.disciplinary_action}))
    return effects


def _live_outcomes(matter: Matter) -> list[Outcome]:
    return list(Outcome.objects.filter(matter=matter, superseded=False).order_by("id"))


def notify_outcome(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 43: the officer is told, with the right of appeal: reg 45 (7 WD) from a meeting,
    the PAT from a hearing or AMH. Disciplinary action takes effect now (reg 42(4))."""
    served_at, method = service_read(matter, payload, now)
    outcomes = _live_outcomes(matter)
    appealable = any(o.finding in _FOUND for o in outcomes)
    forum = outcomes[0].forum if outcomes else Form.MEETING
    appeal_code = REG45_APPEAL if forum == Form.MEETING else PAT_APPEAL

    def after(m: Matter) -> None:
        Outcome.objects.filter(matter=m, superseded=False).update(notified_at=served_at)
        notice_record(m, ServedNotice.Kind.OUTCOME, served_at, method)
        deadlines_satisfy(matter=m, codes=[REG43_OUTCOME_REPORT])
        if appealable:
            deadline_open(matter=m, code=appeal_code, trigger=steps.local_day(served_at))

    appeal_to = ("The appropriate authority (reg 45)" if forum == Form.MEETING
                 else "The Police Appeals Tribunal, through the local policing body (PATR r.13)")
    effects = notices_for(matter=matter, kind="outcome_notice", context={
        "reasons": _reasons(matter)}, per_person={o.subject_id: {
            "finding": o.finding, "disciplinary_action": DA(o.disciplinary_action).label,
            "proceedings_completed_on": o.concluded_on.isoformat(),
            "proceedings_type": {Form.MEETING: "misconduct_meeting",
                                 Form.HEARING: "misconduct_hearing"}.get(
                                     Form(o.forum), "accelerated_hearing"),
            **({"appeal_route": "reg45_meeting_appeal" if forum == Form.MEETING else "PAT",
                "appeal_to": appeal_to} if o.finding in _FOUND else {})} for o in outcomes})
    effects += _outcome_effects(matter, outcomes, concluded=True)
    return Step({}, "Outcome notified", {"served_at": served_at.isoformat(), "method": method,
                                         "appeal": appeal_code if appealable else ""},
                after, effects)


def _reasons(matter: Matter) -> str:
    change = (MatterStatusChange.objects.filter(matter=matter, action="record_outcome")
              .order_by("-id").first())
    return (change.reason if change else "") or "As set out in the report of the proceedings."


def appeal(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 45 from a meeting (grounds (a)-(c) only, within 7 WD); the PAT otherwise."""
    outcomes = _live_outcomes(matter)
    if not any(o.finding in _FOUND for o in outcomes):
        raise Conflict("There is no finding of misconduct to appeal against (reg 43(3)).")
    kind = "meeting" if outcomes[0].forum == Form.MEETING else "pat"
    lodged_on = steps.date_req(payload, "lodged_on")
    steps.not_future("lodged_on", lodged_on, now)
    grounds = payload.get("grounds") or []
    values = AppealGround.values if kind == "meeting" else ["a", "b", "c"]
    if not isinstance(grounds, list | tuple) or not grounds or any(g not in values for g in grounds):
        raise steps.missing("grounds", "Give one or more of the grounds a, b, c (reg 45(4)).")
    extension = steps.text(payload, "extension_reason", required=False)
    window = deadline_latest(matter=matter, codes=[REG45_APPEAL, PAT_APPEAL])
    if window is not None and lodged_on > window.due_date and not extension:
        raise steps.missing("lodged_on", f"The appeal period ended on {window.due_date.isoformat()}"
                                         "; record the reason for an extension to accept it.")

    def after(m: Matter) -> None:
        Appeal.objects.create(matter=m, kind=kind, grounds=sorted(set(grounds)),
                              lodged_on=lodged_on)
        deadlines_satisfy(matter=m, codes=[REG45_APPEAL, PAT_APPEAL])

    return Step({}, extension or f"Appeal lodged ({kind})",
                {"kind": kind, "grounds": sorted(set(grounds))}, after)


def decide_appeal(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    decision = steps.choice(payload, "decision", AppealDecision.values)
    rationale = steps.text(payload, "rationale")
    substituted = ""
    outcomes = _live_outcomes(matter)
    if decision == AppealDecision.UPHELD:
        substituted = steps.choice(payload, "substituted_action", DA.values)
        if matter.status == MatterStatus.APPEAL_MEETING and substituted not in (
                DA.NO_ACTION, DA.WRITTEN_WARNING, DA.FINAL_WRITTEN_WARNING):
            raise steps.missing("substituted_action", "An appeal from a meeting can substitute "
                                                      "only no action or a warning (reg 42(2)).")
    replacements = [Outcome(matter=matter, subject_id=o.subject_id, forum=o.forum,
                            finding=o.finding if substituted != DA.NO_ACTION
                            else Finding.NOT_MISCONDUCT, disciplinary_action=substituted,
                            concluded_on=local_today(), notified_at=now)
                    for o in outcomes] if substituted else []

    def after(m: Matter) -> None:
        Appeal.objects.filter(matter=m, decision="").update(
            decision=decision, substituted_action=substituted, decided_at=now)
        if replacements:
            Outcome.objects.filter(matter=m, superseded=False).update(superseded=True)
            Outcome.objects.bulk_create(replacements)
        deadlines_satisfy(matter=m, keep=OWED_AFTER_CLOSE)

    effects = _outcome_effects(matter, replacements, concluded=False) if replacements else []
    return Step({"closed_at": now}, rationale,
                {"decision": decision, "substituted_action": substituted}, after, effects)


def close(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Close once the appeal period has ended (or the officer has said they will not appeal)."""
    rationale = steps.text(payload, "rationale")
    waived = steps.boolean(payload, "appeal_waived")
    window = deadline_latest(matter=matter, codes=[REG45_APPEAL, PAT_APPEAL])
    if (window is not None and window.satisfied_at is None and window.due_date >= local_today()
            and not waived):
        raise Conflict(f"The appeal period runs until {window.due_date.isoformat()} "
                       f"({window.legal_basis}); close after it, or record that the officer "
                       "waived the appeal.", {"due_date": window.due_date.isoformat()})

    def after(m: Matter) -> None:
        deadlines_satisfy(matter=m, keep=OWED_AFTER_CLOSE)

    return Step({"closed_at": now}, rationale, {"appeal_waived": waived}, after)
