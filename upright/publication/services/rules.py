"""Publication periods from PublicationRule rows, counted in England and Wales working days."""

import datetime as dt

from upright.core.exceptions import Conflict
from upright.core.workdays import workdays_add, workdays_between
from upright.publication.models import PublicationRule

HEARING_NOTICE_LEAD = "hearing_notice_lead"
OUTCOME_WINDOW_START = "outcome_window_start"
OUTCOME_WINDOW_END = "outcome_window_end"
OUTCOME_MIN_DISPLAY = "outcome_min_display"
OUTCOME_DISPLAY = "outcome_display"
BARRED_LIST_REPORT = "barred_list_report"
ADVISORY_LIST_REPORT = "advisory_list_report"


def rule_get(*, code: str) -> PublicationRule:
    rule = PublicationRule.objects.filter(code=code).first()
    if rule is None:
        raise Conflict(f"The publication rule {code!r} is not configured.", {"rule": code})
    return rule


def rule_apply(*, rule: PublicationRule, trigger: dt.date) -> dt.date:
    """The last day of `rule`'s period after `trigger` (working days: the statutory count,
    day 1 being the first working day after the trigger)."""
    if rule.unit == PublicationRule.Unit.WORKING_DAYS:
        return workdays_add(trigger=trigger, n=rule.amount)
    return trigger + dt.timedelta(days=rule.amount)


def rule_days(*, code: str) -> dt.timedelta:
    """A calendar-day rule as a duration (display periods run from the moment of publication)."""
    rule = rule_get(code=code)
    if rule.unit != PublicationRule.Unit.CALENDAR_DAYS:
        raise Conflict(f"The publication rule {code!r} must be in calendar days.", {"rule": code})
    return dt.timedelta(days=rule.amount)


def latest_day_before(*, event: dt.date, working_days: int) -> dt.date:
    """The latest day that still leaves `working_days` working days up to and including
    `event`: a notice published that day is "at least N working days before" it."""
    day = event - dt.timedelta(days=1)
    while workdays_between(start=day, end=event) < working_days:
        day -= dt.timedelta(days=1)
    return day


def hearing_notice_window(*, prepared_on: dt.date, hearing_date: dt.date,
                          accelerated: bool) -> tuple[dt.date, dt.date]:
    """Reg 36 notices go up at least the configured lead time before the hearing ([U]);
    an AMH notice (reg 53) has no fixed lead time, only "as soon as practicable", so its
    window runs to the day before the hearing. A window that closed before the notice was
    prepared starts on its end, so publishing late needs an override with a reason."""
    if accelerated:
        end = hearing_date - dt.timedelta(days=1)
    else:
        lead = rule_get(code=HEARING_NOTICE_LEAD)
        end = latest_day_before(event=hearing_date, working_days=lead.amount)
    return min(prepared_on, end), end


def outcome_window(*, concluded_on: dt.date) -> tuple[dt.date, dt.date]:
    """The notification period: by default the 7th to the 12th working day after the hearing
    concluded ([V] for the 2017 model, SI 2017/84 reg 30; configurable for 2020 practice)."""
    start = rule_apply(rule=rule_get(code=OUTCOME_WINDOW_START), trigger=concluded_on)
    end = rule_apply(rule=rule_get(code=OUTCOME_WINDOW_END), trigger=concluded_on)
    return start, max(start, end)
