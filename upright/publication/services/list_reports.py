"""Reports to the College of Policing for the barred and advisory lists (Police Act 1996
Part 4A; SI 2017/1135 regs 3, 5 and 12). Conduct creates the task on dismissal, on a "would
have been dismissed" finding, or when someone leaves during an investigation."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import NotFound, TransitionNotAllowed, ValidationFailed
from upright.publication import audit_events as events
from upright.publication.models import ListKind, ListReportStatus, ListReportTask
from upright.publication.permissions import (
    LIST_REPORT,
    PREPARE,
    publication_perm_require,
    task_policy,
)
from upright.publication.services._common import person_require, text_check
from upright.publication.services.rules import (
    ADVISORY_LIST_REPORT,
    BARRED_LIST_REPORT,
    rule_apply,
    rule_get,
)

_RULES = {ListKind.BARRED: BARRED_LIST_REPORT, ListKind.ADVISORY: ADVISORY_LIST_REPORT}


def list_report_task_create(*, actor: Any, person_id: int, list_kind: str, reason: str,
                            matter_ref: str, trigger_date: dt.date | None = None,
                            ) -> ListReportTask:
    """The task to report `person_id` to the College for `list_kind` ("barred"|"advisory"),
    due the configured reporting period ([U]) after `trigger_date` (default today).
    Idempotent per (person, list_kind, matter_ref): a second call returns the first task."""
    publication_perm_require(user=actor, perm=PREPARE)
    if list_kind not in ListKind.values:
        raise ValidationFailed("Some fields are not valid.", {"fields": {
            "list_kind": f"Must be one of: {', '.join(ListKind.values)}."}})
    text = text_check({"reason": reason, "matter_ref": matter_ref},
                      required=("reason", "matter_ref"), limits={"matter_ref": 40})
    person = person_require(person_id=person_id)
    key = {"person": person, "list_kind": list_kind, "matter_ref": text["matter_ref"]}
    existing = ListReportTask.objects.filter(**key).first()
    if existing is not None:
        return existing
    rule = rule_get(code=_RULES[ListKind(list_kind)])
    due_on = rule_apply(rule=rule, trigger=trigger_date or local_today())
    try:
        with transaction.atomic():
            task = ListReportTask.objects.create(
                **key, reason=text["reason"], due_on=due_on, legal_basis=rule.legal_basis,
                created_by=actor)
            audit_record(action=events.TASK_CREATED, actor=actor, target=task,
                         matter_ref=task.matter_ref, extra={
                             "list_kind": list_kind, "person_id": person.pk, "due_on": due_on})
    except IntegrityError:
        return ListReportTask.objects.get(**key)  # created concurrently: that one stands
    return task


def _task_lock(*, actor: Any, task_id: Any) -> ListReportTask:
    task = (ListReportTask.objects.select_for_update().filter(id=task_id).first()
            if isinstance(task_id, int) else None)
    if task is None or not task_policy.user_can_see(user=actor, instance=task):
        raise NotFound("No such list-report task.")  # includes tasks about the actor's own chain
    return task


def list_report_task_mark_reported(*, actor: Any, task_id: int, reported_on: dt.date,
                                   college_reference: str) -> ListReportTask:
    """Record that the report was made to the College, on `reported_on`, under its reference."""
    text = text_check({"college_reference": college_reference},
                      required=("college_reference",), limits={"college_reference": 60})
    if not isinstance(reported_on, dt.date) or reported_on > local_today():
        raise ValidationFailed("Some fields are not valid.", {"fields": {
            "reported_on": "Must be a date, not in the future."}})
    with transaction.atomic():
        publication_perm_require(user=actor, perm=LIST_REPORT)
        task = _task_lock(actor=actor, task_id=task_id)
        if task.status != ListReportStatus.OPEN:
            raise TransitionNotAllowed("Only an open task can be marked reported.", {
                "status": task.status, "allowed_actions": _task_actions(task.status)})
        task.status, task.reported_on, task.reported_by = ListReportStatus.REPORTED, \
            reported_on, actor
        task.college_reference = text["college_reference"]
        task.save(update_fields=["status", "reported_on", "reported_by", "college_reference",
                                 "updated_at"])
        audit_record(action=events.TASK_REPORTED, actor=actor, target=task,
                     matter_ref=task.matter_ref, extra={
                         "reported_on": reported_on, "college_reference": task.college_reference})
    return task


def list_report_task_close(*, actor: Any, task_id: int, note: str = "") -> ListReportTask:
    """Close a task: after reporting, or with a note saying why no report is owed (for
    example, the dismissal was overturned before the report was made)."""
    with transaction.atomic():
        publication_perm_require(user=actor, perm=LIST_REPORT)
        task = _task_lock(actor=actor, task_id=task_id)
        if task.status == ListReportStatus.CLOSED:
            raise TransitionNotAllowed("This task is already closed.", {
                "status": task.status, "allowed_actions": []})
        text = text_check({"note": note}, required=() if task.status ==
                          ListReportStatus.REPORTED else ("note",), limits={"note": 2000})
        old_status = task.status
        task.status, task.closed_at, task.close_note = ListReportStatus.CLOSED, \
            timezone_now(), text["note"]
        task.save(update_fields=["status", "closed_at", "close_note", "updated_at"])
        audit_record(action=events.TASK_CLOSED, actor=actor, target=task,
                     matter_ref=task.matter_ref, extra={"from_status": old_status,
                                                        "note": task.close_note})
    return task


def _task_actions(status: str) -> list[str]:
    return {"open": ["mark_reported", "close"], "reported": ["close"]}.get(status, [])


def list_report_task_actions(*, task: ListReportTask) -> list[str]:
    return _task_actions(task.status)
