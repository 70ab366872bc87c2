# ruff: noqa: S608  (SQL is built from module constants and integers only)
"""The bulk of a synthetic extract, generated inside DuckDB.

Randomness is `hash(row, stream, seed)`: the same seed gives the same value for a row however
many threads DuckDB uses, so ten million persons are drawn in parallel and still reproducibly.
Every table is written ordered by record_id, so the same inputs give the same files.
"""

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from upright.screening.synthetic_names import NameList
from upright.screening.synthetic_plant import CATEGORIES, LINK_KINDS, SOURCES, Planted

# Roles in the background: mostly suspects, then victims (screening must not treat a victim
# as a concern), witnesses and convictions. An assumption for realism, not a published figure.
_ROLE_CUMULATIVE = (("suspect", 0.34), ("accused", 0.44), ("convicted", 0.58),
                    ("victim", 0.82), ("witness", 0.96), ("associate", 1.0))
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
TABLES = ("persons", "phones", "vehicles", "addresses", "events", "links")


def _macros(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    con.execute(f"CREATE OR REPLACE TEMP MACRO _h(i, k) AS hash(i, k, {int(seed)})")
    con.execute("CREATE OR REPLACE TEMP MACRO _u(i, k) AS "
                "(_h(i, k) >> 11)::DOUBLE / 9007199254740992.0")
    con.execute("CREATE OR REPLACE TEMP MACRO _pick(l, i, k) AS "
                "l[1 + (_h(i, k) % len(l))::BIGINT]")


def background_build(*, con: duckdb.DuckDBPyConnection, n: int, seed: int, as_of: dt.date,
                     pools: Any) -> None:
    """Temp tables _syn_persons(pos, ...), _syn_phones/_syn_vehicles/_syn_addresses/_syn_events
    (pos, ...) and _syn_links(a, b, kind) for `n` background persons at positions 0..n-1."""
    _macros(con, seed)
    tags = [a + b for a in _PLATE_LETTERS for b in _PLATE_LETTERS]
    ages = [f"{y:02d}" for y in [*range(1, 26), *range(51, 76)]]
    tails = [a + b + c for a in _PLATE_LETTERS for b in _PLATE_LETTERS for c in _PLATE_LETTERS]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _syn_pools AS SELECT ?::VARCHAR[] AS streets, "
        "?::VARCHAR[] AS districts, ?::VARCHAR[] AS inward, ?::VARCHAR[] AS tags, "
        "?::VARCHAR[] AS ages, ?::VARCHAR[] AS tails, ?::VARCHAR[] AS categories, "
        "?::VARCHAR[] AS sources, ?::VARCHAR[] AS link_kinds",
        [pools.streets, pools.districts, pools.inward,
         tags, ages, tails, list(CATEGORIES), list(SOURCES), list(LINK_KINDS)])
    names = pools.names
    _names_table(con, {"M": names.male, "F": names.female, "S": names.surnames})
    male, female, surnames = names.male.slots, names.female.slots, names.surnames.slots
    today = f"DATE '{as_of.isoformat()}'"

    # The name in slot hash(i, stream) of its weighted list (see ``_names_table``).
    def forename(stream: int) -> str:
        return (f"(SELECT name FROM _syn_names WHERE kind = CASE WHEN female THEN 'F' ELSE 'M' "
                f"END AND slot = _h(i, {stream}) % CASE WHEN female THEN {female} ELSE {male} "
                f"END)")

    surname = f"(SELECT name FROM _syn_names WHERE kind = 'S' AND slot = _h(i, 5) % {surnames})"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _syn_persons AS
        WITH b AS (SELECT i, _u(i, 1) < 0.5 AS female FROM range({int(n)}) r(i))
        SELECT i AS pos,
            {forename(2)} || CASE WHEN _u(i, 3) >= 0.2 THEN '' ELSE ' ' || {forename(4)} END
                AS forenames,
            {surname} AS surname,
            CASE WHEN _u(i, 6) < 0.04 THEN NULL
                 ELSE ({today} - (14 * 365 + _h(i, 7) % (71 * 365))::INTEGER) END AS dob,
            CASE WHEN _u(i, 8) < 0.01 THEN 'U' WHEN female THEN 'F' ELSE 'M' END AS sex,
            CASE WHEN _u(i, 9) < 0.08 THEN NULL
                 ELSE _pick(p.districts, i, 10) || ' ' || _pick(p.inward, i, 11) END
                AS postcode,
            CASE WHEN _u(i, 9) < 0.08 THEN NULL
                 ELSE CASE WHEN _u(i, 12) < 0.35 THEN 'Flat ' || (1 + _h(i, 13) % 40) || ', '
                           ELSE '' END
                      || (1 + _h(i, 14) % 240) || ' ' || _pick(p.streets, i, 15) || ', London'
                 END AS address
        FROM b CROSS JOIN _syn_pools p""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _syn_phones AS
        SELECT pos, '+447' || (100000000 + _h(pos, 21) % 900000000) AS number
        FROM _syn_persons WHERE _u(pos, 20) < 0.55
        UNION ALL
        SELECT pos, '+447' || (100000000 + _h(pos, 23) % 900000000)
        FROM _syn_persons WHERE _u(pos, 22) < 0.10""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _syn_vehicles AS
        SELECT pos, _pick(p.tags, pos, 31) || _pick(p.ages, pos, 32) || _pick(p.tails, pos, 33)
            AS vrm
        FROM _syn_persons CROSS JOIN _syn_pools p WHERE _u(pos, 30) < 0.3""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _syn_addresses AS
        WITH cur AS (
            SELECT pos, address, postcode,
                   ({today} - (30 + _h(pos, 40) % 3620)::INTEGER) AS moved_in
            FROM _syn_persons WHERE postcode IS NOT NULL)
        SELECT pos, address, postcode, moved_in AS "from", NULL::DATE AS "to" FROM cur
        UNION ALL
        SELECT pos, (1 + _h(pos, 43) % 240) || ' ' || _pick(p.streets, pos, 44) || ', London',
               _pick(p.districts, pos, 45) || ' ' || _pick(p.inward, pos, 46),
               moved_in - (181 + _h(pos, 42) % 2320)::INTEGER, moved_in - 1
        FROM cur CROSS JOIN _syn_pools p WHERE _u(pos, 41) < 0.3""")
    role = "CASE " + " ".join(f"WHEN _u(e, 52) < {cum} THEN '{name}'"
                              for name, cum in _ROLE_CUMULATIVE[:-1])
    role += f" ELSE '{_ROLE_CUMULATIVE[-1][0]}' END"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _syn_events AS
        WITH ev AS (
            SELECT pos, pos * 3 AS e FROM _syn_persons
            UNION ALL SELECT pos, pos * 3 + 1 FROM _syn_persons WHERE _u(pos, 50) < 0.4
            UNION ALL SELECT pos, pos * 3 + 2 FROM _syn_persons WHERE _u(pos, 51) < 0.15)
        SELECT pos, {role} AS role, _pick(p.categories, e, 53) AS category,
               CASE WHEN _u(e, 54) < 0.03 THEN NULL
                    ELSE {today} - (30 + _h(e, 55) % (20 * 365))::INTEGER END AS date,
               _pick(p.sources, e, 56) AS source
        FROM ev CROSS JOIN _syn_pools p""")
    groups = n // 400 if n >= 1600 else 0
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _syn_links AS
        SELECT pos AS a, ((pos + 1 + _h(pos, 61) % ({max(n, 2)} - 1)) % {max(n, 2)})::BIGINT AS b,
               _pick(p.link_kinds, pos, 62) AS kind
        FROM _syn_persons CROSS JOIN _syn_pools p WHERE {n} >= 8 AND _u(pos, 60) < 0.06
        UNION ALL
        -- Groups of four: distinct members (steps below a quarter of n), linked pairwise.
        SELECT ((_h(g, 63) % {max(n, 1)} + x * (1 + _h(g, 64) % {max(n // 4 - 1, 1)}))
                   % {max(n, 1)})::BIGINT,
               ((_h(g, 63) % {max(n, 1)} + y * (1 + _h(g, 64) % {max(n // 4 - 1, 1)}))
                   % {max(n, 1)})::BIGINT,
               'group'
        FROM range({groups}) gr(g), range(4) xs(x), range(4) ys(y) WHERE x < y""")


def _names_table(con: duckdb.DuckDBPyConnection, lists: dict[str, NameList]) -> None:
    """_syn_names(kind, slot, name): each name once per slot of its weight, so a uniform
    slot number picks names as often as the NameList says."""
    kinds, names, lows, highs = [], [], [], []
    for kind, weighted in lists.items():
        low = 0
        for name, high in zip(weighted.names, weighted.cumulative, strict=True):
            kinds.append(kind)
            names.append(name)
            lows.append(low)
            highs.append(high)
            low = high
    arrow = pa.table({"kind": pa.array(kinds, pa.string()), "name": pa.array(names, pa.string()),
                      "low": pa.array(lows, pa.int64()), "high": pa.array(highs, pa.int64())})
    con.register("_syn_names_arrow", arrow)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _syn_names AS "
                    "SELECT kind, unnest(range(low, high)) AS slot, name FROM _syn_names_arrow")
    finally:
        con.unregister("_syn_names_arrow")


def workforce_collisions_drop(*, con: duckdb.DuckDBPyConnection) -> None:
    """Background strangers must not share a phone, vehicle or home with an employee by
    chance: every association in the extract is then one the truth file lists."""
    con.execute("DELETE FROM _syn_phones WHERE number IN (SELECT number FROM workforce_phones)")
    con.execute("DELETE FROM _syn_vehicles WHERE vrm IN (SELECT vrm FROM workforce_vehicles)")
    homes = ("(SELECT upper(address) || '|' || postcode FROM workforce_addresses "
             "WHERE address IS NOT NULL AND postcode IS NOT NULL)")
    con.execute(f"DELETE FROM _syn_addresses WHERE upper(address) || '|' || postcode IN {homes}")
    con.execute(f"UPDATE _syn_persons SET address = NULL "
                f"WHERE upper(address) || '|' || postcode IN {homes}")


def planted_append(*, con: duckdb.DuckDBPyConnection, planted: Planted, offset: int) -> None:
    recs = planted.records
    columns: dict[str, dict[str, list[Any]]] = {
        "persons": {"pos": [offset + i for i in range(len(recs))],
                    "forenames": [r.forenames for r in recs],
                    "surname": [r.surname for r in recs], "dob": [r.dob for r in recs],
                    "sex": [r.sex for r in recs], "postcode": [r.postcode for r in recs],
                    "address": [r.address for r in recs]},
        "phones": _rows(recs, offset, "phones", ("number",)),
        "vehicles": _rows(recs, offset, "vehicles", ("vrm",)),
        "addresses": _rows(recs, offset, "addresses", ("address", "postcode", "from", "to")),
        "events": _rows(recs, offset, "events", ("role", "category", "date", "source")),
        "links": {"a": [offset + a for a, _, _ in planted.links],
                  "b": [offset + b for _, b, _ in planted.links],
                  "kind": [k for _, _, k in planted.links]},
    }
    for name, data in columns.items():
        described = con.execute(f"DESCRIBE _syn_{name}").fetchall()
        arrow = pa.table({str(col): pa.array(data[str(col)], _ARROW[str(kind)])
                          for col, kind, *_ in described})
        con.register("_syn_arrow", arrow)
        try:
            con.execute(f"INSERT INTO _syn_{name} SELECT * FROM _syn_arrow")
        finally:
            con.unregister("_syn_arrow")


_ARROW = {"BIGINT": pa.int64(), "UBIGINT": pa.uint64(), "VARCHAR": pa.string(),
          "DATE": pa.date32()}


def _rows(recs: list[Any], offset: int, attr: str,
          names: tuple[str, ...]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"pos": [], **{n: [] for n in names}}
    for i, record in enumerate(recs):
        for item in getattr(record, attr):
            values = item if isinstance(item, tuple) else (item,)
            out["pos"].append(offset + i)
            for name, value in zip(names, values, strict=True):
                out[name].append(value)
    return out


def extract_write(*, con: duckdb.DuckDBPyConnection, seed: int, out: Path) -> dict[str, int]:
    """Give every position a record_id in a shuffled order (so an id says nothing about how
    the record was made) and write the six tables as Parquet, ordered by record_id."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _syn_ids AS
        SELECT pos, 'IR' || lpad((row_number() OVER (ORDER BY hash(pos, 99, {int(seed)}), pos)
                                  - 1)::VARCHAR, 10, '0') AS record_id
        FROM _syn_persons""")
    selects = {
        "persons": "SELECT i.record_id, forenames, surname, dob, sex, postcode, address",
        "phones": "SELECT i.record_id, number",
        "vehicles": "SELECT i.record_id, vrm",
        "addresses": 'SELECT i.record_id, address, postcode, "from", "to"',
        "events": "SELECT i.record_id, role, category, date, source",
    }
    rows: dict[str, int] = {}
    for name, select in selects.items():
        rows[name] = _copy(con, f"{select} FROM _syn_{name} t JOIN _syn_ids i USING (pos) "
                                f"ORDER BY ALL", out / f"{name}.parquet")
    rows["links"] = _copy(con, "SELECT ia.record_id AS record_a, ib.record_id AS record_b, "
                               "l.kind FROM _syn_links l JOIN _syn_ids ia ON ia.pos = l.a "
                               "JOIN _syn_ids ib ON ib.pos = l.b ORDER BY ALL",
                          out / "links.parquet")
    return {name: rows[name] for name in TABLES}


def _copy(con: duckdb.DuckDBPyConnection, sql: str, path: Path) -> int:
    con.execute(f"COPY ({sql}) TO '{_escape(str(path))}' (FORMAT parquet, COMPRESSION zstd)")
    count = con.execute(f"SELECT count(*) FROM read_parquet('{_escape(str(path))}')").fetchall()
    return int(count[0][0])


def truth_write(*, con: duckdb.DuckDBPyConnection, planted: Planted, offset: int,
                out: Path) -> dict[str, int]:
    """truth.parquet and truth.csv: the planted rows, plus background strangers who share an
    employee's name and date of birth by chance (hard negatives, "same_name_dob_chance")."""
    arrow = pa.table({
        "kind": pa.array([t["kind"] for t in planted.truth], pa.string()),
        "employee_id": pa.array([t["employee_id"] for t in planted.truth], pa.string()),
        "pos": pa.array([offset + t["record"] for t in planted.truth], pa.int64()),
        "detail": pa.array([t["detail"] for t in planted.truth], pa.string()),
        "victim_witness_only": pa.array([t["victim_witness_only"] for t in planted.truth],
                                        pa.bool_()),
    })
    con.register("_syn_truth_arrow", arrow)
    try:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _syn_truth AS
            WITH chance AS (
                SELECT DISTINCT 'hard_negative' AS kind, n.employee_id, s.pos,
                       'same_name_dob_chance' AS detail, false AS victim_witness_only
                FROM _syn_persons s
                JOIN workforce_people p ON p.dob = s.dob
                JOIN workforce_names n ON n.employee_id = p.employee_id
                 AND upper(split_part(n.forenames, ' ', 1))
                     = upper(split_part(s.forenames, ' ', 1))
                 AND upper(n.surname) = upper(s.surname)
                WHERE s.pos < {int(offset)})
            SELECT t.kind, t.employee_id, i.record_id, t.detail, t.victim_witness_only
            FROM (SELECT * FROM _syn_truth_arrow UNION ALL SELECT * FROM chance) t
            JOIN _syn_ids i USING (pos) ORDER BY ALL""")
    finally:
        con.unregister("_syn_truth_arrow")
    for path, options in ((out / "truth.parquet", "FORMAT parquet"),
                          (out / "truth.csv", "FORMAT csv, HEADER true")):
        con.execute(f"COPY _syn_truth TO '{_escape(str(path))}' ({options})")
    counts = dict(con.execute("SELECT kind, count(*) FROM _syn_truth GROUP BY kind").fetchall())
    return {str(k): int(v) for k, v in counts.items()}


def cleanup(*, con: duckdb.DuckDBPyConnection) -> None:
    for name in (*TABLES, "pools", "names", "ids", "truth"):
        con.execute(f"DROP TABLE IF EXISTS _syn_{name}")


def _escape(value: str) -> str:
    return value.replace("'", "''")
