"""Complaint reviews (CMR regs 29, 30, 32; PRA 2002 Sch 3 paras 6A, 25-32): the relevant review
body, the 28-day limit, and what an upheld review leads to."""

import datetime as dt
from typing import Any

from upright.conduct.choices import (
    SENIOR_OFFICER_RANKS,
    CaseToAnswer,
    ComplaintTrack,
    ProceedingsForm,
    ReviewBody,
    ReviewConsequence,
    ReviewDecision,
)
from upright.conduct.models import (
    Allegation,
    CaseDecision,
    ComplaintReview,
    Matter,
    Proceedings,
    ReferralCheck,
)
from upright.conduct.services import steps
from upright.conduct.services.deadlines import (
    COMPLAINT_REVIEW,
    OWED_AFTER_CLOSE,
    deadline_latest,
    deadlines_satisfy,
)
from upright.conduct.services.steps import Contact, Payload, Step
from upright.conduct.states import MatterStatus
from upright.core.exceptions import ValidationFailed

S = MatterStatus


def _iopc_reason(matter: Matter) -> str | None:
    """Which of CMR reg 32(a)-(d) makes the IOPC the review body for `matter`, if any."""
    ranks = Allegation.objects.filter(matter=matter).values_list("subject__rank_or_grade",
                                                                 flat=True)
    if any((rank or "").upper() in SENIOR_OFFICER_RANKS for rank in ranks):
        return "the complaint is about the conduct of a senior officer (CMR reg 32(a))"
    if matter.reg32_aa_not_satisfied:
        return ("the appropriate authority could not be satisfied that the conduct would not "
                "justify criminal or disciplinary proceedings or infringe Article 2 or 3 "
                "(CMR reg 32(b))")
    if ReferralCheck.objects.filter(matter=matter).filter(refer=True).exists() or (
            ReferralCheck.objects.filter(matter=matter, mandatory=True).exists()):
        return "the complaint was, or had to be, referred to the IOPC (CMR reg 32(c))"
    if matter.para4a_treated_as_referred:
        return "the IOPC treated the complaint as referred under Sch 3 para 4A(1) (CMR reg 32(d))"
    return None


def review_body_for(matter: Matter) -> tuple[str, str]:
    """CMR reg 32 (Sch 3 para 30): the IOPC for (a)-(d), or a complaint arising from the same
    incident as one of those (e); otherwise the local policing body. (body, reason)."""
    reason = _iopc_reason(matter)
    if reason:
        return ReviewBody.IOPC, reason
    if matter.same_incident_reference:
        other = Matter.objects.filter(reference=matter.same_incident_reference).first()
        if other is not None and _iopc_reason(other):
            return ReviewBody.IOPC, ("the complaint arises from the same incident as "
                                     f"{other.reference}, which is reviewed by the IOPC "
                                     "(CMR reg 32(e))")
    return ReviewBody.LOCAL_POLICING_BODY, "none of CMR reg 32(a)-(f) applies"


def review_last_day(matter: Matter) -> dt.date:
    """The 28th day beginning with the day after the outcome was given (CMR reg 29(2))."""
    window = deadline_latest(matter=matter, codes=[COMPLAINT_REVIEW])
    if window is not None:
        return window.due_date
    assert matter.complainant_notified_at is not None  # noqa: S101 (the action's guard)
    return steps.local_day(matter.complainant_notified_at) + dt.timedelta(days=28)


