"""`upright lists import --list barred|advisory FILE`: import a list, all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.lists.services import ListImportRejected, list_import


class Command(BaseCommand):
    help = "Import the College of Policing's barred or advisory list (docs/lists-format.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", dest="list_kind", choices=["barred", "advisory"],
                            required=True)
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        try:
            result = list_import(actor=None, list_kind=options["list_kind"], data=data,
                                 file_name=path.name)
        except ListImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(exc.message) from exc
        self.stdout.write(f"imported {path.name} as {result.get_list_kind_display()} version "
                          f"{result.pk}: {result.row_count} entries, sha256 {result.sha256}")
