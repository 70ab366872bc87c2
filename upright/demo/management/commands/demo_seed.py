"""`upright demo seed --people N --seed S [--matters M] [--years Y] [--as-of DATE] [--if-empty]`"""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upright.demo.services import demo_force_exists, demo_force_seed, matters_default


class Command(BaseCommand):
    help = "Generate a deterministic synthetic force (people, reports, matters) for the demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--matters", type=int, default=None,
                            help="default: the published Met rates over --years (about 2.9 per person)")
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                            help="the cut-off day (default today); same seed and day, same data")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing if any person already exists")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and demo_force_exists():
            self.stdout.write("People already exist: nothing seeded (--if-empty).")
            return
        matters = options["matters"]
        if matters is None:
            matters = matters_default(people=options["people"], years=options["years"])
        self.stdout.write(f"Seeding {options['people']:,} people and {matters:,} matters "
                          f"(seed {options['seed']}) ...")
        s = demo_force_seed(people=options["people"], seed=options["seed"], matters=matters,
                            years=options["years"], as_of=options["as_of"])
        by_status = s.counts["matters_by_status"]
        open_count = sum(n for status, n in by_status.items() if not status.startswith("closed"))
        kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(s.counts["people_by_kind"].items()))
        self.stdout.write(self.style.SUCCESS(
            f"Seeded demo force (seed {s.seed}, as of {s.as_of}) in {s.timings['total']:.1f} s:\n"
            f"  people      {s.people:,} in {s.units:,} org units ({kinds})\n"
            f"  reports     {s.reports:,}  ({s.counts['reports_by_status']})\n"
            f"  matters     {s.matters:,}  ({open_count:,} open), "
            f"{s.counts['allegations']:,} allegations, {s.counts['status_changes']:,} history rows, "
            f"{s.counts['deadlines']:,} deadlines\n"
            f"  records     " + ", ".join(f"{k} {v:,}" for k, v in s.counts["step_records"].items())
            + f"; {s.counts['investigators']:,} investigators\n"
            f"  register    {s.counts['suspensions']}\n"
            f"  timings     " + ", ".join(f"{k} {v:.1f}s" for k, v in s.timings.items())))
