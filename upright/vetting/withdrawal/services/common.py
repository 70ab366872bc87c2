"""Validation and the shared steps of the withdrawal services."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import ApplicationError, NotFound, ValidationFailed
from upright.core.workdays import workdays_add
from upright.vetting.withdrawal.models import WithdrawalAssessment, WithdrawalStepRule
from upright.vetting.withdrawal.permissions import withdrawal_policy

MAX_TEXT = 20000


class Errors:
    """Collects field errors so that one response names every bad field."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, name: str, message: str = "This field is required.") -> None:
        self.fields.setdefault(name, message)

    def text(self, name: str, value: Any, *, required: bool = True, limit: int = MAX_TEXT,
             ) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(name)
            return ""
        if not isinstance(value, str):
            self.add(name, "Must be text.")
            return ""
        if len(value.strip()) > limit:
            self.add(name, f"At most {limit} characters.")
        return value.strip()

    def choice(self, name: str, value: Any, values: Sequence[str]) -> str:
        if value in (None, ""):
            self.add(name)
        elif value not in values:
            self.add(name, f"Must be one of: {', '.join(values)}.")
        return str(value or "")

    def day(self, name: str, value: Any, *, required: bool = True,
            not_before: dt.date | None = None) -> dt.date | None:
        """A date that has happened: not in the future, nor before `not_before`."""
        if value in (None, ""):
            if required:
                self.add(name)
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.add(name, "Must be a date (YYYY-MM-DD).")
            return None
        if value > local_today():
            self.add(name, "Cannot be in the future.")
        elif not_before is not None and value < not_before:
            self.add(name, f"Cannot be before {not_before.isoformat()}.")
        return value

    def moment(self, name: str, value: Any) -> dt.datetime:
        """A time that has happened, timezone-aware; now when not given."""
        if value in (None, ""):
            return timezone_now()
        if not isinstance(value, dt.datetime):
            self.add(name, "Must be a date and time.")
            return timezone_now()
        if timezone.is_naive(value):
            self.add(name, "Must include a time zone.")
        elif value > timezone_now():
            self.add(name, "Cannot be in the future.")
        return value

    def raise_if_any(self) -> None:
        if self.fields:
            names = ", ".join(self.fields)
            raise ValidationFailed(f"Some fields are not valid: {names}.", {"fields": self.fields})


def step_due(*, code: str, trigger: dt.date) -> dt.date:
    """The due date of step `code` started on `trigger`: its configured working days,
    counted by the statutory rule (day 1 is the first working day after the trigger)."""
    rule = WithdrawalStepRule.objects.filter(code=code).first()
    if rule is None:
        raise ApplicationError(f"The reference rule {code!r} is missing; ask an administrator.")
    return workdays_add(trigger=trigger, n=rule.working_days)


def assessment_lock(*, actor: Any, assessment_id: Any) -> WithdrawalAssessment:
    assessment = (WithdrawalAssessment.objects.select_for_update().filter(id=assessment_id)
                  .first() if isinstance(assessment_id, int) else None)
    if assessment is None or not withdrawal_policy.user_can_see(user=actor, instance=assessment):
        raise NotFound("No such withdrawal assessment.")
    return assessment
