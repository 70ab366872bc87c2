"""Associations between employees and index persons with an offending event.

Paths found (each row carries ``path``, a list of steps, and ``evidence``):

- ``shared_phone``: an employee's number equals an offender's (digits only, +44 -> 0);
- ``shared_address``: the same postcode and address with overlapping dates (open ends
  count as open);
- ``shared_vehicle``: the same registration mark (upper case, no spaces);
- ``linked_record``: a one-hop link from the employee's own matched record to an offender;
- ``group``: an offender reached by any of the above is linked to at least one other
  offender (two or more such people linked together).

``identity`` rows describe the employee's own matched record, with its roles, and flag
``victim_witness_only`` when it has only victim or witness events, so the caller can keep
it out of the misconduct queue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from upright.screening.linkage.prepare import PHONE_MIN_DIGITS, PHONE_SQL

OFFENDING_ROLES = ("suspect", "accused", "convicted")
NON_OFFENDING_ROLES = ("victim", "witness")

_VRM = "regexp_replace(upper({c}), '[^A-Z0-9]', '', 'g')"
_ADDR = "regexp_replace(upper({c}), '[^A-Z0-9]', '', 'g')"


@dataclass(frozen=True)
class Association:
    employee_id: str
    kind: str
    record_id: str
    path: list[dict[str, Any]]
    evidence: dict[str, Any]
    victim_witness_only: bool = False
    roles: list[str] = field(default_factory=list)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
          ) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()


def _ids_table(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, list[str]]) -> None:
    """A temp table from Python lists, through Arrow (executemany is row by row)."""
    con.register("_assoc_arrow", pa.table({c: pa.array(v, pa.string()) for c, v in columns.items()}))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT DISTINCT * FROM _assoc_arrow")  # noqa: S608 (constant names)
    finally:
        con.unregister("_assoc_arrow")


def _hits_table(con: duckdb.DuckDBPyConnection, identity_hits: Iterable[Any]) -> None:
    pairs = []
    for hit in identity_hits:
        if isinstance(hit, dict):
            pairs.append((str(hit["employee_id"]), str(hit["record_id"])))
        elif isinstance(hit, tuple):
            pairs.append((str(hit[0]), str(hit[1])))
        else:
            pairs.append((str(hit.employee_id), str(hit.record_id)))
    _ids_table(con, "assoc_hits", {"employee_id": [e for e, _ in pairs],
                                   "record_id": [r for _, r in pairs]})


def _roles(con: duckdb.DuckDBPyConnection, record_ids: set[str]) -> dict[str, list[str]]:
    """The distinct roles of just these records (the index may hold hundreds of millions)."""
    _ids_table(con, "assoc_wanted", {"record_id": sorted(record_ids)})
    rows = _rows(con, "SELECT e.record_id, list_sort(list_distinct(list(lower(e.role))))"
                      " FROM events e JOIN assoc_wanted w USING (record_id)"
                      " GROUP BY e.record_id")
    return {str(r[0]): list(r[1]) for r in rows}


def associations_find(
    *, con: duckdb.DuckDBPyConnection, identity_hits: Iterable[Any]
) -> list[Association]:
    """Every association path for every employee. ``identity_hits`` are the employee's
    matched records: LinkageHit objects, dicts or (employee_id, record_id) tuples."""
    _hits_table(con, identity_hits)
    offending = ", ".join(f"'{r}'" for r in OFFENDING_ROLES)
    con.execute("CREATE OR REPLACE TEMP TABLE assoc_offenders AS SELECT DISTINCT record_id "  # noqa: S608 (constants)
                f"FROM events WHERE lower(role) IN ({offending})")
    hits = _rows(con, "SELECT * FROM assoc_hits ORDER BY ALL")

    own = "NOT EXISTS (SELECT 1 FROM assoc_hits h WHERE h.employee_id = w.employee_id" \
          " AND h.record_id = x.record_id)"
    shared: list[tuple[str, str, str, dict[str, Any]]] = []
    phone_w, phone_x = PHONE_SQL.format(c="w.number"), PHONE_SQL.format(c="x.number")
    for e, r, num in _rows(con, f"""
        SELECT DISTINCT w.employee_id, x.record_id, {phone_x}
        FROM workforce_phones w JOIN phones x ON {phone_w} = {phone_x}
        JOIN assoc_offenders o ON o.record_id = x.record_id
        WHERE length({phone_x}) >= {PHONE_MIN_DIGITS} AND {own} ORDER BY ALL"""):  # noqa: S608 (constant identifiers)
        shared.append((e, r, "shared_phone", {"number": num}))
    for e, r, pc, addr, wf, wt, xf, xt in _rows(con, f"""
        SELECT DISTINCT w.employee_id, x.record_id, x.postcode, x.address,
               w."from", w."to", x."from", x."to"
        FROM workforce_addresses w JOIN addresses x
          ON regexp_replace(upper(w.postcode), '[^A-Z0-9]', '', 'g')
             = regexp_replace(upper(x.postcode), '[^A-Z0-9]', '', 'g')
         AND {_ADDR.format(c="w.address")} = {_ADDR.format(c="x.address")}
        JOIN assoc_offenders o ON o.record_id = x.record_id
        WHERE coalesce(w."from", DATE '0001-01-01') <= coalesce(x."to", DATE '9999-12-31')
          AND coalesce(x."from", DATE '0001-01-01') <= coalesce(w."to", DATE '9999-12-31')
          AND {own} ORDER BY ALL"""):  # noqa: S608 (constant identifiers)
        shared.append((e, r, "shared_address", {
            "address": addr, "postcode": pc,
            "employee_dates": [_d(wf), _d(wt)], "index_dates": [_d(xf), _d(xt)]}))
    for e, r, vrm in _rows(con, f"""
        SELECT DISTINCT w.employee_id, x.record_id, {_VRM.format(c="x.vrm")}
        FROM workforce_vehicles w JOIN vehicles x
          ON {_VRM.format(c="w.vrm")} = {_VRM.format(c="x.vrm")}
        JOIN assoc_offenders o ON o.record_id = x.record_id
        WHERE {own} ORDER BY ALL"""):  # noqa: S608 (constant identifiers)
        shared.append((e, r, "shared_vehicle", {"vrm": vrm}))
    for e, own_record, r, link_kind in _rows(con, """
        SELECT DISTINCT h.employee_id, h.record_id, o.record_id, l.kind
        FROM assoc_hits h
        JOIN links l ON h.record_id IN (l.record_a, l.record_b)
        JOIN assoc_offenders o
          ON o.record_id = CASE WHEN l.record_a = h.record_id THEN l.record_b
                                ELSE l.record_a END
        WHERE o.record_id <> h.record_id ORDER BY ALL"""):
        shared.append((e, r, "linked_record", {"own_record": own_record, "link": link_kind}))

    roles = _roles(con, {r for _, r in hits} | {r for _, r, _, _ in shared})
    out: list[Association] = []
    for employee_id, record_id in hits:
        rs = roles.get(record_id, [])
        out.append(Association(
            employee_id=employee_id, kind="identity", record_id=record_id,
            path=[{"from": employee_id, "to": record_id, "via": "identity match"}],
            evidence={"roles": rs},
            victim_witness_only=bool(rs) and set(rs) <= set(NON_OFFENDING_ROLES),
            roles=rs,
        ))
    for e, r, kind, evidence in shared:
        out.append(Association(
            employee_id=e, kind=kind, record_id=r, path=[_step(e, r, kind, evidence)],
            evidence=evidence, roles=roles.get(r, [])))

    out.extend(_groups(con, shared, roles))
    return out


def _d(value: Any) -> str | None:
    return None if value is None else str(value)


def _step(employee_id: str, record_id: str, kind: str, evidence: dict[str, Any]
          ) -> dict[str, Any]:
    if kind == "linked_record":
        return {"from": evidence["own_record"], "to": record_id,
                "via": f"link ({evidence['link']})", "employee": employee_id}
    return {"from": employee_id, "to": record_id, "via": kind.replace("_", " ")}


def _groups(con: duckdb.DuckDBPyConnection,
            shared: list[tuple[str, str, str, dict[str, Any]]],
            roles: dict[str, list[str]]) -> list[Association]:
    """An offender the employee is associated with, linked to other offenders."""
    _ids_table(con, "assoc_reached", {"record_id": sorted({r for _, r, _, _ in shared})})
    links: dict[str, list[tuple[str, str]]] = {}
    for a, b, kind in _rows(con, """
        SELECT l.record_a, l.record_b, l.kind FROM links l
        JOIN assoc_offenders oa ON oa.record_id = l.record_a
        JOIN assoc_offenders ob ON ob.record_id = l.record_b
        WHERE l.record_a <> l.record_b
          AND (l.record_a IN (SELECT record_id FROM assoc_reached)
               OR l.record_b IN (SELECT record_id FROM assoc_reached))"""):
        links.setdefault(a, []).append((b, kind))
        links.setdefault(b, []).append((a, kind))
    out = []
    seen: set[tuple[str, str]] = set()
    for e, r, kind, evidence in shared:
        partners = sorted(set(links.get(r, [])))
        if not partners or (e, r) in seen:
            continue
        seen.add((e, r))
        members = sorted({r, *(p for p, _ in partners)})
        path = [_step(e, r, kind, evidence)] + [
            {"from": r, "to": p, "via": f"link ({k})"} for p, k in partners]
        out.append(Association(
            employee_id=e, kind="group", record_id=r, path=path,
            evidence={"members": members, "entry": kind, "entry_evidence": evidence},
            roles=roles.get(r, [])))
    return out
