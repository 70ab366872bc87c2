"""Take down published notices and outcomes whose display period is over (run daily).
`--background` queues it for `upright worker`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.publication.services import publication_items_expire
from upright.publication.tasks import publication_expire_job


class Command(BaseCommand):
    help = "Mark published notices and outcomes past their display period as expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` instead of running it here")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            self.stdout.write(f"Queued job {publication_expire_job.enqueue().id}.")
            return
        count = publication_items_expire(actor=None)
        self.stdout.write(f"{count} item(s) expired.")
