"""`prior_force_records_import`: load the records a previous force sent when people
transferred in, all or nothing (issue 5). The file format is in docs/transfer-records.md.

Each problem is reported by file line and column, and one bad row rejects the whole file:
nothing is written. A file is imported once: its SHA-256 is kept on every row, and a second
import of the same bytes is refused.
"""

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from upright.access.models import Compartment
from upright.audit.services import audit_record
from upright.core.clock import local_today
from upright.people.audit_events import PRIOR_FORCE_IMPORTED
from upright.people.hr_format import RowError
from upright.people.importing import ImportRejected
from upright.people.models import Person, PriorForceRecord

REQUIRED = ["staff_number", "force_name", "kind", "occurred_on", "summary"]
KNOWN = set(REQUIRED) | {"category", "outcome", "source_reference", "compartment"}
MAX_ROWS = 100_000
_LENGTHS = {"staff_number": 20, "force_name": 100, "kind": 20, "occurred_on": 10,
            "category": 100, "outcome": 200, "summary": 5000, "source_reference": 100,
            "compartment": 40}


@dataclass(frozen=True)
class TransferImportResult:
    created: int
    people: int
    checksum: str


def _header_errors(header: list[str]) -> list[RowError]:
    errors = []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in KNOWN]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if missing:
        errors.append(RowError(1, "header", f"missing column(s): {', '.join(missing)}"))
    if unknown:
        errors.append(RowError(1, "header", f"unknown column(s): {', '.join(unknown)}"))
    if repeated:
        errors.append(RowError(1, "header", f"repeated column(s): {', '.join(repeated)}"))
    return errors


def _row_parse(line: int, raw: dict[str, str], errors: list[RowError], *,
               today: dt.date) -> dict[str, Any] | None:
    before = len(errors)
    values = {name: (raw.get(name) or "").strip() for name in KNOWN}
    for name in REQUIRED:
        if not values[name]:
            errors.append(RowError(line, name, "is required"))
    for name, limit in _LENGTHS.items():
        if len(values[name]) > limit:
            errors.append(RowError(line, name, f"is longer than {limit} characters"))
    if values["kind"] and values["kind"] not in PriorForceRecord.Kind.values:
        errors.append(RowError(line, "kind", f"{values['kind']!r} is not one of: "
                               f"{', '.join(PriorForceRecord.Kind.values)}"))
    occurred: dt.date | None = None
    if values["occurred_on"]:
        try:
            occurred = dt.date.fromisoformat(values["occurred_on"])
        except ValueError:
            errors.append(RowError(line, "occurred_on",
                                   f"{values['occurred_on']!r} is not a date in the form YYYY-MM-DD"))
        else:
            if occurred > today:
                errors.append(RowError(line, "occurred_on", "is in the future"))
    if len(errors) > before:
        return None
    return {**values, "occurred_on": occurred, "line": line}


def transfer_rows_parse(text: str) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Every row of the file as a dict, and every problem found (file line numbers)."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    errors = _header_errors(header)
    if errors:
        return [], errors
    rows: list[dict[str, Any]] = []
    today = local_today()
    for raw in reader:
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            errors.append(RowError(line, "file", f"more than {MAX_ROWS} rows; split the file"))
            break
        if None in raw:
            errors.append(RowError(line, "row", "has more cells than the header has columns"))
            continue
        parsed = _row_parse(line, raw, errors, today=today)
        if parsed is not None:
            rows.append(parsed)
    if not rows and not errors:
        errors.append(RowError(2, "file", "the file has a header but no rows"))
    return rows, errors


def _reference_errors(rows: list[dict[str, Any]]) -> tuple[dict[str, int], list[RowError]]:
    numbers = {row["staff_number"] for row in rows}
    people = dict(Person.objects.filter(staff_number__in=numbers)
                  .values_list("staff_number", "id"))
    codes = {row["compartment"] for row in rows if row["compartment"]}
    known = set(Compartment.objects.filter(code__in=codes).values_list("code", flat=True))
    errors = []
    for row in rows:
        if row["staff_number"] not in people:
            errors.append(RowError(row["line"], "staff_number",
                                   f"no person with staff number {row['staff_number']!r}; "
                                   "import the HR record first"))
        if row["compartment"] and row["compartment"] not in known:
            errors.append(RowError(row["line"], "compartment",
                                   f"no compartment {row['compartment']!r}"))
    return people, errors


def prior_force_records_import(*, text: str, actor: Any | None,
                               source_name: str) -> TransferImportResult:
    """Import every row of a transfer file, or none (ImportRejected lists every problem)."""
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    rows, errors = transfer_rows_parse(text)
    if errors:
        raise ImportRejected(errors)
    if PriorForceRecord.objects.filter(import_checksum=checksum).exists():
        raise ImportRejected([RowError(1, "file", f"this file (SHA-256 {checksum[:12]}…) "
                                       "has already been imported")])
    people, errors = _reference_errors(rows)
    if errors:
        raise ImportRejected(errors)
    records = [PriorForceRecord(
        person_id=people[row["staff_number"]], force_name=row["force_name"], kind=row["kind"],
        occurred_on=row["occurred_on"], category=row["category"], outcome=row["outcome"],
        summary=row["summary"], source_reference=row["source_reference"],
        compartment=row["compartment"], imported_from=source_name[:200],
        import_checksum=checksum, source_line=row["line"]) for row in rows]
    with transaction.atomic():
        PriorForceRecord.objects.bulk_create(records, batch_size=2000)
        audit_record(action=PRIOR_FORCE_IMPORTED, actor=actor,
                     object_type="people.priorforcerecord",
                     extra={"source": source_name, "checksum": checksum,
                            "created": len(records),
                            "people": len({r.person_id for r in records})})
    return TransferImportResult(created=len(records), people=len({r.person_id for r in records}),
                                checksum=checksum)
