# ruff: noqa: S608  (table names come from formats.WORKFORCE_TABLES only)
"""Put the workforce into DuckDB beside an extract: from the people app or from an HR CSV.

Both sources give the same five tables (formats.WORKFORCE_TABLES), keyed by employee_id (the
staff number): workforce_people, workforce_names (one row per current, previous or alias
name), workforce_addresses (with from/to), workforce_phones and workforce_vehicles. Sex is
coded M, F or U as in the extract.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from upright.people.hr_format import HrRow, hr_rows_parse
from upright.people.selectors import WorkforceRow, workforce_rows
from upright.screening.extract import ExtractError, ExtractRejected
from upright.screening.formats import WORKFORCE_TABLES, quote

_SEX = {"male": "M", "female": "F"}
_ARROW = {"VARCHAR": pa.string(), "DATE": pa.date32()}


def workforce_load(*, con: duckdb.DuckDBPyConnection,
                   source: Literal["people"] | Path) -> dict[str, int]:
    """(Re)create the workforce tables in `con`; return their row counts.

    source "people": everyone in the people app, past or present. A Path: an HR CSV in the
    import format (people.hr_format); a malformed file raises ExtractRejected with its lines."""
    if source == "people":
        rows: Iterable[WorkforceRow] = workforce_rows()
    else:
        rows = _hr_file_rows(Path(source))
    columns: dict[str, dict[str, list[Any]]] = {
        table: {name: [] for name, _ in cols} for table, cols in WORKFORCE_TABLES.items()}
    people, names = columns["workforce_people"], columns["workforce_names"]
    addresses, phones = columns["workforce_addresses"], columns["workforce_phones"]
    vehicles = columns["workforce_vehicles"]
    for row in rows:
        eid = row.employee_id
        people["employee_id"].append(eid)
        people["dob"].append(row.dob)
        people["sex"].append(_SEX.get(row.sex, "U"))
        for forenames, surname, kind in row.names:
            _append(names, employee_id=eid, forenames=forenames, surname=surname, kind=kind)
        for address, postcode, start, end in row.addresses:
            _append(addresses, employee_id=eid, address=address or None,
                    postcode=postcode or None, **{"from": start, "to": end})
        for number in row.phones:
            _append(phones, employee_id=eid, number=number)
        for vrm in row.vehicles:
            _append(vehicles, employee_id=eid, vrm=vrm)
    counts = {}
    for table, cols in WORKFORCE_TABLES.items():
        arrow = pa.table({name: pa.array(columns[table][name], type=_ARROW[kind])
                          for name, kind in cols})
        con.register("_workforce_arrow", arrow)
        try:
            select = ", ".join(quote(name) for name, _ in cols)
            con.execute(f"CREATE OR REPLACE TABLE {table} AS "
                        f"SELECT {select} FROM _workforce_arrow")
        finally:
            con.unregister("_workforce_arrow")
        counts[table] = arrow.num_rows
    return counts


def _append(columns: dict[str, list[Any]], **values: Any) -> None:
    for name, value in values.items():
        columns[name].append(value)


def _hr_file_rows(path: Path) -> list[WorkforceRow]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractRejected([ExtractError(path.name, None, None,
                                            f"cannot be read as UTF-8 CSV: {exc}")]) from exc
    parsed, errors = hr_rows_parse(text)
    if errors:
        raise ExtractRejected([ExtractError(path.name, e.line, e.field, e.message)
                               for e in errors[:50]])
    return [_from_hr(row) for row in sorted(parsed, key=lambda r: r.staff_number)]


def _from_hr(row: HrRow) -> WorkforceRow:
    return WorkforceRow(
        employee_id=row.staff_number, dob=row.date_of_birth, sex=row.sex,
        names=[(row.forenames, row.surname, "current"),
               *[(f, s, "previous") for f, s, _, _ in row.names]],
        addresses=list(row.addresses), phones=list(row.phones), vehicles=list(row.vehicles))
