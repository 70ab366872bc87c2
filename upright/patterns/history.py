"""One history per person (issue 5): every source's entries about one person, merged into a
single timeline, most recent first.

Each source is an owner app's `<thing>_history_entries(*, user, person_id)` selector, already
filtered by that app's own permission policy (compartments, conflicts, victim/witness
separation). The sources are looked up by dotted path when a history is read, so a source an
app has not written yet is skipped rather than breaking every decision page that shows the
panel. Reading is gated here too: VIEW_HISTORY, and never for the person or anyone in their
line of command. Auditing the read is `history_services.person_history_view`'s job.
"""

import datetime as dt
import importlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden, NotFound
from upright.core.history import HISTORY_KINDS, HistoryEntry
from upright.people.selectors import person_name_and_conflict

logger = logging.getLogger(__name__)

Source = Callable[..., list[HistoryEntry]]


@dataclass(frozen=True)
class HistorySource:
    """name: shown when a source is missing. module, function: where its selector lives.
    kinds: the HISTORY_KINDS it can return (a read filtered to other kinds skips it)."""

    name: str
    module: str
    function: str
    kinds: tuple[str, ...] = ()


# Every source of a person's history, in the order the issue lists them.
HISTORY_SOURCES: tuple[HistorySource, ...] = (
    HistorySource("conduct", "upright.conduct.selectors", "conduct_history_entries",
                  ("complaint", "conduct_matter")),
    HistorySource("suspensions", "upright.suspensions.selectors", "suspension_history_entries",
                  ("suspension",)),
    HistorySource("vetting", "upright.vetting.selectors", "vetting_history_entries",
                  ("vetting", "conviction", "declaration")),
    HistorySource("withdrawal", "upright.vetting.withdrawal.selectors",
                  "withdrawal_history_entries", ("withdrawal",)),
    HistorySource("screening", "upright.screening.selectors", "screening_history_entries",
                  ("screening_hit",)),
    HistorySource("lists", "upright.lists.selectors", "list_check_history_entries",
                  ("list_check",)),
    HistorySource("prior_force", "upright.people.selectors", "prior_force_history_entries",
                  ("prior_force",)),
    HistorySource("patterns", "upright.patterns.selectors", "pattern_alert_history_entries",
                  ("pattern_alert",)),
)

KIND_LABELS: dict[str, str] = {
    "complaint": "Complaints",
    "conduct_matter": "Conduct matters",
    "suspension": "Suspensions and restrictions",
    "vetting": "Vetting",
    "withdrawal": "Vetting withdrawal",
    "screening_hit": "Screening hits",
    "conviction": "Convictions and cautions",
    "declaration": "Declarations",
    "list_check": "Barred/advisory list checks",
    "prior_force": "Records from previous forces",
    "pattern_alert": "Pattern alerts",
}

# One entry's kind, for a table cell.
KIND_NAMES: dict[str, str] = {
    "complaint": "Complaint",
    "conduct_matter": "Conduct matter",
    "suspension": "Suspension / restriction",
    "vetting": "Vetting",
    "withdrawal": "Vetting withdrawal",
    "screening_hit": "Screening hit",
    "conviction": "Conviction / caution",
    "declaration": "Declaration",
    "list_check": "List check",
    "prior_force": "Previous force",
    "pattern_alert": "Pattern alert",
}


@dataclass(frozen=True)
class PersonHistory:
    """entries: most recent first. counts: kind -> number of entries, every kind listed in
    HISTORY_KINDS order (zeros included). skipped: sources not available in this install."""

    person_id: int
    person_name: str
    entries: list[HistoryEntry]
    counts: dict[str, int]
    skipped: tuple[str, ...] = field(default_factory=tuple)

    @property
    def kinds(self) -> list[str]:
        """The kinds that have at least one entry (what the audit event names)."""
        return [kind for kind, count in self.counts.items() if count]

    @property
    def total(self) -> int:
        return len(self.entries)


def _source_function(source: HistorySource) -> Source | None:
    try:
        module = importlib.import_module(source.module)
    except ImportError:
        return None
    function = getattr(module, source.function, None)
    return function if callable(function) else None


def history_sources_available() -> list[tuple[HistorySource, Source]]:
    found = []
    for source in HISTORY_SOURCES:
        function = _source_function(source)
        if function is not None:
            found.append((source, function))
    return found


def _perm_check(*, user: Any) -> None:
    if not user_has_perm(user=user, perm=Perm.VIEW_HISTORY):
        raise ActionForbidden(f"Your role does not allow this ({Perm.VIEW_HISTORY}).")


def person_history_check(*, user: Any, person_id: int) -> str:
    """The person's name if the user may read their history at all. ActionForbidden without
    the history permission, or for the person and anyone in their line of command (DESIGN.md
    "Need to know"); NotFound if there is no such person."""
    _perm_check(user=user)
    found = person_name_and_conflict(user=user, person_id=person_id)
    if found is None:
        raise NotFound("No such person.")
    name, conflicted = found
    if conflicted:
        raise ActionForbidden("You may not read the history of yourself or of anyone you manage.")
    return name


def _entry_sort_key(entry: HistoryEntry) -> tuple[dt.datetime, str, str]:
    return (entry.occurred_at, entry.kind, entry.ref)


def _filtered(entries: Iterable[HistoryEntry], *, kinds: Iterable[str] | None,
              date_from: dt.date | None, date_to: dt.date | None) -> list[HistoryEntry]:
    wanted = set(kinds) if kinds else None
    out = []
    for entry in entries:
        if wanted is not None and entry.kind not in wanted:
            continue
        day = entry.occurred_at.date()
        if date_from is not None and day < date_from:
            continue
        if date_to is not None and day > date_to:
            continue
        out.append(entry)
    return out


def person_history(
    *, user: Any, person_id: int, kinds: Iterable[str] | None = None,
    date_from: dt.date | None = None, date_to: dt.date | None = None,
) -> PersonHistory:
    """The person's timeline as `user` may see it, most recent first, optionally limited to
    some kinds and a date range (inclusive). NotFound if there is no such person;
    ActionForbidden if the user may not read their history."""
    name = person_history_check(user=user, person_id=person_id)
    kinds = list(kinds) if kinds else None
    entries: list[HistoryEntry] = []
    available = history_sources_available()
    wanted = set(kinds) if kinds else None
    for source, function in available:
        if wanted is not None and source.kinds and not wanted & set(source.kinds):
            continue  # nothing it returns would survive the filter
        entries.extend(function(user=user, person_id=person_id))
    names = {source.name for source, _ in available}
    skipped = [source.name for source in HISTORY_SOURCES if source.name not in names]
    entries = _filtered(entries, kinds=kinds, date_from=date_from, date_to=date_to)
    entries.sort(key=_entry_sort_key, reverse=True)
    counter = Counter(entry.kind for entry in entries)
    counts = {kind: counter.get(kind, 0) for kind in HISTORY_KINDS}
    return PersonHistory(person_id=person_id, person_name=name,
                         entries=entries, counts=counts, skipped=tuple(skipped))


def entry_is_closed(entry: HistoryEntry) -> bool:
    return entry.closed_at is not None or entry.status.lower().startswith("closed")
