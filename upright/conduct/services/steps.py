"""What a transition handler returns, and the payload readers every handler shares.

A handler reads and validates the payload (raising ValidationFailed naming the field), and
returns a `Step`: the matter columns to change, the history reason, what the history and the
audit event record, what to write in the same transaction (`after`) and what to do in other
apps once it has committed (`effects`, run by the gate through transaction.on_commit).
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from upright.core.exceptions import ValidationFailed

Payload = Mapping[str, Any]
TEXT_MAX = 20000


@dataclass(frozen=True)
class Effect:
    """A call into another app after commit: `name` is a key of effects.EFFECTS."""

    name: str
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Contact:
    """The update a complaint step gives the complainant (CMR Part 4): what they are told,
    how (blank: each complainant's preferred method), any letter, and to whom (None: all)."""

    summary: str
    method: str = ""
    letter: str = ""
    complainant_id: int | None = None


@dataclass
class Step:
    changes: dict[str, Any]
    reason: str
    recorded: dict[str, Any]
    after: Callable[[Any], None] | None = None
    effects: list[Effect] = field(default_factory=list)
    contact: Contact | None = None  # complaints only; the gate logs a default update otherwise


Handler = Callable[[Any, Payload, Any, dt.datetime], Step]


def missing(field: str, message: str = "This field is required.") -> ValidationFailed:
    return ValidationFailed(f"{field}: {message}", {"fields": {field: message}})


def text(payload: Payload, name: str, *, required: bool = True, max_length: int = TEXT_MAX) -> str:
    value = payload.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise missing(name)
        return ""
    if not isinstance(value, str):
        raise missing(name, "Must be text.")
    if len(value) > max_length:
        raise missing(name, f"At most {max_length} characters.")
    return value.strip()


def choice(payload: Payload, name: str, values: list[str], *, required: bool = True) -> str:
    value = payload.get(name)
    if value in (None, ""):
        if required:
            raise missing(name)
        return ""
    if value not in values:
        raise missing(name, f"Must be one of: {', '.join(values)}.")
    return str(value)


def boolean(payload: Payload, name: str, *, required: bool = False) -> bool:
    value = payload.get(name)
    if value is None:
        if required:
            raise missing(name)
        return False
    if not isinstance(value, bool):
        raise missing(name, "Must be true or false.")
    return value


def date(payload: Payload, name: str, *, required: bool = True) -> dt.date | None:
    value = payload.get(name)
    if value in (None, ""):
        if required:
            raise missing(name)
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise missing(name, "Must be a date (YYYY-MM-DD).")
    return parsed


def moment(payload: Payload, name: str, *, required: bool = True) -> dt.datetime | None:
    """An aware datetime (a naive one is read as London time)."""
    value = payload.get(name)
    if value in (None, ""):
        if required:
            raise missing(name)
        return None
    if isinstance(value, str):
        try:
            value = parse_datetime(value)
        except ValueError:
            value = None
    if not isinstance(value, dt.datetime):
        raise missing(name, "Must be a date and time (ISO 8601).")
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def not_future(name: str, value: dt.datetime | dt.date, now: dt.datetime) -> None:
    limit: dt.datetime | dt.date = now if isinstance(value, dt.datetime) else timezone.localdate(now)
    if value > limit:
        raise missing(name, "Cannot be in the future.")


def local_day(value: dt.datetime) -> dt.date:
    return timezone.localdate(value)


def moment_req(payload: Payload, name: str) -> dt.datetime:
    value = moment(payload, name)
    if value is None:  # unreachable: moment() raises for a missing required value
        raise missing(name)
    return value


def date_req(payload: Payload, name: str) -> dt.date:
    value = date(payload, name)
    if value is None:
        raise missing(name)
    return value
