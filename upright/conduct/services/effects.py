"""Side effects in other apps, run after the transition has committed (conventions §3).

Handlers describe them as `Effect(name, kwargs)`; the gate schedules `effect_run` with
transaction.on_commit(robust=True), so a failure in another app is logged and never undoes the
statutory step that caused it. The other apps are reached only through their services.
"""

import logging
from collections.abc import Callable
from typing import Any

from upright.conduct.choices import Standard
from upright.conduct.models import Allegation, Matter
from upright.conduct.services.steps import Effect
from upright.people.selectors import person_get

logger = logging.getLogger(__name__)


def matter_subject_ids(matter: Matter) -> list[int]:
    """The people the matter's allegations are about, in allegation order, once each."""
    ids = Allegation.objects.filter(matter=matter).order_by("id").values_list("subject_id", flat=True)
    return list(dict.fromkeys(ids))


def _notice_issue(*, actor: Any, **kwargs: Any) -> None:
    from upright.notices.services import notice_issue

    notice_issue(actor=actor, **kwargs)


def _hearing_notice_prepare(*, actor: Any, **kwargs: Any) -> None:
    from upright.publication.services import hearing_notice_prepare

    hearing_notice_prepare(actor=actor, **kwargs)


def _outcome_publication_prepare(*, actor: Any, **kwargs: Any) -> None:
    from upright.publication.services import outcome_publication_prepare

    outcome_publication_prepare(actor=actor, **kwargs)


def _list_report_task_create(*, actor: Any, **kwargs: Any) -> None:
    from upright.publication.services import list_report_task_create

    list_report_task_create(actor=actor, **kwargs)


def _vetting_review_request(*, actor: Any, **kwargs: Any) -> None:
    from upright.vetting.services import vetting_review_request

    vetting_review_request(actor=actor, **kwargs)


EFFECTS: dict[str, Callable[..., None]] = {
    "notice_issue": _notice_issue,
    "hearing_notice_prepare": _hearing_notice_prepare,
    "outcome_publication_prepare": _outcome_publication_prepare,
    "list_report_task_create": _list_report_task_create,
    "vetting_review_request": _vetting_review_request,
}


def effect_run(*, effect: Effect, actor: Any) -> None:
    """Run one effect; called after commit (exceptions are logged by on_commit(robust=True))."""
    logger.info("conduct effect %s for %s", effect.name, effect.kwargs.get("matter_ref")
                or effect.kwargs.get("source_ref"))
    EFFECTS[effect.name](actor=actor, **effect.kwargs)


_PROCEEDINGS_TYPE = {"meeting": "misconduct_meeting", "hearing": "misconduct_hearing",
                     "amh": "accelerated_hearing"}


def notice_context(*, matter: Matter, person_id: int, context: dict[str, Any]) -> dict[str, Any]:
    """The fields every notice about this officer shares, plus `context`."""
    person = person_get(person_id=person_id)
    allegations = Allegation.objects.filter(matter=matter, subject_id=person_id)
    standards = sorted({Standard(a.standard).label for a in allegations})
    gross = matter.severity_level == "gross_misconduct"
    return {
        "officer_name": person.full_name if person else "", "regime": matter.regime,
        "compartment": matter.compartment, "conduct_description": matter.summary,
        "standards_breached": ", ".join(standards),
        "severity_assessment": "gross_misconduct" if gross else "misconduct",
        "likely_proceedings": "misconduct_hearing" if gross else "misconduct_meeting",
        "proceedings_type": _PROCEEDINGS_TYPE.get(matter.proceedings_form, "misconduct_meeting"),
        **context,
    }


def notices_for(*, matter: Matter, kind: str, context: dict[str, Any],
                per_person: dict[int, dict[str, Any]] | None = None) -> list[Effect]:
    """One notice per officer concerned (notices app: reg 17, reg 30, outcome)."""
    return [Effect("notice_issue", {
        "kind": kind, "matter_ref": matter.reference, "person_id": pid,
        "context": notice_context(matter=matter, person_id=pid,
                                  context={**context, **(per_person or {}).get(pid, {})})})
        for pid in matter_subject_ids(matter)]
