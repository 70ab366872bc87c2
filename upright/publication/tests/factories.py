"""Items and tasks are built through the services, so tests exercise the real write path."""

import datetime as dt
from typing import Any, cast

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.publication.models import PublicationItem
from upright.publication.services import (
    hearing_notice_prepare,
    outcome_publication_prepare,
    publication_item_approve,
    publication_item_publish,
    publication_item_review,
)


def person_new(**kwargs: Any) -> Person:
    return cast(Person, PersonFactory(**kwargs))


def aa() -> Any:
    return UserFactory(role=Role.APPROPRIATE_AUTHORITY)


def audit_count(action: str = "", **filters: Any) -> int:
    queryset = AuditEvent.objects.all()
    if action:
        queryset = queryset.filter(action=action)
    return queryset.filter(**filters).count()


def outcome_new(*, actor: Any = None, person: Person | None = None,
                concluded_on: dt.date = dt.date(2025, 3, 3), matter_ref: str = "M-TEST-0001",
                ) -> PublicationItem:
    return outcome_publication_prepare(
        actor=actor or aa(), matter_ref=matter_ref, person_id=(person or person_new()).pk,
        concluded_on=concluded_on, conduct_summary="PC Smith pushed a member of the public.",
        finding="Gross misconduct", disciplinary_action="Dismissal without notice")


def notice_new(*, actor: Any = None, person: Person | None = None,
               hearing_date: dt.date = dt.date(2025, 3, 24), accelerated: bool = False,
               matter_ref: str = "M-TEST-0002") -> PublicationItem:
    return hearing_notice_prepare(
        actor=actor or aa(), matter_ref=matter_ref, person_id=(person or person_new()).pk,
        hearing_date=hearing_date, venue="Empress State Building, London",
        conduct_summary="It is alleged that the officer used excessive force.",
        accelerated=accelerated)


def reviewed(item: PublicationItem, *, actor: Any) -> PublicationItem:
    return publication_item_review(
        actor=actor, item_id=item.pk, public_summary="An officer used excessive force.",
        public_finding="Gross misconduct" if item.kind == "outcome" else "",
        public_action="Dismissal without notice" if item.kind == "outcome" else "")


def published(item: PublicationItem, *, actor: Any, override_reason: str = "",
              ) -> PublicationItem:
    reviewed(item, actor=actor)
    publication_item_approve(actor=actor, item_id=item.pk)
    return publication_item_publish(actor=actor, item_id=item.pk,
                                    override_reason=override_reason)
