import re

import pytest
from django.test import override_settings

from upright.access.roles import Role
from upright.intake.models import MailboxMessage
from upright.intake.services import MAILBOX_DENIED, mailbox_ask, report_submit

pytestmark = pytest.mark.django_db
GENERIC = "We could not open a mailbox with that reference and passphrase."


@pytest.fixture
def submitted():
    return report_submit(data={"what_happened": "Seen through a window", "anonymous": True},
                         channel="web")


def _open(client, reference, passphrase):
    return client.post("/report/follow-up/", {"reference": reference, "passphrase": passphrase})


def test_reference_and_passphrase_open_the_mailbox(client, submitted):
    response = _open(client, submitted.report.reference, submitted.passphrase)

    assert response.status_code == 302
    assert response["Location"] == "/report/follow-up/messages/"
    thread = client.get("/report/follow-up/messages/")
    assert thread.status_code == 200
    assert submitted.report.reference in thread.content.decode()


def test_wrong_passphrase_gets_the_generic_message(client, submitted):
    response = _open(client, submitted.report.reference, "wrong words entirely here now")

    assert response.status_code == 400
    assert GENERIC in response.content.decode()
    assert client.get("/report/follow-up/messages/")["Location"] == "/report/follow-up/"


def test_unknown_reference_gets_exactly_the_same_message(client, submitted):
    wrong = _open(client, submitted.report.reference, "wrong words entirely here now").content
    unknown = _open(client, "R-0000-0000-0000-0", submitted.passphrase).content

    assert MAILBOX_DENIED.startswith(GENERIC)
    assert wrong.decode().count(GENERIC) == unknown.decode().count(GENERIC) == 1


def test_staff_question_is_visible_to_the_reporter_and_the_reply_to_staff(client, submitted, make_user):
    assessor = make_user(Role.ASSESSOR)
    mailbox_ask(actor=assessor, report=submitted.report, body="Which window? <b>bold</b>")
    _open(client, submitted.report.reference, submitted.passphrase)

    thread = client.get("/report/follow-up/messages/").content.decode()
    assert "Which window? &lt;b&gt;bold&lt;/b&gt;" in thread

    reply = client.post("/report/follow-up/messages/", {"body": "The kitchen window."})
    assert reply.status_code == 302
    assert "The kitchen window." in client.get("/report/follow-up/messages/").content.decode()

    client.force_login(assessor)
    staff_page = client.get(f"/staff/intake/reports/{submitted.report.reference}/").content.decode()
    assert "Which window?" in staff_page
    assert "The kitchen window." in staff_page
    assert list(MailboxMessage.objects.values_list("direction", flat=True)) == [
        "to_reporter", "from_reporter"]


def test_empty_reply_is_refused(client, submitted):
    _open(client, submitted.report.reference, submitted.passphrase)

    response = client.post("/report/follow-up/messages/", {"body": "   "})

    assert response.status_code == 400
    assert MailboxMessage.objects.count() == 0


def test_closing_the_mailbox_forgets_it(client, submitted):
    _open(client, submitted.report.reference, submitted.passphrase)

    client.post("/report/follow-up/close/")

    assert client.get("/report/follow-up/messages/")["Location"] == "/report/follow-up/"


@override_settings(UPRIGHT_INTAKE_RATE="3/m")
def test_guessing_is_rate_limited(client, submitted):
    codes = [_open(client, submitted.report.reference, f"guess {i}").status_code for i in range(4)]

    assert codes == [400, 400, 400, 429]


def test_the_staff_page_never_shows_an_identity_for_anonymous_reports(client, submitted, make_user):
    client.force_login(make_user(Role.ASSESSOR))

    content = client.get(f"/staff/intake/reports/{submitted.report.reference}/").content.decode()

    assert "Anonymous (no identity is held)" in content
    assert re.search(r"127\.0\.0\.1", content) is None
