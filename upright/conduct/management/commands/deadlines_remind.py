"""`upright deadlines remind [--within N]`: the daily deadlines job. It first opens the next
6-monthly timeliness period where one has run out (PCR reg 19 / CMR reg 13), then e-mails
reminders of overdue and imminent deadlines."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.access.services import user_system
from upright.conduct.services.deadlines import deadlines_timeliness_roll
from upright.conduct.services.reminders import deadlines_remind


class Command(BaseCommand):
    help = "E-mail each investigator (or the PSD mailbox) their overdue and imminent deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--within", type=int, default=3, help="working days ahead (default 3)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = user_system()
        rolled = deadlines_timeliness_roll(actor=actor)
        result = deadlines_remind(actor=actor, within_working_days=options["within"])
        self.stdout.write(f"{rolled} timeliness periods opened; "
                          f"{result.deadlines} deadlines in {result.emails} e-mails")
