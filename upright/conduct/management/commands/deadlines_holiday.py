"""`upright deadlines holiday DATE NAME [--not-a-holiday | --clear]`: correct the calendar and
move every open working-day deadline with it."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.access.services import user_system
from upright.conduct.services.calendar import calendar_day_clear, calendar_day_set
from upright.core.exceptions import ApplicationError
from upright.core.management.commands.workdays_add import parse_date


class Command(BaseCommand):
    help = "Record a one-off bank holiday (or a listed day that is not one) and regenerate deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("date", type=str)
        parser.add_argument("name", type=str, nargs="?", default="")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--not-a-holiday", action="store_true")
        group.add_argument("--clear", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        day = parse_date(options["date"])
        try:
            if options["clear"]:
                result = calendar_day_clear(actor=user_system(), day=day)
            else:
                result = calendar_day_set(actor=user_system(), day=day, name=options["name"],
                                          is_holiday=not options["not_a_holiday"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{day.isoformat()} recorded; {result.changed} of {result.checked} open "
                          f"deadlines moved in {result.seconds:.1f} s")
