import datetime as dt
import re
from unittest import mock

import pytest
from django.test import Client, override_settings
from freezegun import freeze_time

from upright.audit.models import AuditEvent
from upright.core.clock import local_today
from upright.intake.models import Report
from upright.intake.services import mailbox_open

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script>'
REFERENCE = re.compile(r'<p class="reference">(R-[0-9A-Z-]+.)</p>')


def _form(client: Client) -> dict[str, str]:
    token = client.get("/report/").context["form_token"]
    return {
        "what_happened": "An officer shouted at me.", "occurred_on": "2025-01-10",
        "occurred_text": "", "location": "Market Square", "people_involved": "PC 1234",
        "reporter_name": "Sam Public", "reporter_email": "sam@example.org", "reporter_phone": "",
        "website": "", "form_token": token,
    }


def test_home_page_explains_and_links_to_report_and_follow_up(client):
    response = client.get("/")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="/report/"' in content
    assert 'href="/report/follow-up/"' in content


def test_report_form_has_a_hidden_honeypot_and_csrf(client):
    content = client.get("/report/").content.decode()

    assert '<div class="hp" aria-hidden="true">' in content
    honeypot = re.search(r'<input[^>]*name="website"[^>]*>', content)
    assert honeypot is not None
    assert 'tabindex="-1"' in honeypot.group(0)
    assert 'autocomplete="off"' in honeypot.group(0)
    assert 'name="csrfmiddlewaretoken"' in content
    assert 'name="form_token"' in content


def test_named_report_shows_the_committed_reference(client):
    response = client.post("/report/", _form(client))

    assert response.status_code == 200
    report = Report.objects.get()
    assert REFERENCE.findall(response.content.decode()) == [report.reference]
    assert (report.channel, report.reporter_name, report.anonymous) == ("web", "Sam Public", False)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["intake.report.received"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_anonymous_report_shows_the_passphrase_once_with_advice(client):
    data = {**_form(client), "anonymous": "on"}

    response = client.post("/report/", data)

    content = response.content.decode()
    report = Report.objects.get()
    passphrase = re.search(r'<p class="reference passphrase">([a-z ]+)</p>', content)
    assert passphrase is not None
    assert mailbox_open(reference=report.reference, passphrase=passphrase.group(1)) == report
    assert "Write down your reference and passphrase now" in content
    assert (report.anonymous, report.reporter_name, report.reporter_email) == (True, "", "")


def test_a_resubmitted_form_does_not_make_a_second_report(client):
    data = _form(client)

    first = client.post("/report/", data)
    again = client.post("/report/", data)

    assert Report.objects.count() == 1
    assert REFERENCE.findall(again.content.decode()) == REFERENCE.findall(first.content.decode())
    assert "We had already received this report" in again.content.decode()


def test_honeypot_submissions_are_refused_and_nothing_written(client):
    response = client.post("/report/", {**_form(client), "website": "http://spam.example"})

    assert response.status_code == 400
    assert "We could not accept this submission." in response.content.decode()
    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@override_settings(UPRIGHT_FORM_MIN_SECONDS=3)
def test_too_fast_submissions_are_refused(client):
    response = client.post("/report/", _form(client))

    assert response.status_code == 400
    assert "quicker than a person can fill in this form" in response.content.decode()
    assert Report.objects.count() == 0


@override_settings(UPRIGHT_FORM_MIN_SECONDS=3)
def test_a_form_filled_in_at_human_speed_is_accepted(client):
    with freeze_time("2025-06-02 10:00:00"):
        data = _form(client)
    with freeze_time("2025-06-02 10:05:00"):
        response = client.post("/report/", data)

    assert response.status_code == 200
    assert Report.objects.count() == 1


def test_a_form_older_than_two_hours_is_refused(client):
    with freeze_time("2025-06-02 10:00:00"):
        data = _form(client)
    with freeze_time("2025-06-02 12:00:01"):
        response = client.post("/report/", data)

    assert response.status_code == 400
    assert "This form was open for too long." in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize("token", ["", "forged", "eyJ0IjowfQ:1abc:def"])
def test_missing_or_forged_form_stamp_is_refused(client, token):
    response = client.post("/report/", {**_form(client), "form_token": token})

    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_validation_errors_are_shown_by_field_without_a_reference(client):
    data = {**_form(client), "what_happened": "", "reporter_email": "", "reporter_name": ""}

    response = client.post("/report/", data)

    content = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in content
    assert REFERENCE.findall(content) == []
    assert Report.objects.count() == 0


def test_service_errors_appear_next_to_the_field(client):
    response = client.post("/report/", {**_form(client), "reporter_email": "", "reporter_phone": ""})

    assert response.status_code == 400
    assert "Give an email address or a phone number" in response.content.decode()


def test_script_laden_input_is_stored_and_escaped_when_shown_again(client):
    data = {**_form(client), "what_happened": SCRIPT, "location": SCRIPT, "reporter_email": "bad"}

    refused = client.post("/report/", data)
    assert SCRIPT not in refused.content.decode()
    assert "&lt;script&gt;" in refused.content.decode()

    accepted = client.post("/report/", {**data, "reporter_email": "sam@example.org",
                                        "form_token": _form(client)["form_token"]})
    assert accepted.status_code == 200
    assert Report.objects.get().what_happened == SCRIPT
    assert SCRIPT not in accepted.content.decode()


def test_oversized_form_is_refused_with_a_clear_message_and_nothing_written(client):
    response = client.post("/report/", {**_form(client), "what_happened": "a" * 300_000})

    assert response.status_code == 413
    assert "Your report is too large to accept" in response.content.decode()
    assert Report.objects.count() == 0


def test_csrf_is_enforced(db):
    strict = Client(enforce_csrf_checks=True)
    data = _form(strict)
    data.pop("csrfmiddlewaretoken", None)

    response = strict.post("/report/", data)

    assert response.status_code == 403
    assert Report.objects.count() == 0


@override_settings(UPRIGHT_INTAKE_RATE="2/m")
def test_the_form_is_rate_limited_with_429(client):
    codes = [client.post("/report/", _form(client)).status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert Report.objects.count() == 2


@override_settings(UPRIGHT_INTAKE_RATE="1/m")
def test_the_form_and_the_api_share_one_limit(client):
    assert client.post("/report/", _form(client)).status_code == 200

    api = client.post("/api/v1/reports", {"what_happened": "x", "anonymous": True},
                      content_type="application/json")

    assert api.status_code == 429


def test_reference_is_shown_only_after_the_commit(client):
    # If the transaction fails (here: the audit write), there is no reference and no report.
    client.raise_request_exception = False
    with mock.patch("upright.intake.services.reports.audit_record", side_effect=RuntimeError):
        response = client.post("/report/", _form(client))

    assert response.status_code == 500
    assert REFERENCE.findall(response.content.decode()) == []
    assert Report.objects.count() == 0


def test_future_dates_are_refused(client):
    tomorrow = (local_today() + dt.timedelta(days=2)).isoformat()

    response = client.post("/report/", {**_form(client), "occurred_on": tomorrow})

    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
