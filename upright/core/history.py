"""The shape of one entry in a person's history (patterns, issue 5).

Every app that holds something about a person (conduct, suspensions, vetting, withdrawal,
screening, lists, patterns' own transfer records) exposes a selector returning
`list[HistoryEntry]` for one person, already filtered by the reader's permission policy.
`upright.patterns` merges them into one timeline. The shape lives in core so that the apps
below patterns can build entries without importing it.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HistoryEntry:
    """occurred_at: timezone-aware time the thing happened (a matter: when it came to the
    authority's attention). kind: what it is, one of HISTORY_KINDS. ref: the record's own
    reference (a matter reference, "clearance:12"). title: one line for a person to read.
    status: where it stands now ("closed: no case to answer", "active"). url: the page that
    shows it (the reader's permission is checked again there); "" when none.
    categories: allegation category codes or offence categories, for the pattern rules.
    closed_at: when it ended, None while open."""

    occurred_at: dt.datetime
    kind: str
    ref: str
    title: str
    status: str
    url: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)
    closed_at: dt.datetime | None = None


HISTORY_KINDS = (
    "complaint",             # a public complaint (PRA 2002 Sch 3)
    "conduct_matter",        # a conduct matter (PCR 2020)
    "suspension",            # suspension or restricted duties
    "vetting",               # clearance granted, renewed, expired, withdrawn; vetting reviews
    "withdrawal",            # a withdrawal assessment (Vetting Regs 2025)
    "screening_hit",         # an integrity screening hit
    "conviction",            # a conviction or caution
    "declaration",           # a declared association or business interest
    "list_check",            # a barred or advisory list check that found a possible match
    "prior_force",           # a record imported from another force on transfer
    "pattern_alert",         # a repeat-pattern alert raised about the person
)
