"""Correcting the bank-holiday calendar, and moving every open deadline with it.

A one-off bank holiday is usually announced months ahead (the 2022 state funeral gave ten
days' notice). When an administrator records one, every open deadline counted in working days
is recomputed from its trigger date, so no statutory period silently runs a day short.
Calendar-day and month periods do not depend on bank holidays and are left alone.
"""

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.registry import action_register
from upright.audit.services import audit_record
from upright.conduct.models import Deadline, DeadlineRule
from upright.core.exceptions import ValidationFailed
from upright.core.models import CalendarOverride
from upright.core.workdays import WorkingDayCalendar, default_calendar

CALENDAR_CHANGED = action_register("conduct.calendar.changed", "A bank-holiday correction was made")
DEADLINES_REGENERATED = action_register(
    "conduct.deadlines.regenerated", "Open working-day deadlines were recomputed"
)
_BATCH = 5000


@dataclass(frozen=True)
class RegenerationResult:
    checked: int
    changed: int
    seconds: float


def calendar_day_set(*, actor: Any, day: dt.date, is_holiday: bool, name: str) -> RegenerationResult:
    """Record that `day` is (or is not) a bank holiday in England and Wales, then regenerate."""
    perm_require(user=actor, perm=Perm.ADMINISTER)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed("Give the holiday a name.", {"fields": {"name": ["This field is required."]}})
    with transaction.atomic():
        override, created = CalendarOverride.objects.update_or_create(
            day=day, defaults={"is_holiday": is_holiday, "name": name[:100]}
        )
        audit_record(action=CALENDAR_CHANGED, actor=actor, target=override,
                     extra={"day": day, "is_holiday": is_holiday, "name": name, "created": created})
        return deadlines_regenerate(actor=actor)


def calendar_day_clear(*, actor: Any, day: dt.date) -> RegenerationResult:
    """Remove a correction: `day` follows the published calendar again."""
    perm_require(user=actor, perm=Perm.ADMINISTER)
    with transaction.atomic():
        deleted, _ = CalendarOverride.objects.filter(day=day).delete()
        audit_record(action=CALENDAR_CHANGED, actor=actor, object_type="core.calendaroverride",
                     extra={"day": day, "cleared": bool(deleted)})
        return deadlines_regenerate(actor=actor)


def deadlines_regenerate(*, actor: Any, calendar: WorkingDayCalendar | None = None) -> RegenerationResult:
    """Recompute the due date of every open working-day deadline from its trigger date with the
    calendar in force. Only rows whose date changes are written; one audit event summarises."""
    started = time.perf_counter()
    calendar = calendar or default_calendar()
    periods = dict(DeadlineRule.objects.filter(unit=DeadlineRule.Unit.WORKING_DAYS)
                   .values_list("code", "amount"))
    due_for: dict[tuple[dt.date, int], dt.date] = {}  # many deadlines share trigger and length
    checked, changes = 0, []
    rows = (Deadline.objects.filter(satisfied_at__isnull=True, code__in=list(periods))
            .values_list("id", "code", "trigger_date", "due_date").order_by("id"))
    with transaction.atomic():
        for pk, code, trigger, due in rows.iterator(chunk_size=_BATCH):
            checked += 1
            key = (trigger, periods[code])
            if key not in due_for:
                due_for[key] = calendar.add(trigger, periods[code])
            if due_for[key] != due:
                changes.append(Deadline(id=pk, due_date=due_for[key]))
        Deadline.objects.bulk_update(changes, ["due_date"], batch_size=_BATCH)
        result = RegenerationResult(checked, len(changes), round(time.perf_counter() - started, 3))
        audit_record(action=DEADLINES_REGENERATED, actor=actor, object_type="conduct.deadline",
                     extra={"checked": result.checked, "changed": result.changed})
    return result
