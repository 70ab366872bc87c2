"""`upright people import-transfer FILE`: import a previous force's records for people who
transferred in (docs/transfer-records.md), all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.people.importing import ImportRejected
from upright.people.transfer_import import prior_force_records_import


class Command(BaseCommand):
    help = ("Import a transfer file of records from a previous force "
            "(see docs/transfer-records.md). All rows or none.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        try:
            result = prior_force_records_import(text=text, actor=None, source_name=path.name)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(exc.message) from exc
        self.stdout.write(f"imported {path.name}: {result.created} record(s) for "
                          f"{result.people} person(s), SHA-256 {result.checksum}")
