"""`upright workdays between A B`: print the number of working days after A up to B."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.core.management.commands.workdays_add import parse_date
from upright.core.workdays import workdays_between


class Command(BaseCommand):
    help = "Working days after A, up to and including B (negative when B is before A)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", type=str)
        parser.add_argument("end", type=str)

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = parse_date(options["start"]), parse_date(options["end"])
        self.stdout.write(str(workdays_between(start=start, end=end)))
