import datetime as dt
from typing import Any

import pytest
from freezegun import freeze_time

from upright.access.roles import Role
from upright.core.exceptions import ActionForbidden, NotFound, TransitionNotAllowed, ValidationFailed
from upright.publication.models import ListReportTask, PublicationRule
from upright.publication.services import (
    list_report_task_close,
    list_report_task_create,
    list_report_task_mark_reported,
)
from upright.publication.tests.factories import aa, audit_count, person_new

pytestmark = pytest.mark.django_db


@freeze_time("2025-03-13 10:00:00+00:00")
def test_create_is_idempotent_per_person_list_and_matter() -> None:
    actor, person = aa(), person_new()
    first = list_report_task_create(actor=actor, person_id=person.pk, list_kind="barred",
                                    reason="Dismissed without notice.", matter_ref="M-1")
    again = list_report_task_create(actor=actor, person_id=person.pk, list_kind="barred",
                                    reason="Different words.", matter_ref="M-1")
    other = list_report_task_create(actor=actor, person_id=person.pk, list_kind="advisory",
                                    reason="Resigned during investigation.", matter_ref="M-1")
    assert first.pk == again.pk != other.pk
    assert (again.reason, again.status, again.due_on) == (
        "Dismissed without notice.", "open", dt.date(2025, 4, 10))
    assert ListReportTask.objects.count() == 2
    assert audit_count("publication.list_report.created") == 2


@freeze_time("2025-04-14 10:00:00+01:00")
def test_due_date_uses_the_configured_period_in_working_days() -> None:
    PublicationRule.objects.filter(code="barred_list_report").update(unit="working_days",
                                                                     amount=5)
    task = list_report_task_create(actor=aa(), person_id=person_new().pk, list_kind="barred",
                                   reason="Dismissed.", matter_ref="M-2")
    # 15, 16, 17 Apr, then Good Friday and Easter Monday are skipped: 22, 23 Apr.
    assert (task.due_on, task.legal_basis) == (
        dt.date(2025, 4, 23), "Police Act 1996 Part 4A; SI 2017/1135 reg 3 (period unverified)")


@freeze_time("2025-03-13 10:00:00+00:00")
def test_create_names_bad_fields() -> None:
    with pytest.raises(ValidationFailed) as exc:
        list_report_task_create(actor=aa(), person_id=person_new().pk, list_kind="public",
                                reason="R", matter_ref="M-1")
    assert exc.value.extra == {"fields": {"list_kind": "Must be one of: barred, advisory."}}
    assert (ListReportTask.objects.count(), audit_count()) == (0, 0)


@freeze_time("2025-03-13 10:00:00+00:00")
def test_open_to_reported_to_closed(make_user: Any) -> None:
    task = list_report_task_create(actor=aa(), person_id=person_new().pk, list_kind="barred",
                                   reason="Dismissed.", matter_ref="M-3")
    vetting = make_user(Role.VETTING_OFFICER)
    task = list_report_task_mark_reported(actor=vetting, task_id=task.pk,
                                          reported_on=dt.date(2025, 3, 12),
                                          college_reference="COP-123")
    assert (task.status, task.reported_on, task.college_reference, task.reported_by) == (
        "reported", dt.date(2025, 3, 12), "COP-123", vetting)
    with pytest.raises(TransitionNotAllowed):
        list_report_task_mark_reported(actor=vetting, task_id=task.pk,
                                       reported_on=dt.date(2025, 3, 12), college_reference="X")
    task = list_report_task_close(actor=vetting, task_id=task.pk)
    assert task.status == "closed"
    assert [audit_count(a) for a in ("publication.list_report.reported",
                                     "publication.list_report.closed")] == [1, 1]


@freeze_time("2025-03-13 10:00:00+00:00")
@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.INVESTIGATOR, Role.STAFF])
def test_mark_reported_denied_changes_nothing(make_user: Any, role: str) -> None:
    task = list_report_task_create(actor=aa(), person_id=person_new().pk, list_kind="barred",
                                   reason="Dismissed.", matter_ref="M-4")
    with pytest.raises(ActionForbidden):
        list_report_task_mark_reported(actor=make_user(role), task_id=task.pk,
                                       reported_on=dt.date(2025, 3, 12), college_reference="C")
    task.refresh_from_db()
    assert (task.status, task.college_reference) == ("open", "")
    assert audit_count("publication.list_report.reported") == 0


@freeze_time("2025-03-13 10:00:00+00:00")
def test_task_about_oneself_is_invisible(make_user: Any) -> None:
    person = person_new()
    task = list_report_task_create(actor=aa(), person_id=person.pk, list_kind="advisory",
                                   reason="Resigned.", matter_ref="M-5")
    with pytest.raises(NotFound):
        list_report_task_close(actor=make_user(Role.VETTING_OFFICER, person=person),
                               task_id=task.pk, note="Mine.")
    assert ListReportTask.objects.get(pk=task.pk).status == "open"
