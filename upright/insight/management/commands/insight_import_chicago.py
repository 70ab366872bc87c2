"""`upright insight import-chicago [--limit N] [--data DIR]`: import the Chicago (CPDP)
officers and complaints into people and conduct (see docs/chicago-import.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.core.exceptions import ApplicationError
from upright.insight.chicago_data import DATA
from upright.insight.chicago_import import chicago_import


class Command(BaseCommand):
    help = "Import the Chicago police complaints and officer roster (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="only the first N officers")
        parser.add_argument("--data", default=str(DATA), help="folder holding the .csv.gz files")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = chicago_import(actor=None, data=Path(options["data"]), limit=options["limit"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Imported {counts.people} people, {counts.units} units, "
                          f"{counts.matters} matters, {counts.allegations} allegations "
                          f"({counts.skipped_allegations} allegations against officers not imported).")
