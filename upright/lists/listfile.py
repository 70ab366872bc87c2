"""The list CSV format (docs/lists-format.md). Parsing only; writing is in services.

Columns (header row required, order free; * required):
  entry_ref*, forenames*, surname*, date_of_birth (YYYY-MM-DD), sex (M or F),
  other_names ("Forenames|Surname;Forenames|Surname": previous names and aliases),
  postcode, former_force*, rank_or_role, listed_on* (YYYY-MM-DD: the date of dismissal or
  inclusion on the barred list; the date the person left, for the advisory list), reason*,
  published (barred list: yes or no, required; advisory list: blank or no, never published).
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from upright.core.csvrows import CsvRow, RowError
from upright.people.normalise import postcode_normalise

REQUIRED = ["entry_ref", "forenames", "surname", "former_force", "listed_on", "reason"]
KNOWN = set(REQUIRED) | {"date_of_birth", "sex", "other_names", "postcode", "rank_or_role",
                         "published"}
MAX_ROWS = 200_000
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


@dataclass
class ListRow:
    line: int
    entry_ref: str
    forenames: str
    surname: str
    date_of_birth: dt.date | None
    sex: str
    postcode: str
    former_force: str
    rank_or_role: str
    listed_on: dt.date
    reason: str
    published: bool
    other_names: list[list[str]] = field(default_factory=list)


class _Row(CsvRow):
    def date(self, name: str, *, required: bool = False, value: str | None = None,
             past_only: bool = True) -> dt.date | None:
        """List dates (birth, listing) are never in the future."""
        return super().date(name, required=required, value=value, past_only=past_only)


def _names(r: _Row) -> list[list[str]]:
    out = []
    for item in [i.strip() for i in r.text("other_names", max_length=2000).split(";") if i.strip()]:
        parts = [p.strip() for p in item.split("|")]
        if len(parts) != 2 or not all(parts):
            r.fail("other_names", f"{item!r} must be 'Forenames|Surname'")
            continue
        out.append(parts)
    return out


def _published(r: _Row, list_kind: str) -> bool:
    value = r.text("published", max_length=10).lower()
    if list_kind == "advisory":
        if value and value not in NO:
            r.fail("published", "the advisory list is never published; leave it blank")
        return False
    if value not in YES | NO:
        r.fail("published", "must be yes or no")
    return value in YES


def _row_parse(r: _Row, list_kind: str) -> ListRow:
    sex = r.text("sex", max_length=1).upper()
    if sex and sex not in ("M", "F"):
        r.fail("sex", f"{sex!r} is not M or F")
    postcode = r.text("postcode", max_length=10)
    if postcode:
        try:
            postcode = postcode_normalise(postcode)
        except ValueError as exc:
            r.fail("postcode", str(exc))
    return ListRow(
        line=r.line, entry_ref=r.text("entry_ref", required=True, max_length=40),
        forenames=r.text("forenames", required=True), surname=r.text("surname", required=True),
        date_of_birth=r.date("date_of_birth"), sex=sex, postcode=postcode,
        former_force=r.text("former_force", required=True),
        rank_or_role=r.text("rank_or_role", max_length=60),
        listed_on=r.date("listed_on", required=True) or dt.date.min,
        reason=r.text("reason", required=True, max_length=4000),
        published=_published(r, list_kind), other_names=_names(r))


def list_rows_parse(text: str, *, list_kind: str) -> tuple[list[ListRow], list[RowError]]:
    """Parse a whole list file. Returns the rows and every error (line numbers are file lines)."""
    errors: list[RowError] = []
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in KNOWN]
    if missing:
        errors.append(RowError(1, "header", f"missing column(s): {', '.join(missing)}"))
    if unknown:
        errors.append(RowError(1, "header", f"unknown column(s): {', '.join(unknown)}"))
    if list_kind == "barred" and "published" not in header:
        errors.append(RowError(1, "header", "missing column(s): published (barred list)"))
    if errors:
        return [], errors
    rows: list[ListRow] = []
    seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            errors.append(RowError(line, "file", f"more than {MAX_ROWS} rows; split the file"))
            break
        if None in raw:
            errors.append(RowError(line, "row", "has more cells than the header has columns"))
            continue
        row = _row_parse(_Row(line, raw, errors), list_kind)
        if row.entry_ref and row.entry_ref in seen:
            errors.append(RowError(line, "entry_ref", f"{row.entry_ref!r} already appears on "
                                                      f"line {seen[row.entry_ref]}"))
        seen.setdefault(row.entry_ref, line)
        rows.append(row)
    if not rows and not errors:
        errors.append(RowError(2, "file", "the file has a header but no rows"))
    return rows, errors
