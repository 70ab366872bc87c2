"""Reading a person's history is a sensitive read: one audit event per read, naming the
person, where it was read (page, API, decision-point panel) and the kinds it returned."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from upright.audit.services import audit_record
from upright.patterns.history import PersonHistory, person_history
from upright.patterns.history_audit import PERSON_HISTORY_READ

CHANNELS = ("page", "api", "panel", "bench")


def person_history_view(
    *, actor: Any, person_id: int, channel: str, kinds: Iterable[str] | None = None,
    date_from: dt.date | None = None, date_to: dt.date | None = None,
) -> PersonHistory:
    """`person_history` for `actor`, then its audit event (audit_record's own transaction:
    the read itself writes nothing, so there is nothing else to commit with it). The history
    is returned only once the event is written; a refused read (ActionForbidden, NotFound)
    returns nothing and writes nothing."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    kinds = sorted(set(kinds)) if kinds else None
    history = person_history(user=actor, person_id=person_id, kinds=kinds,
                             date_from=date_from, date_to=date_to)
    audit_record(
        action=PERSON_HISTORY_READ, actor=actor, object_type="people.person",
        object_id=str(person_id),
        extra={
            "channel": channel,
            "kinds": history.kinds,
            "counts": {kind: n for kind, n in history.counts.items() if n},
            "filters": {"kinds": kinds or [], "date_from": date_from, "date_to": date_to},
        },
    )
    return history
