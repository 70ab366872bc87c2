"""Evaluating a rule over the whole history (or over a few people) as one set-based query:
window and aggregate functions over allegations joined to matters, run by the database, never
a loop over people in Python. The rows come from conduct's and screening's selectors (plain
`values()` querysets), wrapped here in the rule's SQL; only integers validated by
rules.definitions are written into the SQL text, and every value is a bound parameter.

Each evaluator returns {person_id: Evidence}: the people the rule matches and the records
that made it match.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from upright.conduct.selectors import pattern_allegation_facts, pattern_complainant_facts
from upright.patterns.models import RuleKind
from upright.patterns.rules.definitions import window_seconds
from upright.screening.selectors import pattern_hit_facts

# Comparisons of times are made in seconds; half a second of slack absorbs the floating-point
# rounding of SQLite's julianday() so that a window edge met to the second counts.
_SLACK = 0.5


@dataclass
class Evidence:
    matters: set[str] = field(default_factory=set)  # matter references
    hits: set[int] = field(default_factory=set)  # screening hit ids
    complainants: set[int] = field(default_factory=set)  # complainant ids

    def keys(self) -> list[str]:
        """Sorted "matter:REF" / "hit:ID" / "complainant:ID": what the fingerprint covers."""
        return sorted([f"matter:{m}" for m in self.matters] + [f"hit:{h}" for h in self.hits]
                      + [f"complainant:{c}" for c in self.complainants])

    def as_json(self) -> dict[str, list[Any]]:
        return {"matters": sorted(self.matters), "hits": sorted(self.hits),
                "complainants": sorted(self.complainants)}


Found = dict[int, Evidence]


def _epoch(column: str) -> str:
    """Seconds since an epoch for a datetime column, per database (portable by default)."""
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM {column})"
    return f"(julianday({column}) * 86400.0)"


def _sql(queryset: QuerySet[Any, Any]) -> tuple[str, tuple[Any, ...]]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def _rows(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _window_members(facts: QuerySet[Any, Any], *, min_count: int, seconds: float) -> Found:
    """The matters that lie in some run of `min_count` of the person's matters spanning at
    most `seconds`. A matter starts a qualifying run when the matter (min_count - 1) places
    later is close enough (LEAD); a matter belongs to one when any of the (min_count - 1)
    matters before it, or itself, starts one (a MAX over the preceding rows)."""
    inner, params = _sql(facts)
    n = int(min_count)
    t, lead = "m.t", "LEAD(m.t, %s) OVER (PARTITION BY m.subject_id ORDER BY m.t, m.reference)"
    # S608: the only values in the text are validated integers.
    sql = (
        "SELECT x.subject_id, x.reference FROM ("  # noqa: S608
        " SELECT s.subject_id, s.reference, MAX(s.start_ok) OVER (PARTITION BY s.subject_id"
        f"  ORDER BY s.t, s.reference ROWS BETWEEN {n - 1} PRECEDING AND CURRENT ROW) AS member"
        " FROM ("
        "  SELECT m.subject_id, m.reference, m.t,"
        f"   CASE WHEN {_epoch(lead)} - {_epoch(t)} <= %s THEN 1 ELSE 0 END AS start_ok"
        "  FROM (SELECT f.subject_id, f.reference, MIN(f.attention) AS t"
        f"   FROM ({inner}) f GROUP BY f.subject_id, f.reference) m"
        " ) s"
        ") x WHERE x.member = 1"
    )
    found: Found = defaultdict(Evidence)
    # Bound in the order the placeholders appear: LEAD's offset, the window, then the facts'.
    for subject_id, reference in _rows(sql, (n - 1, seconds + _SLACK, *params)):
        found[subject_id].matters.add(reference)
    return dict(found)


def category_count_window(parameters: dict[str, Any], subject_ids: list[int] | None) -> Found:
    facts = pattern_allegation_facts(subject_ids=subject_ids,
                                     category_codes=parameters["category_codes"])
    return _window_members(facts, min_count=parameters["min_count"],
                           seconds=window_seconds(parameters))


def complaint_count_window(parameters: dict[str, Any], subject_ids: list[int] | None) -> Found:
    facts = pattern_allegation_facts(subject_ids=subject_ids, kind="complaint")
    return _window_members(facts, min_count=parameters["min_count"],
                           seconds=window_seconds(parameters))


def allegation_with_screening_hit(parameters: dict[str, Any],
                                  subject_ids: list[int] | None) -> Found:
    """Pairs of an allegation and a hit on the same person, at most the window apart."""
    allegations = pattern_allegation_facts(subject_ids=subject_ids,
                                           category_codes=parameters.get("category_codes"))
    a_sql, a_params = _sql(allegations)
    h_sql, h_params = _sql(pattern_hit_facts(employee_ids=subject_ids))
    # S608: no values in the text.
    sql = (
        f"SELECT DISTINCT a.subject_id, a.reference, h.id FROM ({a_sql}) a"  # noqa: S608
        f" JOIN ({h_sql}) h ON h.employee_id = a.subject_id"
        f" WHERE ABS({_epoch('a.attention')} - {_epoch('h.created_at')}) <= %s"
    )
    found: Found = defaultdict(Evidence)
    for subject_id, reference, hit_id in _rows(
            sql, (*a_params, *h_params, window_seconds(parameters) + _SLACK)):
        found[subject_id].matters.add(reference)
        found[subject_id].hits.add(hit_id)
    return dict(found)


def _surname(name: str) -> str:
    words = re.findall(r"[a-z']+", name.lower())
    return words[-1] if words else ""


def _address(address: str) -> str:
    return re.sub(r"[^a-z0-9]", "", address.lower())


def complainants_unconnected(complainants: dict[int, tuple[str, str]]) -> set[int]:
    """The largest set of complainants no two of whom are connected, where two complainants
    are connected when they share a surname or a (normalised, non-empty) address: the
    people of one household or family count once. A maximum bipartite matching between
    surnames and addresses (Kuhn's algorithm; a complainant is an edge), on one person's
    handful of complainants."""
    edges: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for cid, (name, address) in sorted(complainants.items()):
        surname = _surname(name) or f"#{cid}"
        edges[surname].append((_address(address) or f"#{cid}", cid))
    matched: dict[str, tuple[str, int]] = {}  # address -> (surname, complainant)

    def augment(surname: str, seen: set[str]) -> bool:
        for address, cid in edges[surname]:
            if address in seen:
                continue
            seen.add(address)
            if address not in matched or augment(matched[address][0], seen):
                matched[address] = (surname, cid)
                return True
        return False

    for surname in sorted(edges):
        augment(surname, set())
    return {cid for _, cid in matched.values()}


def unconnected_complainants(parameters: dict[str, Any],
                             subject_ids: list[int] | None) -> Found:
    """The database finds the people with at least K distinct complainants (a GROUP BY);
    the exact count of unconnected ones is then taken on those few people only."""
    k = parameters["min_complainants"]
    inner, params = _sql(pattern_complainant_facts(subject_ids=subject_ids))
    # S608: no values in the text.
    sql = (
        f"SELECT c.subject_id FROM ({inner}) c GROUP BY c.subject_id"  # noqa: S608
        " HAVING COUNT(DISTINCT c.complainant_id) >= %s"
    )
    candidates = [row[0] for row in _rows(sql, (*params, k))]
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in pattern_complainant_facts(subject_ids=candidates):
        rows[row["subject_id"]].append(row)
    found: Found = {}
    for subject_id, links in rows.items():
        people = {r["complainant_id"]: (r["name"], r["address"]) for r in links}
        chosen = complainants_unconnected(people)
        if len(chosen) >= k:
            found[subject_id] = Evidence(
                matters={r["reference"] for r in links if r["complainant_id"] in chosen},
                complainants=chosen)
    return found


EVALUATORS: dict[str, Callable[[dict[str, Any], list[int] | None], Found]] = {
    RuleKind.CATEGORY_COUNT_WINDOW: category_count_window,
    RuleKind.COMPLAINT_COUNT_WINDOW: complaint_count_window,
    RuleKind.ALLEGATION_WITH_SCREENING_HIT: allegation_with_screening_hit,
    RuleKind.UNCONNECTED_COMPLAINANTS: unconnected_complainants,
}


def rule_evaluate(*, kind: str, parameters: dict[str, Any],
                  subject_ids: list[int] | None = None) -> Found:
    """Who the rule matches, over everyone (subject_ids None) or over the people named."""
    return EVALUATORS[kind](parameters, subject_ids)
