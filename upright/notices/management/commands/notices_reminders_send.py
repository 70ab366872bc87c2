"""E-mail reminders of unserved notices and timeliness reports due soon (thin adapter)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.notices.services import notices_reminders_send


class Command(BaseCommand):
    help = "E-mail the people responsible for unserved notices and timeliness reports due soon."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7,
                            help="Remind of timeliness reports due within this many days.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = notices_reminders_send(actor=None, days=options["days"])
        self.stdout.write(f"{summary.emails_sent} e-mail(s): {summary.notices} notice(s), "
                          f"{summary.reports} report(s); skipped: "
                          f"{', '.join(summary.skipped_users) or 'none'}")
