"""`upright workdays add DATE N`: print the deadline of N working days after DATE."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.core.workdays import workdays_add


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date in the form YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = "Deadline: the Nth working day beginning with the first working day after DATE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("date", type=str)
        parser.add_argument("n", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["n"] < 1:
            raise CommandError("N must be a whole number of working days, 1 or more")
        self.stdout.write(workdays_add(trigger=parse_date(options["date"]), n=options["n"]).isoformat())
