"""Build the two Splink input tables for workforce-to-index linkage, in DuckDB SQL.

Contract (created by ``screening.extract`` and the workforce export):

- index: ``persons``, ``addresses``, ``phones``, ``vehicles``, ``events``, ``links``;
- workforce: ``workforce_people``, ``workforce_names``, ``workforce_addresses``,
  ``workforce_phones``, ``workforce_vehicles``.

``linkage_employees`` has one row per employee *name variant x address*: every current,
previous and alias name against every address the employee has declared, so a married
name or an old address is compared as itself and not diluted by the current one.
``linkage_index`` has one row per index person. Both carry the same standardised columns
(Splink's link_only mode needs identical columns on both sides):

``unique_id, entity_id, name_kind, forename, middle, middle_i, surname, forename_names,
surname_names, surname_sx, forename_i, surname_parts, dob, dob_y, dob_m, dob_d, dob_str, sex, postcode,
pc_out, postcodes, address_key, address_keys, phones, swap_key``.

``middle`` is the second forename. ``phones`` are normalised numbers (``PHONE_SQL``); on the
index side only the numbers some employee also has are kept, as with address keys.

Nickname handling uses the ``nicknames`` package: ``forename_names`` is the forename plus
every canonical name it is a nickname of (BILL -> [BILL, ROBERT, WILL, WILLIAM, WILLIS]),
so two forenames are nickname-equivalent when the lists intersect, and blocking explodes
the list so that a nickname meets its formal name.
"""

from __future__ import annotations

import duckdb
import nicknames

EMPLOYEES_TABLE = "linkage_employees"
INDEX_TABLE = "linkage_index"
NICKNAMES_TABLE = "linkage_nicknames"
SWAP_FREQUENCIES_TABLE = "linkage_swap_frequencies"
# How often a record holds a person's forename and surname the wrong way round: a stated
# prior (model.M_SWAPPED), and part of how often a stranger shows a given swapped name.
SWAPPED_RATE = 0.01

# American Soundex in SQL (DuckDB has no built-in). H and W are dropped before coding,
# vowels (and Y) separate repeated codes, and runs of one code collapse to one digit.
_SOUNDEX_MACRO = """
CREATE OR REPLACE TEMP MACRO linkage_soundex(s) AS (
    CASE WHEN s IS NULL OR s = '' THEN NULL ELSE
    rpad(
        left(s, 1) || replace(substr(
            regexp_replace(regexp_replace(regexp_replace(regexp_replace(
            regexp_replace(regexp_replace(
                translate(left(s, 1) || regexp_replace(substr(s, 2), '[HW]', '', 'g'),
                          'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '01230120022455012623010202'),
            '1+', '1', 'g'), '2+', '2', 'g'), '3+', '3', 'g'), '4+', '4', 'g'),
            '5+', '5', 'g'), '6+', '6', 'g'),
        2), '0', ''),
    4, '0')[1:4]
    END
)
"""

# Digits only, with +44 or 0044 written as the trunk 0: +44 7700 900123 = 07700900123.
PHONE_SQL = ("regexp_replace(regexp_replace(regexp_replace({c}, '[^0-9+]', '', 'g'),"
             " '^([+]|00)44', '0', 'g'), '[^0-9]', '', 'g')")
# Fewer digits is an extension or a fragment, not a number.
PHONE_MIN_DIGITS = 6

_NAME_CLEAN = "nullif(regexp_replace(upper(trim({col})), '[^A-Z \\-'']', '', 'g'), '')"
_POSTCODE_CLEAN = "nullif(regexp_replace(upper({col}), '[^A-Z0-9]', '', 'g'), '')"


def _name(col: str) -> str:
    # Keep letters, spaces, hyphens and apostrophes; then drop apostrophes and collapse
    # spaces so O'NEIL = ONEIL and "MARY  ANN" = "MARY ANN".
    cleaned = _NAME_CLEAN.format(col=col)
    return f"nullif(regexp_replace(replace({cleaned}, '''', ''), '\\s+', ' ', 'g'), '')"


def _postcode(col: str) -> str:
    return _POSTCODE_CLEAN.format(col=col)


def _phone(col: str) -> str:
    return PHONE_SQL.format(c=col)


