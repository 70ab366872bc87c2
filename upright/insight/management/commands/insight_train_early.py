"""`upright insight train-early [--cutoff YYYY-MM-DD] [--background] [--if-none]`: train a new
early-intervention version on Upright's own records (stored inactive, with its evaluation and
fairness audit; an analyst activates it on the early page). `--if-none` trains only when no
version exists yet (`make demo` runs it on every start)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.core.clock import local_today
from upright.core.exceptions import ApplicationError
from upright.insight.early.selectors import early_models_exist
from upright.insight.early.services import earlymodel_train_from_records
from upright.insight.early.tasks import early_train_job


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--cutoff {value!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Train an early-intervention model version on the stored records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cutoff", default=None,
                            help="features and labels use records before this date (default today)")
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` (runs as the system)")
        parser.add_argument("--if-none", action="store_true",
                            help="do nothing if a model version already exists")

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = _day(options["cutoff"]) if options["cutoff"] else None
        if options["if_none"] and early_models_exist():
            self.stdout.write("A model version exists already: nothing trained.")
            return
        if options["background"]:
            job = early_train_job.enqueue(actor_id=None,
                                          cutoff=(cutoff or local_today()).isoformat(), params={})
            self.stdout.write(f"Queued job {job.id}.")
            return
        try:
            em = earlymodel_train_from_records(actor=None, cutoff=cutoff)
        except ApplicationError as exc:
            fields = exc.extra.get("fields", {})
            raise CommandError(" ".join([exc.message, *(f"{k}: {v}" for k, v in fields.items())])
                               ) from exc
        m, src = em.metrics, em.params.get("source", {})
        self.stdout.write(
            f"Trained v{em.version} (cutoff {em.cutoff}, {'passed' if em.passed else 'FAILED'} "
            f"the fairness audit): test year {m['test_year']}, top {m['k_percent']}% precision "
            f"{m['model_top_k']['precision']:.3f} vs 2-year ranking "
            f"{m['ranking_2y_top_k']['precision']:.3f}; {src.get('people')} people, "
            f"{src.get('events')} allegations ({src.get('sustained_from_findings')} sustained by "
            f"a recorded finding).")
