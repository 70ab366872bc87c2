"""Public complaints (PRA 2002 Sch 3; CMR 2020; uk-process.md §3): initial handling, recording,
the DG's call-in, handling otherwise than by investigation, a local investigation, the
determination on the report, the DG's direction, the outcome letter and closure.

Each function is a transition handler: it validates the payload and returns a Step for the
one gate in transitions.py, which also logs the update to the complainant (CMR Part 4)."""

import datetime as dt
from typing import Any

from django.template.loader import render_to_string

from upright.conduct.choices import (
    MANDATORY_REFERRAL_CRITERIA,
    CaseToAnswer,
    ComplaintTrack,
    ContactMethod,
    ProceedingsForm,
    ReferralCriterion,
    ReviewBody,
)
from upright.conduct.models import (
    CaseDecision,
    ComplainantLink,
    ComplaintOutcome,
    ComplaintOutcomeCategory,
    Matter,
    Proceedings,
    ReferralCheck,
)
from upright.conduct.permissions import matter_reference_normalise
from upright.conduct.services import steps
from upright.conduct.services.deadlines import (
    COMPLAINT_REVIEW,
    IOPC_REFERRAL,
    OWED_AFTER_CLOSE,
    TIMELINESS_CODES,
    deadline_latest,
    deadline_open,
    deadlines_satisfy,
    rule_period_end,
)
from upright.conduct.services.investigation import investigator_read
from upright.conduct.services.proceedings import case_to_answer, severity_date
from upright.conduct.services.reviews import review_body_for
from upright.conduct.services.steps import Contact, Payload, Step
from upright.conduct.states import MatterStatus
from upright.core.clock import local_today
from upright.core.exceptions import Conflict

S = MatterStatus


def outcome_category_read(payload: Payload, name: str = "outcome") -> ComplaintOutcomeCategory:
    codes = list(ComplaintOutcomeCategory.objects.filter(active=True).order_by("code")
                 .values_list("code", flat=True))
    code = steps.choice(payload, name, codes)
    return ComplaintOutcomeCategory.objects.get(code=code)


def _outcome_record(matter: Matter, *, track: str, category: ComplaintOutcomeCategory,
                    actions: str, rationale: str, actor: Any, now: dt.datetime,
                    rprp: bool = False) -> None:
    ComplaintOutcome.objects.create(matter=matter, track=track, category=category,
                                    actions_taken=actions, rprp=rprp, rationale=rationale,
                                    actor=actor, decided_at=now)


def handle_outside_schedule_3(matter: Matter, payload: Payload, actor: Any, now: dt.datetime
                              ) -> Step:
    """Initial handling: resolve informally without recording, which is refused where the
    complaint must be recorded: it meets the referral criteria (CMR reg 4), the complainant
    wants it recorded, or it alleges conduct that could justify criminal or disciplinary
    proceedings or infringe Article 2 or 3 (IOPC guidance, [U])."""
    criteria = payload.get("criteria") or []
    if not isinstance(criteria, list | tuple) or any(
            c not in ReferralCriterion.values for c in criteria):
        raise steps.missing("criteria", "Must be a list of referral criterion codes.")
    if any(c in MANDATORY_REFERRAL_CRITERIA for c in criteria):
        raise steps.missing("criteria", "The complaint meets the mandatory referral criteria "
                            "(CMR reg 4): record it under Schedule 3 and refer it.")
    if steps.boolean(payload, "complainant_wants_recorded"):
        raise steps.missing("complainant_wants_recorded", "The complainant wants it recorded: "
                            "record it under Schedule 3 (para 2(6A)).")
    if steps.boolean(payload, "proceedings_indicated"):
        raise steps.missing("proceedings_indicated", "Conduct that could justify criminal or "
                            "disciplinary proceedings, or infringe Article 2 or 3, must be "
                            "recorded under Schedule 3.")
    category = outcome_category_read(payload)
    resolution = steps.text(payload, "resolution")

    def after(m: Matter) -> None:
        _outcome_record(m, track=ComplaintTrack.OUTSIDE_SCH3, category=category,
                        actions=resolution, rationale=resolution, actor=actor, now=now)
        deadlines_satisfy(matter=m)

    return Step({"complaint_track": ComplaintTrack.OUTSIDE_SCH3,
                 "complaint_outcome": category.code, "closed_at": now}, resolution,
                {"outcome": category.code}, after,
                contact=Contact(f"Your complaint has been resolved: {resolution} "
                                f"Outcome: {category.name}."))


