"""Vetting applications: the pre-decision checks run before any grant; a blocking finding
stops it until a vetting officer records how it was resolved (audited)."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from upright.audit.models import AuditEvent
from upright.core.exceptions import Conflict, ValidationFailed
from upright.vetting.checks import _CHECKS, CheckFinding, CheckSubject, vetting_check_register
from upright.vetting.models import ApplicationFinding, Clearance, VettingApplication
from upright.vetting.services import (
    application_finding_resolve,
    clearance_grant,
    vetting_application_checks_run,
    vetting_application_create,
    vetting_application_grant,
    vetting_application_refuse,
)
from upright.vetting.tests.factories import officer_new, person_new

pytestmark = pytest.mark.django_db

SEEN: list[CheckSubject] = []


@pytest.fixture
def barred_check() -> Iterator[None]:
    """A check registered by the test: anyone once called "Smith" is on the test list."""

    def check(*, actor: Any, subject: CheckSubject) -> list[CheckFinding]:
        SEEN.append(subject)
        names = [(subject.forenames, subject.surname), *subject.other_names]
        return [CheckFinding("test_barred", f"entry:{f}", f"{f} Smith is on the test list",
                             True) for f, s in names if s == "Smith"]

    SEEN.clear()
    vetting_check_register(name="test_barred", check=check)
    yield
    _CHECKS.pop("test_barred")


def _applicant(officer: Any, **kwargs: Any) -> VettingApplication:
    values = {"kind": "applicant", "level": "RV", "forenames": "Jo", "surname": "Jones",
              "date_of_birth": "1995-02-03", "other_names": [["Jo", "Smith"]],
              "postcodes": ["sw1a 1aa", "E1 6AN"], **kwargs}
    return vetting_application_create(actor=officer, **values)


def test_applicant_blocked_until_resolved_then_granted(barred_check: None) -> None:
    officer = officer_new()
    application = _applicant(officer)
    assert application.postcodes == ["SW1A 1AA", "E1 6AN"]
    with pytest.raises(Conflict) as exc:
        vetting_application_grant(actor=officer, application_id=application.pk)
    finding = ApplicationFinding.objects.get()
    assert exc.value.extra["findings"] == [{"id": finding.pk, "check": "test_barred",
                                            "ref": "entry:Jo", "summary":
                                            "Jo Smith is on the test list"}]
    assert SEEN[0] == CheckSubject(ref=f"application:{application.pk}", forenames="Jo",
                                   surname="Jones", date_of_birth=dt.date(1995, 2, 3),
                                   person_id=None, other_names=(("Jo", "Smith"),),
                                   postcodes=("SW1A 1AA", "E1 6AN"))
    assert Clearance.objects.count() == 0
    with pytest.raises(ValidationFailed):
        application_finding_resolve(actor=officer, finding_id=finding.pk, resolution=" ")
    application_finding_resolve(actor=officer, finding_id=finding.pk,
                                resolution="Different person: DOB and PNC ID differ.")
    clearance = vetting_application_grant(actor=officer, application_id=application.pk)
    assert (clearance.person_id, clearance.application_id, clearance.level) == (
        None, application.pk, "RV")
    application.refresh_from_db()
    assert application.status == "granted"
    assert ApplicationFinding.objects.count() == 1  # re-running the checks did not duplicate
    assert AuditEvent.objects.filter(action="vetting.application.finding_resolved").count() == 1
    assert AuditEvent.objects.filter(action="vetting.application.checks_run").count() == 2


def test_revetting_renews_and_needs_a_person(barred_check: None) -> None:
    officer = officer_new()
    person = person_new(surname="Jones")
    existing = clearance_grant(actor=officer, person_id=person.pk, level="RV")
    with pytest.raises(ValidationFailed) as exc:
        _applicant(officer, kind="revetting", other_names=[])
    assert exc.value.extra["fields"] == {
        "person_id": "Re-vetting needs the person's workforce record."}
    application = _applicant(officer, kind="revetting", other_names=[], person_id=person.pk)
    assert vetting_application_checks_run(actor=officer, application_id=application.pk) == []
    renewed = vetting_application_grant(actor=officer, application_id=application.pk)
    assert (renewed.pk, renewed.renewals) == (existing.pk, 1)


def test_bad_application_input_is_named_and_nothing_written() -> None:
    with pytest.raises(ValidationFailed) as exc:
        vetting_application_create(actor=officer_new(), kind="walk-in", level="RV",
                                   forenames="", surname="X", date_of_birth="2999-01-01",
                                   other_names=[["only-one"]], postcodes=[""])
    assert exc.value.extra["fields"] == {
        "kind": "Must be one of: applicant, transferee, revetting.",
        "forenames": "This field is required.",
        "date_of_birth": exc.value.extra["fields"]["date_of_birth"],
        "other_names": "Must be a list of [forenames, surname] pairs.",
        "postcodes": "Must be a list of postcodes (at most 10 characters each)."}
    assert exc.value.extra["fields"]["date_of_birth"].startswith("Cannot be after ")
    assert VettingApplication.objects.count() == 0


def test_refuse_needs_reasons_and_is_final() -> None:
    officer = officer_new()
    application = _applicant(officer, other_names=[])
    with pytest.raises(ValidationFailed):
        vetting_application_refuse(actor=officer, application_id=application.pk, notes="")
    refused = vetting_application_refuse(actor=officer, application_id=application.pk,
                                         notes="Under investigation (APP 3.10.4).",
                                         discontinue=True)
    assert refused.status == "discontinued"
    with pytest.raises(Conflict):
        vetting_application_grant(actor=officer, application_id=application.pk)
