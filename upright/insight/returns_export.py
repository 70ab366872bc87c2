"""Official returns as files: CSV (one row per cell) and ODS (OpenDocument spreadsheet, via
odfpy), without the drill-down references (those stay behind a permission check)."""

import csv
import io
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

COLUMNS = ("period", "dimension", "category", "person_type", "unit", "value", "records")


def _line(cell: dict[str, Any]) -> list[Any]:
    return [cell.get("period", ""), cell["dimension"], cell["category"], cell["person_type"],
            cell.get("unit", ""), cell["value"], len(cell.get("refs", []))]


def cells_to_csv(*, cells: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for cell in cells:
        writer.writerow(_line(cell))
    return out.getvalue()


def _ods_cell(value: Any) -> TableCell:
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def cells_to_ods(*, cells: list[dict[str, Any]], title: str) -> bytes:
    doc = OpenDocumentSpreadsheet()
    table = Table(name=title[:31])
    for line in [list(COLUMNS), *(_line(c) for c in cells)]:
        row = TableRow()
        for value in line:
            row.addElement(_ods_cell(value))
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()
