"""Helpers shared by the publication services: input checks, locking and the state table."""

from typing import Any

from upright.core.exceptions import NotFound, StaleVersion, TransitionNotAllowed, ValidationFailed
from upright.people.choices import OfficerRank
from upright.people.models import Person
from upright.people.selectors import person_get
from upright.publication.models import PublicationItem
from upright.publication.states import ACTION_SOURCES, actions_from


def text_check(values: dict[str, Any], *, required: tuple[str, ...] = (),
               limits: dict[str, int] | None = None) -> dict[str, str]:
    """Strip every text value; raise ValidationFailed naming each missing or too-long field."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            errors[name] = "Must be text."
            continue
        text = (value or "").strip()
        if name in required and not text:
            errors[name] = "This field is required."
        elif limits and name in limits and len(text) > limits[name]:
            errors[name] = f"At most {limits[name]} characters."
        cleaned[name] = text
    if errors:
        raise ValidationFailed("Some fields are not valid.", {"fields": errors})
    return cleaned


def person_require(*, person_id: Any) -> Person:
    person = person_get(person_id=person_id) if isinstance(person_id, int) else None
    if person is None:
        raise ValidationFailed("No such person.", {"fields": {"person_id": "No such person."}})
    return person


def rank_label(person: Person) -> str:
    value = person.rank_or_grade
    return str(OfficerRank(value).label) if value in OfficerRank.values else value


def item_lock(*, item_id: Any) -> PublicationItem:
    """The item, locked for the rest of the transaction (a no-op on SQLite)."""
    item = (PublicationItem.objects.select_for_update().filter(id=item_id).first()
            if isinstance(item_id, int) else None)
    if item is None:
        raise NotFound("No such publication item.")
    return item


def action_check(*, item: PublicationItem, action: str, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != item.version:
        raise StaleVersion("This item changed since you loaded it; reload and try again.",
                           {"version": item.version})
    if item.status not in ACTION_SOURCES[action]:
        raise TransitionNotAllowed(
            f"You cannot {action} an item that is {item.get_status_display().lower()}.",
            {"status": item.status, "allowed_actions": actions_from(item.status)})
