import datetime as dt

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, Conflict, ValidationFailed
from upright.notices.choices import HarmTestGround
from upright.notices.models import Notice, TimelinessReport
from upright.notices.services import (
    disclosure_decide,
    timeliness_periods,
    timeliness_report_create,
    timeliness_report_send,
)
from upright.notices.tests.factories import person_new

D = dt.date


def test_periods_are_12_months_then_every_6():
    assert timeliness_periods(came_to_attention=D(2024, 3, 15), until=D(2026, 3, 15)) == [
        (1, D(2024, 3, 15), D(2025, 3, 14)),
        (2, D(2025, 3, 15), D(2025, 9, 14)),
        (3, D(2025, 9, 15), D(2026, 3, 14)),
        (4, D(2026, 3, 15), D(2026, 9, 14)),
    ]


def test_periods_from_a_leap_day():
    assert timeliness_periods(came_to_attention=D(2024, 2, 29), until=D(2026, 3, 1)) == [
        (1, D(2024, 2, 29), D(2025, 2, 28)),
        (2, D(2025, 3, 1), D(2025, 8, 31)),
        (3, D(2025, 9, 1), D(2026, 2, 28)),
        (4, D(2026, 3, 1), D(2026, 8, 31)),
    ]


def test_periods_across_month_ends():
    # 31 Aug + 6 months has no 31 Feb: the period runs to the end of February.
    assert timeliness_periods(came_to_attention=D(2023, 8, 31), until=D(2025, 3, 1)) == [
        (1, D(2023, 8, 31), D(2024, 8, 30)),
        (2, D(2024, 8, 31), D(2025, 2, 28)),
        (3, D(2025, 3, 1), D(2025, 8, 31)),
    ]


def test_period_leading_into_a_leap_february():
    assert timeliness_periods(came_to_attention=D(2022, 8, 31), until=D(2023, 9, 1))[1] == (
        2, D(2023, 8, 31), D(2024, 2, 29))


def test_no_period_before_the_matter():
    assert timeliness_periods(came_to_attention=D(2025, 1, 1), until=D(2024, 12, 31)) == []


def _fields(**kw):
    base = {"matter_ref": "M-1", "period_index": 1, "due_date": D(2025, 6, 14),
            "came_to_attention": D(2024, 6, 1), "reg17_notice_date": D(2024, 7, 1),
            "progress": "Witnesses interviewed.", "estimated_conclusion": D(2025, 9, 30),
            "estimated_report_date": D(2025, 10, 31),
            "reason_for_time": "Awaiting digital forensics.",
            "planned_steps": "Interview the officer about the messages."}
    return {**base, **kw}


@pytest.mark.django_db
def test_create_computes_the_period(appropriate_authority):
    report = timeliness_report_create(actor=appropriate_authority, **_fields(period_index=2))

    assert (report.period_start, report.period_end) == (D(2025, 6, 1), D(2025, 11, 30))
    assert report.status == "draft"
    assert report.recipients == ["lpb"]
    assert AuditEvent.objects.filter(action="notices.timeliness_report.created").count() == 1


@pytest.mark.django_db
def test_one_report_per_period(appropriate_authority):
    timeliness_report_create(actor=appropriate_authority, **_fields())

    with pytest.raises(Conflict):
        timeliness_report_create(actor=appropriate_authority, **_fields())

    assert TimelinessReport.objects.count() == 1


@pytest.mark.django_db
def test_prejudice_exemption_needs_a_rationale(appropriate_authority):
    with pytest.raises(ValidationFailed) as caught:
        timeliness_report_create(actor=appropriate_authority,
                                 **_fields(prejudice_exempt=True, prejudice_rationale="  "))

    assert list(caught.value.extra["fields"]) == ["prejudice_rationale"]
    assert TimelinessReport.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_exempt_report_sends_nothing(appropriate_authority):
    report = timeliness_report_create(
        actor=appropriate_authority,
        **_fields(prejudice_exempt=True, prejudice_rationale="Would alert a criminal suspect.",
                  recipients=["lpb", "iopc_dg"]))

    sent = timeliness_report_send(actor=appropriate_authority, report_id=report.pk)

    assert sent.status == "exempt"
    assert sent.recipients == []
    assert Notice.objects.count() == 0
    assert AuditEvent.objects.filter(action="notices.timeliness_report.exempted").count() == 1


@pytest.mark.django_db
def test_send_issues_a_notice_per_recipient_and_the_officer_copy_passes_the_harm_test(
        appropriate_authority):
    officer = person_new()
    disclosure_decide(actor=appropriate_authority, matter_ref="M-1", person_id=officer.pk,
                      title="Planned steps", document_ref="field:planned_steps", withheld=True,
                      ground=HarmTestGround.A, reason="Criminal trial pending.")
    report = timeliness_report_create(actor=appropriate_authority, person_id=officer.pk,
                                      **_fields(recipients=["lpb", "iopc_dg", "officer"]))

    sent = timeliness_report_send(actor=appropriate_authority, report_id=report.pk)

    notices = {n.recipient: n for n in Notice.objects.filter(timeliness_report=report)}
    assert sent.status == "sent"
    assert sorted(notices) == ["iopc_dg", "lpb", "officer"]
    assert "Interview the officer about the messages." in notices["lpb"].html
    assert "Interview the officer about the messages." not in notices["officer"].html
    assert list(notices["officer"].withholdings.values_list("ground", flat=True)) == [
        HarmTestGround.A]
    assert notices["lpb"].withholdings.count() == 0
    with pytest.raises(Conflict):
        timeliness_report_send(actor=appropriate_authority, report_id=report.pk)


@pytest.mark.django_db
def test_officer_copy_needs_the_officer(appropriate_authority):
    with pytest.raises(ValidationFailed) as caught:
        timeliness_report_create(actor=appropriate_authority, **_fields(recipients=["officer"]))

    assert list(caught.value.extra["fields"]) == ["person_id"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OVERSIGHT, Role.STAFF, Role.PANEL])
def test_denied_roles_cannot_draft_or_send(make_user, appropriate_authority, role):
    report = timeliness_report_create(actor=appropriate_authority, **_fields())
    before = AuditEvent.objects.count()

    with pytest.raises(ActionForbidden):
        timeliness_report_create(actor=make_user(role), **_fields(period_index=2))
    with pytest.raises(ActionForbidden):
        timeliness_report_send(actor=make_user(role), report_id=report.pk)

    report.refresh_from_db()
    assert report.status == "draft"
    assert TimelinessReport.objects.count() == 1
    assert AuditEvent.objects.count() == before
