"""The one place the domain asks for the time, so tests can freeze it."""

import datetime as dt

from django.utils import timezone


def timezone_now() -> dt.datetime:
    return timezone.now()


def day_start(day: dt.date) -> dt.datetime:
    """The first instant of `day` in the current (Europe/London) time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def local_today() -> dt.date:
    """Today's date in Europe/London, the calendar statutory deadlines are counted in."""
    return timezone.localdate(timezone.now())
