"""Take down published notices and outcomes whose display period is over (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from upright.publication.services import publication_items_expire


class Command(BaseCommand):
    help = "Mark published notices and outcomes past their display period as expired."

    def handle(self, *args: Any, **options: Any) -> None:
        count = publication_items_expire(actor=None)
        self.stdout.write(f"{count} item(s) expired.")
