"""`upright conduct_timeliness_roll`: open the next 6-monthly timeliness report periods."""

from typing import Any

from django.core.management.base import BaseCommand

from upright.access.services import user_system
from upright.conduct.services.deadlines import deadlines_timeliness_roll


class Command(BaseCommand):
    help = "Open the next timeliness report period (PCR reg 19; CMR reg 13) where one has ended."

    def handle(self, *args: Any, **options: Any) -> None:
        opened = deadlines_timeliness_roll(actor=user_system())
        self.stdout.write(f"{opened} timeliness periods opened")
