"""The intelligence extract: its tables, their columns and the rules each column follows.

One place for the contract, read by the loader (``extract``), the synthetic generator
(``synthetic``) and the documentation (docs/screening-formats.md).
"""

from dataclasses import dataclass

# The roles a person can have in an event. Victims and witnesses are recorded so that a
# screening hit can say so: being a victim is never, on its own, a concern.
ROLES = ("suspect", "accused", "convicted", "victim", "witness", "associate")
VICTIM_WITNESS = ("victim", "witness")
SEX_VALUES = ("M", "F", "U")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | date | role | sex
    required: bool = False  # a value is needed on every row (not only the header)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    required: bool  # the file must exist (it may hold only the header)
    references: tuple[str, ...] = ()  # columns whose values must be a persons.record_id

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


TABLES: tuple[Table, ...] = (
    Table("persons", (
        Column("record_id", required=True), Column("forenames"), Column("surname"),
        Column("dob", "date"), Column("sex", "sex"), Column("postcode"), Column("address"),
    ), required=True),
    Table("phones", (Column("record_id", required=True), Column("number", required=True)),
          required=False, references=("record_id",)),
    Table("vehicles", (Column("record_id", required=True), Column("vrm", required=True)),
          required=False, references=("record_id",)),
    Table("addresses", (
        Column("record_id", required=True), Column("address"), Column("postcode"),
        Column("from", "date"), Column("to", "date"),
    ), required=False, references=("record_id",)),
    Table("events", (
        Column("record_id", required=True), Column("role", "role", required=True),
        Column("category"), Column("date", "date"), Column("source"),
    ), required=True, references=("record_id",)),
    Table("links", (
        Column("record_a", required=True), Column("record_b", required=True),
        Column("kind", required=True),
    ), required=True, references=("record_a", "record_b")),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}

# The workforce side, built by ``workforce.workforce_load`` (employee_id is the staff number).
WORKFORCE_TABLES: dict[str, list[tuple[str, str]]] = {
    "workforce_people": [("employee_id", "VARCHAR"), ("dob", "DATE"), ("sex", "VARCHAR")],
    "workforce_names": [("employee_id", "VARCHAR"), ("forenames", "VARCHAR"),
                        ("surname", "VARCHAR"), ("kind", "VARCHAR")],
    "workforce_addresses": [("employee_id", "VARCHAR"), ("address", "VARCHAR"),
                            ("postcode", "VARCHAR"), ("from", "DATE"), ("to", "DATE")],
    "workforce_phones": [("employee_id", "VARCHAR"), ("number", "VARCHAR")],
    "workforce_vehicles": [("employee_id", "VARCHAR"), ("vrm", "VARCHAR")],
}


def sql_type(column: Column) -> str:
    return "DATE" if column.kind == "date" else "VARCHAR"


def quote(name: str) -> str:
    """SQL identifier quoting: "from" and "to" are keywords."""
    return '"' + name.replace('"', '""') + '"'
