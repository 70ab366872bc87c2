"""England and Wales working days, and the regulations' way of counting them.

A working day is any day other than a Saturday, a Sunday, or a bank holiday in England and
Wales (PCR 2020 reg 2 / the 2004 definition). Bank holidays, substitute days and one-off days
(19 Sep 2022, 8 May 2023, ...) come from the `holidays` package rather than a hand-kept list.

Counting rule (PCR regs 20, 31, 33, 45): a period of N working days runs "before the end of N
working days beginning with the first working day after" the trigger. So day 1 is the first
working day after the trigger and the deadline is the Nth working day counted from there.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class WorkingDayCalendar:
    """A calendar of E&W working days; `extra` and `removed` let an administrator correct it."""

    extra: frozenset[dt.date] = frozenset()
    removed: frozenset[dt.date] = frozenset()
    _bank: holidays.HolidayBase = field(
        default_factory=lambda: holidays.country_holidays("GB", subdiv="ENG"),
        compare=False,
        repr=False,
    )

    def is_bank_holiday(self, day: dt.date) -> bool:
        if day in self.removed:
            return False
        return day in self.extra or day in self._bank

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.is_bank_holiday(day)

    def first_working_day_after(self, trigger: dt.date) -> dt.date:
        day = trigger + ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add(self, trigger: dt.date, n: int) -> dt.date:
        """The last day of a period of `n` working days after `trigger` (the statutory rule)."""
        if n < 1:
            raise ValueError("a period must be at least one working day")
        day = self.first_working_day_after(trigger)
        counted = 1
        while counted < n:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`; negative if `end` is earlier.

        It is the inverse of `add`: between(t, add(t, n)) == n.
        """
        if end < start:
            return -self.between(end, start)
        count = 0
        day = start + ONE_DAY
        while day <= end:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def bank_holidays(self, years: Iterable[int]) -> list[dt.date]:
        days = set(self.extra)
        for year in years:
            days |= {d for d in holidays.country_holidays("GB", subdiv="ENG", years=year)}
        return sorted(d for d in days if d not in self.removed and d.year in set(years))


@lru_cache(maxsize=8)
def _calendar_for(extra: frozenset[dt.date], removed: frozenset[dt.date]) -> WorkingDayCalendar:
    return WorkingDayCalendar(extra=extra, removed=removed)


def default_calendar() -> WorkingDayCalendar:
    """The calendar in force: the `holidays` package plus the administrators' corrections
    (core.CalendarOverride), read on every call so every worker sees a change at once."""
    from django.db import DatabaseError

    from upright.core.models import CalendarOverride

    try:
        rows = list(CalendarOverride.objects.values_list("day", "is_holiday"))
    except DatabaseError:
        # Only before `migrate` has created the table (e.g. a bare CLI call): no corrections.
        return _calendar_for(frozenset(), frozenset())
    return _calendar_for(frozenset(d for d, hol in rows if hol), frozenset(d for d, hol in rows if not hol))


def workdays_add(*, trigger: dt.date, n: int, calendar: WorkingDayCalendar | None = None) -> dt.date:
    return (calendar or default_calendar()).add(trigger, n)


def workdays_between(
    *, start: dt.date, end: dt.date, calendar: WorkingDayCalendar | None = None
) -> int:
    return (calendar or default_calendar()).between(start, end)
