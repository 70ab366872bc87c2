"""`upright patterns run [--background]`: evaluate every active repeat-pattern rule over the
whole history and raise the alerts. `--background` queues it for `upright worker`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.access.services import user_system
from upright.patterns.services import pattern_rules_run_all
from upright.patterns.tasks import pattern_rules_all_job


class Command(BaseCommand):
    help = "Run every active repeat-pattern rule over the whole history and raise the alerts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` instead of running it here")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            job = pattern_rules_all_job.enqueue()
            self.stdout.write(f"Queued job {job.id}.")
            return
        result = pattern_rules_run_all(actor=user_system())
        for code, counts in result.run.counts.items():
            self.stdout.write(f"{code}: {counts['flagged']} people matched, "
                              f"{counts['raised']} new alerts ({result.timings[code]:.2f} s)")
        self.stdout.write(f"Run {result.run.pk}: {len(result.raised)} new alerts.")
