"""`upright vetting revet [--seed N] [--now]`: the daily randomised re-vetting job. It draws
a sample at the configured rate when the configured interval has passed since the last
draw (seeded by the date); `--now` draws at once, with `--seed` if given. `--background`
queues the daily job for `upright worker`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.vetting.services import revetting_draw, revetting_draw_if_due
from upright.vetting.tasks import vetting_revet_job


class Command(BaseCommand):
    help = "Draw the randomised re-vetting sample (when due, or at once with --now)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="draw now, even if not yet due")
        parser.add_argument("--seed", type=int, default=None, help="random seed (with --now)")
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` instead of running it here")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            self.stdout.write(f"Queued job {vetting_revet_job.enqueue().id}.")
            return
        draw = (revetting_draw(actor=None, seed=options["seed"]) if options["now"]
                else revetting_draw_if_due(actor=None))
        if draw is None:
            self.stdout.write("No draw due.")
            return
        self.stdout.write(f"Draw {draw.pk} (seed {draw.seed}): {len(draw.person_ids)} of "
                          f"{draw.eligible} eligible picked for re-vetting.")
