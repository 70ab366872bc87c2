"""Matters are built through the services, so tests exercise the real write path."""

import datetime as dt
from typing import Any, cast

from django.utils import timezone

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.conduct.models import Matter
from upright.conduct.services import AllegationInput, matter_act, matter_record
from upright.conduct.states import MatterStatus
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory


def person_new(**kwargs: Any) -> Person:
    """A Person (typed for mypy; factory_boy's call is typed as the factory)."""
    return cast(Person, PersonFactory(**kwargs))


def recorder() -> Any:
    return UserFactory(role=Role.APPROPRIATE_AUTHORITY)


def matter_new(
    *, subjects: list[Any] | None = None, actor: Any = None,
    came_to_attention_at: dt.datetime | None = None, compartment: str = "",
    kind: str = "conduct_matter", category: str = "G5",
) -> Matter:
    subjects = subjects or [person_new()]
    return matter_record(
        actor=actor or recorder(), kind=kind, summary="Shouted at a member of the public.",
        came_to_attention_at=came_to_attention_at or timezone.now() - dt.timedelta(days=1),
        allegations=[AllegationInput(s.id, "authority_respect_courtesy", category)
                     for s in subjects],
        compartment=compartment,
    )


# Steps from "recorded" to reach each status used in the tests.
_PATHS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    MatterStatus.RECORDED: [],
    MatterStatus.REFERRED_TO_IOPC: [
        ("referral_check", {"criteria": ["serious_assault"], "rationale": "Serious."}),
    ],
    MatterStatus.SEVERITY_ASSESSMENT_PENDING: [
        ("referral_check", {"criteria": [], "rationale": "Nothing referable."}),
    ],
    MatterStatus.INVESTIGATOR_APPOINTMENT_PENDING: [
        ("referral_check", {"criteria": [], "rationale": "Nothing referable."}),
        ("assess_severity", {"level": "misconduct", "route": "investigate", "rationale": "R."}),
    ],
    MatterStatus.CLOSED_NFA: [
        ("close_nfa", {"rationale": "No case."}),
    ],
}


def matter_in(status: str, **kwargs: Any) -> Matter:
    """A matter driven through the services to `status`."""
    actor = kwargs.pop("actor", None) or recorder()
    matter = matter_new(actor=actor, **kwargs)
    for action, payload in _PATHS[status]:
        matter = matter_act(reference=matter.reference, action=action, actor=actor,
                            payload=payload)
    assert matter.status == status
    return matter


def audit_count(matter: Matter, action: str | None = None) -> int:
    events = AuditEvent.objects.filter(matter_ref=matter.reference)
    return events.filter(action=action).count() if action else events.count()
