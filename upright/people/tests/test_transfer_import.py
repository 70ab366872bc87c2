"""Records from previous forces: the all-or-nothing import and its command."""

from pathlib import Path
from typing import Any, cast

import pytest
from django.core.management import CommandError, call_command

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.cli import translate
from upright.people.importing import ImportRejected
from upright.people.models import Person, PriorForceRecord
from upright.people.selectors import prior_force_history_entries
from upright.people.tests.factories import PersonFactory
from upright.people.transfer_import import prior_force_records_import

pytestmark = pytest.mark.django_db

HEADER = "staff_number,force_name,kind,occurred_on,category,outcome,summary,source_reference"


def _file(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_imports_every_row_with_its_source() -> None:
    PersonFactory(staff_number="100234")
    PersonFactory(staff_number="100235")
    text = _file(
        "100234,Thames Valley Police,complaint,2019-03-02,G5,no case to answer,Sexual comments,TVP-1",
        "100234,Thames Valley Police,conviction,2016-07-14,motoring,fine,Speeding,",
        "100235,Kent Police,vetting_decision,2020-01-10,,NPPV2 refused,Undisclosed debts,")
    result = prior_force_records_import(text=text, actor=None, source_name="tvp.csv")
    assert (result.created, result.people) == (3, 2)
    records = list(PriorForceRecord.objects.order_by("source_line"))
    assert [r.source_line for r in records] == [2, 3, 4]
    assert {r.import_checksum for r in records} == {result.checksum}
    assert records[0].imported_from == "tvp.csv"
    assert records[0].outcome == "no case to answer"
    event = AuditEvent.objects.get(action="people.prior_force_record.imported")
    assert event.extra["created"] == 3
    assert event.extra["checksum"] == result.checksum


@pytest.mark.parametrize(("row", "line_column"), [
    ("100234,TVP,gossip,2019-03-02,,,Summary,", "line 2, kind"),
    ("100234,TVP,complaint,2019-02-30,,,Summary,", "line 2, occurred_on"),
    ("100234,TVP,complaint,2999-01-01,,,Summary,", "line 2, occurred_on"),
    ("100234,,complaint,2019-03-02,,,Summary,", "line 2, force_name"),
    ("100234,TVP,complaint,2019-03-02,,,,", "line 2, summary"),
    ("999999,TVP,complaint,2019-03-02,,,Summary,", "line 2, staff_number"),
    ("100234,TVP,complaint,2019-03-02,,,Summary,,extra", "line 2, row"),
])
def test_one_bad_row_rejects_the_file(row: str, line_column: str) -> None:
    PersonFactory(staff_number="100234")
    text = _file(row, "100234,TVP,complaint,2019-03-02,,,A good row,")
    with pytest.raises(ImportRejected) as caught:
        prior_force_records_import(text=text, actor=None, source_name="bad.csv")
    assert [str(e).startswith(line_column) for e in caught.value.errors] == [True]
    assert PriorForceRecord.objects.count() == 0
    assert AuditEvent.objects.filter(action="people.prior_force_record.imported").count() == 0


def test_header_problems_and_repeat_imports_are_refused() -> None:
    PersonFactory(staff_number="100234")
    with pytest.raises(ImportRejected) as caught:
        prior_force_records_import(text="staff_number,force,kind\n1,2,3\n", actor=None,
                                   source_name="x.csv")
    assert [str(e) for e in caught.value.errors] == [
        "line 1, header: missing column(s): force_name, occurred_on, summary",
        "line 1, header: unknown column(s): force"]
    text = _file("100234,TVP,complaint,2019-03-02,,,Summary,")
    prior_force_records_import(text=text, actor=None, source_name="once.csv")
    with pytest.raises(ImportRejected, match="problem"):
        prior_force_records_import(text=text, actor=None, source_name="again.csv")
    assert PriorForceRecord.objects.count() == 1


def test_command_and_cli_name(tmp_path: Path, capsys: Any) -> None:
    assert translate(["people", "import-transfer", "f.csv"], {"people_import_transfer"}) == [
        "people_import_transfer", "f.csv"]
    PersonFactory(staff_number="100234")
    good = tmp_path / "good.csv"
    good.write_text(_file("100234,TVP,caution,2018-01-01,violence,,Common assault,"))
    call_command("people_import_transfer", str(good))
    assert "imported good.csv: 1 record(s) for 1 person(s)" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(_file("100234,TVP,caution,yesterday,,,Common assault,"))
    with pytest.raises(CommandError):
        call_command("people_import_transfer", str(bad))
    assert "bad.csv: line 2, occurred_on" in capsys.readouterr().err
    assert PriorForceRecord.objects.count() == 1


def test_history_entries_follow_the_policy(make_user: Any) -> None:
    manager = cast(Person, PersonFactory())
    person = cast(Person, PersonFactory(staff_number="100234", line_manager=manager))
    prior_force_records_import(text=_file(
        "100234,TVP,complaint,2019-03-02,G5,no case to answer,Sexual comments,TVP-1"),
        actor=None, source_name="tvp.csv")
    entries = prior_force_history_entries(user=make_user(Role.VETTING_OFFICER), person_id=person.id)
    assert [(e.kind, e.ref, e.status) for e in entries] == [
        ("prior_force", "TVP-1", "no case to answer")]
    assert entries[0].categories == ("complaint", "G5")
    assert prior_force_history_entries(user=make_user(Role.STAFF), person_id=person.id) == []
    assert prior_force_history_entries(user=make_user(Role.ASSESSOR, person=manager),
                                       person_id=person.id) == []
