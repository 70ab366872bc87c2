"""`upright deadlines remind [--within N]`: the daily deadlines job. It first opens the next
6-monthly timeliness period where one has run out (PCR reg 19 / CMR reg 13), then e-mails
reminders of overdue and imminent deadlines. `--background` queues it for `upright worker`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.access.services import user_system
from upright.conduct.services.deadlines import deadlines_timeliness_roll
from upright.conduct.services.reminders import deadlines_remind
from upright.conduct.tasks import deadlines_remind_job


class Command(BaseCommand):
    help = "E-mail each investigator (or the PSD mailbox) their overdue and imminent deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--within", type=int, default=3, help="working days ahead (default 3)")
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` instead of running it here")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            job = deadlines_remind_job.enqueue(within_working_days=options["within"])
            self.stdout.write(f"Queued job {job.id}.")
            return
        actor = user_system()
        rolled = deadlines_timeliness_roll(actor=actor)
        result = deadlines_remind(actor=actor, within_working_days=options["within"])
        self.stdout.write(f"{rolled} timeliness periods opened; "
                          f"{result.deadlines} deadlines in {result.emails} e-mails")