def _address_key(address: str, clean_postcode: str) -> str:
    # The first line and the postcode, letters and digits only: "Flat 2, 10 High St" and
    # "FLAT 2 10 HIGH ST" are one address. Without a postcode a line alone is too loose.
    return (f"CASE WHEN {address} IS NOT NULL AND {clean_postcode} IS NOT NULL THEN "
            f"regexp_replace(upper({address}), '[^A-Z0-9]', '', 'g') || '|' || {clean_postcode} END")


def nicknames_load(*, con: duckdb.DuckDBPyConnection) -> None:
    """Create the (name, canon) lookup from the nicknames package (idempotent)."""
    pairs: set[tuple[str, str]] = set()
    for triplet in nicknames.name_triplets():
        canon, nick = triplet.name1.upper(), triplet.name2.upper()
        pairs.add((nick, canon))
    con.execute(f"CREATE OR REPLACE TABLE {NICKNAMES_TABLE} (name VARCHAR, canon VARCHAR)")
    con.executemany(f"INSERT INTO {NICKNAMES_TABLE} VALUES (?, ?)", sorted(pairs))  # noqa: S608 (constant identifiers)


NAME_FEATURES_TABLE = "linkage_name_features"


def name_features_build(*, con: duckdb.DuckDBPyConnection) -> None:
    """Soundex, nickname equivalents and name parts, once per distinct name.

    An index of ten million persons has a few hundred thousand distinct names, so the
    regular expressions and the nickname lookup run on those and are joined back."""
    names = f"""
        SELECT split_part({_name("raw")}, ' ', 1) AS name
        FROM (SELECT DISTINCT forenames AS raw FROM persons
              UNION SELECT forenames FROM workforce_names)
        UNION
        SELECT {_name("raw")}
        FROM (SELECT DISTINCT surname AS raw FROM persons UNION SELECT surname FROM workforce_names)
    """  # noqa: S608 (constant identifiers)
    con.execute(f"""
        CREATE OR REPLACE TABLE {NAME_FEATURES_TABLE} AS
        WITH names AS (SELECT name FROM ({names}) WHERE name IS NOT NULL),
        canons AS (SELECT name, list(canon) AS canons FROM {NICKNAMES_TABLE} GROUP BY name)
        SELECT n.name,
            list_sort(list_distinct(list_concat([n.name], coalesce(c.canons, [])))) AS names,
            linkage_soundex(replace(replace(n.name, ' ', ''), '-', '')) AS sx,
            string_split_regex(n.name, '[ \\-]+') AS parts
        FROM names n LEFT JOIN canons c USING (name)
    """)  # noqa: S608 (constant identifiers)


def _standardise_sql(source: str, *, employees: bool) -> str:
    """Standardised columns derived from a relation with raw name/dob/sex/postcode.

    ``swap_key`` is a record's full name, and an employee's full name read the other way
    round, so the two are equal exactly when the names are swapped; its term frequency
    (``swap_frequencies_sql``) says how often a stranger carries that swapped name."""
    swap = "s.surname || '|' || s.forename" if employees else "s.forename || '|' || s.surname"
    return f"""
    SELECT
        s.unique_id, s.entity_id, s.name_kind, s.forename, s.middle,
        left(s.middle, 1) AS middle_i, s.surname,
        fn.names AS forename_names,
        -- A forename recorded in the surname column is compared with its nicknames too.
        sn.names AS surname_names,
        sn.sx AS surname_sx,
        left(s.forename, 1) AS forename_i,
        sn.parts AS surname_parts,
        s.dob,
        year(s.dob) AS dob_y, month(s.dob) AS dob_m, day(s.dob) AS dob_d,
        strftime(s.dob, '%Y%m%d') AS dob_str,
        s.sex, s.postcode,
        CASE WHEN length(s.postcode) >= 5 THEN left(s.postcode, length(s.postcode) - 3)
        END AS pc_out,
        s.postcodes, s.address_key, s.address_keys, s.phones,
        {swap} AS swap_key
    FROM ({source}) s
    LEFT JOIN {NAME_FEATURES_TABLE} fn ON fn.name = s.forename
    LEFT JOIN {NAME_FEATURES_TABLE} sn ON sn.name = s.surname
    """  # noqa: S608 (constant identifiers)


def _sex(col: str) -> str:
    return f"CASE upper(left(trim({col}), 1)) WHEN 'M' THEN 'M' WHEN 'F' THEN 'F' END"


