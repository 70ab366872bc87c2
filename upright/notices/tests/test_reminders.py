import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.notices.choices import NoticeKind
from upright.notices.services import notice_issue, notices_reminders_send, timeliness_report_create
from upright.notices.tests.factories import context_for, person_new

pytestmark = pytest.mark.django_db


def _report(actor, due, index):
    return timeliness_report_create(
        actor=actor, matter_ref="M-9", period_index=index, due_date=due,
        came_to_attention=dt.date(2024, 6, 1), progress="p", estimated_conclusion=dt.date(2026, 1, 1),
        estimated_report_date=dt.date(2026, 2, 1), reason_for_time="r", planned_steps="s")


def test_reminders_email_the_responsible_people(make_user):
    issuer = make_user(Role.INVESTIGATOR, email="inv@example.test")
    drafter = make_user(Role.APPROPRIATE_AUTHORITY, email="aa@example.test")
    silent = make_user(Role.ASSESSOR, email="")
    notice = notice_issue(actor=issuer, kind=NoticeKind.REG17, matter_ref="M-9",
                          person_id=person_new().pk, context=context_for(NoticeKind.REG17))
    notice_issue(actor=silent, kind=NoticeKind.REG17, matter_ref="M-9",
                 person_id=person_new().pk, context=context_for(NoticeKind.REG17))
    _report(drafter, dt.date(2025, 6, 10), 1)
    _report(drafter, dt.date(2025, 9, 1), 2)  # not due within the window

    summary = notices_reminders_send(days=7, today=dt.date(2025, 6, 5))

    assert (summary.emails_sent, summary.notices, summary.reports) == (2, 1, 1)
    assert summary.skipped_users == [silent.username]
    assert sorted(m.to[0] for m in mail.outbox) == ["aa@example.test", "inv@example.test"]
    to_issuer = next(m for m in mail.outbox if m.to == ["inv@example.test"])
    assert notice.reference in to_issuer.body
    to_drafter = next(m for m in mail.outbox if m.to == ["aa@example.test"])
    assert "period 1, due 10 Jun 2025" in to_drafter.body
    assert "period 2" not in to_drafter.body
    assert AuditEvent.objects.filter(action="notices.reminder.sent").count() == 2


def test_command_is_a_thin_adapter(make_user, capsys):
    issuer = make_user(Role.INVESTIGATOR, email="inv@example.test")
    notice_issue(actor=issuer, kind=NoticeKind.REG17, matter_ref="M-9",
                 person_id=person_new().pk, context=context_for(NoticeKind.REG17))

    call_command("notices_reminders_send", "--days", "3")

    assert len(mail.outbox) == 1
    assert capsys.readouterr().out.startswith("1 e-mail(s): 1 notice(s), 0 report(s)")
