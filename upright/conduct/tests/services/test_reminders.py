import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.conduct.services.reminders import deadlines_remind
from upright.conduct.tests.factories import matter_new

pytestmark = pytest.mark.django_db


def test_overdue_and_imminent_deadlines_are_emailed_without_allegation_details(
        django_capture_on_commit_callbacks: Any) -> None:
    with freeze_time("2026-06-12 10:00"):  # a Friday: the referral is due on Monday 15th
        matter = matter_new(came_to_attention_at=timezone.now())
    with freeze_time("2026-06-16 09:00"), django_capture_on_commit_callbacks(execute=True):
        result = deadlines_remind(actor=UserFactory(role=Role.ADMIN), today=dt.date(2026, 6, 16))
    assert (result.deadlines, result.emails) == (1, 1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["psd-deadlines@upright.invalid"]
    assert f"{matter.reference}: " in message.body
    assert "OVERDUE 15 Jun 2026" in message.body
    assert "Shouted" not in message.body
    assert AuditEvent.objects.filter(action="conduct.deadlines.reminded").count() == 1


def test_nothing_due_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    with freeze_time("2026-06-12 10:00"):
        matter_new(came_to_attention_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        result = deadlines_remind(actor=UserFactory(role=Role.ADMIN), today=dt.date(2026, 6, 1),
                                  within_working_days=1)
    assert (result.deadlines, result.emails) == (0, 0)
    assert mail.outbox == []
