"""`upright deadlines remind [--within N]`: e-mail reminders of overdue and imminent deadlines."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.access.services import user_system
from upright.conduct.services.reminders import deadlines_remind


class Command(BaseCommand):
    help = "E-mail each investigator (or the PSD mailbox) their overdue and imminent deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--within", type=int, default=3, help="working days ahead (default 3)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = deadlines_remind(actor=user_system(), within_working_days=options["within"])
        self.stdout.write(f"{result.deadlines} deadlines in {result.emails} e-mails")
