"""One entry point per named step, for the adapters (web forms and the API post the same
step names): `withdrawal_act(actor, assessment_id, step, data)` calls the service for `step`
with the fields of `data` it takes. Validation stays in the services."""

from collections.abc import Callable
from typing import Any

from upright.core.exceptions import ValidationFailed
from upright.vetting.withdrawal.services import assessments as rec
from upright.vetting.withdrawal.services import transitions as tr

Data = dict[str, Any]


def _decision(data: Data) -> tr.DecisionInput:
    return tr.DecisionInput(
        decision=data.get("decision") or "", reasons=data.get("reasons") or "",
        conditions=data.get("conditions") or "",
        notice_summary=data.get("notice_summary") or "",
        service_method=data.get("service_method") or "", served_at=data.get("served_at"),
        dismissed_on=data.get("dismissed_on"),
        harm_test=tr.HarmTest(applied=bool(data.get("harm_test_applied")),
                              grounds=tuple(data.get("harm_test_grounds") or ()),
                              reasons=data.get("harm_test_reasons") or ""))


STEPS: dict[str, Callable[[Any, int, Data], Any]] = {
    "serve_notice": lambda u, i, d: tr.withdrawal_notice_serve(
        actor=u, assessment_id=i, summary=d.get("notice_summary") or "",
        service_method=d.get("service_method") or "", served_at=d.get("served_at")),
    "start_info_gathering": lambda u, i, d: tr.withdrawal_info_gathering_start(
        actor=u, assessment_id=i, note=d.get("note") or ""),
    "invite_representations": lambda u, i, d: tr.withdrawal_representations_invite(
        actor=u, assessment_id=i, invited_on=d.get("invited_on")),
    "refer_for_decision": lambda u, i, d: tr.withdrawal_refer_for_decision(
        actor=u, assessment_id=i, note=d.get("note") or ""),
    "decide": lambda u, i, d: tr.withdrawal_decide(actor=u, assessment_id=i, data=_decision(d)),
    "lodge_appeal": lambda u, i, d: tr.withdrawal_appeal_lodge(
        actor=u, assessment_id=i, lodged_on=d.get("lodged_on")),
    "close_no_appeal": lambda u, i, d: tr.withdrawal_close_no_appeal(
        actor=u, assessment_id=i, note=d.get("note") or ""),
    "decide_appeal": lambda u, i, d: tr.withdrawal_appeal_decide(
        actor=u, assessment_id=i, outcome=d.get("outcome") or "", reasons=d.get("reasons") or "",
        decided_on=d.get("decided_on")),
    "lodge_pat": lambda u, i, d: tr.withdrawal_pat_lodge(
        actor=u, assessment_id=i, lodged_on=d.get("lodged_on")),
    "close_no_pat": lambda u, i, d: tr.withdrawal_close_no_pat(
        actor=u, assessment_id=i, note=d.get("note") or ""),
    "decide_pat": lambda u, i, d: tr.withdrawal_pat_decide(
        actor=u, assessment_id=i, outcome=d.get("outcome") or "", reasons=d.get("reasons") or "",
        decided_on=d.get("decided_on")),
    "record_leaving": lambda u, i, d: tr.withdrawal_leaving_record(
        actor=u, assessment_id=i, how=d.get("how") or "", left_on=d.get("left_on")),
    "representative": lambda u, i, d: rec.withdrawal_representative_record(
        actor=u, assessment_id=i, kind=d.get("kind") or "", name=d.get("name") or "",
        organisation=d.get("organisation") or ""),
    "interview": lambda u, i, d: rec.withdrawal_interview_record(
        actor=u, assessment_id=i, held_on=d.get("held_on"), notes=d.get("notes") or ""),
    "representation": lambda u, i, d: rec.withdrawal_representation_record(
        actor=u, assessment_id=i, received_on=d.get("received_on"),
        made_by=d.get("made_by") or "", summary=d.get("summary") or ""),
}


def withdrawal_act(*, actor: Any, assessment_id: int, step: str, data: Data) -> Any:
    """Run the step `step` (a state-table action or a record) on the assessment."""
    if step not in STEPS:
        raise ValidationFailed("Some fields are not valid: step.", {"fields": {
            "step": f"Must be one of: {', '.join(STEPS)}."}})
    return STEPS[step](actor, assessment_id, data)
