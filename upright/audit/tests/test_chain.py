"""The audit log: chained, append-only in the database, and verifiable without the triggers."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from upright.audit.models import AuditEvent
from upright.audit.registry import action_register
from upright.audit.selectors import audit_chain_verify
from upright.audit.services import audit_record

TEST_ACTION = action_register("audit.test.happened", "test event")

pytestmark = pytest.mark.django_db


def _write(n: int) -> list[AuditEvent]:
    return [audit_record(action=TEST_ACTION, actor=None, object_type="t", object_id=str(i),
                         extra={"i": i, "text": "café"}) for i in range(n)]


def _drop_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update_delete ON audit_auditevent")


def test_events_are_chained_in_order():
    events = _write(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    report = audit_chain_verify()
    assert report.intact
    assert report.events_checked == 3


def test_unregistered_action_is_refused():
    with pytest.raises(ValueError, match="not registered"):
        audit_record(action="audit.test.unknown", actor=None)
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditevent SET action = 'x'",
    "DELETE FROM audit_auditevent",
])
def test_database_rejects_update_and_delete(statement):
    _write(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 2


def test_verify_names_an_altered_event_even_without_triggers():
    events = _write(4)
    _drop_triggers()
    AuditEvent.objects.filter(pk=events[2].pk).update(extra={"i": 99})
    report = audit_chain_verify()
    assert report.problem is not None
    assert report.problem.seq == 3
    assert "altered" in report.problem.reason
    assert report.events_checked == 2


def test_verify_finds_a_removed_event():
    events = _write(4)
    _drop_triggers()
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    report = audit_chain_verify()
    assert report.problem is not None
    assert report.problem.seq == 3
    assert "removed or reordered" in report.problem.reason


def test_verify_finds_the_last_event_removed():
    events = _write(3)
    _drop_triggers()
    AuditEvent.objects.filter(pk=events[2].pk).delete()
    report = audit_chain_verify()
    assert report.problem is not None
    assert report.problem.seq == 3
    assert "removed" in report.problem.reason


def test_verify_finds_reordered_events():
    events = _write(3)
    _drop_triggers()
    AuditEvent.objects.filter(pk=events[0].pk).update(seq=-1)
    AuditEvent.objects.filter(pk=events[1].pk).update(seq=1)
    AuditEvent.objects.filter(pk=events[0].pk).update(seq=2)
    report = audit_chain_verify()
    assert report.problem is not None
    assert report.problem.seq == 2
    assert report.problem.event_id == events[0].pk


def test_verify_command_exit_codes(capsys):
    events = _write(2)
    call_command("audit_verify")
    assert "2 events verified" in capsys.readouterr().out
    _drop_triggers()
    AuditEvent.objects.filter(pk=events[1].pk).update(actor_label="mallory")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify")
    assert exit_info.value.code == 1
    assert "event #2" in capsys.readouterr().err
