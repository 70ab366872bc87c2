"""Drive matters through the statutory steps with valid payloads (for tests)."""

import datetime as dt
from typing import Any

from django.utils import timezone

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.conduct.models import Matter
from upright.conduct.services import matter_act
from upright.conduct.tests.factories import matter_in

NOW = timezone.now


def served(days_ago: int = 0, **extra: Any) -> dict[str, Any]:
    return {"served_at": NOW() - dt.timedelta(days=days_ago, minutes=1), "method": "in_person",
            **extra}


def investigation_open(**kwargs: Any) -> tuple[Matter, Any]:
    """A matter under investigation, with the AA who drives it."""
    actor = kwargs.pop("actor", None) or UserFactory(role=Role.APPROPRIATE_AUTHORITY)
    level = kwargs.pop("level", "misconduct")
    matter = matter_in("severity_assessment_pending", actor=actor, **kwargs)
    investigator: Any = UserFactory(role=Role.INVESTIGATOR)
    for action, payload in [
        ("assess_severity", {"level": level, "route": "investigate", "rationale": "R"}),
        ("appoint_investigator", {"investigator_id": investigator.pk}),
    ]:
        matter = matter_act(reference=matter.reference, action=action, actor=actor,
                            payload=payload)
    return matter, actor


def act(matter: Matter, actor: Any, action: str, payload: dict[str, Any] | None = None) -> Matter:
    return matter_act(reference=matter.reference, action=action, actor=actor,
                      payload=payload or {})


def to_report(matter: Matter, actor: Any, statement: str = "") -> Matter:
    matter = act(matter, actor, "serve_reg17_notice", served(terms_of_reference="ToR"))
    matter = act(matter, actor, "schedule_interview",
                 {"specified_at": NOW() + dt.timedelta(days=7), "place": "Room 1"})
    matter = act(matter, actor, "record_interview", {"held_at": NOW()})
    return act(matter, actor, "submit_report", {"summary": "Report.",
                                                "special_conditions_statement": statement})


def to_listed(matter: Matter, actor: Any, *, decision: str, form: str,
              panel: list[dict[str, str]] | None = None, **case: Any) -> Matter:
    matter = act(matter, actor, "case_to_answer", {"decision": decision, "proceedings": True,
                                                   "form": form, "rationale": "R", **case})
    matter = act(matter, actor, "serve_reg30_notice", served())
    matter = act(matter, actor, "officer_response", {"response": "deny"})
    matter = act(matter, actor, "bundle_to_chair", {})
    if form == "hearing":
        matter = act(matter, actor, "pre_hearing", {"held_on": timezone.localdate()})
    return act(matter, actor, "list_proceedings", {
        "scheduled_on": timezone.localdate(), "venue": "HQ",
        "panel": panel if panel is not None else PANEL_2024})


PANEL_2024 = [{"role": "chair", "name": "ACC Chair"},
              {"role": "independent_member", "name": "Ms A"},
              {"role": "independent_member", "name": "Mr B"},
              {"role": "lqp_adviser", "name": "Ms Q"}]
PANEL_BEFORE_2024 = [{"role": "lqc_chair", "name": "Mr L"},
                     {"role": "superintendent_member", "name": "Supt S"},
                     {"role": "independent_member", "name": "Ms I"}]


def findings(matter: Matter, finding: str) -> list[dict[str, Any]]:
    return [{"allegation_id": a.pk, "finding": finding}
            for a in matter.allegations.order_by("id")]


# ---- public complaints ----------------------------------------------------------------------

def complaint_new(actor: Any = None, **kwargs: Any) -> tuple[Matter, Any]:
    """A complaint in initial handling, with the AA who drives it."""
    from upright.conduct.tests.factories import matter_new

    actor = actor or UserFactory(role=Role.APPROPRIATE_AUTHORITY)
    return matter_new(actor=actor, kind="complaint", **kwargs), actor


def complaint_handled_otherwise(actor: Any = None, **record: Any) -> tuple[Matter, Any]:
    """A complaint recorded, not referred, and handled otherwise than by investigation."""
    matter, actor = complaint_new(actor)
    matter = act(matter, actor, "record_under_schedule_3", {"reason": "Wants it recorded.",
                                                            **record})
    matter = act(matter, actor, "referral_check", {"criteria": [], "rationale": "Not referable."})
    matter = act(matter, actor, "handle_otherwise", {
        "outcome": "service_not_acceptable", "actions_taken": "Apology; briefing to the team.",
        "rationale": "The officer was rude."})
    return matter, actor
