"""Investigation steps (PCR 2020 Part 3): reg 17 notice, reg 20 interview, reg 21 report, and
a resignation or retirement during the investigation (advisory list; Part 3A)."""

import datetime as dt
from typing import Any

from upright.conduct.choices import Regime, ServiceMethod
from upright.conduct.models import Interview, Matter, ServedNotice
from upright.conduct.services import steps
from upright.conduct.services.deadlines import REG18_REPRESENTATIONS, deadline_open, deadlines_satisfy
from upright.conduct.services.effects import matter_subject_ids, notices_for
from upright.conduct.services.steps import Effect, Payload, Step
from upright.core.workdays import WorkingDayCalendar

EMAIL_SERVICE_FROM = dt.date(2025, 5, 28)  # SI 2025/558 reg 8, amending PCR reg 9
_CALENDAR = WorkingDayCalendar()


def service_read(matter: Matter, payload: Payload, now: dt.datetime) -> tuple[dt.datetime, str]:
    """(served_at, method) of a written notice, validated (reg 9; email from 28 May 2025)."""
    served_at = steps.moment_req(payload, "served_at")
    steps.not_future("served_at", served_at, now)
    if served_at < matter.came_to_attention_at:
        raise steps.missing("served_at", "Cannot be before the matter came to attention.")
    method = steps.choice(payload, "method", ServiceMethod.values)
    if method == ServiceMethod.EMAIL and steps.local_day(served_at) < EMAIL_SERVICE_FROM:
        raise steps.missing("method", "Service by email is possible only from 28 May 2025 "
                                      "(SI 2025/558 reg 8).")
    return served_at, method


def notice_record(matter: Matter, kind: str, served_at: dt.datetime, method: str,
                  details: dict[str, Any] | None = None) -> ServedNotice:
    # Deemed service for email (reg 9 as amended) is not read [U]: recorded as served_at.
    return ServedNotice.objects.create(matter=matter, kind=kind, served_at=served_at,
                                       method=method, deemed_served_at=served_at,
                                       details=details or {})


def serve_reg17_notice(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 17: written notice of the investigation with its terms of reference; the officer's
    reg 18 representations period starts."""
    served_at, method = service_read(matter, payload, now)
    terms = steps.text(payload, "terms_of_reference")

    def after(m: Matter) -> None:
        notice_record(m, ServedNotice.Kind.REG17, served_at, method,
                      {"terms_of_reference": terms})
        deadline_open(matter=m, code=REG18_REPRESENTATIONS, trigger=steps.local_day(served_at))

    return Step({"reg17_served_at": served_at}, "Reg 17 notice served",
                {"served_at": served_at.isoformat(), "method": method}, after,
                notices_for(matter=matter, kind="reg17_notice", context={
                    "issued_on": steps.local_day(served_at).isoformat(),
                    "investigator_name": _investigator_name(matter),
                    "terms_of_reference": terms}))


def _investigator_name(matter: Matter) -> str:
    investigator = matter.investigator
    return (investigator.get_full_name() or investigator.username) if investigator else ""


def schedule_interview(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 20: the date, time and place; an officer's alternative must fall within 5 working
    days beginning with the first working day after the specified day (reg 20(4)-(5))."""
    specified = steps.moment_req(payload, "specified_at")
    place = steps.text(payload, "place", max_length=300)
    alternative = steps.moment(payload, "alternative_at", required=False)
    if alternative is not None:
        gap = _CALENDAR.between(steps.local_day(specified), steps.local_day(alternative))
        if not 1 <= gap <= 5:
            raise steps.missing("alternative_at", "An alternative date must fall within 5 working "
                                                  "days after the specified day (reg 20(5)).")
    held_at = alternative or specified

    def after(m: Matter) -> None:
        Interview.objects.create(matter=m, specified_at=specified, alternative_at=alternative,
                                 place=place)

    return Step({}, f"Interview at {place}",
                {"interview_at": held_at.isoformat(), "place": place,
                 "alternative": alternative is not None}, after)


def record_interview(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    held_at = steps.moment_req(payload, "held_at")
    steps.not_future("held_at", held_at, now)
    notes = steps.text(payload, "notes", required=False)

    def after(m: Matter) -> None:
        interview = Interview.objects.filter(matter=m, held_at__isnull=True).order_by("-id").first()
        if interview is not None:
            interview.held_at, interview.notes = held_at, notes
            interview.save(update_fields=["held_at", "notes", "updated_at"])

    return Step({}, notes or "Interview held", {"held_at": held_at.isoformat()}, after)


def submit_report(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 21: the report; a reg 21(3) statement that the special conditions may be met sends
    the matter to the AA's reg 49(1) determination before anything else."""
    summary = steps.text(payload, "summary")
    statement = steps.text(payload, "special_conditions_statement", required=False)
    changes = {"special_conditions": "stated" if statement else ""}

    def after(m: Matter) -> None:
        deadlines_satisfy(matter=m, codes=[REG18_REPRESENTATIONS])

    return Step(changes, summary, {"special_conditions_statement": statement}, after)


def record_resignation(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """The officer resigned or retired while the matter was open: they are a former officer
    (Part 3A applies to matters under the 2025 amendments) and the College's advisory list
    must be told (PA 1996 Part 4A; SI 2017/1135)."""
    left_on = steps.date_req(payload, "left_on")
    steps.not_future("left_on", left_on, now)
    how = steps.choice(payload, "how", ["resigned", "retired"])
    reason = f"The officer {how} on {left_on.isoformat()} during the investigation"
    effects = [Effect("list_report_task_create", {
        "person_id": pid, "list_kind": "advisory", "reason": reason,
        "matter_ref": matter.reference}) for pid in matter_subject_ids(matter)]
    part3a = matter.regime == Regime.R2020_AMENDED_2025
    return Step({"former_officer": True}, reason,
                {"left_on": left_on.isoformat(), "how": how, "part_3a": part3a},
                effects=effects)


def investigator_read(matter: Matter, payload: Payload, name: str = "investigator_id") -> Any:
    """An active investigator who may take `matter` (not conflicted, inside its compartment)."""
    from upright.access.models import User
    from upright.access.roles import Role
    from upright.conduct.permissions import matter_policy

    raw = payload.get(name)
    if raw in (None, ""):
        raise steps.missing(name)
    try:
        investigator = User.objects.filter(pk=int(raw), is_active=True,
                                           role=Role.INVESTIGATOR).first()
    except (TypeError, ValueError):
        investigator = None
    if investigator is None:
        raise steps.missing(name, "Not an active investigator.")
    if not matter_policy.user_can_see(user=investigator, instance=matter):
        # Conflicted (a subject or in a subject's chain) or outside the compartment.
        raise steps.missing(name, "This investigator cannot take this matter.")
    return investigator
