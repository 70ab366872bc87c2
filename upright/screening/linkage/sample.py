"""A small hand-built index and workforce with planted identities, for tests and timing.

Employees are named by what was done to their record, so a test can assert on each:
``EXACT*`` exact copies, ``TYPO*`` misspelt forename, ``NICK*`` nickname, ``SWAP*``
forename and surname swapped (on the index record, where recording errors are),
``MARRIED*`` current surname changed (the index holds the previous one), ``DMTRANS*`` day
and month transposed, ``OFFBY1*`` day of birth off by one, ``MOVED*`` moved (the index
holds a previous address), ``NOISE*`` matches with a wrong sex or an undeclared address
(real data has such errors; without them EM drives the m of the "different" levels to
zero), ``HOMONYM`` a person with no record whose name and date of birth equal those of a
different index person (``R_HOMONYM``), ``OTHER*`` people
with no record, ``UNDECLARED`` an exact copy at an address the employee never declared,
``NOADDRESS`` an exact copy with no address, ``SHORT`` and ``SHORTTYPO`` a short form
(PRZEM for PRZEMYSLAW) and a typo in a three-letter name (SAM / SAN), ``PHONE`` a record
with a misspelt surname, a date of birth a day out and no address that holds the
employee's number (written +44), ``RELATIVE`` a record of someone else in the employee's
household (same surname, home and landline), ``SENIOR`` the employee's father of the same
name at the same address, ``MIDDLE`` and ``MIDDLEDIFF`` employees with a middle name whose
records have the same one and a different one. A fifth of background
persons have a middle name.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

FORENAMES_M = ["JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM", "DAVID", "RICHARD",
               "JOSEPH", "THOMAS", "CHARLES", "DANIEL", "MATTHEW", "ANTHONY", "MARK",
               "PAUL", "STEVEN", "ANDREW", "KENNETH", "GEORGE", "EDWARD"]
FORENAMES_F = ["MARY", "PATRICIA", "JENNIFER", "LINDA", "ELIZABETH", "BARBARA", "SUSAN",
               "JESSICA", "SARAH", "KAREN", "NANCY", "LISA", "MARGARET", "SANDRA",
               "ASHLEY", "EMILY", "DONNA", "MICHELLE", "CAROL", "AMANDA"]
SURNAMES = ["SMITH", "JONES", "TAYLOR", "BROWN", "WILLIAMS", "WILSON", "JOHNSON", "DAVIES",
            "ROBINSON", "WRIGHT", "THOMPSON", "EVANS", "WALKER", "WHITE", "ROBERTS",
            "GREEN", "HALL", "WOOD", "JACKSON", "CLARKE", "PATEL", "KHAN", "LEWIS",
            "PHILLIPS", "MASON", "MITCHELL", "ROSE", "DAVIS", "OKAFOR", "NOWAK"]
NICKNAMES = {"WILLIAM": "BILL", "ROBERT": "BOB", "MARGARET": "PEGGY", "ELIZABETH": "LIZ",
             "RICHARD": "DICK", "EDWARD": "TED", "JAMES": "JIM", "SUSAN": "SUE"}

# Thresholds for this sample. Its 400 persons hold few distinct names and dates, so every
# agreement is worth about half what it is in a production index, and the production
# default (calibrated on ten million persons) would match almost nothing here.
SAMPLE_THRESHOLD_WEIGHT = 18.0
SAMPLE_REVIEW_WEIGHT = 5.0

CORRUPTIONS = ["TYPO", "NICK", "SWAP", "MARRIED", "DMTRANS", "OFFBY1", "MOVED"]

SCHEMA = [
    "CREATE TABLE persons(record_id VARCHAR, forenames VARCHAR, surname VARCHAR, dob DATE,"
    " sex VARCHAR, postcode VARCHAR, address VARCHAR)",
    'CREATE TABLE addresses(record_id VARCHAR, address VARCHAR, postcode VARCHAR, "from" DATE,'
    ' "to" DATE)',
    "CREATE TABLE phones(record_id VARCHAR, number VARCHAR)",
    "CREATE TABLE vehicles(record_id VARCHAR, vrm VARCHAR)",
    "CREATE TABLE events(record_id VARCHAR, role VARCHAR, category VARCHAR, date DATE,"
    " source VARCHAR)",
    "CREATE TABLE links(record_a VARCHAR, record_b VARCHAR, kind VARCHAR)",
    "CREATE TABLE workforce_people(employee_id VARCHAR, dob DATE, sex VARCHAR)",
    "CREATE TABLE workforce_names(employee_id VARCHAR, forenames VARCHAR, surname VARCHAR,"
    " kind VARCHAR)",
    'CREATE TABLE workforce_addresses(employee_id VARCHAR, address VARCHAR, postcode VARCHAR,'
    ' "from" DATE, "to" DATE)',
    "CREATE TABLE workforce_phones(employee_id VARCHAR, number VARCHAR)",
    "CREATE TABLE workforce_vehicles(employee_id VARCHAR, vrm VARCHAR)",
]


def schema_create(*, con: duckdb.DuckDBPyConnection) -> None:
    for sql in SCHEMA:
        con.execute(sql)


MIDDLE_NAMES = ["ALBERT", "ANNE", "LOUISE", "JAMES", "MARIE", "EDWARD", "GRACE", "PETER",
                "ROSE", "ARTHUR"]


class _Builder:
    def __init__(self, con: duckdb.DuckDBPyConnection, seed: int) -> None:
        self.con = con
        self.rand = random.Random(seed)  # noqa: S311 (seeded sample data, not security)
        # Its own stream, so adding middle names left every other drawn value as it was.
        self.middle_rand = random.Random(seed + 1)  # noqa: S311 (seeded sample data)

    def with_middle(self, forename: str) -> str:
        r = self.middle_rand
        return f"{forename} {r.choice(MIDDLE_NAMES)}" if r.random() < 0.2 else forename

    def postcode(self) -> str:
        r = self.rand
        area = r.choice(["LS", "M", "B", "CF", "NE", "BS", "L"])
        return f"{area}{r.randint(1, 20)} {r.randint(1, 9)}{r.choice('ABDEFGHJ')}{r.choice('ABDEFGHJ')}"

    def person(self) -> tuple[str, str, dt.date, str, str]:
        r = self.rand
        sex = r.choice("MF")
        forename = r.choice(FORENAMES_M if sex == "M" else FORENAMES_F)
        dob = dt.date(1960, 1, 1) + dt.timedelta(days=r.randint(0, 15000))
        return forename, r.choice(SURNAMES), dob, sex, self.postcode()

    def index_add(self, record_id: str, fn: str, sn: str, dob: dt.date, sex: str, pc: str,
                  previous_pc: str | None = None) -> None:
        self.con.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [record_id, fn, sn, dob, sex, pc, f"1 HIGH STREET {pc}"])
        self.con.execute("INSERT INTO addresses VALUES (?, ?, ?, DATE '2015-01-01', NULL)",
                         [record_id, f"1 HIGH STREET {pc}", pc])
        if previous_pc:
            self.con.execute(
                "INSERT INTO addresses VALUES (?, ?, ?, DATE '2005-01-01', DATE '2014-12-31')",
                [record_id, f"9 OLD ROAD {previous_pc}", previous_pc])

    def employee_add(self, employee_id: str, names: list[tuple[str, str, str]],
                     dob: dt.date, sex: str, postcodes: list[str]) -> None:
        self.con.execute("INSERT INTO workforce_people VALUES (?, ?, ?)", [employee_id, dob, sex])
        for fn, sn, kind in names:
            self.con.execute("INSERT INTO workforce_names VALUES (?, ?, ?, ?)",
                             [employee_id, fn, sn, kind])
        for i, pc in enumerate(postcodes):
            start, end = (dt.date(2015, 1, 1), None) if i == 0 else (dt.date(2005, 1, 1),
                                                                   dt.date(2014, 12, 31))
            self.con.execute("INSERT INTO workforce_addresses VALUES (?, ?, ?, ?, ?)",
                             [employee_id, f"{i + 2} LOW ROAD {pc}", pc, start, end])


def _corrupt(kind: str, fn: str, sn: str, dob: dt.date, pc: str, b: _Builder
             ) -> tuple[list[tuple[str, str, str]], dt.date, list[str]]:
    names = [(fn, sn, "current")]
    postcodes = [pc]
    if kind == "TYPO":
        names = [(fn[:2] + fn[3] + fn[2] + fn[4:], sn, "current")]
    elif kind == "NICK":
        names = [(NICKNAMES.get(fn, fn), sn, "current")]
    elif kind == "MARRIED":
        names = [(fn, "FOTHERINGHAM", "current"), (fn, sn, "previous")]
    elif kind == "DMTRANS":
        dob = dob.replace(month=dob.day, day=dob.month)
    elif kind == "OFFBY1":
        dob = dob + dt.timedelta(days=1)
    elif kind == "MOVED":
        postcodes = [b.postcode(), pc]
    return names, dob, postcodes


def sample_build(*, con: duckdb.DuckDBPyConnection, n_index: int = 300, n_other: int = 60,
                 n_exact: int = 30, per_corruption: int = 2, seed: int = 7) -> None:
    """Create the contract tables in ``con`` and fill them (see the module docstring)."""
    schema_create(con=con)
    b = _Builder(con, seed)
    n = 0
    for _ in range(n_index):
        fn, sn, dob, sex, pc = b.person()
        b.index_add(f"R{n}", b.with_middle(fn), sn, dob, sex, pc)
        n += 1
    for i in range(n_exact):
        fn, sn, dob, sex, pc = b.person()
        b.index_add(f"R_EXACT{i}", fn, sn, dob, sex, pc)
        b.employee_add(f"EXACT{i}", [(fn, sn, "current")], dob, sex, [pc])
    for kind in CORRUPTIONS:
        for i in range(per_corruption):
            fn, sn, dob, sex, pc = b.person()
            if kind == "NICK":
                fn = list(NICKNAMES)[i % len(NICKNAMES)]
            if kind == "DMTRANS":  # a day that can also be read as a month
                dob = dob.replace(day=(dob.month % 12) + 1)
            if kind == "SWAP":
                b.index_add(f"R_{kind}{i}", sn, fn, dob, sex, pc)
            else:
                b.index_add(f"R_{kind}{i}", fn, sn, dob, sex, pc)
            names, edob, postcodes = _corrupt(kind, fn, sn, dob, pc, b)
            b.employee_add(f"{kind}{i}", names, edob, sex, postcodes)
    for i in range(4):
        fn, sn, dob, sex, pc = b.person()
        b.index_add(f"R_NOISE{i}", fn, sn, dob, "F" if sex == "M" else "M", pc)
        b.employee_add(f"NOISE{i}", [(fn, sn, "current")],
                       dob if i % 2 else dob.replace(year=dob.year - 7), sex,
                       [b.postcode()] if i < 2 else [pc])
    for i in range(n_other):
        fn, sn, dob, sex, pc = b.person()
        b.employee_add(f"OTHER{i}", [(fn, sn, "current")], dob, sex, [pc])
    # Same name, birthday and sex at an address the employee never declared: review only.
    fn, sn, dob, sex, pc = b.person()
    b.index_add("R_UNDECLARED", fn, sn, dob, sex, pc)
    b.employee_add("UNDECLARED", [(fn, sn, "current")], dob, sex, [b.postcode()])
    # A record with no address at all is matched on names, date of birth and sex.
    fn, sn, dob, sex, pc = b.person()
    b.con.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, NULL, NULL)",
                  ["R_NOADDRESS", fn, sn, dob, sex])
    b.employee_add("NOADDRESS", [(fn, sn, "current")], dob, sex, [pc])
    # A short form the nickname list does not know, and a typo in a three-letter name.
    for employee_id, full, recorded in (("SHORT", "PRZEMYSLAW", "PRZEM"),
                                        ("SHORTTYPO", "SAM", "SAN")):
        _, sn, dob, _, pc = b.person()
        b.index_add(f"R_{employee_id}", recorded, sn, dob, "M", pc)
        b.employee_add(employee_id, [(full, sn, "current")], dob, "M", [pc])
    # A different person who shares a name and date of birth with an employee.
    b.employee_add("HOMONYM", [("DAVID", "OKAFOR", "current")], dt.date(1980, 5, 17), "M",
                   ["LS6 2AB"])
    b.index_add("R_HOMONYM", "DAVID", "OKAFOR", dt.date(1980, 5, 17), "F", "CF10 3XY")
    _contact_and_middle_cases(b)


def _contact_and_middle_cases(b: _Builder) -> None:
    fn, sn, dob, sex, pc = b.person()
    b.con.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, NULL, NULL)",
                  ["R_PHONE", fn, sn[:2] + sn[3:] if len(sn) > 4 else sn + "E",
                   dob + dt.timedelta(days=1), sex])
    b.con.execute("INSERT INTO phones VALUES ('R_PHONE', '+44 7700 900123')")
    b.employee_add("PHONE", [(fn, sn, "current")], dob, sex, [pc])
    b.con.execute("INSERT INTO workforce_phones VALUES ('PHONE', '07700 900123')")
    # The employee's father: same surname, home and landline, another forename and birth.
    fn, sn, dob, sex, pc = b.person()
    b.employee_add("RELATIVE", [(fn, sn, "current")], dob, sex, [pc])
    b.con.execute("INSERT INTO workforce_phones VALUES ('RELATIVE', '020 7946 0018')")
    father = "KENNETH" if fn != "KENNETH" else "GEORGE"
    b.con.execute("INSERT INTO persons VALUES ('R_RELATIVE', ?, ?, ?, 'M', ?, ?)",
                  [father, sn, dob.replace(year=dob.year - 28), pc, f"2 LOW ROAD {pc}"])
    b.con.execute("INSERT INTO addresses VALUES ('R_RELATIVE', ?, ?, DATE '2010-01-01', NULL)",
                  [f"2 LOW ROAD {pc}", pc])
    b.con.execute("INSERT INTO phones VALUES ('R_RELATIVE', '+44 20 7946 0018')")
    fn, sn, dob, _, pc = b.person()
    b.employee_add("SENIOR", [(fn, sn, "current")], dob, "M", [pc])
    b.con.execute("INSERT INTO persons VALUES ('R_SENIOR', ?, ?, ?, 'M', ?, ?)",
                  [fn, sn, dob.replace(year=dob.year - 27), pc, f"2 LOW ROAD {pc}"])
    b.con.execute("INSERT INTO addresses VALUES ('R_SENIOR', ?, ?, DATE '2010-01-01', NULL)",
                  [f"2 LOW ROAD {pc}", pc])
    for employee_id, middle in (("MIDDLE", "ALBERT"), ("MIDDLEDIFF", "WALTER")):
        fn, sn, dob, sex, pc = b.person()
        b.index_add(f"R_{employee_id}", f"{fn} {middle}", sn, dob, sex, pc)
        b.employee_add(employee_id, [(f"{fn} ALBERT", sn, "current")], dob, sex, [pc])
