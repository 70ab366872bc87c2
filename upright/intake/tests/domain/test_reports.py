import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import IntegrityError

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, Conflict, ValidationFailed
from upright.core.references import reference_normalise
from upright.intake.models import Report
from upright.intake.services import report_submit, reports
from upright.intake.services.mailbox import PASSPHRASE_WORDS
from upright.intake.tests.factories import anonymous_data, report_data

pytestmark = pytest.mark.django_db


def test_named_report_is_stored_with_one_audit_event():
    result = report_submit(data=report_data(), channel="web")

    report = Report.objects.get()
    assert result.report == report
    assert result.passphrase is None
    assert result.replayed is False
    assert reference_normalise(value=report.reference, prefix="R") == report.reference
    assert (report.channel, report.status, report.reporter_name) == ("web", "new", "Alex Reporter")
    assert report.mailbox_passphrase_hash == ""
    events = list(AuditEvent.objects.values_list("action", "object_id", "actor_id"))
    assert events == [("intake.report.received", str(report.id), None)]


def test_anonymous_report_gets_a_passphrase_stored_only_as_a_hash():
    result = report_submit(data=anonymous_data(reporter_phone="0207 123 4567"), channel="web")

    report = result.report
    assert result.passphrase is not None
    assert len(result.passphrase.split(" ")) == PASSPHRASE_WORDS
    assert result.passphrase not in report.mailbox_passphrase_hash
    assert report.mailbox_passphrase_hash.startswith("pbkdf2_sha256$20000$")
    assert PBKDF2PasswordHasher().verify(result.passphrase, report.mailbox_passphrase_hash)
    # Contact details typed before choosing "anonymous" are dropped, never stored.
    assert (report.reporter_name, report.reporter_email, report.reporter_phone) == ("", "", "")


def test_validation_names_every_bad_field_and_writes_nothing():
    data = {"what_happened": "  ", "occurred_on": "2999-01-01", "reporter_email": "not-an-email",
            "location": "x" * 301}

    with pytest.raises(ValidationFailed) as caught:
        report_submit(data=data, channel="web")

    assert caught.value.extra["fields"] == {
        "what_happened": ["What happened is required."],
        "occurred_on": ["The date cannot be in the future."],
        "location": ["Where it happened must be at most 300 characters (it has 301)."],
        "reporter_email": ["Your email address is not a valid email address."],
    }
    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_named_report_needs_a_name_and_a_way_to_reply():
    with pytest.raises(ValidationFailed) as caught:
        report_submit(data={"what_happened": "Something"}, channel="web")

    assert sorted(caught.value.extra["fields"]) == ["reporter_email", "reporter_name"]


@pytest.mark.parametrize("text", ["bad\x00byte", "bell\x07", "escape\x1b[31m", "lone \ud800 surrogate"])
def test_control_characters_are_refused(text):
    with pytest.raises(ValidationFailed) as caught:
        report_submit(data=report_data(what_happened=text), channel="web")

    assert caught.value.extra["fields"] == {
        "what_happened": ["What happened contains control characters that cannot be accepted."]
    }


def test_new_lines_and_tabs_are_kept_in_the_account():
    result = report_submit(data=report_data(what_happened="line one\r\n\tline two"), channel="web")

    assert result.report.what_happened == "line one\n\tline two"


def test_what_happened_is_limited_to_ten_thousand_characters():
    report_submit(data=report_data(what_happened="a" * 10_000), channel="web")

    with pytest.raises(ValidationFailed) as caught:
        report_submit(data=report_data(what_happened="a" * 10_001), channel="web")

    assert caught.value.extra["fields"]["what_happened"] == [
        "What happened must be at most 10,000 characters (it has 10,001)."
    ]
    assert Report.objects.count() == 1


def test_wrong_types_are_refused_by_field():
    with pytest.raises(ValidationFailed) as caught:
        report_submit(data=report_data(what_happened=["a"], anonymous="yes", occurred_on=5),
                      channel="api")

    assert caught.value.extra["fields"] == {
        "what_happened": ["What happened must be text."],
        "occurred_on": ["The date must be a date written as YYYY-MM-DD."],
        "anonymous": ["Report anonymously must be true or false."],
    }


def test_same_idempotency_key_and_payload_returns_the_original_report():
    first = report_submit(data=anonymous_data(), channel="api", idempotency_key="key-1")

    again = report_submit(data=anonymous_data(), channel="api", idempotency_key="key-1")

    assert again.replayed is True
    assert again.report.id == first.report.id
    assert again.passphrase is None
    assert Report.objects.count() == 1
    assert AuditEvent.objects.filter(action="intake.report.received").count() == 1


def test_same_idempotency_key_with_a_different_payload_is_a_conflict():
    report_submit(data=report_data(), channel="api", idempotency_key="key-1")

    with pytest.raises(Conflict) as caught:
        report_submit(data=report_data(location="Elsewhere"), channel="api", idempotency_key="key-1")

    assert caught.value.message == (
        "This idempotency key was already used for a different report. Use a new key for a new report."
    )
    assert Report.objects.count() == 1
    assert AuditEvent.objects.count() == 1


def test_without_a_key_two_submissions_make_two_reports():
    report_submit(data=report_data(), channel="api")
    report_submit(data=report_data(), channel="api")

    assert Report.objects.count() == 2
    assert AuditEvent.objects.filter(action="intake.report.received").count() == 2


def test_a_lost_race_on_the_key_resolves_to_the_winning_report():
    winner = report_submit(data=report_data(), channel="api", idempotency_key="race")
    real_replay = reports._replay
    looked = []

    def replay_missing_the_winner_at_first(**kwargs):
        # The loser's first look-up ran before the winner committed, so it saw no row.
        looked.append(kwargs)
        return None if len(looked) == 1 else real_replay(**kwargs)

    with mock.patch.object(reports, "_replay", side_effect=replay_missing_the_winner_at_first):
        result = report_submit(data=report_data(), channel="api", idempotency_key="race")

    assert len(looked) == 2  # the unique key refused the insert, then the winner was found
    assert result.replayed is True
    assert result.report.id == winner.report.id
    assert Report.objects.count() == 1
    assert AuditEvent.objects.count() == 1


def test_integrity_error_without_a_key_is_not_swallowed():
    with mock.patch("upright.intake.services.reports._report_create", side_effect=IntegrityError), \
            pytest.raises(IntegrityError):
        report_submit(data=report_data(), channel="api")


def test_confidential_staff_report_goes_into_the_anti_corruption_compartment(make_user):
    staff = make_user(Role.STAFF)

    result = report_submit(data=report_data(), channel="staff_confidential", actor=staff)

    report = result.report
    assert (report.confidential, report.compartment, report.submitted_by) == (True, "anti-corruption", staff)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id) == ("intake.report.received", staff.id)


def test_anonymous_confidential_report_keeps_no_identity(make_user):
    staff = make_user(Role.STAFF)

    result = report_submit(data=anonymous_data(), channel="staff_confidential", actor=staff)

    assert result.report.submitted_by is None
    assert result.passphrase is not None
    assert AuditEvent.objects.get().actor_id is None


def test_confidential_channel_needs_the_permission(make_user):
    auditor = make_user(Role.AUDITOR)

    with pytest.raises(ActionForbidden):
        report_submit(data=report_data(), channel="staff_confidential", actor=auditor)

    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_occurrence_date_may_be_a_date_or_iso_text():
    result = report_submit(data=report_data(occurred_on="2024-03-01"), channel="api")

    assert result.report.occurred_on == dt.date(2024, 3, 1)
