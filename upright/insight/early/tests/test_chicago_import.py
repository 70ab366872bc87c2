"""The Chicago importer, on a tiny fixture (and a slice of the real files when present)."""

import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from upright.conduct.models import Allegation, AllegationFinding, Matter, Outcome
from upright.insight.chicago_data import DATA
from upright.insight.chicago_import import allegation_mapping, matter_route, penalty_action
from upright.insight.early.sources import record_frames
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
C1,11,VERBAL ABUSE: X,07A,NS,NO ACTION TAKEN,,
5,12,CONDUCT UNBECOMING (OFF-DUTY): X,01A,SU,SEPARATION,,
5,12,BRIBERY/OFFICIAL CORRUPTION,01A,SU,10 DAY SUSPENSION,,
2,12,"RACIAL/ETHNIC, ETC.:  X",01A,UN,NO ACTION TAKEN,,
3,99,MISCELLANEOUS: X,01A,NS,NO ACTION TAKEN,,
4,11,OPERATION/PERSONNEL VIOLATION: X,01A,,,,
""")
COMPLAINTS = """cr_id,incident_date,complaint_date,closed_date,beat
C1,1999-01-01,1999-01-03,1999-06-01,0421
2,1995-01-01,1995-02-01,1995-09-01,
3,1995-01-01,1995-02-01,1995-09-01,
4,2016-01-01,2016-01-02,,
5,1998-01-01,1998-02-01,1998-12-01,
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
    assert penalty_action("REPRIMAND") == penalty_action("Reprimand") == "written_warning"
    assert penalty_action("1 DAY SUSPENSION") == "final_written_warning"
    assert penalty_action("Suspended over 30 Days") == "final_written_warning"
    assert penalty_action("SEPARATION") == "dismissal_without_notice"
    assert penalty_action("ADMIN. TERMINATION") == "dismissal_without_notice"
    assert penalty_action("**PENALTY NOT SERVED") == "no_action"
    assert penalty_action("RESIGNED -NOT SERVED") == "no_action"
    assert penalty_action("SUSTAINED-NO PENALTY") == "no_action"
    assert penalty_action("Violation Noted") == "no_action"
    assert penalty_action("") == "no_action"


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
        ("B1", "use_of_force"), ("B1", "use_of_force"), ("G1", "authority_respect_courtesy")]
    # Findings: officer 11 sustained (reprimand) on C1; officer 12 not sustained there, so no
    # outcome for them; on 5, officer 12 sustained twice, the gravest action and finding kept.
    outcomes = sorted(Outcome.objects.values_list("matter__reference", "subject__staff_number",
                                                  "finding", "disciplinary_action",
                                                  "concluded_on", "superseded"))
    assert [(r, p, f, d, str(c), s) for r, p, f, d, c, s in outcomes] == [
        ("CPD-5", "CPD12", "gross_misconduct", "dismissal_without_notice", "1998-12-01", False),
        ("CPD-C1", "CPD11", "misconduct", "written_warning", "1999-06-01", False),
    ]
    findings = sorted(AllegationFinding.objects.values_list(
        "outcome__matter__reference", "allegation__description", "finding"))
    assert findings == [
        ("CPD-5", "BRIBERY/OFFICIAL CORRUPTION", "misconduct"),
        ("CPD-5", "CONDUCT UNBECOMING (OFF-DUTY): X", "gross_misconduct"),
        ("CPD-C1", "EXCESSIVE FORCE:  ARRESTEE - DURING ARREST", "misconduct"),
        ("CPD-C1", "VERBAL ABUSE: X", "not_misconduct"),
    ]
    # The early-intervention frames read these findings.
    frames = record_frames()
    assert frames.sustained_from_findings == 3
    assert Matter.objects.get(reference="CPD-2").status == "closed_nfa"
    assert Matter.objects.get(reference="CPD-4").status == "recorded"  # still open
    assert not Matter.objects.filter(reference="CPD-3").exists()  # officer 99 not on roster
    call_command("insight_import_chicago", "--data", str(data), stdout=StringIO())
    assert Person.objects.filter(staff_number__startswith="CPD").count() == 2
    assert Matter.objects.filter(reference__startswith="CPD-").count() == 4
    assert (Outcome.objects.count(), AllegationFinding.objects.count()) == (2, 4)


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
    assert not Outcome.objects.exists()


@pytest.mark.skipif(not (DATA / "officers.csv.gz").exists(), reason="no Chicago data")
def test_real_files_slice():
    call_command("insight_import_chicago", "--limit", "300", stdout=StringIO())
    assert Person.objects.filter(staff_number__startswith="CPD").count() >= 290
    matters = Matter.objects.filter(reference__startswith="CPD-")
    assert matters.count() > 50
    assert Allegation.objects.filter(matter__in=matters).exists()
    sustained = Allegation.objects.filter(matter__in=matters,
                                          matter__status="closed_with_outcome").count()
    assert AllegationFinding.objects.filter(finding__in=["misconduct", "gross_misconduct"],
                                            outcome__matter__in=matters).exists() == (sustained > 0)
