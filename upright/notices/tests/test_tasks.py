"""The daily notices job: the same service as `upright notices reminders_send`."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from upright.access.roles import Role
from upright.notices.choices import NoticeKind
from upright.notices.services import notice_issue
from upright.notices.tasks import notices_reminders_send_job
from upright.notices.tests.factories import context_for, person_new

pytestmark = pytest.mark.django_db


def test_reminders_job_emails_the_issuer(make_user) -> None:
    issuer = make_user(Role.INVESTIGATOR, email="inv@example.test")
    notice = notice_issue(actor=issuer, kind=NoticeKind.REG17, matter_ref="M-9",
                          person_id=person_new().pk, context=context_for(NoticeKind.REG17))

    result = notices_reminders_send_job.enqueue(days=3)  # the immediate backend: runs now

    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"emails_sent": 1, "notices": 1, "reports": 0,
                                   "skipped_users": []}
    [message] = mail.outbox
    assert (message.to, notice.reference in message.body) == (["inv@example.test"], True)


def test_reminders_command_can_queue_the_job(make_user) -> None:
    issuer = make_user(Role.INVESTIGATOR, email="inv@example.test")
    notice_issue(actor=issuer, kind=NoticeKind.REG17, matter_ref="M-9",
                 person_id=person_new().pk, context=context_for(NoticeKind.REG17))
    stdout = io.StringIO()
    call_command("notices_reminders_send", "--background", "--days", "3", stdout=stdout)
    assert stdout.getvalue().startswith("Queued job ")
    assert len(mail.outbox) == 1