def apply_for_review(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """CMR reg 29: within 28 days beginning with the day after the outcome was given; time the
    application spent with the wrong body before it was forwarded does not count (29(3))."""
    received_on = steps.date_req(payload, "received_on")
    steps.not_future("received_on", received_on, now)
    wrong = steps.date(payload, "received_by_wrong_body_on", required=False)
    if wrong is not None and wrong > received_on:
        raise steps.missing("received_by_wrong_body_on", "Cannot be after the review body "
                                                         "received it.")
    made_on = wrong or received_on
    assert matter.complainant_notified_at is not None  # noqa: S101 (the action's guard)
    if made_on < steps.local_day(matter.complainant_notified_at):
        raise steps.missing("received_on", "Cannot be before the outcome was given.")
    last_day = review_last_day(matter)
    if made_on > last_day:
        field = "received_by_wrong_body_on" if wrong else "received_on"
        message = (f"Out of time: the last day to apply for a review was "
                   f"{last_day.isoformat()} (28 days beginning with the day after the outcome "
                   f"was given, CMR reg 29(2)); this application was made on "
                   f"{made_on.isoformat()}.")
        raise ValidationFailed(message, {"fields": {field: message},
                                         "last_day": last_day.isoformat()})
    grounds = steps.text(payload, "grounds")
    body, reason = review_body_for(matter)

    def after(m: Matter) -> None:
        ComplaintReview.objects.create(matter=m, received_on=received_on,
                                       received_by_wrong_body_on=wrong, last_day=last_day,
                                       body=body, body_reason=reason, grounds=grounds)
        deadlines_satisfy(matter=m, codes=[COMPLAINT_REVIEW])

    return Step({"review_body": body, "review_body_reason": reason}, grounds,
                {"received_on": received_on.isoformat(), "last_day": last_day.isoformat(),
                 "review_body": body, "reason": reason}, after,
                contact=Contact(f"Your application for a review has been received; it will be "
                                f"reviewed by the {ReviewBody(body).label}."))


def _upheld(matter: Matter, payload: Payload) -> tuple[S, dict[str, Any], dict[str, Any]]:
    """(to_status, matter changes, recorded) for an upheld review."""
    consequence = steps.choice(payload, "consequence", ReviewConsequence.values)
    recorded: dict[str, Any] = {"consequence": consequence}
    reset: dict[str, Any] = {"complainant_notified_at": None, "complaint_outcome": ""}
    if consequence == ReviewConsequence.RECOMMENDATIONS:
        recorded["recommendations"] = steps.text(payload, "recommendations")
        return S.CLOSED_WITH_OUTCOME, {}, recorded
    if consequence == ReviewConsequence.REHANDLE:
        return S.HANDLING_DECISION_PENDING, reset, recorded
    if consequence == ReviewConsequence.REINVESTIGATE:  # s.13B; para 26(5A)
        special = steps.boolean(payload, "special_procedures", required=True)
        recorded["special_procedures"] = special
        return ((S.SEVERITY_ASSESSMENT_PENDING if special else S.INVESTIGATOR_APPOINTMENT_PENDING),
                {**reset, "special_procedures": special, "investigation_mode": "local",
                 "complaint_track": ComplaintTrack.SCH3_INVESTIGATION, "reg17_served_at": None,
                 "special_conditions": "", "investigator": None}, recorded)
    if matter.review_body != ReviewBody.IOPC:  # para 27: a DG power
        raise steps.missing("consequence", "Only the IOPC can direct proceedings on a review "
                                           "(Sch 3 para 27); the local policing body may "
                                           "recommend.")
    decision = steps.choice(payload, "case_decision", [CaseToAnswer.MISCONDUCT,
                                                       CaseToAnswer.GROSS_MISCONDUCT])
    form = steps.choice(payload, "form", [ProceedingsForm.MEETING, ProceedingsForm.HEARING])
    if decision == CaseToAnswer.GROSS_MISCONDUCT and form != ProceedingsForm.HEARING:
        raise steps.missing("form", "Gross misconduct goes to a misconduct hearing.")
    recorded.update({"case_decision": decision, "form": form})
    return ((S.REFERRED_TO_HEARING if form == ProceedingsForm.HEARING else S.REFERRED_TO_MEETING),
            {"proceedings_form": form}, recorded)


def decide_review(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Sch 3 paras 6A, 25-28: not upheld → closed; upheld → recommendations (closed), the
    complaint handled again, re-investigated, or (IOPC only) referred to proceedings."""
    decision = steps.choice(payload, "decision", ReviewDecision.values)
    rationale = steps.text(payload, "rationale")
    changes: dict[str, Any]
    recorded: dict[str, Any]
    if decision == ReviewDecision.NOT_UPHELD:
        to_status, changes, recorded = S.CLOSED_WITH_OUTCOME, {}, {}
    else:
        to_status, changes, recorded = _upheld(matter, payload)
    if to_status == S.CLOSED_WITH_OUTCOME:
        changes["closed_at"] = now
    recorded.update({"decision": decision, "to_status": to_status.value})

    def after(m: Matter) -> None:
        ComplaintReview.objects.filter(matter=m, decision="").update(
            decision=decision, consequence=recorded.get("consequence", ""),
            recommendations=recorded.get("recommendations", ""), decided_at=now)
        if "form" in recorded:
            CaseDecision.objects.create(matter=m, decision=recorded["case_decision"],
                                        proceedings=True, form=recorded["form"],
                                        rationale=rationale, actor=actor, decided_at=now)
            Proceedings.objects.create(matter=m, form=recorded["form"])
        if to_status == S.CLOSED_WITH_OUTCOME:
            deadlines_satisfy(matter=m, keep=OWED_AFTER_CLOSE)

    verdict = "upheld" if decision == ReviewDecision.UPHELD else "not upheld"
    return Step(changes, rationale, recorded, after,
                contact=Contact(f"The review of your complaint has been decided: {verdict}."))
