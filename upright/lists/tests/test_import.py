"""Importing the lists: all or nothing, versioned, every error by line and column."""

import hashlib

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden
from upright.lists.models import ListEntry, ListImport
from upright.lists.services import ListImportRejected, list_import
from upright.lists.tests.conftest import ADVISORY, HEADER, barred_csv


def test_import_records_the_version_file_checksum_and_who(lists, vetting_officer):
    barred, advisory = lists
    data = barred_csv().encode()
    assert (barred.row_count, barred.file_name, barred.sha256) == (
        401, "barred.csv", hashlib.sha256(data).hexdigest())
    assert barred.imported_by == vetting_officer
    entry = ListEntry.objects.get(entry_ref="BL-T1")
    assert (entry.other_names, entry.published, entry.former_force) == (
        [["William", "Hargreaves-Boyd"]], False, "Thames Valley Police")
    assert ListEntry.objects.get(entry_ref="AL-1").published is False
    assert AuditEvent.objects.filter(action="lists.import.created").count() == 2


def test_a_new_import_is_a_new_version_and_the_old_one_is_kept(lists, vetting_officer):
    again = list_import(actor=vetting_officer, list_kind="advisory", data=ADVISORY.encode(),
                        file_name="advisory-2.csv")
    assert ListImport.objects.filter(list_kind="advisory").count() == 2
    assert ListImport.objects.filter(list_kind="advisory").first() == again


def test_bad_rows_are_all_reported_and_nothing_is_written(db, vetting_officer):
    text = (HEADER + "B1,Ann,Lee,,1980-02-30,X,Kent,PC,2020-01-01,Dismissed,maybe\n"
            "B1,Bob,,Bob,,,Kent,PC,,,yes\n")
    with pytest.raises(ListImportRejected) as exc:
        list_import(actor=vetting_officer, list_kind="barred", data=text.encode(),
                    file_name="bad.csv")
    assert [str(e) for e in exc.value.errors] == [
        "line 2, sex: 'X' is not M or F",
        "line 2, date_of_birth: '1980-02-30' is not a date in the form YYYY-MM-DD",
        "line 2, published: must be yes or no",
        "line 3, surname: is required",
        "line 3, listed_on: is required",
        "line 3, reason: is required",
        "line 3, other_names: 'Bob' must be 'Forenames|Surname'",
        "line 3, entry_ref: 'B1' already appears on line 2",
    ]
    assert ListImport.objects.count() == ListEntry.objects.count() == 0


def test_header_is_checked(db, vetting_officer):
    with pytest.raises(ListImportRejected) as exc:
        list_import(actor=vetting_officer, list_kind="barred", data=b"entry_ref,name\nx,y\n",
                    file_name="h.csv")
    assert [e.field for e in exc.value.errors] == ["header", "header", "header"]


def test_advisory_entries_are_never_published(db, vetting_officer):
    text = ADVISORY.replace("reason\n", "reason,published\n", 1).replace("investigation\n",
                                                                          "investigation,yes\n")
    with pytest.raises(ListImportRejected) as exc:
        list_import(actor=vetting_officer, list_kind="advisory", data=text.encode(),
                    file_name="a.csv")
    assert [e.field for e in exc.value.errors] == ["published"]


def test_only_the_vetting_unit_imports(make_user):
    with pytest.raises(ActionForbidden):
        list_import(actor=make_user(Role.ASSESSOR), list_kind="barred",
                    data=barred_csv(3).encode(), file_name="b.csv")
    assert ListImport.objects.count() == 0


def test_cli_imports(db, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "barred.csv"
    path.write_text(barred_csv(5), encoding="utf-8")
    call_command("lists_import", "--list", "barred", str(path))
    assert ListImport.objects.get().row_count == 6
