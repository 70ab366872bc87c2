"""Bulk insertion of synthetic reports for the demo force (upright.demo). Not for real data:
it bypasses `report_submit` and the ORM's per-row work (no per-report audit event; the caller
records one event per run) so that 100,000+ reports load in minutes. Rows satisfy the same
table constraints: anonymous reports hold no identity, confidential ones sit in a compartment,
triaged ones name a matter.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from upright.intake.models import Report, ReportStatus


@dataclass
class ReportSeed:
    """One synthetic report. received_at becomes created_at (the triage queue's order)."""

    reference: str
    channel: str
    received_at: dt.datetime
    what_happened: str
    status: str = ReportStatus.NEW
    occurred_on: dt.date | None = None
    location: str = ""
    people_involved: str = ""
    anonymous: bool = False
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    compartment: str = ""
    matter_reference: str = ""
    triage_reason: str = ""
    triaged_at: dt.datetime | None = None


_COLUMNS = ["reference", "channel", "status", "what_happened", "occurred_on", "occurred_text",
            "location", "people_involved", "anonymous", "reporter_name", "reporter_email",
            "reporter_phone", "confidential", "compartment", "submitted_by",
            "mailbox_passphrase_hash", "idempotency_key", "request_fingerprint",
            "matter_reference", "triage_reason", "triaged_by", "triaged_at", "created_at",
            "updated_at"]


def reports_seed_bulk(*, seeds: Sequence[ReportSeed], batch_size: int = 5000) -> dict[str, int]:
    """Insert `seeds` in one transaction with executemany (bulk_create's per-field work is
    ten times slower at this size); returns the count per status."""
    counts: dict[str, int] = {}
    quote = connection.ops.quote_name
    names = ", ".join(quote(_column(c)) for c in _COLUMNS)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {quote(Report._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(seeds), batch_size):
            chunk = seeds[start:start + batch_size]
            cursor.executemany(sql, [_row(seed) for seed in chunk])
            for seed in chunk:
                counts[str(seed.status)] = counts.get(str(seed.status), 0) + 1
    return counts


def _column(name: str) -> str:
    field: Any = Report._meta.get_field(name)
    return str(field.column)


def _row(seed: ReportSeed) -> tuple[Any, ...]:
    """One row in column order; contact details dropped when anonymous (the table's rule)."""
    dtv, datev = _adapters()
    anonymous = seed.anonymous
    return (
        seed.reference, seed.channel, seed.status, seed.what_happened, datev(seed.occurred_on),
        "", seed.location, seed.people_involved, anonymous,
        "" if anonymous else seed.reporter_name, "" if anonymous else seed.reporter_email,
        "" if anonymous else seed.reporter_phone, bool(seed.compartment), seed.compartment,
        None, "", None, "", seed.matter_reference, seed.triage_reason, None,
        dtv(seed.triaged_at), dtv(seed.received_at), dtv(seed.triaged_at or seed.received_at),
    )


def _adapters() -> tuple[Callable[[dt.datetime | None], Any], Callable[[dt.date | None], Any]]:
    """SQLite stores naive UTC text; PostgreSQL takes aware datetimes and dates as they are."""
    if connection.vendor != "sqlite":
        return (lambda v: v), (lambda v: v)
    return _sqlite_datetime, _sqlite_date


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