def employees_sql() -> str:
    """One row per employee name variant x declared address (or one null address)."""
    source = f"""
    WITH names AS (
        SELECT employee_id, coalesce(kind, 'current') AS name_kind,
               {_name("forenames")} AS forename_full, {_name("surname")} AS surname
        FROM workforce_names
    ),
    phones AS (
        SELECT employee_id, list_sort(list_distinct(list(number))) AS phones
        FROM (SELECT employee_id, {_phone("number")} AS number FROM workforce_phones)
        WHERE length(number) >= {PHONE_MIN_DIGITS} GROUP BY employee_id
    ),
    addrs AS (
        SELECT employee_id, postcode, {_address_key("address", "postcode")} AS address_key
        FROM (SELECT employee_id, address, {_postcode("postcode")} AS postcode
              FROM workforce_addresses)
    ),
    all_pc AS (
        SELECT employee_id,
               list_sort(list_distinct(list(postcode) FILTER (postcode IS NOT NULL)))
                   AS postcodes,
               list_sort(list_distinct(list(address_key) FILTER (address_key IS NOT NULL)))
                   AS address_keys
        FROM addrs GROUP BY employee_id
    ),
    variants AS (
        SELECT DISTINCT p.employee_id, n.name_kind,
               split_part(n.forename_full, ' ', 1) AS forename,
               nullif(split_part(n.forename_full, ' ', 2), '') AS middle, n.surname,
               p.dob, {_sex("p.sex")} AS sex, a.postcode, a.address_key
        FROM workforce_people p
        JOIN names n USING (employee_id)
        LEFT JOIN addrs a USING (employee_id)
    )
    SELECT
        v.employee_id || '#' || row_number() OVER (
            PARTITION BY v.employee_id
            ORDER BY v.name_kind, v.surname, v.forename, v.middle, v.postcode, v.address_key
        ) AS unique_id,
        v.employee_id AS entity_id, v.name_kind, v.forename, v.middle, v.surname, v.dob,
        v.sex, v.postcode, coalesce(c.postcodes, []::VARCHAR[]) AS postcodes, v.address_key,
        coalesce(c.address_keys, []::VARCHAR[]) AS address_keys,
        coalesce(ph.phones, []::VARCHAR[]) AS phones
    FROM variants v LEFT JOIN all_pc c USING (employee_id)
    LEFT JOIN phones ph USING (employee_id)
    """  # noqa: S608 (constant identifiers)
    return _standardise_sql(source, employees=True)


def index_sql() -> str:
    """One row per index person, with every postcode they have been recorded at.

    Names and postcodes are cleaned once per distinct raw value and joined back: ten
    million persons share a few hundred thousand spellings, and the regular expressions
    are most of the cost of preparing the index."""
    source = f"""
    WITH fn_map AS MATERIALIZED (
        SELECT raw, split_part(clean_full, ' ', 1) AS clean,
               nullif(split_part(clean_full, ' ', 2), '') AS middle
        FROM (SELECT raw, {_name("raw")} AS clean_full
              FROM (SELECT DISTINCT forenames AS raw FROM persons))
    ),
    sn_map AS MATERIALIZED (
        SELECT raw, {_name("raw")} AS clean FROM (SELECT DISTINCT surname AS raw FROM persons)
    ),
    pc_clean AS (
        SELECT raw, {_postcode("raw")} AS clean FROM (
            SELECT postcode AS raw FROM persons UNION SELECT postcode FROM addresses)
    ),
    -- An address key can only equal an employee's at one of the employee's postcodes, so
    -- the (costly) key is made only there: a fraction of a national index.
    pc_map AS MATERIALIZED (
        SELECT c.raw, c.clean, e.postcode IS NOT NULL AS shared
        FROM pc_clean c
        LEFT JOIN (SELECT DISTINCT {_postcode("postcode")} AS postcode
                   FROM workforce_addresses) e ON e.postcode = c.clean
    ),
    hist AS (
        SELECT record_id, is_current, postcode,
               CASE WHEN shared THEN {_address_key("address", "postcode")} END AS address_key
        FROM (SELECT p.record_id, true AS is_current, p.address, m.clean AS postcode, m.shared
              FROM persons p JOIN pc_map m ON m.raw = p.postcode
              UNION ALL
              SELECT a.record_id, false, a.address, m.clean, m.shared
              FROM addresses a JOIN pc_map m ON m.raw = a.postcode)
    ),
    current_key AS (
        SELECT record_id, any_value(address_key) AS address_key
        FROM hist WHERE is_current GROUP BY record_id
    ),
    -- Likewise only a number some employee has can be shared with one.
    staff_phones AS MATERIALIZED (
        SELECT DISTINCT {_phone("number")} AS number FROM workforce_phones
    ),
    rec_phones AS (
        SELECT x.record_id, list_sort(list_distinct(list(x.number))) AS phones
        FROM (SELECT record_id, {_phone("number")} AS number FROM phones) x
        JOIN staff_phones s USING (number)
        WHERE length(x.number) >= {PHONE_MIN_DIGITS} GROUP BY x.record_id
    ),
    all_pc AS (
        SELECT record_id, list_sort(list_distinct(list(postcode))) AS postcodes,
               list_sort(list_distinct(list(address_key) FILTER (address_key IS NOT NULL)))
                   AS address_keys
        FROM hist WHERE postcode IS NOT NULL GROUP BY record_id
    )
    SELECT
        p.record_id AS unique_id, p.record_id AS entity_id, 'index' AS name_kind,
        fm.clean AS forename, fm.middle, sm.clean AS surname,
        p.dob, {_sex("p.sex")} AS sex, pm.clean AS postcode,
        coalesce(c.postcodes, []::VARCHAR[]) AS postcodes,
        k.address_key,
        coalesce(c.address_keys, []::VARCHAR[]) AS address_keys,
        coalesce(ph.phones, []::VARCHAR[]) AS phones
    FROM persons p
    LEFT JOIN all_pc c USING (record_id)
    LEFT JOIN current_key k USING (record_id)
    LEFT JOIN fn_map fm ON fm.raw = p.forenames
    LEFT JOIN sn_map sm ON sm.raw = p.surname
    LEFT JOIN pc_map pm ON pm.raw = p.postcode
    LEFT JOIN rec_phones ph USING (record_id)
    """  # noqa: S608 (constant identifiers)
    return _standardise_sql(source, employees=False)


