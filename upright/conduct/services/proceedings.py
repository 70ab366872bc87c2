"""From the case to answer to the listed meeting or hearing (PCR 2020 Parts 4-5, 3A), and the
reg 10 delay for criminal proceedings."""

import datetime as dt
from typing import Any

from django.utils import timezone

from upright.conduct.choices import CaseToAnswer, PanelRole, ProceedingsForm, Reg42Basis, Regime
from upright.conduct.models import (
    CaseDecision,
    Matter,
    PanelMember,
    Proceedings,
    ServedNotice,
    SeverityAssessment,
)
from upright.conduct.services import steps
from upright.conduct.services.deadlines import (
    REG31_RESPONSE,
    REG31_WITNESS_LISTS,
    REG32_DOCUMENTS,
    REG33_PRE_HEARING,
    deadline_open,
    deadlines_satisfy,
)
from upright.conduct.services.effects import matter_subject_ids, notices_for
from upright.conduct.services.investigation import notice_record, service_read
from upright.conduct.services.steps import Effect, Payload, Step
from upright.conduct.services.warnings import person_has_live_warning
from upright.conduct.states import AMH_STATES, MatterStatus
from upright.core.workdays import WorkingDayCalendar
from upright.people.selectors import person_get

S = MatterStatus
NEW_PANEL_FROM = dt.date(2024, 5, 7)  # SI 2024/521: chief officer chair, two independents, LQP
_CALENDAR = WorkingDayCalendar()
_PANEL_BEFORE = {PanelRole.LQC_CHAIR: 1, PanelRole.SUPERINTENDENT_MEMBER: 1,
                 PanelRole.INDEPENDENT_MEMBER: 1}
_PANEL_FROM = {PanelRole.CHAIR: 1, PanelRole.INDEPENDENT_MEMBER: 2, PanelRole.LQP_ADVISER: 1}


def proceedings_current(matter: Matter) -> Proceedings | None:
    return Proceedings.objects.filter(matter=matter).order_by("-id").first()


def _proceedings_update(matter: Matter, **fields: Any) -> None:
    current = proceedings_current(matter)
    if current is not None:
        Proceedings.objects.filter(pk=current.pk).update(**fields)


def matter_is_former_officer(matter: Matter) -> bool:
    """The officer has left: recorded on the matter, or the person's status is "left"."""
    if matter.former_officer:
        return True
    people = [person_get(person_id=pid) for pid in matter_subject_ids(matter)]
    return any(p is not None and p.status == "left" for p in people)


def severity_date(matter: Matter) -> dt.date:
    """The date of the severity assessment reg 42(5) is judged at (the latest one)."""
    latest = SeverityAssessment.objects.filter(matter=matter).order_by("-assessed_at").first()
    moment = latest.assessed_at if latest else matter.came_to_attention_at
    return timezone.localdate(moment)


def live_final_warning(matter: Matter) -> bool:
    """Reg 42(5): every officer concerned had a final written warning live on that date."""
    on = severity_date(matter)
    ids = matter_subject_ids(matter)
    return bool(ids) and all(person_has_live_warning(person_id=pid, on=on) for pid in ids)


# ---- accelerated misconduct hearing (Part 5) ----------------------------------------------

def certify_special_conditions(matter: Matter, payload: Payload, actor: Any, now: dt.datetime
                               ) -> Step:
    """Reg 49: both special conditions must be met (reg 49(2)(a) and (b)); otherwise the matter
    goes to the reg 23 determination."""
    evidence = steps.boolean(payload, "sufficient_evidence", required=True)
    public_interest = steps.boolean(payload, "public_interest", required=True)
    rationale = steps.text(payload, "rationale")
    met = evidence and public_interest

    def after(m: Matter) -> None:
        if met:
            Proceedings.objects.create(matter=m, form=ProceedingsForm.AMH)
            CaseDecision.objects.create(
                matter=m, decision=CaseToAnswer.GROSS_MISCONDUCT, proceedings=True,
                form=ProceedingsForm.AMH, severity_on=severity_date(m), rationale=rationale,
                actor=actor, decided_at=now)

    return Step({"special_conditions": "met" if met else "not_met",
                 "proceedings_form": ProceedingsForm.AMH if met else ""}, rationale,
                {"met": met, "sufficient_evidence": evidence, "public_interest": public_interest},
                after)


