"""Register entries are built through the services, so tests exercise the real write path."""

import datetime as dt
from typing import Any

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.conduct.tests.factories import matter_in, person_new
from upright.people.models import Person
from upright.suspensions.models import Suspension
from upright.suspensions.services import (
    Notification,
    RestrictionTerms,
    SuspensionGrounds,
    restriction_impose,
    suspension_impose,
)

GROUNDS = SuspensionGrounds(
    redeployment_considered=True,
    redeployment_rejected_reason="Every alternative post gives access to the witnesses.",
    limbs=("prejudice_investigation",),
)
TERMS = RestrictionTerms(restriction_type="non_public_facing",
                         restrictions="No contact with the public; no custody duties.",
                         location="Lambeth HQ")


def aa() -> Any:
    return UserFactory(role=Role.APPROPRIATE_AUTHORITY)


def subject_with_matter(**person: Any) -> tuple[Person, str]:
    """A serving officer who is the subject of an open (recorded) matter, and its reference."""
    officer = person_new(**person)
    matter = matter_in("recorded", subjects=[officer])
    return officer, matter.reference


def suspended(*, actor: Any = None, method: str = "written",
              notified_at: dt.datetime | None = None, **kwargs: Any) -> Suspension:
    officer, ref = subject_with_matter()
    return suspension_impose(actor=actor or aa(), person_id=officer.id, matter_ref=ref,
                             grounds=GROUNDS, narrative="Witnesses are colleagues.",
                             notification=Notification(method, notified_at), **kwargs)


def restricted(*, actor: Any = None, **kwargs: Any) -> Suspension:
    officer, ref = subject_with_matter()
    return restriction_impose(actor=actor or aa(), person_id=officer.id, matter_ref=ref,
                              terms=TERMS, narrative="Risk to the public is managed.",
                              notification=Notification("written"), **kwargs)


def person_status(entry_or_person: Any) -> str:
    person_id = getattr(entry_or_person, "person_id", None) or entry_or_person.id
    return Person.objects.get(id=person_id).status


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
