"""`upright withdrawal diagram`: print docs/withdrawal-states.md from the state table."""

from typing import Any

from django.core.management.base import BaseCommand

from upright.vetting.withdrawal.diagram import withdrawal_states_document


class Command(BaseCommand):
    help = "Print the withdrawal state diagram (docs/withdrawal-states.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(withdrawal_states_document(), ending="")
