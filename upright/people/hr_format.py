"""The HR CSV extract: one row per person. Parsing only; writing is in services.people_import.

Columns (header row required, order free):
  staff_number*, employment_kind*, forenames*, surname*, date_of_birth* (YYYY-MM-DD),
  sex, ethnicity (2021 Census code, see people.choices.Ethnicity), rank_or_grade,
  org_unit_path (codes from the force down, "MPS/FRONTLINE/CW/CW-RT1"), line_manager
  (a staff_number in this file or already imported), start_date*, end_date, status,
  address, postcode, address_from, previous_names, previous_addresses, phones, emails, vehicles

Multi-valued cells separate items with ";" and an item's parts with "|":
  previous_names:     "Forenames|Surname|from|to"       (dates may be blank)
  previous_addresses: "address|postcode|from|to"
  phones, emails, vehicles: plain items ("07700 900123;020 7946 0000")
"""

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

from upright.core.csvrows import CsvRow, RowError
from upright.people.choices import EmploymentKind, EmploymentStatus, Ethnicity, OfficerRank, Sex
from upright.people.normalise import phone_normalise, postcode_normalise, vrm_normalise

REQUIRED = ["staff_number", "employment_kind", "forenames", "surname", "date_of_birth",
            "start_date"]
KNOWN = set(REQUIRED) | {
    "sex", "ethnicity", "rank_or_grade", "org_unit_path", "line_manager", "end_date", "status",
    "address", "postcode", "address_from", "previous_names", "previous_addresses", "phones",
    "emails", "vehicles",
}
MAX_ROWS = 500_000


DatedPair = tuple[str, str, dt.date | None, dt.date | None]


@dataclass
class HrRow:
    line: int
    staff_number: str
    employment_kind: str
    forenames: str
    surname: str
    date_of_birth: dt.date
    start_date: dt.date
    end_date: dt.date | None
    status: str
    sex: str
    ethnicity: str
    rank_or_grade: str
    org_unit_path: list[str]
    line_manager: str
    names: list[DatedPair] = field(default_factory=list)
    addresses: list[DatedPair] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)


class _Row(CsvRow):
    """An HR row: the shared readers plus the HR file's lists and dated pairs."""

    def choice(self, name: str, choices: type[models.TextChoices], default: str) -> str:
        value = self.text(name, max_length=40) or default
        if value not in choices.values:
            self.fail(name, f"{value!r} is not one of: {', '.join(choices.values)}")
        return value

    def items(self, name: str) -> list[str]:
        return [item.strip() for item in self.text(name, max_length=4000).split(";") if item.strip()]

    def normalised(self, name: str, normaliser: Callable[[str], str]) -> list[str]:
        out = []
        for item in self.items(name):
            try:
                out.append(normaliser(item))
            except ValueError as exc:
                self.fail(name, str(exc))
        return out

    def dated_pairs(self, name: str, second_is_postcode: bool) -> list[DatedPair]:
        out: list[DatedPair] = []
        for item in self.items(name):
            parts = [p.strip() for p in item.split("|")] + ["", "", ""]
            first, second = parts[0], parts[1]
            if not first or not second:
                self.fail(name, f"{item!r} needs at least two parts separated by '|'")
                continue
            if second_is_postcode:
                try:
                    second = postcode_normalise(second)
                except ValueError as exc:
                    self.fail(name, str(exc))
                    continue
            out.append((first, second, self.date(name, value=parts[2]),
                        self.date(name, value=parts[3])))
        return out


def hr_rows_parse(text: str) -> tuple[list[HrRow], list[RowError]]:
    """Parse a whole extract. Returns the rows and every error (line numbers are file lines)."""
    errors: list[RowError] = []
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in KNOWN]
    if missing or unknown:
        if missing:
            errors.append(RowError(1, "header", f"missing column(s): {', '.join(missing)}"))
        if unknown:
            errors.append(RowError(1, "header", f"unknown column(s): {', '.join(unknown)}"))
        return [], errors
    rows: list[HrRow] = []
    seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            errors.append(RowError(line, "file", f"more than {MAX_ROWS} rows; split the file"))
            break
        if None in raw:
            errors.append(RowError(line, "row", "has more cells than the header has columns"))
            continue
        parsed = _row_parse(_Row(line, raw, errors))
        if parsed is None:
            continue
        if parsed.staff_number in seen:
            errors.append(RowError(line, "staff_number",
                                   f"{parsed.staff_number!r} already appears on line "
                                   f"{seen[parsed.staff_number]}"))
        seen[parsed.staff_number] = line
        rows.append(parsed)
    if not rows and not errors:
        errors.append(RowError(2, "file", "the file has a header but no rows"))
    return rows, errors


def _row_parse(r: _Row) -> HrRow | None:
    before = len(r.errors)
    kind = r.choice("employment_kind", EmploymentKind, "")
    rank = r.text("rank_or_grade", max_length=40)
    if kind in (EmploymentKind.OFFICER, EmploymentKind.SPECIAL) and rank and \
            rank not in OfficerRank.values:
        r.fail("rank_or_grade", f"{rank!r} is not an officer rank ({', '.join(OfficerRank.values)})")
    dob = r.date("date_of_birth", required=True)
    start = r.date("start_date", required=True)
    end = r.date("end_date")
    if start and end and end < start:
        r.fail("end_date", "is before start_date")
    postcode = r.text("postcode", max_length=10)
    address = r.text("address", max_length=300)
    current_address = []
    if address or postcode:
        try:
            current_address = [(address, postcode_normalise(postcode), r.date("address_from"), None)]
        except ValueError as exc:
            r.fail("postcode", str(exc))
    row = HrRow(
        line=r.line,
        staff_number=r.text("staff_number", required=True, max_length=20),
        employment_kind=kind,
        forenames=r.text("forenames", required=True),
        surname=r.text("surname", required=True),
        date_of_birth=dob or dt.date.min,
        start_date=start or dt.date.min,
        end_date=end,
        status=r.choice("status", EmploymentStatus,
                        EmploymentStatus.LEFT if end else EmploymentStatus.SERVING),
        sex=r.choice("sex", Sex, Sex.NOT_STATED),
        ethnicity=r.choice("ethnicity", Ethnicity, Ethnicity.NOT_STATED),
        rank_or_grade=rank,
        org_unit_path=[c for c in r.text("org_unit_path", max_length=400).split("/") if c],
        line_manager=r.text("line_manager", max_length=20),
        names=r.dated_pairs("previous_names", second_is_postcode=False),
        addresses=current_address + r.dated_pairs("previous_addresses", second_is_postcode=True),
        phones=r.normalised("phones", phone_normalise),
        emails=r.items("emails"),
        vehicles=r.normalised("vehicles", vrm_normalise),
    )
    for email in row.emails:
        if "@" not in email or len(email) > 254:
            r.fail("emails", f"{email!r} is not an e-mail address")
    if row.line_manager and row.line_manager == row.staff_number:
        r.fail("line_manager", "a person cannot be their own line manager")
    return row if len(r.errors) == before else None
