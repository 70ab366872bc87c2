"""The Chicago importer, on a tiny fixture (and a slice of the real files when present)."""

import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from upright.conduct.models import Allegation, Matter
from upright.insight.chicago_data import DATA
from upright.insight.chicago_import import allegation_mapping, matter_route
from upright.people.models import OrgUnit, Person

pytestmark = pytest.mark.django_db

OFFICERS = """officer_id,birth_year,race,gender,appointed_date,resignation_date,current_status,unit,rank
11,1960.0,BLACK,FEMALE,1990-01-02,,1.0,7,POLICE OFFICER
12,1950.0,WHITE,MALE,1980-05-05,2001-01-01,0.0,7,SERGEANT
13,1970.0,HISPANIC,MALE,,,1.0,8,SERGEANT
"""
ALLEGATIONS = ("""cr_id,officer_id,complaint_category,complaint_code,final_finding,final_outcome,"""
"""recc_finding,recc_outcome
C1,11,EXCESSIVE FORCE:  ARRESTEE - DURING ARREST,05A,SU,REPRIMAND,,
C1,12,EXCESSIVE FORCE:  ARRESTEE - DURING ARREST,05A,NS,NO ACTION TAKEN,,
2,12,"RACIAL/ETHNIC, ETC.:  X",01A,UN,NO ACTION TAKEN,,
3,99,MISCELLANEOUS: X,01A,NS,NO ACTION TAKEN,,
4,11,OPERATION/PERSONNEL VIOLATION: X,01A,,,,
""")
COMPLAINTS = """cr_id,incident_date,complaint_date,closed_date,beat
C1,1999-01-01,1999-01-03,1999-06-01,0421
2,1995-01-01,1995-02-01,1995-09-01,
3,1995-01-01,1995-02-01,1995-09-01,
4,2016-01-01,2016-01-02,,
"""


def _write(folder: Path, **files: str) -> Path:
    for name, text in files.items():
        (folder / f"{name}.csv.gz").write_bytes(gzip.compress(text.encode()))
    return folder


def test_mapping_rules():
    assert allegation_mapping("EXCESSIVE FORCE: X") == ("B1", "use_of_force")
    assert allegation_mapping("RACIAL/ETHNIC, ETC.: X") == ("F1", "equality_diversity")
    assert allegation_mapping("BRIBERY/OFFICIAL CORRUPTION") == ("J3", "honesty_integrity")
    assert allegation_mapping(None) == ("L1", "discreditable_conduct")
    assert matter_route(["NS", "SU"]) == "investigation_rprp"
    assert matter_route(["NAF"]) == "nfa_at_recording"


def test_import_fixture_all_mapped_and_rerun_skips(tmp_path):
    data = _write(tmp_path, officers=OFFICERS, allegations=ALLEGATIONS, complaints=COMPLAINTS)
    out = StringIO()
    call_command("insight_import_chicago", "--data", str(data), stdout=out)
    assert "Imported 2 people" in out.getvalue()
    assert OrgUnit.objects.get(code="CPD").name == "Chicago PD"
    a = Person.objects.get(staff_number="CPD11")
    b = Person.objects.get(staff_number="CPD12")
    assert (a.sex, a.ethnicity, a.ethnic_group, a.rank_or_grade, a.status) == (
        "female", "black_other", "black", "PC", "serving")
    assert b.org_unit is not None
    assert (str(b.end_date), b.status, b.rank_or_grade, b.org_unit.code) == (
        "2001-01-01", "left", "PS", "CPD-7")
    one = Matter.objects.get(reference="CPD-C1")
    assert one.status == "closed_with_outcome"
    assert str(one.closed_at)[:10] == "1999-06-01"
    assert sorted(Allegation.objects.filter(matter=one).values_list("category__code", "standard")) == [
        ("B1", "use_of_force"), ("B1", "use_of_force")]
    assert Matter.objects.get(reference="CPD-2").status == "closed_nfa"
    assert Matter.objects.get(reference="CPD-4").status == "recorded"  # still open
    assert not Matter.objects.filter(reference="CPD-3").exists()  # officer 99 not on roster
    call_command("insight_import_chicago", "--data", str(data), stdout=StringIO())
    assert Person.objects.filter(staff_number__startswith="CPD").count() == 2
    assert Matter.objects.filter(reference__startswith="CPD-").count() == 3


def test_bad_files_write_nothing(tmp_path):
    data = _write(tmp_path, officers=OFFICERS.replace("appointed_date", "appointed"),
                  allegations=ALLEGATIONS, complaints=COMPLAINTS)
    with pytest.raises(CommandError, match="missing columns appointed_date"):
        call_command("insight_import_chicago", "--data", str(data))
    bad = _write(tmp_path / "..", officers=OFFICERS, allegations=ALLEGATIONS,
                 complaints=COMPLAINTS.replace("1999-06-01", "June 1999"))
    with pytest.raises(CommandError, match="not a date"):
        call_command("insight_import_chicago", "--data", str(bad))
    assert not Person.objects.filter(staff_number__startswith="CPD").exists()
    assert not OrgUnit.objects.filter(code="CPD").exists()


@pytest.mark.skipif(not (DATA / "officers.csv.gz").exists(), reason="no Chicago data")
def test_real_files_slice():
    call_command("insight_import_chicago", "--limit", "300", stdout=StringIO())
    assert Person.objects.filter(staff_number__startswith="CPD").count() >= 290
    matters = Matter.objects.filter(reference__startswith="CPD-")
    assert matters.count() > 50
    assert Allegation.objects.filter(matter__in=matters).exists()
