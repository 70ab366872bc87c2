"""`upright screen run --index DIR [--workforce FILE] --out DIR [--threshold W] [--review W]`:
screen the workforce (the people in the database, or an HR CSV) against an intelligence
extract and write hits.parquet, hits.csv and run.json (see screening.pipeline).
`--background` queues the run for `upright worker` instead of working it here.
`--engine spark` runs the linkage stage on Spark in local mode."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.core.exceptions import ValidationFailed
from upright.screening.extract import ExtractRejected
from upright.screening.pipeline import ENGINES, STAGES, screen_run
from upright.screening.services.execute import screening_execute
from upright.screening.services.runs import screening_run_enqueue

_BAR = 30


class Command(BaseCommand):
    help = "Screen the workforce against an intelligence extract; write the hits and a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--index", type=Path, required=True,
                            help="the extract folder (docs/screening-formats.md)")
        parser.add_argument("--workforce", type=Path, default=None,
                            help="an HR CSV (people import format); default: the database")
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--threshold", type=float, default=None,
                            help="evidence weight for a match (default 20)")
        parser.add_argument("--review", type=float, default=None,
                            help="evidence weight for review (default 10)")
        parser.add_argument("--model", type=Path, default=None,
                            help="a trained model JSON (default: train on this run)")
        parser.add_argument("--memory-limit", default=None, help='e.g. "12GB"')
        parser.add_argument("--on-disk", action="store_true",
                            help="keep working tables in a file under --out (large runs)")
        parser.add_argument("--no-record", action="store_true",
                            help="only write the files; do not record the run or import its hits")
        parser.add_argument("--count-pairs", action="store_true",
                            help="also count the candidate pairs exactly (as long again as scoring)")
        parser.add_argument("--engine", choices=ENGINES, default="duckdb",
                            help="where linkage runs: duckdb, or spark in local mode (needs the "
                                 "`spark` extra and Java 17+; docs/screening-national.md)")
        parser.add_argument("--background", action="store_true",
                            help="queue the run for `upright worker` instead of working it here")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(stage: str, fraction: float) -> None:
            filled = round(fraction * _BAR)
            self.stderr.write(f"\r[{'#' * filled}{'.' * (_BAR - filled)}] {fraction:4.0%} "
                              f"{stage:<14}", ending="\n" if fraction >= 1.0 else "")
            self.stderr.flush()

        run_options = {"threshold_weight": options["threshold"], "review_weight": options["review"],
                       "model_path": options["model"], "memory_limit": options["memory_limit"],
                       "on_disk": options["on_disk"], "count_pairs": options["count_pairs"]}
        # Recorded only when not the default, so DuckDB runs keep the parameters they had.
        if options["engine"] != "duckdb":
            run_options["engine"] = options["engine"]
        if options["background"]:
            self._enqueue(options, run_options)
            return
        imported = None
        try:
            if options["no_record"]:
                result = screen_run(index_dir=options["index"],
                                    workforce=options["workforce"] or "people",
                                    out_dir=options["out"], progress=progress, **run_options)
            else:
                run, result, imported = screening_execute(
                    actor=None, index_dir=options["index"],
                    workforce=options["workforce"] or "people", out_dir=options["out"],
                    progress=progress, **run_options)
        except ExtractRejected as exc:
            self.stderr.write("")
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if not result.rows.get("workforce_people"):
            self.stderr.write("Warning: the workforce is empty.")
        lines = ["Screening finished.",
                 "  hits     " + ", ".join(f"{k} {v:,}" for k, v in result.counts.items()),
                 "  seconds  " + ", ".join(f"{s} {result.seconds.get(s, 0.0):.1f}"
                                           for s in STAGES)
                 + f" (total {sum(result.seconds.get(s, 0.0) for s in STAGES):.1f})"]
        lines += [f"  wrote    {path}" for path in result.files]
        if imported is not None:
            lines.append(f"  recorded run {run.pk}: {imported.new:,} new hits for triage, "
                         f"{imported.unchanged:,} already seen, {imported.superseded:,} superseded, "
                         f"{imported.unknown_employee:,} for unknown staff numbers")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))

    def _enqueue(self, options: dict[str, Any], run_options: dict[str, Any]) -> None:
        if options["no_record"]:
            raise CommandError("--background records the run; it cannot be used with --no-record.")
        try:
            run = screening_run_enqueue(actor=None, index_folder=options["index"],
                                        workforce=options["workforce"] or "people",
                                        out_dir=options["out"], parameters=run_options)
        except ValidationFailed as exc:
            fields = "; ".join(f"{k}: {v}" for k, v in exc.extra.get("fields", {}).items())
            raise CommandError(f"{exc.message} {fields}".strip()) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Queued run {run.pk}: `upright worker` works it. If it is interrupted, "
            f"`upright screen resume {run.pk}` queues it again."))
