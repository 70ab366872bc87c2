"""Factories for vetting tests: people, officers and records, built through the services."""

import datetime as dt
from typing import Any, cast

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory


def person_new(**kwargs: Any) -> Person:
    return cast(Person, PersonFactory(**kwargs))


def officer_new(*, with_person: bool = True, **kwargs: Any) -> Any:
    """A vetting officer, by default with a workforce record of their own (so conflicts
    can apply)."""
    return UserFactory(role=Role.VETTING_OFFICER,
                       person=person_new() if with_person else None, **kwargs)


def user_new(role: str, **kwargs: Any) -> Any:
    return UserFactory(role=role, **kwargs)


DAY = dt.date(2026, 6, 1)
