"""The E&W working-day calendar and the regulations' counting rule."""

import datetime as dt
import subprocess
import sys

import pytest

from upright.core.workdays import WorkingDayCalendar, workdays_add, workdays_between

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("trigger", "n", "expected"), [
    # Christmas, Boxing Day, a weekend and New Year's Day inside the period; crosses the year.
    (D(2025, 12, 19), 15, D(2026, 1, 14)),
    # Day 1 is the first working day *after* the trigger: Friday + 1 WD is Monday.
    (D(2025, 6, 6), 1, D(2025, 6, 9)),
    # A trigger on a Saturday: day 1 is Monday.
    (D(2025, 6, 7), 1, D(2025, 6, 9)),
    # State funeral of Queen Elizabeth II, Monday 19 Sep 2022 (one-off bank holiday).
    (D(2022, 9, 16), 1, D(2022, 9, 20)),
    # Coronation bank holiday, Monday 8 May 2023, the week after the early May bank holiday.
    (D(2023, 4, 28), 3, D(2023, 5, 4)),
    (D(2023, 5, 5), 1, D(2023, 5, 9)),
    # Substitute day: Christmas 2022 fell on a Sunday, so Tue 27 Dec was a bank holiday.
    (D(2022, 12, 23), 1, D(2022, 12, 28)),
    # Easter 2025: Good Friday 18 Apr and Easter Monday 21 Apr.
    (D(2025, 4, 17), 1, D(2025, 4, 22)),
    # Reg 31: 15 WD for the officer's response.
    (D(2025, 3, 3), 15, D(2025, 3, 24)),
])
def test_add_counts_from_first_working_day_after(trigger, n, expected):
    assert workdays_add(trigger=trigger, n=n) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2025, 12, 19), D(2026, 1, 14), 15),
    (D(2025, 6, 6), D(2025, 6, 6), 0),
    (D(2025, 6, 9), D(2025, 6, 6), -1),
    (D(2022, 9, 16), D(2022, 9, 20), 1),
])
def test_between_is_the_inverse_of_add(start, end, expected):
    assert workdays_between(start=start, end=end) == expected


def test_between_and_add_agree_over_a_year():
    trigger = D(2024, 12, 20)
    for n in range(1, 260):
        assert workdays_between(start=trigger, end=workdays_add(trigger=trigger, n=n)) == n


def test_bank_holidays_include_substitute_and_one_off_days():
    days = WorkingDayCalendar().bank_holidays([2022, 2023])
    assert D(2022, 9, 19) in days
    assert D(2023, 5, 8) in days
    assert D(2022, 12, 27) in days


def test_an_administrator_can_add_or_remove_a_day():
    extra = WorkingDayCalendar(extra=frozenset({D(2025, 6, 9)}))
    assert extra.add(D(2025, 6, 6), 1) == D(2025, 6, 10)
    removed = WorkingDayCalendar(removed=frozenset({D(2025, 12, 26)}))
    assert removed.add(D(2025, 12, 24), 1) == D(2025, 12, 26)


def test_zero_days_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        workdays_add(trigger=D(2025, 1, 1), n=0)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "upright.cli", *args], capture_output=True,
                          text=True, check=False,
                          env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": ""})


def test_cli_prints_only_the_iso_date():
    result = _cli("workdays", "add", "2025-12-19", "15")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2026-01-14\n"


def test_cli_between_prints_the_count():
    result = _cli("workdays", "between", "2025-12-19", "2026-01-14")
    assert result.stdout == "15\n"


def test_cli_rejects_a_bad_date_clearly():
    result = _cli("workdays", "add", "19/12/2025", "15")
    assert result.returncode != 0
    assert "not a date in the form YYYY-MM-DD" in result.stderr
