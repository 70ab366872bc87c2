"""`upright conduct diagram`: print docs/conduct-states.md (Mermaid) from the state table."""

from typing import Any

from django.core.management.base import BaseCommand

from upright.conduct.diagram import states_document


class Command(BaseCommand):
    help = "Print the conduct state diagram (Markdown with Mermaid) generated from states.py."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(states_document(), ending="")
