"""Wiring the withdrawal assessment's list reports to publication's report tasks.

Withdrawal (inside vetting) and publication sit side by side in the layers and may not
import each other; lists sits above both, so it plugs publication's service in
(upright.vetting.withdrawal.reporting)."""

import datetime as dt

from upright.publication.services import list_report_task_create


def withdrawal_list_report(*, person_id: int, list_kind: str, reason: str, matter_ref: str,
                           trigger_date: dt.date) -> None:
    # The system creates the task: the vetting officer who records a resignation does not
    # hold publication's PREPARE permission, and the decision is audited in withdrawal.
    list_report_task_create(actor=None, person_id=person_id, list_kind=list_kind,
                            reason=reason, matter_ref=matter_ref, trigger_date=trigger_date)
