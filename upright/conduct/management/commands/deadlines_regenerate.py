"""`upright deadlines regenerate`: recompute open working-day deadlines with the current calendar."""

from typing import Any

from django.core.management.base import BaseCommand

from upright.access.services import user_system
from upright.conduct.services.calendar import deadlines_regenerate


class Command(BaseCommand):
    help = "Recompute every open working-day deadline from its trigger with the calendar in force."

    def handle(self, *args: Any, **options: Any) -> None:
        result = deadlines_regenerate(actor=user_system())
        self.stdout.write(f"{result.checked} open deadlines checked, {result.changed} moved, "
                          f"in {result.seconds:.1f} s")