def serve_amh_notice(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Regs 51-52: the AMH is 10 to 15 working days after the notice; the officer and the AA
    may agree to shorten it (reg 48), never to lengthen it."""
    served_at, method = service_read(matter, payload, now)
    hearing_on = steps.date_req(payload, "hearing_date")
    venue = steps.text(payload, "venue", max_length=300)
    agreement = steps.text(payload, "reduction_agreement", required=False)
    gap = _CALENDAR.between(steps.local_day(served_at), hearing_on)
    lowest = 1 if agreement else 10
    if not lowest <= gap <= 15:
        basis = "reg 52(1), reduced by agreement under reg 48" if agreement else "reg 52(1)"
        raise steps.missing("hearing_date", f"Must be {lowest} to 15 working days after the "
                            f"notice ({basis}); it is {gap}.")

    def after(m: Matter) -> None:
        notice_record(m, ServedNotice.Kind.REG51, served_at, method)
        proceedings = proceedings_current(m) or Proceedings(matter=m, form=ProceedingsForm.AMH)
        proceedings.form, proceedings.scheduled_on = ProceedingsForm.AMH, hearing_on
        proceedings.venue, proceedings.reduction_agreement = venue, agreement
        proceedings.save()

    effects = [Effect("hearing_notice_prepare", {  # reg 53
        "matter_ref": matter.reference, "person_id": pid, "hearing_date": hearing_on,
        "venue": venue, "conduct_summary": matter.summary, "accelerated": True})
        for pid in matter_subject_ids(matter)]
    return Step({"proceedings_form": ProceedingsForm.AMH}, f"AMH on {hearing_on.isoformat()}",
                {"hearing_date": hearing_on.isoformat(), "working_days": gap,
                 "reduced_by_agreement": bool(agreement)}, after, effects)


# ---- case to answer (reg 23; Part 3A) -------------------------------------------------------

def _form_for_gross(matter: Matter, payload: Payload, former: bool) -> str:
    """Gross misconduct goes to a hearing; for a former officer under the 2025 amendments the
    presumption is an AMH unless they opt for a hearing or the AA decides one is necessary."""
    if former and matter.regime == Regime.R2020_AMENDED_2025:
        opts = steps.boolean(payload, "officer_opts_for_hearing")
        necessary = steps.boolean(payload, "hearing_necessary")
        return ProceedingsForm.HEARING if opts or necessary else ProceedingsForm.AMH
    form = steps.choice(payload, "form", ProceedingsForm.values)
    if form != ProceedingsForm.HEARING:
        raise steps.missing("form", "A case to answer for gross misconduct must go to a "
                                    "misconduct hearing (reg 23).")
    return form


def _form_for_misconduct(matter: Matter, payload: Payload) -> tuple[str, str]:
    """(form, reg 42 basis): a hearing only where reg 42(5) or (6) could apply."""
    form = steps.choice(payload, "form", [ProceedingsForm.MEETING, ProceedingsForm.HEARING])
    if form == ProceedingsForm.MEETING:
        return form, ""
    if steps.boolean(payload, "multiple_incidents"):
        return form, Reg42Basis.MULTIPLE_INCIDENTS
    if live_final_warning(matter):
        return form, Reg42Basis.LIVE_FINAL_WARNING
    raise steps.missing("form", "Misconduct may go to a hearing only where a final written "
                                "warning was live at the severity assessment (reg 42(5)) or "
                                "there is more than one unconnected incident (reg 42(6)).")


def case_to_answer(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    decision = steps.choice(payload, "decision", CaseToAnswer.values)
    rationale = steps.text(payload, "rationale")
    former = matter_is_former_officer(matter)
    form = basis = ""
    proceedings = decision != CaseToAnswer.NO_CASE and steps.boolean(
        payload, "proceedings", required=True)
    if decision == CaseToAnswer.GROSS_MISCONDUCT and not proceedings:
        raise steps.missing("proceedings", "Gross misconduct must go to a hearing.")
    if proceedings and decision == CaseToAnswer.GROSS_MISCONDUCT:
        form = _form_for_gross(matter, payload, former)
    elif proceedings:
        form, basis = _form_for_misconduct(matter, payload)
    if proceedings:
        to_status = {ProceedingsForm.MEETING: S.REFERRED_TO_MEETING,
                     ProceedingsForm.HEARING: S.REFERRED_TO_HEARING,
                     ProceedingsForm.AMH: S.AMH_PATH}[ProceedingsForm(form)]
    else:  # no case, or no proceedings: reflective practice or no further action
        route = steps.choice(payload, "route", ["rprp", "nfa"])
        to_status = S.RPRP if route == "rprp" else S.CLOSED_NFA
    changes: dict[str, Any] = {"proceedings_form": form}
    if to_status == S.CLOSED_NFA:
        changes["closed_at"] = now
    on = severity_date(matter)

    def after(m: Matter) -> None:
        CaseDecision.objects.create(matter=m, decision=decision, proceedings=proceedings,
                                    form=form, reg42_basis=basis, severity_on=on,
                                    rationale=rationale, actor=actor, decided_at=now)
        if proceedings:
            Proceedings.objects.create(matter=m, form=form)
        if to_status == S.CLOSED_NFA:
            deadlines_satisfy(matter=m)

    return Step(changes, rationale, {"decision": decision, "proceedings": proceedings,
                                     "form": form, "reg42_basis": basis,
                                     "former_officer": former, "to_status": to_status.value},
                after)


# ---- reg 30 to reg 36 -----------------------------------------------------------------------

def serve_reg30_notice(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    served_at, method = service_read(matter, payload, now)

    def after(m: Matter) -> None:
        notice_record(m, ServedNotice.Kind.REG30, served_at, method)
        deadline_open(matter=m, code=REG31_RESPONSE, trigger=steps.local_day(served_at))

    return Step({}, "Notice of referral and documents served",
                {"served_at": served_at.isoformat(), "method": method}, after,
                notices_for(matter=matter, kind="reg30_referral", context={
                    "case_to_answer": _case_level(matter),
                    "documents": ["The investigator's report (reg 30(1)(c))",
                                  "Statements and documents relied on (reg 30(1)(b))"]}))


def _case_level(matter: Matter) -> str:
    decision = CaseDecision.objects.filter(matter=matter).order_by("-id").first()
    return decision.decision if decision else "misconduct"


def officer_response(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 31(2): the officer accepts or denies; witness lists follow in 3 WD (reg 31(4)) and
    the documents go to the chair within 10 WD (reg 32)."""
    response = steps.choice(payload, "response", ["accept", "deny"])
    received_on = steps.date(payload, "received_on", required=False) or steps.local_day(now)
    steps.not_future("received_on", received_on, now)
    details = steps.text(payload, "details", required=False)

    def after(m: Matter) -> None:
        _proceedings_update(m, response=response, response_at=now)
        deadlines_satisfy(matter=m, codes=[REG31_RESPONSE])
        deadline_open(matter=m, code=REG31_WITNESS_LISTS, trigger=received_on)
        deadline_open(matter=m, code=REG32_DOCUMENTS, trigger=received_on)

    return Step({}, details or f"The officer's response: {response}",
                {"response": response, "received_on": received_on.isoformat()}, after)


def bundle_to_chair(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    supplied_on = steps.date(payload, "supplied_on", required=False) or steps.local_day(now)
    steps.not_future("supplied_on", supplied_on, now)
    hearing = matter.proceedings_form == ProceedingsForm.HEARING

    def after(m: Matter) -> None:
        deadlines_satisfy(matter=m, codes=[REG31_WITNESS_LISTS, REG32_DOCUMENTS])
        if hearing:  # reg 33(1): the pre-hearing within 15 WD of the documents
            deadline_open(matter=m, code=REG33_PRE_HEARING, trigger=supplied_on)

    at = timezone.make_aware(dt.datetime.combine(supplied_on, dt.time(12)))
    return Step({"documents_to_chair_at": at}, "Documents and witness lists to the chair",
                {"supplied_on": supplied_on.isoformat()}, after)


def pre_hearing(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    held_on = steps.date_req(payload, "held_on")
    steps.not_future("held_on", held_on, now)
    extension = steps.text(payload, "extension_reason", required=False)
    assert matter.documents_to_chair_at is not None  # noqa: S101 (the action's guard)
    gap = _CALENDAR.between(steps.local_day(matter.documents_to_chair_at), held_on)
    if gap < 0 or (gap > 15 and not extension):
        raise steps.missing("held_on", "The pre-hearing must be within 15 working days of the "
                            "documents reaching the chair unless extended (reg 33(1), (10)(a)).")

    def after(m: Matter) -> None:
        _proceedings_update(m, pre_hearing_on=held_on)
        deadlines_satisfy(matter=m, codes=[REG33_PRE_HEARING])

    return Step({}, extension or "Pre-hearing held",
                {"held_on": held_on.isoformat(), "extended": bool(extension)}, after)


def panel_read(payload: Payload, hearing_on: dt.date) -> list[tuple[str, str]]:
    """Reg 28: the panel the hearing date requires (SI 2024/521 from 7 May 2024)."""
    raw = payload.get("panel")
    if not isinstance(raw, list | tuple) or not raw:
        raise steps.missing("panel")
    members = []
    for item in raw:
        if not isinstance(item, dict) or item.get("role") not in PanelRole.values or not str(
                item.get("name") or "").strip():
            raise steps.missing("panel", "Each member needs a role and a name.")
        members.append((str(item["role"]), str(item["name"]).strip()[:200]))
    wanted = _PANEL_FROM if hearing_on >= NEW_PANEL_FROM else _PANEL_BEFORE
    counts = {role: sum(1 for r, _ in members if r == role) for role in PanelRole.values}
    if any(counts[role] != wanted.get(PanelRole(role), 0) for role in PanelRole.values):
        need = ", ".join(f"{n} {PanelRole(r).label}" for r, n in wanted.items())
        raise steps.missing("panel", f"A hearing on {hearing_on.isoformat()} needs: {need}.")
    return members


def list_proceedings(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    scheduled_on = steps.date_req(payload, "scheduled_on")
    venue = steps.text(payload, "venue", max_length=300)
    hearing = matter.proceedings_form == ProceedingsForm.HEARING
    panel = panel_read(payload, scheduled_on) if hearing else []

    def after(m: Matter) -> None:
        proceedings = proceedings_current(m) or Proceedings(matter=m, form=m.proceedings_form
                                                            or ProceedingsForm.MEETING)
        proceedings.scheduled_on, proceedings.venue = scheduled_on, venue
        proceedings.save()
        PanelMember.objects.bulk_create([PanelMember(proceedings=proceedings, role=role, name=name)
                                         for role, name in panel])

    # Reg 36: a public notice before a hearing (meetings are private, reg 39). A hearing
    # recorded after the event (historic data) has no notice to give.
    give_notice = hearing and scheduled_on >= timezone.localdate(now)
    effects = [Effect("hearing_notice_prepare", {
        "matter_ref": matter.reference, "person_id": pid, "hearing_date": scheduled_on,
        "venue": venue, "conduct_summary": matter.summary})
        for pid in matter_subject_ids(matter)] if give_notice else []
    return Step({}, f"Listed for {scheduled_on.isoformat()} at {venue}",
                {"scheduled_on": scheduled_on.isoformat(), "venue": venue,
                 "panel": [{"role": r, "name": n} for r, n in panel]}, after, effects)


# ---- withdrawal and delay -------------------------------------------------------------------

def withdraw(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    return Step({}, steps.text(payload, "rationale"), {})


def pause_for_criminal(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 10: delayed while the misconduct steps would prejudice criminal proceedings."""
    rationale = steps.text(payload, "rationale")
    return Step({"paused_from_status": matter.status}, rationale,
                {"paused_from": matter.status})


def resume(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Back to the state the delay left; an AMH case needs the AA's fresh determination of the
    special conditions (reg 49(3)), and goes to the reg 23 determination if they are not met."""
    rationale = steps.text(payload, "rationale")
    back = MatterStatus(matter.paused_from_status or S.UNDER_INVESTIGATION)
    changes: dict[str, Any] = {"paused_from_status": ""}
    recorded: dict[str, Any] = {"to_status": back.value}
    if back in AMH_STATES:
        met = steps.boolean(payload, "special_conditions_met", required=True)
        recorded["special_conditions_met"] = met
        if not met:
            recorded["to_status"] = S.CASE_TO_ANSWER_DETERMINATION.value
            changes.update(special_conditions="not_met", proceedings_form="")
    return Step(changes, rationale, recorded)