def record_under_schedule_3(matter: Matter, payload: Payload, actor: Any, now: dt.datetime
                            ) -> Step:
    """Sch 3 para 2(6A): recorded; the referral decision is now due (CMR reg 4). Also records
    what the review body will turn on (CMR reg 32(b), (e))."""
    reason = steps.text(payload, "reason")
    not_satisfied = steps.boolean(payload, "aa_not_satisfied")
    same = steps.text(payload, "same_incident_reference", required=False, max_length=40)
    if same:
        canonical = matter_reference_normalise(same)
        if canonical is None or canonical == matter.reference or not Matter.objects.filter(
                reference=canonical).exists():
            raise steps.missing("same_incident_reference", "No such other matter.")
        same = canonical

    def after(m: Matter) -> None:
        deadline_open(matter=m, code=IOPC_REFERRAL, trigger=steps.local_day(now))

    return Step({"reg32_aa_not_satisfied": not_satisfied, "same_incident_reference": same},
                reason, {"aa_not_satisfied": not_satisfied, "same_incident_reference": same},
                after, contact=Contact("Your complaint has been recorded under Schedule 3 to "
                                       "the Police Reform Act 2002."))


def iopc_call_in(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """The DG notified the AA that the complaint must be referred (Sch 3 para 4(1)(c)), or
    is treating it as referred (para 4A(1)); either way the IOPC reviews it (CMR reg 32)."""
    notified_on = steps.date_req(payload, "notified_on")
    steps.not_future("notified_on", notified_on, now)
    treated = steps.boolean(payload, "treated_as_referred")
    reason = steps.text(payload, "reason")

    def after(m: Matter) -> None:
        ReferralCheck.objects.create(matter=m, criteria=[ReferralCriterion.DG_CALL_IN],
                                     mandatory=True, refer=True, rationale=reason, actor=actor,
                                     decided_at=now)
        deadlines_satisfy(matter=m, codes=[IOPC_REFERRAL])

    changes = {"investigation_mode": "", "para4a_treated_as_referred":
               treated or matter.para4a_treated_as_referred}
    return Step(changes, reason, {"notified_on": notified_on.isoformat(),
                                  "treated_as_referred": treated}, after,
                contact=Contact("The Independent Office for Police Conduct has asked for your "
                                "complaint to be referred to it."))


def handle_otherwise(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Sch 3 para 6: handled otherwise than by investigation; the aim is a reasonable and
    proportionate outcome, "putting the issue right and preventing it from happening again"."""
    category = outcome_category_read(payload)
    actions = steps.text(payload, "actions_taken")
    rationale = steps.text(payload, "rationale")

    def after(m: Matter) -> None:
        _outcome_record(m, track=ComplaintTrack.SCH3_OTHERWISE, category=category,
                        actions=actions, rationale=rationale, actor=actor, now=now)
        deadlines_satisfy(matter=m, codes=TIMELINESS_CODES)  # no investigation to report on

    return Step({"complaint_track": ComplaintTrack.SCH3_OTHERWISE,
                 "complaint_outcome": category.code}, rationale,
                {"outcome": category.code, "actions_taken": actions}, after,
                contact=Contact("We have looked into your complaint; a letter with the outcome "
                                "follows."))


def _special_procedures(payload: Payload) -> bool:
    """CMR reg 16: is there an indication that a person serving with the police may have
    committed a criminal offence or behaved in a way justifying disciplinary proceedings?"""
    return steps.boolean(payload, "special_procedures", required=True)


def investigate_locally(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Sch 3 para 16: the AA investigates on its own behalf; with special procedures the
    severity assessment (CMR reg 16) comes first, otherwise the investigator is appointed."""
    special = _special_procedures(payload)
    reason = steps.text(payload, "reason", required=False)
    return Step({"investigation_mode": "local", "special_procedures": special,
                 "complaint_track": ComplaintTrack.SCH3_INVESTIGATION},
                reason or "Local investigation", {"special_procedures": special},
                contact=Contact("Your complaint will be investigated."))


def iopc_decision_complaint(matter: Matter, payload: Payload, mode: str) -> tuple[
        dict[str, Any], dict[str, Any]]:
    """The complaint-specific parts of the DG's para 15 decision: (changes, recorded)."""
    if mode == "returned":
        return {}, {}
    special = _special_procedures(payload)
    changes: dict[str, Any] = {"special_procedures": special,
                               "complaint_track": ComplaintTrack.SCH3_INVESTIGATION}
    if mode == "independent":  # para 19: IOPC staff under a designated lead
        changes["iopc_investigator"] = steps.text(payload, "iopc_investigator", max_length=200)
    return changes, {"special_procedures": special}


def dg_investigator_decision(matter: Matter, payload: Payload, actor: Any, now: dt.datetime
                             ) -> Step:
    """Sch 3 para 18(2A)-(2D): in a directed investigation the DG may approve the AA's
    investigator or require a replacement."""
    decision = steps.choice(payload, "decision", ["approve", "replace"])
    reason = steps.text(payload, "reason", required=False)
    changes: dict[str, Any] = {}
    recorded: dict[str, Any] = {"decision": decision}
    if decision == "replace":
        investigator = investigator_read(matter, payload)
        if investigator == matter.investigator:
            raise steps.missing("investigator_id", "Choose a different investigator.")
        changes["investigator"] = investigator
        recorded["investigator_id"] = investigator.pk
    elif matter.investigator is None:
        raise Conflict("No investigator has been appointed for the DG to approve.")
    return Step(changes, reason or f"The DG's decision: {decision}", recorded)


def determine_complaint(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Sch 3 paras 24-24A and PCR reg 23(2): whether the service was acceptable (the outcome
    category), any other action, and, where special procedures applied, the case to answer
    and proceedings (into the conduct states). No case or no proceedings: the complainant is
    told the outcome first; RPRP follows the review period."""
    category = outcome_category_read(payload)
    actions = steps.text(payload, "actions_taken", required=False)
    rationale = steps.text(payload, "rationale")
    to_status, rprp = S.COMPLAINT_DETERMINED, steps.boolean(payload, "rprp")
    recorded: dict[str, Any] = {"outcome": category.code}
    changes: dict[str, Any] = {"complaint_outcome": category.code}
    case_step: Step | None = None
    if matter.special_procedures:
        case_step = case_to_answer(matter, payload, actor, now)
        target = S(case_step.recorded["to_status"])
        if target in (S.RPRP, S.CLOSED_NFA):
            rprp = target == S.RPRP
        else:
            to_status = target
            changes["proceedings_form"] = case_step.changes["proceedings_form"]
        recorded.update({k: v for k, v in case_step.recorded.items() if k != "to_status"})
    elif "decision" in payload and payload.get("decision") not in (None, "", CaseToAnswer.NO_CASE):
        raise steps.missing("decision", "Special procedures did not apply (CMR reg 16): there "
                                        "is no case to answer to decide.")
    recorded.update({"rprp": rprp, "to_status": to_status.value})

    def after(m: Matter) -> None:
        if case_step is not None and case_step.after is not None:
            case_step.after(m)
        _outcome_record(m, track=ComplaintTrack.SCH3_INVESTIGATION, category=category,
                        actions=actions, rationale=rationale, actor=actor, now=now, rprp=rprp)

    return Step(changes, rationale, recorded, after,
                contact=Contact("The investigation of your complaint is complete and a "
                                "decision has been made."))


def dg_direct_proceedings(matter: Matter, payload: Payload, actor: Any, now: dt.datetime
                          ) -> Step:
    """Sch 3 para 28A: the DG may recommend, then direct, that proceedings be brought (CMR
    reg 31 lists the conduct); a recommendation is recorded, a direction refers the matter."""
    direction = steps.choice(payload, "direction", ["recommend", "direct"])
    decision = steps.choice(payload, "decision", [CaseToAnswer.MISCONDUCT,
                                                  CaseToAnswer.GROSS_MISCONDUCT])
    form = steps.choice(payload, "form", [ProceedingsForm.MEETING, ProceedingsForm.HEARING])
    if decision == CaseToAnswer.GROSS_MISCONDUCT and form != ProceedingsForm.HEARING:
        raise steps.missing("form", "Gross misconduct goes to a misconduct hearing.")
    rationale = steps.text(payload, "rationale")
    directed = direction == "direct"
    to_status = ((S.REFERRED_TO_HEARING if form == ProceedingsForm.HEARING
                  else S.REFERRED_TO_MEETING) if directed else S(matter.status))
    on = severity_date(matter)

    def after(m: Matter) -> None:
        if directed:
            CaseDecision.objects.create(matter=m, decision=decision, proceedings=True, form=form,
                                        severity_on=on, rationale=rationale, actor=actor,
                                        decided_at=now)
            Proceedings.objects.create(matter=m, form=form)

    changes = {"proceedings_form": form} if directed else {}
    return Step(changes, rationale, {"direction": direction, "decision": decision, "form": form,
                                     "to_status": to_status.value}, after)


def notify_complainant_outcome(matter: Matter, payload: Payload, actor: Any, now: dt.datetime
                               ) -> Step:
    """CMR reg 33: the complainant is given the outcome, with the review right, the relevant
    review body (reg 32) and the 28-day limit (reg 29); the review clock starts."""
    sent_at = steps.moment_req(payload, "sent_at")
    steps.not_future("sent_at", sent_at, now)
    if sent_at < matter.came_to_attention_at:
        raise steps.missing("sent_at", "Cannot be before the complaint was made.")
    method = steps.choice(payload, "method", ContactMethod.values)
    outcome = ComplaintOutcome.objects.filter(matter=matter).order_by("-id").first()
    if outcome is None:
        raise Conflict("There is no outcome to notify yet.")
    body, reason = review_body_for(matter)
    sent_on = steps.local_day(sent_at)
    last_day = rule_period_end(code=COMPLAINT_REVIEW, start=sent_on) or sent_on + dt.timedelta(
        days=28)
    links = ComplainantLink.objects.filter(matter=matter).select_related("complainant")
    first = links.order_by("id").first()
    letter = render_to_string("conduct/letters/complaint_outcome.html", {
        "reference": matter.reference, "sent_on": sent_on,
        "complainant_name": first.complainant.name if first else "",
        "investigated": outcome.track == ComplaintTrack.SCH3_INVESTIGATION,
        "outcome": outcome.category.name, "actions_taken": outcome.actions_taken,
        "rationale": outcome.rationale, "review_body": ReviewBody(body).label,
        "review_body_reason": reason, "last_day": last_day})

    def after(m: Matter) -> None:
        deadline_open(matter=m, code=COMPLAINT_REVIEW, trigger=sent_on)

    return Step({"complainant_notified_at": sent_at, "review_body": body,
                 "review_body_reason": reason}, "Outcome letter sent",
                {"sent_at": sent_at.isoformat(), "method": method, "review_body": body,
                 "last_day": last_day.isoformat()}, after,
                contact=Contact(f"Outcome letter: {outcome.category.name}. Review by "
                                f"{ReviewBody(body).label} by {last_day.isoformat()}.",
                                method=method, letter=letter))


def close_complaint(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Close once the 28 days for a review have passed (or the complainant said they will not
    apply); a referral to reflective practice (RPRP) then begins."""
    rationale = steps.text(payload, "rationale")
    waived = steps.boolean(payload, "review_waived")
    window = deadline_latest(matter=matter, codes=[COMPLAINT_REVIEW])
    if (window is not None and window.satisfied_at is None and window.due_date >= local_today()
            and not waived):
        raise Conflict(f"The complainant may apply for a review until "
                       f"{window.due_date.isoformat()} ({window.legal_basis}); close after it, "
                       "or record that they will not apply.", {"last_day":
                                                               window.due_date.isoformat()})
    outcome = ComplaintOutcome.objects.filter(matter=matter).order_by("-id").first()
    to_status = S.RPRP if outcome is not None and outcome.rprp else S.CLOSED_WITH_OUTCOME
    closing = to_status == S.CLOSED_WITH_OUTCOME

    def after(m: Matter) -> None:
        if closing:
            deadlines_satisfy(matter=m, keep=OWED_AFTER_CLOSE)
        else:
            deadlines_satisfy(matter=m, codes=[COMPLAINT_REVIEW])

    return Step({"closed_at": now} if closing else {}, rationale,
                {"review_waived": waived, "to_status": to_status.value}, after,
                contact=Contact("Your complaint is now closed."))


def contact_complainant(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """CMR Part 4: a manual update to the complainant (or to one of them)."""
    method = steps.choice(payload, "method", ContactMethod.values)
    summary = steps.text(payload, "summary")
    raw = payload.get("complainant_id")
    complainant_id: int | None = None
    if raw not in (None, ""):
        ids = set(ComplainantLink.objects.filter(matter=matter)
                  .values_list("complainant_id", flat=True))
        if not isinstance(raw, int) or raw not in ids:
            raise steps.missing("complainant_id", "Not a complainant on this matter.")
        complainant_id = raw
    return Step({}, summary, {"method": method, "complainant_id": complainant_id},
                contact=Contact(summary, method=method, complainant_id=complainant_id))
