"""Barred- and advisory-list reports owed from a withdrawal assessment.

The report task lives in `upright.publication`, which sits beside vetting in the layers
(neither may import the other), so the reporter is plugged in from above: the `lists` app
registers one in its AppConfig.ready(). Requests are made after commit, so a failing report
never undoes the statutory step that caused it; each is also audited in the step's own
transaction, so a missing reporter still leaves a trace.
"""

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.vetting.withdrawal import audit_events as events

logger = logging.getLogger(__name__)

# Called as reporter(person_id=..., list_kind=..., reason=..., matter_ref=..., trigger_date=...)
ListReporter = Callable[..., Any]

_REPORTERS: dict[str, ListReporter] = {}


def withdrawal_list_reporter_register(*, name: str, reporter: ListReporter) -> None:
    _REPORTERS[name] = reporter


def list_report_request(*, actor: Any, assessment: Any, list_kind: str, reason: str,
                        ref: str, trigger_date: dt.date) -> None:
    """Audit the request now; ask every registered reporter after commit."""
    audit_record(action=events.LIST_REPORT, actor=actor, target=assessment, extra={
        "list_kind": list_kind, "ref": ref, "reason": reason,
        "person_id": assessment.person_id, "reporters": sorted(_REPORTERS)})
    if not _REPORTERS:
        logger.warning("no list reporter registered: %s report for %s not created", list_kind, ref)
    kwargs = {"person_id": assessment.person_id, "list_kind": list_kind, "reason": reason,
              "matter_ref": ref, "trigger_date": trigger_date}
    for reporter in _REPORTERS.values():
        transaction.on_commit(lambda r=reporter: r(**kwargs), robust=True)  # type: ignore[misc]
