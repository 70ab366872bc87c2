"""Input checks shared by the vetting services: each collects every bad field, then raises
one ValidationFailed naming them all, so nothing is written on bad input."""

import datetime as dt
from typing import Any

from upright.core.exceptions import NotFound, ValidationFailed
from upright.people.models import Person
from upright.vetting.permissions import VIEW, record_policy


class Fields:
    """Collects field errors; `raise_if_any` raises them as one ValidationFailed."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def text(self, name: str, value: Any, *, required: bool = True, limit: int = 10_000) -> str:
        if value is not None and not isinstance(value, str):
            self.errors[name] = "Must be text."
            return ""
        text = (value or "").strip()
        if required and not text:
            self.errors[name] = "This field is required."
        elif len(text) > limit:
            self.errors[name] = f"At most {limit} characters."
        return text

    def choice(self, name: str, value: Any, choices: list[str], *, required: bool = True,
               ) -> str:
        if (value in ("", None)) and not required:
            return ""
        if value not in choices:
            self.errors[name] = f"Must be one of: {', '.join(choices)}."
            return ""
        return str(value)

    def date(self, name: str, value: Any, *, not_after: dt.date | None = None) -> dt.date | None:
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                value = None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.errors[name] = "Must be a date (YYYY-MM-DD)."
            return None
        if not_after is not None and value > not_after:
            self.errors[name] = f"Cannot be after {not_after.isoformat()}."
        return value

    def integer(self, name: str, value: Any, *, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.errors[name] = "Must be a whole number."
            return 0
        if not low <= value <= high:
            self.errors[name] = f"Must be between {low} and {high}."
        return value

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed("Some fields are not valid.", {"fields": dict(self.errors)})


def text_fields(values: dict[str, Any], *, required: tuple[str, ...], limits: dict[str, int],
                ) -> dict[str, str]:
    fields = Fields()
    cleaned = {name: fields.text(name, value, required=name in required,
                                 limit=limits.get(name, 10_000))
               for name, value in values.items()}
    fields.raise_if_any()
    return cleaned


def person_for_vetting(*, actor: Any, person_id: Any, perm: str = VIEW,
                       field: str = "person_id") -> Person:
    """The person, if `actor` may act on their vetting records; otherwise a field error (no
    such person) or NotFound (the actor is in conflict: themselves or their chain)."""
    person = (Person.objects.select_related("org_unit").filter(id=person_id).first()
              if isinstance(person_id, int) and not isinstance(person_id, bool) else None)
    if person is None:
        raise ValidationFailed("No such person.", {"fields": {field: "No such person."}})
    if actor is not None and not record_policy.person_is_visible(user=actor, person_id=person.pk,
                                                                 perm=perm):
        raise NotFound("No such person.")
    return person
