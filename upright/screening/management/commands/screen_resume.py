"""`upright screen resume RUN_ID`: queue a failed or interrupted screening run again, with the
folder, workforce, out dir and parameters it was started with. Refused, saying what changed,
when the extract (or HR or model file) is no longer the one the run started with."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.core.exceptions import ApplicationError
from upright.screening.services.runs import screening_run_resume


class Command(BaseCommand):
    help = "Queue a failed or interrupted screening run again for `upright worker`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run = screening_run_resume(actor=None, run_id=options["run_id"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Run {run.pk} queued again (attempt {run.attempts}); `upright worker` works it."))
