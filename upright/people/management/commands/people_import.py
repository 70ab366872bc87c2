"""`upright people import FILE`: import an HR extract, all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.people.importing import ImportRejected, people_import


class Command(BaseCommand):
    help = "Import an HR CSV extract (see upright/people/hr_format.py). All rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        try:
            result = people_import(text=text, actor=None, source_name=path.name)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(exc.message) from exc
        self.stdout.write(f"imported {path.name}: {result.created} created, "
                          f"{result.updated} updated")
