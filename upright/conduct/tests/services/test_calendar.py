"""A bank-holiday correction moves every open working-day deadline, and nothing else."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.conduct.models import Deadline, Matter
from upright.conduct.services.calendar import calendar_day_clear, calendar_day_set, deadlines_regenerate
from upright.conduct.tests.factories import matter_new
from upright.core.exceptions import ActionForbidden, ValidationFailed
from upright.core.models import CalendarOverride
from upright.core.workdays import workdays_add

pytestmark = pytest.mark.django_db
D = dt.date


def _matter_recorded_on(day: dt.date) -> Matter:
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    with freeze_time(at):
        return matter_new(came_to_attention_at=at)


def test_a_new_bank_holiday_moves_open_working_day_deadlines_only() -> None:
    admin = UserFactory(role=Role.ADMIN)
    matter = _matter_recorded_on(D(2026, 6, 12))  # a Friday
    referral = Deadline.objects.get(matter=matter, code="iopc_referral")
    timeliness = Deadline.objects.get(matter=matter, code="timeliness_report")
    assert referral.due_date == D(2026, 6, 15)

    result = calendar_day_set(actor=admin, day=D(2026, 6, 15), is_holiday=True, name="Royal event")

    referral.refresh_from_db()
    timeliness.refresh_from_db()
    assert referral.due_date == D(2026, 6, 16)
    assert timeliness.due_date == D(2027, 6, 12)  # months do not depend on bank holidays
    assert (result.changed, workdays_add(trigger=D(2026, 6, 12), n=1)) == (1, D(2026, 6, 16))
    actions = list(AuditEvent.objects.filter(action__startswith="conduct.").filter(
        action__in=["conduct.calendar.changed", "conduct.deadlines.regenerated"])
        .values_list("action", flat=True))
    assert actions == ["conduct.calendar.changed", "conduct.deadlines.regenerated"]

    calendar_day_clear(actor=admin, day=D(2026, 6, 15))
    referral.refresh_from_db()
    assert referral.due_date == D(2026, 6, 15)


def test_satisfied_deadlines_are_history_and_never_move() -> None:
    admin = UserFactory(role=Role.ADMIN)
    matter = _matter_recorded_on(D(2026, 6, 12))
    Deadline.objects.filter(matter=matter).update(satisfied_at=timezone.now())
    result = calendar_day_set(actor=admin, day=D(2026, 6, 15), is_holiday=True, name="Royal event")
    assert result.changed == 0
    assert Deadline.objects.get(matter=matter, code="iopc_referral").due_date == D(2026, 6, 15)


def test_a_listed_day_can_be_declared_a_working_day() -> None:
    admin = UserFactory(role=Role.ADMIN)
    matter = _matter_recorded_on(D(2026, 12, 24))
    assert Deadline.objects.get(matter=matter, code="iopc_referral").due_date == D(2026, 12, 29)
    calendar_day_set(actor=admin, day=D(2026, 12, 28), is_holiday=False, name="Substitute moved")
    assert Deadline.objects.get(matter=matter, code="iopc_referral").due_date == D(2026, 12, 28)


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY, Role.AUDITOR])
def test_only_administrators_change_the_calendar(role: str) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(ActionForbidden):
        calendar_day_set(actor=UserFactory(role=role), day=D(2026, 6, 15), is_holiday=True, name="X")
    assert CalendarOverride.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_name_is_required() -> None:
    with pytest.raises(ValidationFailed) as info:
        calendar_day_set(actor=UserFactory(role=Role.ADMIN), day=D(2026, 6, 15), is_holiday=True, name=" ")
    assert "name" in info.value.extra["fields"]
    assert CalendarOverride.objects.count() == 0


def test_regenerate_is_a_no_op_when_nothing_changed() -> None:
    _matter_recorded_on(D(2026, 6, 12))
    assert deadlines_regenerate(actor=UserFactory(role=Role.ADMIN)).changed == 0


def test_holiday_command(capsys: pytest.CaptureFixture[str]) -> None:
    matter = _matter_recorded_on(D(2026, 6, 12))
    call_command("deadlines_holiday", "2026-06-15", "Royal event")
    assert "1 of" in capsys.readouterr().out
    assert Deadline.objects.get(matter=matter, code="iopc_referral").due_date == D(2026, 6, 16)
    assert AuditEvent.objects.filter(action="conduct.calendar.changed", actor__username="system").count() == 1
