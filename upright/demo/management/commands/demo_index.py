"""`upright demo index --persons N --seed S --out DIR [--rates k=v,...] [--as-of DATE]
[--workforce HR.csv]`: a synthetic intelligence extract for the demo workforce, with its truth."""

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
from django.core.management.base import BaseCommand, CommandError, CommandParser

from upright.screening.synthetic import index_generate, rates_parse
from upright.screening.workforce import workforce_load


class Command(BaseCommand):
    help = ("Write a synthetic intelligence extract (Parquet) for the workforce, with a truth "
            "file of planted identities, associations and hard negatives.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--rates", default="",
                            help="e.g. identities=0.02,typo=0.5 (see screening.synthetic.Rates)")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                            help="the day events and addresses are dated back from "
                                 "(default today); same seed and day, same extract")
        parser.add_argument("--workforce", type=Path, default=None,
                            help="an HR CSV (people import format) instead of the database")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rates = rates_parse(options["rates"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        con = duckdb.connect()
        counts = workforce_load(con=con, source=options["workforce"] or "people")
        if not counts["workforce_people"]:
            raise CommandError("The workforce is empty: run `upright demo seed` first.")
        try:
            result = index_generate(con=con, persons=options["persons"], seed=options["seed"],
                                    out=options["out"], rates=rates, as_of=options["as_of"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        planted = ", ".join(f"{k} {result.planted[k]}/{result.requested[k]}"
                            for k in result.requested)
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {result.persons:,} persons for {counts['workforce_people']:,} employees "
            f"to {options['out']} in {result.seconds:.1f} s\n"
            f"  rows     " + ", ".join(f"{k} {v:,}" for k, v in result.rows.items()) + "\n"
            "  truth    " + ", ".join(f"{k} {v:,}" for k, v in sorted(result.truth.items()))
            + f"\n  planted  {planted} (achieved/requested)"))
