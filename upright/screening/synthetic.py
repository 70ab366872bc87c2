"""A synthetic intelligence extract for a workforce, with the truth about what was planted.

``index_generate`` writes persons, phones, vehicles, addresses, events and links as Parquet
(the format of docs/screening-formats.md) plus truth.parquet and truth.csv. The background
population is drawn in bulk inside DuckDB (``synthetic_bulk``: ten million persons in minutes
on two cores); the planted part (the employees' own records, corrupted; their associates; hard
negatives) comes from ``synthetic_plant``. The same workforce, seed, rates and `as_of` give
the same files, byte for byte in content.

Background people never share a phone, vehicle or exact address with an employee (those rows
are dropped), so every association in the extract is one the truth file lists. Background
people who happen to share an employee's name and date of birth are listed as hard negatives
("same_name_dob_chance").
"""

import dataclasses
import datetime as dt
import random
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
from faker import Faker

from upright.core.clock import local_today
from upright.screening import synthetic_bulk as bulk
from upright.screening.synthetic_names import names_load
from upright.screening.synthetic_plant import CORRUPTIONS, NEGATIVES, PATHS, Employee, Planter


@dataclass(frozen=True)
class Rates:
    """identities, associations and the hard negatives are shares of the workforce; each
    corruption is the share of planted identities given it (a record can have several);
    each path is the share of planted associations made that way."""

    identities: float = 0.01
    associations: float = 0.01
    same_name_dob: float = 0.002
    relatives: float = 0.002
    former_occupants: float = 0.001
    typo: float = 0.25
    nickname: float = 0.15
    swapped: float = 0.05
    maiden_name: float = 0.08
    married_name: float = 0.04
    dob_transposed: float = 0.05
    dob_off_by_one: float = 0.10
    moved: float = 0.30
    missing: float = 0.15
    shared_phone: float = 0.25
    shared_address: float = 0.25
    shared_vehicle: float = 0.15
    link: float = 0.20
    group: float = 0.15
    victim_witness_only: float = 0.25
    own_phone: float = 0.4
    middle_dropped: float = 0.3


def rates_parse(text: str) -> Rates:
    """"identities=0.02,typo=0.5" -> Rates; raises ValueError naming a bad key or value."""
    names = {f.name for f in dataclasses.fields(Rates)}
    values: dict[str, float] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, _, raw = item.partition("=")
        key = key.strip()
        if key not in names:
            raise ValueError(f"unknown rate {key!r}; known: {', '.join(sorted(names))}")
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"rate {key!r}: {raw!r} is not a number") from None
        if not 0 <= value <= 1:
            raise ValueError(f"rate {key!r}: {value} is not between 0 and 1")
        values[key] = value
    return Rates(**values)


@dataclass(frozen=True)
class IndexResult:
    persons: int
    rows: dict[str, int]
    requested: dict[str, int]  # planted counts asked for, per corruption / path / negative
    planted: dict[str, int]  # planted counts achieved (fewer when too few were eligible)
    truth: dict[str, int]  # truth rows per kind
    seconds: float


# -- pools -----------------------------------------------------------------------------------
# London's postcode districts (area: numbered districts), approximately. The background lives
# across all of them, as an index's persons do: drawn only from the workforce's own dozen
# districts, ten million persons put about 170 at every postcode, several times the real
# density, and same-named strangers at an employee's postcode became common.
_LONDON_AREAS = {"E": 18, "EC": 4, "N": 22, "NW": 11, "SE": 28, "SW": 20, "W": 14, "WC": 2,
                 "BR": 8, "CR": 9, "DA": 18, "EN": 11, "HA": 9, "IG": 11, "KT": 24, "RM": 20,
                 "SM": 7, "TW": 20, "UB": 11, "WD": 25}
