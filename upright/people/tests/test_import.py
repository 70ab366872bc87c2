"""HR extract import: all or nothing, every bad row reported by line and field."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from upright.audit.models import AuditEvent
from upright.people.choices import EthnicGroup
from upright.people.importing import ImportRejected, people_import
from upright.people.models import Address, OrgUnit, Person, PersonName, Phone, Vehicle

pytestmark = pytest.mark.django_db

HEADER = ("staff_number,employment_kind,forenames,surname,date_of_birth,sex,ethnicity,rank_or_grade,"
          "org_unit_path,line_manager,start_date,end_date,status,address,postcode,address_from,"
          "previous_names,previous_addresses,phones,emails,vehicles\n")
GOOD = HEADER + (
    "1001,officer,Anne,Boss,1970-01-02,female,white_british,SUPT,MPS/FL/CW,,1995-09-01,,serving,"
    "1 High St,sw1a2aa,2010-01-01,,,020 7946 0000,anne@example.org,\n"
    "1002,officer,Ben,Middle,1980-03-04,male,black_caribbean,INSP,MPS/FL/CW/CW-1,1001,2005-01-01,,"
    "serving,2 Low Rd,E1 6AN,2019-05-01,Ben|Jones|1980-03-04|2010-06-01,"
    "9 Old Rd|N1 9GU|2012-01-01|2019-04-30,"
    "07700 900123,,ab12 cde\n"
    "1003,staff,Cara,Low,1995-12-25,not_stated,not_stated,Band D,MPS/FL/CW/CW-1,1002,2020-02-03,,serving,"
    ",,,,,,,\n"
)


def test_a_good_extract_imports_everything():
    result = people_import(text=GOOD, actor=None, source_name="hr.csv")
    assert (result.created, result.updated) == (3, 0)
    ben = Person.objects.get(staff_number="1002")
    boss = Person.objects.get(staff_number="1001")
    cara = Person.objects.get(staff_number="1003")
    assert ben.line_manager == boss
    assert cara.mgmt_path == f"/{boss.id}/{ben.id}/"
    assert ben.ethnic_group == EthnicGroup.BLACK
    assert ben.age_on(dt.date(2025, 3, 3)) == 44
    assert ben.age_on(dt.date(2025, 3, 4)) == 45
    assert list(Address.objects.filter(person=ben).order_by("postcode").values_list("postcode", flat=True)) \
        == ["E1 6AN", "N1 9GU"]
    assert PersonName.objects.filter(person=ben, kind="previous", surname="Jones").count() == 1
    assert Phone.objects.get(person=ben).number == "+447700900123"
    assert Vehicle.objects.get(person=ben).vrm == "AB12CDE"
    assert OrgUnit.objects.get(code="CW-1").path == "/MPS/FL/CW/CW-1/"
    assert AuditEvent.objects.filter(action="people.person.imported").count() == 1


def test_reimport_updates_instead_of_duplicating():
    people_import(text=GOOD, actor=None)
    changed = GOOD.replace("Ben,Middle", "Ben,Middleton")
    result = people_import(text=changed, actor=None)
    assert (result.created, result.updated) == (0, 3)
    assert Person.objects.count() == 3
    assert Person.objects.get(staff_number="1002").surname == "Middleton"
    assert PersonName.objects.filter(person__staff_number="1002", kind="current").count() == 1


def test_every_bad_row_is_reported_and_nothing_is_written():
    bad = HEADER + (
        "2001,officer,Al,Ok,1970-01-02,male,white_british,PC,MPS,,2000-01-01,,serving,,,,,,,,\n"
        "2002,pilot,Bo,Kind,1970-13-02,male,white_british,PC,MPS,,2000-01-01,,serving,,,,,,,,\n"
        "2003,officer,,Name,1970-01-02,male,purple,PC,MPS,9999,2000-01-01,1999-01-01,serving,"
        "1 Road,NOTAPOSTCODE,,,,abc,not-an-email,!!\n"
        "2001,officer,Al,Dup,1970-01-02,male,white_british,PC,MPS,,2000-01-01,,serving,,,,,,,,\n"
    )
    with pytest.raises(ImportRejected) as info:
        people_import(text=bad, actor=None)
    found = {(e.line, e.field) for e in info.value.errors}
    assert {
        (3, "employment_kind"), (3, "date_of_birth"),
        (4, "forenames"), (4, "ethnicity"), (4, "end_date"), (4, "postcode"), (4, "phones"),
        (4, "emails"), (4, "vehicles"),
        (5, "staff_number"),
    } <= found
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_unknown_line_manager_is_refused_with_its_line():
    text = HEADER + "3001,officer,A,B,1970-01-02,male,white_british,PC,MPS,7777,2000-01-01,,serving,,,,,,,,\n"
    with pytest.raises(ImportRejected) as info:
        people_import(text=text, actor=None)
    assert [(e.line, e.field) for e in info.value.errors] == [(2, "line_manager")]
    assert Person.objects.count() == 0


def test_missing_columns_are_named():
    with pytest.raises(ImportRejected) as info:
        people_import(text="staff_number,forenames\n1,A\n", actor=None)
    assert info.value.errors[0].line == 1
    assert "surname" in info.value.errors[0].message


def test_command_reports_lines_and_writes_nothing(tmp_path: Path, capsys):
    bad = tmp_path / "hr.csv"
    bad.write_text(HEADER + "1,officer,A,B,not-a-date,male,white_british,PC,MPS,,2000-01-01,,serving"
                   ",,,,,,,,\n")
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("people_import", str(bad))
    assert "hr.csv: line 2, date_of_birth" in capsys.readouterr().err
    assert Person.objects.count() == 0
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    call_command("people_import", str(good))
    assert "3 created" in capsys.readouterr().out