def swap_frequencies_sql() -> str:
    """``swap_key, tf_swap_key``: how often a stranger in the index shows each swap key as
    their name, the term frequency of the model's "names swapped exactly" level.

    For the key A|B that is the chance of being named forename A, surname B (the two
    names' frequencies in the index, as if independent), plus the chance of being named
    forename B, surname A and recorded swapped. A name the index never holds in that
    column counts as held once. Counting the keys themselves would not do: nearly every
    full name is unique, so its frequency is one in the index's size, whatever the names.
    """
    return f"""
    WITH n AS (SELECT CAST(count(*) AS DOUBLE) AS n FROM {INDEX_TABLE}),
    f AS (SELECT forename AS name, count(*) AS c FROM {INDEX_TABLE} GROUP BY forename),
    s AS (SELECT surname AS name, count(*) AS c FROM {INDEX_TABLE} GROUP BY surname),
    keys AS (
        SELECT forename AS a, surname AS b FROM {INDEX_TABLE}
        UNION SELECT surname AS a, forename AS b FROM {EMPLOYEES_TABLE}
    )
    SELECT k.a || '|' || k.b AS swap_key,
        (greatest(coalesce(fa.c, 0), 1) * greatest(coalesce(sb.c, 0), 1)
         + {SWAPPED_RATE} * greatest(coalesce(fb.c, 0), 1) * greatest(coalesce(sa.c, 0), 1))
        / (n.n * n.n) AS tf_swap_key
    FROM keys k CROSS JOIN n
    LEFT JOIN f fa ON fa.name = k.a LEFT JOIN s sb ON sb.name = k.b
    LEFT JOIN f fb ON fb.name = k.b LEFT JOIN s sa ON sa.name = k.a
    WHERE k.a IS NOT NULL AND k.b IS NOT NULL
    """  # noqa: S608 (constant identifiers)


def linkage_tables_build(*, con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """(Re)create ``linkage_employees`` and ``linkage_index``; return their row counts."""
    con.execute(_SOUNDEX_MACRO)
    nicknames_load(con=con)
    name_features_build(con=con)
    for table, sql in ((EMPLOYEES_TABLE, employees_sql()), (INDEX_TABLE, index_sql())):
        con.execute(f"CREATE OR REPLACE TABLE {table} AS {sql}")
    con.execute(f"CREATE OR REPLACE TABLE {SWAP_FREQUENCIES_TABLE} AS {swap_frequencies_sql()}")
    counts = {}
    for table in (EMPLOYEES_TABLE, INDEX_TABLE):
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()  # noqa: S608 (constant identifiers)
        counts[table] = int(rows[0][0])
    return counts
