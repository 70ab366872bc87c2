"""The daily deadlines job: the same services as `upright deadlines remind`."""

import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from upright.conduct.tasks import deadlines_remind_job
from upright.conduct.tests.factories import matter_new

pytestmark = pytest.mark.django_db


def test_deadlines_job_emails_the_overdue_deadline(django_capture_on_commit_callbacks: Any) -> None:
    with freeze_time("2026-06-12 10:00"):  # a Friday: the referral is due on Monday 15th
        matter = matter_new(came_to_attention_at=timezone.now())
    with freeze_time("2026-06-16 09:00"), django_capture_on_commit_callbacks(execute=True):
        result = deadlines_remind_job.enqueue(within_working_days=3)  # immediate: runs now
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"timeliness_periods_opened": 0, "deadlines": 1, "emails": 1}
    [message] = mail.outbox
    assert f"{matter.reference}: " in message.body


def test_deadlines_command_can_queue_the_job(django_capture_on_commit_callbacks: Any) -> None:
    stdout = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("deadlines_remind", "--background", stdout=stdout)
    assert stdout.getvalue().startswith("Queued job ")
