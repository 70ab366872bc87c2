"""`upright lists train [--out FILE]`: retrain the list-check linkage model.

The model is screening's Splink model trained on screening's planted sample (every kind of
recording error the linkage is built to catch, with a fixed seed), so the same command gives
the same model. The list-check bands (ListMatchBand) are calibrated against it: retune them
after retraining.
"""

import json
from pathlib import Path
from typing import Any

import duckdb
from django.core.management.base import BaseCommand, CommandParser

from upright.lists.matching import MODEL_PATH
from upright.screening.linkage.model import model_train
from upright.screening.linkage.prepare import linkage_tables_build
from upright.screening.linkage.sample import sample_build


class Command(BaseCommand):
    help = "Retrain the barred/advisory list-check model (writes upright/lists/linkage_model.json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=MODEL_PATH)

    def handle(self, *args: Any, **options: Any) -> None:
        con = duckdb.connect()
        sample_build(con=con)
        linkage_tables_build(con=con)
        model = model_train(con=con)
        options["out"].write_text(json.dumps(model, indent=1, sort_keys=True) + "\n",
                                  encoding="utf-8")
        self.stdout.write(f"wrote {options['out']}")
