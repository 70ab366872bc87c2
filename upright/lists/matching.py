"""Score one subject against the lists with the screening linkage (Splink on DuckDB).

The subject is the "workforce" side, one row per name they have used (current, previous,
alias) at each postcode; the list entries are the "index" side, one row per name on the
entry. The comparisons, the name standardisation (nicknames, Soundex, typos, swapped names,
transposed dates of birth) and the explanation are screening's own
(upright.screening.linkage); only the candidate generation differs. A list is thousands of
rows and a subject is one person, so every pair is scored (no blocking rules) and nothing a
blocking rule would have missed can be lost.

The model is a stored Splink model (linkage_model.json, made by `upright lists train-model`
from screening's planted sample), because one subject is far too little data to train on.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import nicknames
import pyarrow as pa

from upright.screening.linkage import prepare
from upright.screening.linkage.model import linker_build
from upright.screening.linkage.run import linkage_hits_build, prior_weight_of
from upright.screening.linkage.sample import schema_create

MODEL_PATH = Path(__file__).with_name("linkage_model.json")


@dataclass(frozen=True)
class Subject:
    names: tuple[tuple[str, str], ...]  # (forenames, surname), current first
    date_of_birth: dt.date
    sex: str = ""  # "M", "F" or ""
    postcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    key: str  # the ListEntry id, as text
    names: tuple[tuple[str, str], ...]
    date_of_birth: dt.date | None
    sex: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class Scored:
    key: str
    evidence_weight: float
    probability: float
    explanation: dict[str, Any]


@lru_cache(maxsize=1)
def model_load() -> tuple[dict[str, Any], str]:
    """The stored model and its SHA-256."""
    raw = MODEL_PATH.read_bytes()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


@lru_cache(maxsize=1)
def _nickname_pairs() -> pa.Table:
    pairs = sorted({(t.name2.upper(), t.name1.upper()) for t in nicknames.name_triplets()})
    return pa.table({"name": [p[0] for p in pairs], "canon": [p[1] for p in pairs]})


def _sex(value: str) -> str | None:
    return value if value in ("M", "F") else None


def _fill(con: duckdb.DuckDBPyConnection, subject: Subject, entries: Iterable[Entry]) -> None:
    schema_create(con=con)
    persons: dict[str, list[Any]] = {k: [] for k in ("record_id", "forenames", "surname", "dob",
                                                     "sex", "postcode", "address")}
    for entry in entries:
        for i, (forenames, surname) in enumerate(entry.names):
            # Each name of an entry is its own index row; the hit is per entry (entity_id).
            for k, v in zip(persons, (f"{entry.key}#{i}", forenames, surname, entry.date_of_birth,
                                      _sex(entry.sex), entry.postcode or None, None), strict=True):
                persons[k].append(v)
    arrow = pa.table(persons, schema=pa.schema([
        ("record_id", pa.string()), ("forenames", pa.string()), ("surname", pa.string()),
        ("dob", pa.date32()), ("sex", pa.string()), ("postcode", pa.string()),
        ("address", pa.string())]))
    con.register("list_rows", arrow)
    con.execute("INSERT INTO persons SELECT * FROM list_rows")
    con.execute("INSERT INTO workforce_people VALUES ('subject', ?, ?)",
                [subject.date_of_birth, _sex(subject.sex)])
    for i, (forenames, surname) in enumerate(subject.names):
        con.execute("INSERT INTO workforce_names VALUES ('subject', ?, ?, ?)",
                    [forenames, surname, "current" if i == 0 else "previous"])
    for postcode in subject.postcodes:
        con.execute("INSERT INTO workforce_addresses VALUES ('subject', NULL, ?, NULL, NULL)",
                    [postcode])


def _tables_build(con: duckdb.DuckDBPyConnection) -> None:
    """screening's linkage_tables_build, with the nickname table loaded from memory (its
    row-by-row load costs more than the whole scoring of a list)."""
    con.execute(prepare._SOUNDEX_MACRO)  # noqa: SLF001 (screening's standardisation, reused)
    con.register("nickname_pairs", _nickname_pairs())
    con.execute(f"CREATE OR REPLACE TABLE {prepare.NICKNAMES_TABLE} AS "  # noqa: S608
                "SELECT * FROM nickname_pairs")
    prepare.name_features_build(con=con)
    for table, sql in ((prepare.EMPLOYEES_TABLE, prepare.employees_sql()),
                       (prepare.INDEX_TABLE, prepare.index_sql())):
        con.execute(f"CREATE OR REPLACE TABLE {table} AS {sql}")


def subject_score(*, subject: Subject, entries: list[Entry], floor_weight: float,
                  ) -> list[Scored]:
    """Every entry whose best name variant scores at least `floor_weight` bits of evidence
    against the subject, strongest first."""
    if not entries:
        return []
    model, _ = model_load()
    settings = copy.deepcopy(model)
    settings["blocking_rules_to_generate_predictions"] = []  # score every pair
    con = duckdb.connect()
    try:
        _fill(con, subject, entries)
        _tables_build(con)
        linker = linker_build(con=con, settings=settings)
        prior = prior_weight_of(model)
        predictions = linker.inference.predict(threshold_match_weight=floor_weight + prior,
                                               warning_mode="never")
        rel = predictions.as_duckdbpyrelation()
        rows = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    finally:
        con.close()
    for row in rows:  # an entry's names are rows "<key>#<i>": the hit is per entry
        side = "r" if row["source_dataset_l"] == "employees" else "l"
        row[f"entity_id_{side}"] = str(row[f"entity_id_{side}"]).split("#")[0]
    hits = linkage_hits_build(rows=rows, model=model, prior_weight=prior,
                              threshold_weight=floor_weight, review_weight=floor_weight)
    scored = [Scored(key=h.record_id, evidence_weight=h.match_weight, probability=h.probability,
                     explanation=json.loads(h.explanation)) for h in hits]
    return sorted(scored, key=lambda s: (-s.evidence_weight, s.key))
