"""`upright vetting expire`: the daily clearance job: every active clearance whose expiry
date has come is marked expired. `--background` queues it for `upright worker`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.vetting.services import clearances_expire
from upright.vetting.tasks import vetting_expire_job


class Command(BaseCommand):
    help = "Mark active vetting clearances past their expiry date as expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` instead of running it here")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            self.stdout.write(f"Queued job {vetting_expire_job.enqueue().id}.")
            return
        self.stdout.write(f"{clearances_expire(actor=None)} clearance(s) expired.")