LONDON_DISTRICTS = [f"{area}{n}" for area, top in _LONDON_AREAS.items()
                    for n in range(0 if area in ("CR", "HA") else 1, top + 1)]
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class Pools:
    """Names (``synthetic_names``: how common each is), and streets and postcode districts
    drawn once per seed; for the bulk background and, through `forename/surname/address(rng)`,
    for the planted records."""

    def __init__(self, *, seed: int, districts: list[str], streets: int = 2000) -> None:
        """districts: the workforce's own, added to London's."""
        self.names = names_load()
        fake = Faker("en_GB")
        fake.seed_instance(seed * 1000)
        self.streets = [fake.street_name() for _ in range(streets)]
        self.districts = sorted(set(districts) | set(LONDON_DISTRICTS))
        self.inward = [f"{d}{a}{b}" for d in "0123456789" for a in _INWARD_LETTERS
                       for b in _INWARD_LETTERS]

    def forename(self, rng: random.Random, sex: str) -> str:
        return self.names.forename(rng, sex)

    def surname(self, rng: random.Random) -> str:
        return self.names.surname(rng)

    def address(self, rng: random.Random) -> tuple[str, str]:
        postcode = f"{rng.choice(self.districts)} {rng.choice(self.inward)}"
        return f"{rng.randint(1, 240)} {rng.choice(self.streets)}, London", postcode


# -- orchestration ---------------------------------------------------------------------------
def index_generate(*, con: duckdb.DuckDBPyConnection, persons: int, seed: int, out: Path,
                   rates: Rates | None = None, as_of: dt.date | None = None) -> IndexResult:
    """Write a synthetic extract of `persons` person records for the workforce already loaded
    in `con` (``workforce.workforce_load``) into the folder `out`."""
    started = time.monotonic()
    rates = rates or Rates()
    as_of = as_of or local_today()
    employees = _employees(con)
    districts = [r[0] for r in con.execute(
        "SELECT DISTINCT split_part(postcode, ' ', 1) FROM workforce_addresses "
        "WHERE postcode LIKE '% %'").fetchall()]
    pools = Pools(seed=seed, districts=districts)
    planted = Planter(employees=employees, rates=rates, seed=seed, as_of=as_of,
                      pools=pools).plant()
    background = persons - len(planted.records)
    if background < 0:
        raise ValueError(f"--persons must be at least {len(planted.records)}, the planted "
                         f"records for this workforce and these rates")
    try:
        bulk.background_build(con=con, n=background, seed=seed, as_of=as_of, pools=pools)
        bulk.workforce_collisions_drop(con=con)
        bulk.planted_append(con=con, planted=planted, offset=background)
        out.mkdir(parents=True, exist_ok=True)
        rows = bulk.extract_write(con=con, seed=seed, out=out)
        truth = bulk.truth_write(con=con, planted=planted, offset=background, out=out)
    finally:
        bulk.cleanup(con=con)
    return IndexResult(persons=persons, rows=rows, requested=planted.requested,
                       planted=planted.planted, truth=truth,
                       seconds=time.monotonic() - started)


def _employees(con: duckdb.DuckDBPyConnection) -> list[Employee]:
    people: dict[str, Employee] = {}
    for eid, dob, sex, forenames, surname in con.execute(
            "SELECT p.employee_id, p.dob, p.sex, n.forenames, n.surname FROM workforce_people p "
            "JOIN workforce_names n ON n.employee_id = p.employee_id AND n.kind = 'current' "
            "ORDER BY p.employee_id").fetchall():
        people.setdefault(eid, Employee(eid, dob, sex, forenames or "", surname or ""))
    for eid, surname in con.execute(
            "SELECT employee_id, surname FROM workforce_names WHERE kind <> 'current' "
            "ORDER BY ALL").fetchall():
        if eid in people and surname:
            people[eid].previous.append(surname)
    for eid, address, postcode, start, end in con.execute(
            'SELECT employee_id, address, postcode, "from", "to" FROM workforce_addresses '
            'ORDER BY employee_id, "to" IS NOT NULL, "from" DESC NULLS LAST, address, postcode'
    ).fetchall():
        if eid in people:
            people[eid].addresses.append((address, postcode, start, end))
    for table, column, attr in (("workforce_phones", "number", "phones"),
                                ("workforce_vehicles", "vrm", "vehicles")):
        for eid, value in con.execute(
                f"SELECT employee_id, {column} FROM {table} ORDER BY ALL").fetchall():  # noqa: S608 (constants)
            if eid in people:
                getattr(people[eid], attr).append(value)
    return list(people.values())


__all__ = ["CORRUPTIONS", "NEGATIVES", "PATHS", "IndexResult", "Rates", "index_generate",
           "rates_parse"]
