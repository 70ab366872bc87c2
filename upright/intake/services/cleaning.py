"""Field cleaning shared by every intake service: one set of rules, one set of messages.

Errors are collected per field and raised together as ValidationFailed with
extra={"fields": {name: [message, ...]}}, the shape the API and the forms both show.
"""

import datetime as dt
import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from upright.core.exceptions import ValidationFailed

_ALLOWED_CONTROL = {"\n", "\t"}
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,30}$")


class FieldErrors:
    """Collects messages per field; `raise_if_any` raises one ValidationFailed for all."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationFailed("Some fields are not valid.", {"fields": self.fields})


def text_clean(
    errors: FieldErrors,
    data: Any,
    field: str,
    *,
    label: str,
    max_length: int,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """A stripped string, or "" after recording why the value cannot be accepted.

    Control characters (other than new lines and tabs in multi-line text) and unpaired
    surrogates are refused: they have no place in an account of events and can corrupt exports.
    """
    value = data.get(field, "") if hasattr(data, "get") else ""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(field, f"{label} must be text.")
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not value:
        if required:
            errors.add(field, f"{label} is required.")
        return ""
    if len(value) > max_length:
        errors.add(field, f"{label} must be at most {max_length:,} characters (it has {len(value):,}).")
        return ""
    if _has_forbidden_characters(value, multiline=multiline):
        errors.add(field, f"{label} contains control characters that cannot be accepted.")
        return ""
    return value


def _has_forbidden_characters(value: str, *, multiline: bool) -> bool:
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            return True
        if category == "Cc" and not (multiline and ch in _ALLOWED_CONTROL):
            return True
    return False


def date_clean(
    errors: FieldErrors, data: Any, field: str, *, label: str, today: dt.date
) -> dt.date | None:
    """An ISO date (or a date object), not in the future; None when blank."""
    value = data.get(field) if hasattr(data, "get") else None
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            errors.add(field, f"{label} must be a date written as YYYY-MM-DD.")
            return None
    if not isinstance(value, dt.date):
        errors.add(field, f"{label} must be a date written as YYYY-MM-DD.")
        return None
    if value > today:
        errors.add(field, f"{label} cannot be in the future.")
        return None
    return value


def bool_clean(errors: FieldErrors, data: Any, field: str, *, label: str) -> bool:
    value = data.get(field, False) if hasattr(data, "get") else False
    if value in (None, ""):
        return False
    if not isinstance(value, bool):
        errors.add(field, f"{label} must be true or false.")
        return False
    return value


def email_clean(errors: FieldErrors, data: Any, field: str, *, label: str) -> str:
    value = text_clean(errors, data, field, label=label, max_length=254)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            errors.add(field, f"{label} is not a valid email address.")
            return ""
    return value


def phone_clean(errors: FieldErrors, data: Any, field: str, *, label: str) -> str:
    value = text_clean(errors, data, field, label=label, max_length=40)
    if value and not _PHONE.match(value):
        errors.add(field, f"{label} may contain only digits, spaces, brackets, dashes and a leading +.")
        return ""
    return value
