"""E-mail reminders of unserved notices and timeliness reports due soon (thin adapter).
`--background` queues it for `upright worker`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.notices.services import notices_reminders_send
from upright.notices.tasks import notices_reminders_send_job


class Command(BaseCommand):
    help = "E-mail the people responsible for unserved notices and timeliness reports due soon."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7,
                            help="Remind of timeliness reports due within this many days.")
        parser.add_argument("--background", action="store_true",
                            help="queue the job for `upright worker` instead of running it here")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            job = notices_reminders_send_job.enqueue(days=options["days"])
            self.stdout.write(f"Queued job {job.id}.")
            return
        summary = notices_reminders_send(actor=None, days=options["days"])
        self.stdout.write(f"{summary.emails_sent} e-mail(s): {summary.notices} notice(s), "
                          f"{summary.reports} report(s); skipped: "
                          f"{', '.join(summary.skipped_users) or 'none'}")
