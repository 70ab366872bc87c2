"""Reading a CSV import row by row, collecting every problem with its line and column instead
of stopping at the first, so one rejection tells the person everything to fix (DESIGN.md:
imports are all or nothing, and a bad row is reported by line and field)."""

import datetime as dt
from dataclasses import dataclass

from upright.core.clock import local_today


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


class CsvRow:
    """One row of a CSV file being parsed; each reader appends to the shared `errors`."""

    def __init__(self, line: int, raw: dict[str, str], errors: list[RowError]) -> None:
        self.line, self.raw, self.errors = line, raw, errors

    def fail(self, name: str, message: str) -> None:
        self.errors.append(RowError(self.line, name, message))

    def text(self, name: str, *, required: bool = False, max_length: int = 100) -> str:
        value = (self.raw.get(name) or "").strip()
        if required and not value:
            self.fail(name, "is required")
        elif len(value) > max_length:
            self.fail(name, f"is longer than {max_length} characters")
        return value

    def date(self, name: str, *, required: bool = False, value: str | None = None,
             past_only: bool = False) -> dt.date | None:
        """The column (or `value`, a part of it) as an ISO date; `past_only` refuses a day
        after today."""
        text = self.text(name, required=required) if value is None else value.strip()
        if not text:
            return None
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            self.fail(name, f"{text!r} is not a date in the form YYYY-MM-DD")
            return None
        if past_only and day > local_today():
            self.fail(name, f"{text} is in the future")
            return None
        return day
