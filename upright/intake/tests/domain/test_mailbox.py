import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, Conflict
from upright.intake.models import MailboxMessage
from upright.intake.services import (
    MAILBOX_DENIED,
    MailboxAccessDenied,
    mailbox_ask,
    mailbox_open,
    mailbox_reply,
    passphrase_normalise,
    report_submit,
)
from upright.intake.tests.factories import anonymous_data, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous_report():
    return report_submit(data=anonymous_data(), channel="web")


def test_reference_and_passphrase_open_the_mailbox(anonymous_report):
    opened = mailbox_open(reference=anonymous_report.report.reference,
                          passphrase=anonymous_report.passphrase)

    assert opened == anonymous_report.report


def test_read_back_is_forgiving_about_case_spacing_and_dashes(anonymous_report):
    reference = anonymous_report.report.reference.lower().replace("-", " ")
    passphrase = "  " + anonymous_report.passphrase.upper().replace(" ", " - ") + " "

    assert mailbox_open(reference=reference, passphrase=passphrase) == anonymous_report.report


@pytest.mark.parametrize("case", ["wrong passphrase", "unknown reference", "named report", "junk"])
def test_every_failure_gives_the_same_generic_message(case, anonymous_report):
    named = report_submit(data=report_data(), channel="web").report
    reference, passphrase = {
        "wrong passphrase": (anonymous_report.report.reference, "one two three four five"),
        "unknown reference": ("R-0000-0000-0000-0", anonymous_report.passphrase),
        "named report": (named.reference, anonymous_report.passphrase),
        "junk": ("<script>", ""),
    }[case]

    with pytest.raises(MailboxAccessDenied) as caught:
        mailbox_open(reference=reference, passphrase=passphrase)

    assert caught.value.message == MAILBOX_DENIED


def test_passphrase_normalise():
    assert passphrase_normalise(" Apple-BANANA  cherry.date\teel ") == "apple banana cherry date eel"


def test_staff_question_and_reporter_reply_are_stored_and_audited(anonymous_report, assessor):
    report = anonymous_report.report

    question = mailbox_ask(actor=assessor, report=report, body="When did this happen?")
    reply = mailbox_reply(report=report, body="Last Tuesday.")

    assert list(MailboxMessage.objects.values_list("direction", "body", "author_id")) == [
        ("to_reporter", "When did this happen?", assessor.id),
        ("from_reporter", "Last Tuesday.", None),
    ]
    events = list(AuditEvent.objects.filter(action__startswith="intake.mailbox")
                  .values_list("action", "actor_id", "extra"))
    assert events == [
        ("intake.mailbox.question_sent", assessor.id, {"message_id": question.id}),
        ("intake.mailbox.reply_received", None, {"message_id": reply.id}),
    ]


def test_only_triage_staff_may_write_to_reporters(anonymous_report, make_user):
    with pytest.raises(ActionForbidden):
        mailbox_ask(actor=make_user(Role.INVESTIGATOR), report=anonymous_report.report, body="Hello")

    assert MailboxMessage.objects.count() == 0


def test_named_reports_have_no_mailbox(assessor):
    named = report_submit(data=report_data(), channel="web").report

    with pytest.raises(Conflict):
        mailbox_ask(actor=assessor, report=named, body="Hello")

    assert MailboxMessage.objects.count() == 0
