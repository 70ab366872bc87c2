"""`upright insight refresh`: recompute the summary tables that dashboards and the public
portal read (official returns and disproportionality, whole force), for the last
`--years` financial years (default 2: this one and the one before). `--background` queues
it for `upright worker`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from upright.insight.returns import financial_year_of
from upright.insight.summary import summary_refresh_all
from upright.insight.summary_tasks import insight_refresh_job


class Command(BaseCommand):
    help = "Recompute the statistics summary tables (returns, disproportionality)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--years", type=int, default=2,
                            help="how many financial years back, this one included (1-20)")
        parser.add_argument("--year", type=int, action="append", default=None,
                            help="a financial year's first calendar year (repeatable)")
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` instead of running it here")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["years"] <= 20:
            raise CommandError("--years must be between 1 and 20.")
        current = financial_year_of(day=timezone.localdate())
        years = options["year"] or [current - i for i in range(options["years"])]
        if options["background"]:
            self.stdout.write(f"Queued job {insight_refresh_job.enqueue(years=years).id}.")
            return
        for summary in summary_refresh_all(years=years, actor=None):
            self.stdout.write(f"{summary.name} {summary.params_key}: {len(summary.rows)} "
                              f"rows in {summary.elapsed_ms} ms")
