# ruff: noqa: S608  (SQL names come from formats.py; file paths and CSV header names are quoted
# by _sql_str / quote, so no text from an extract is ever spliced in unquoted)
"""Load an intelligence extract (a folder of Parquet or CSV tables) into DuckDB, all or nothing.

Each table is read into a staging table with its row number, every rule is checked in SQL
(no per-row Python, so ten million persons load in seconds), and only when every table passes
are the final tables (``persons``, ``phones``, ``vehicles``, ``addresses``, ``events``,
``links``) created, in one DuckDB transaction. A refused extract leaves the connection as it
was and writes nothing to the Django database. The format is in docs/screening-formats.md.
"""

import csv
import functools
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from upright.core.exceptions import ValidationFailed
from upright.screening.formats import (
    ROLES,
    SEX_VALUES,
    TABLES,
    Column,
    Table,
    quote,
    sql_type,
)

MAX_ERRORS = 50
_DATE_TYPES = {"DATE", "VARCHAR"}
_NESTED = ("[]", "STRUCT", "MAP", "UNION")


@dataclass(frozen=True)
class ExtractError:
    """One problem. line: the physical CSV line (header = 1) or the Parquet row number
    (first row = 1); None when the problem is the whole file or a whole column."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.file, f"line {self.line}" if self.line else "",
                                      self.column or "") if p)
        return f"{where}: {self.message}"


class ExtractRejected(ValidationFailed):
    """The extract breaks the format; nothing was loaded. `errors` lists the problems found."""

    def __init__(self, errors: list[ExtractError]) -> None:
        super().__init__(
            f"The extract was refused: {len(errors)} problem(s) found. Nothing was loaded.",
            extra={"errors": [asdict(e) for e in errors]},
        )
        self.errors = errors


@dataclass(frozen=True)
class ExtractSummary:
    folder: Path
    rows: dict[str, int]
    formats: dict[str, str]  # table -> "parquet" | "csv" | "absent"
    seconds: float


@dataclass
class _Staged:
    table: Table
    path: Path | None
    fmt: str  # parquet | csv | absent
    stage: str
    header: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.path.name if self.path else f"{self.table.name}.csv"


def extract_load(*, folder: Path, con: duckdb.DuckDBPyConnection) -> ExtractSummary:
    """Validate and load every table of the extract in `folder` into `con`.

    Raises ExtractRejected (nothing loaded) listing up to MAX_ERRORS problems, each with its
    file, line and column."""
    started = time.monotonic()
    folder = Path(folder)
    staged: list[_Staged] = []
    errors: list[ExtractError] = []
    try:
        for table in TABLES:
            item = _stage(table, folder, con, errors)
            if item is not None:
                staged.append(item)
        if not errors:
            for item in staged:
                _check_values(item, con, errors)
        if not errors:
            _check_references(staged, con, errors)
        if errors:
            _csv_lines_fix(staged, con, errors)
            raise ExtractRejected(errors[:MAX_ERRORS])
        rows = _publish(staged, con)
    finally:
        for item in staged:
            con.execute(f"DROP TABLE IF EXISTS {item.stage}")
    return ExtractSummary(folder=folder, rows=rows, formats={s.table.name: s.fmt for s in staged},
                          seconds=time.monotonic() - started)


# -- staging ---------------------------------------------------------------------------------
def _stage(table: Table, folder: Path, con: duckdb.DuckDBPyConnection,
           errors: list[ExtractError]) -> _Staged | None:
    parquet, csv_path = folder / f"{table.name}.parquet", folder / f"{table.name}.csv"
    stage = f"_stage_{table.name}"
    if parquet.exists():
        item = _Staged(table, parquet, "parquet", stage)
        ok = _stage_parquet(item, con, errors)
    elif csv_path.exists():
        item = _Staged(table, csv_path, "csv", stage)
        ok = _stage_csv(item, con, errors)
    elif table.required:
        errors.append(ExtractError(f"{table.name}.csv", None, None,
                                   f"the {table.name} table is required: there is no "
                                   f"{table.name}.parquet or {table.name}.csv (it may hold "
                                   f"only the header)"))
        return None
    else:
        item = _Staged(table, None, "absent", stage)
        cols = ", ".join(f"{quote(c.name)} {sql_type(c)}" for c in table.columns)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {stage} (_line BIGINT, {cols})")
        ok = True
    return item if ok else None


def _stage_csv(item: _Staged, con: duckdb.DuckDBPyConnection,
               errors: list[ExtractError]) -> bool:
    if item.path is None:
        return False
    try:
        # Only the first line is decoded here: DuckDB reports bad bytes further down by line.
        with item.path.open("rb") as fh:
            first = fh.readline().decode("utf-8-sig")
        header = next(csv.reader([first.rstrip("\r\n")]), None)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        errors.append(ExtractError(item.file, 1, None, f"cannot be read as UTF-8 CSV: {exc}"))
        return False
    if not header or not any(h.strip() for h in header):
        errors.append(ExtractError(item.file, 1, None,
                                   "the file is empty: the first line must be the header"))
        return False
    header = [h.strip() for h in header]
    item.header = header
    before = len(errors)
    for name in sorted({h for h in header if header.count(h) > 1}):
        errors.append(ExtractError(item.file, 1, name, "the column appears more than once"))
    for column in item.table.columns:
        if column.name not in header:
            errors.append(ExtractError(item.file, 1, column.name, "missing column"))
    if len(errors) > before:
        return False
    types = ", ".join(f"{_sql_str(h)}: 'VARCHAR'" for h in header)
    select = ", ".join(f"nullif(trim({quote(c.name)}), '') AS {quote(c.name)}"
                       for c in item.table.columns)
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {item.stage} AS "
            f"SELECT (row_number() OVER () + 1)::BIGINT AS _line, {select} "
            f"FROM read_csv({_sql_str(str(item.path))}, columns={{{types}}}, header=true, "
            f"auto_detect=false, delim=',', quote='\"', escape='\"', strict_mode=true, "
            f"encoding='utf-8')")
    except duckdb.Error as exc:
        errors.append(_duckdb_error(item.file, exc))
        return False
    return True


def _stage_parquet(item: _Staged, con: duckdb.DuckDBPyConnection,
                   errors: list[ExtractError]) -> bool:
    source = f"read_parquet({_sql_str(str(item.path))}, file_row_number=true)"
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as exc:
        errors.append(ExtractError(item.file, None, None,
                                   f"cannot be read as Parquet: {_first_line(exc)}"))
        return False
    types = {str(row[0]): str(row[1]) for row in described}
    before = len(errors)
    for column in item.table.columns:
        found = types.get(column.name)
        if found is None:
            errors.append(ExtractError(item.file, None, column.name, "missing column"))
        elif column.kind == "date" and found not in _DATE_TYPES:
            errors.append(ExtractError(item.file, None, column.name,
                                       f"must be a DATE (or ISO text), not {found}"))
        elif any(marker in found for marker in _NESTED):
            errors.append(ExtractError(item.file, None, column.name,
                                       f"must be a plain value, not {found}"))
    if len(errors) > before:
        return False
    item.header = list(types)
    parts = []
    for column in item.table.columns:
        name = quote(column.name)
        if types[column.name] == "DATE":
            parts.append(name)
        else:
            parts.append(f"nullif(trim(CAST({name} AS VARCHAR)), '') AS {name}")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {item.stage} AS "
                    f"SELECT (file_row_number + 1)::BIGINT AS _line, {', '.join(parts)} "
                    f"FROM {source}")
    except duckdb.Error as exc:
        errors.append(ExtractError(item.file, None, None,
                                   f"cannot be read as Parquet: {_first_line(exc)}"))
        return False
    return True


# -- rules -----------------------------------------------------------------------------------
def _check_values(item: _Staged, con: duckdb.DuckDBPyConnection,
                  errors: list[ExtractError]) -> None:
    staged_types = {str(r[0]): str(r[1]) for r in
                    con.execute(f"DESCRIBE {item.stage}").fetchall()}
    for column in item.table.columns:
        name = quote(column.name)
        if column.required:
            _collect(con, errors, item, column,
                     f"SELECT _line, NULL FROM {item.stage} WHERE {name} IS NULL",
                     lambda _v: "a value is required")
        if column.kind == "date" and staged_types[column.name] == "VARCHAR":
            _collect(con, errors, item, column,
                     f"SELECT _line, {name} FROM {item.stage} WHERE {name} IS NOT NULL AND "
                     f"(NOT regexp_full_match({name}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
                     f"OR try_cast({name} AS DATE) IS NULL)",
                     lambda v: f"{v!r} is not a date in the form YYYY-MM-DD")
        allowed: tuple[str, ...] = {"role": ROLES, "sex": SEX_VALUES}.get(column.kind, ())
        if allowed:
            listed = ", ".join(_sql_str(v) for v in allowed)
            choices = ", ".join(allowed)
            _collect(con, errors, item, column,
                     f"SELECT _line, {name} FROM {item.stage} "
                     f"WHERE {name} IS NOT NULL AND {name} NOT IN ({listed})",
                     functools.partial(_not_one_of, choices=choices))
    if item.table.name == "persons":
        # A hash aggregate finds the duplicated ids; only those rows are then read back.
        _collect(con, errors, item, item.table.columns[0],
                 f"""WITH dup AS (SELECT record_id FROM {item.stage} GROUP BY record_id
                                  HAVING count(*) > 1),
                     rows AS (SELECT s._line, s.record_id,
                                     min(s._line) OVER (PARTITION BY s.record_id) AS first
                              FROM {item.stage} s SEMI JOIN dup USING (record_id))
                     SELECT _line, record_id || ' (first on line ' || first || ')'
                     FROM rows WHERE _line > first""",
                 lambda v: f"duplicate record_id {v}")


def _check_references(staged: list[_Staged], con: duckdb.DuckDBPyConnection,
                      errors: list[ExtractError]) -> None:
    persons = next((s for s in staged if s.table.name == "persons"), None)
    if persons is None:
        return
    for item in staged:
        for ref in item.table.references:
            column = next(c for c in item.table.columns if c.name == ref)
            _collect(con, errors, item, column,
                     f"SELECT s._line, s.{ref} FROM {item.stage} s "
                     f"ANTI JOIN {persons.stage} p ON s.{ref} = p.record_id",
                     lambda v: f"{v!r} is not a record_id in persons")
        if item.table.name == "links":
            _collect(con, errors, item, item.table.columns[1],
                     f"SELECT _line, record_b FROM {item.stage} WHERE record_a = record_b",
                     lambda v: f"{v!r} is linked to itself")


def _collect(con: duckdb.DuckDBPyConnection, errors: list[ExtractError], item: _Staged,
             column: Column, sql: str, message: Callable[[object], str]) -> None:
    room = MAX_ERRORS - len(errors)
    if room <= 0:
        return
    rows = con.execute(f"SELECT * FROM ({sql}) ORDER BY 1 LIMIT {room}").fetchall()
    errors.extend(ExtractError(item.file, int(line), column.name, message(value))
                  for line, value in rows)



def _csv_lines_fix(staged: list[_Staged], con: duckdb.DuckDBPyConnection,
                   errors: list[ExtractError]) -> None:
    """Row ordinals equal physical lines unless a quoted value spans lines; then shift each
    error by the line breaks inside the rows before it (one SQL pass, on refusal only)."""
    for item in staged:
        mine = [e for e in errors if e.file == item.file and e.line and e.line > 1]
        if item.fmt != "csv" or not mine or item.path is None:
            continue
        last = max(e.line or 0 for e in mine)
        types = ", ".join(f"{_sql_str(h)}: 'VARCHAR'" for h in item.header)
        joined = " || ".join(f"coalesce({quote(h)}, '')" for h in item.header)
        rows = con.execute(
            f"""WITH r AS (SELECT (row_number() OVER () + 1)::BIGINT AS _line, {joined} AS v
                          FROM read_csv({_sql_str(str(item.path))}, columns={{{types}}},
                          header=true, auto_detect=false, delim=',', quote='"', escape='"',
                          strict_mode=true, encoding='utf-8')),
                   n AS (SELECT _line, length(v) - length(replace(v, chr(10), '')) AS breaks
                         FROM r WHERE _line <= {last})
               SELECT _line, sum(breaks) OVER (ORDER BY _line) - breaks FROM n""").fetchall()
        shift = {int(line): int(extra) for line, extra in rows if extra}
        if not shift:
            continue
        for index, error in enumerate(errors):
            if error in mine and error.line in shift:
                errors[index] = ExtractError(error.file, (error.line or 0) + shift[error.line],
                                             error.column, error.message)


# -- publish ---------------------------------------------------------------------------------
def _publish(staged: list[_Staged], con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for item in staged:
            cols = ", ".join(f"CAST({quote(c.name)} AS {sql_type(c)}) AS {quote(c.name)}"
                             for c in item.table.columns)
            con.execute(f"CREATE OR REPLACE TABLE {item.table.name} AS "
                        f"SELECT {cols} FROM {item.stage} ORDER BY _line")
            count = con.execute(f"SELECT count(*) FROM {item.table.name}").fetchall()
            rows[item.table.name] = int(count[0][0])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return rows


# -- helpers ---------------------------------------------------------------------------------
_LINE = re.compile(r"CSV Error on Line: (\d+)")


def _duckdb_error(file: str, exc: duckdb.Error) -> ExtractError:
    text = str(exc)
    match = _LINE.search(text)
    detail = [ln.strip() for ln in text.splitlines()[1:]
              if ln.strip() and not ln.startswith("Original Line")]
    message = detail[0] if match and detail else _first_line(exc)
    return ExtractError(file, int(match.group(1)) if match else None, None,
                        f"cannot be read as CSV: {message}")


def _not_one_of(value: object, *, choices: str) -> str:
    return f"{value!r} is not one of: {choices}"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
