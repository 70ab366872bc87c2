import datetime as dt

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.selectors import complainant_for_report, matter_get
from upright.conduct.services import AllegationInput
from upright.core.exceptions import ActionForbidden, Conflict, NotFound, ValidationFailed
from upright.intake.models import Report
from upright.intake.services import report_submit, report_triage_no_action, report_triage_record
from upright.intake.tests.factories import person_make, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return report_submit(data=report_data(), channel="web").report


def _record(actor, reference, subject):
    return report_triage_record(
        actor=actor, reference=reference, kind="complaint", summary="Pushed over outside the station",
        allegations=[AllegationInput(subject_id=subject.id, standard="use_of_force", category_code="G4")],
    )


def test_recording_a_matter_marks_the_report_triaged(report, assessor):
    subject = person_make()
    before = AuditEvent.objects.count()

    triaged = _record(assessor, report.reference, subject)

    report.refresh_from_db()
    assert report.status == "triaged"
    assert report.matter_reference == triaged.matter_reference
    assert report.triaged_by == assessor
    matter = matter_get(user=assessor, reference=report.matter_reference)
    assert matter.source_report_reference == report.reference
    new_events = list(AuditEvent.objects.filter(seq__gt=before).values_list("action", "matter_ref"))
    assert new_events == [
        ("conduct.matter.recorded", report.matter_reference),
        ("conduct.complainant.recorded", ""),
        ("conduct.complainant.linked", report.matter_reference),
        ("intake.report.triaged", report.matter_reference),
    ]


def test_a_named_complainant_is_recorded_once_and_linked_to_each_complaint(report, assessor):
    subject = person_make()
    first = _record(assessor, report.reference, subject)
    complainant = complainant_for_report(report_reference=report.reference)
    assert complainant is not None
    assert (complainant.name, complainant.email, complainant.preferred_contact) == (
        "Alex Reporter", "alex@example.org", "email")
    links = list(complainant.links.values_list("matter__reference", flat=True))
    assert links == [first.matter_reference]


def test_an_anonymous_reporter_is_never_named_as_a_complainant(assessor):
    anonymous = report_submit(data=report_data(anonymous=True, reporter_name="", reporter_email=""),
                              channel="web").report
    _record(assessor, anonymous.reference, person_make())
    assert complainant_for_report(report_reference=anonymous.reference) is None


def test_came_to_attention_defaults_to_when_the_report_arrived(report, assessor):
    _record(assessor, report.reference, person_make())

    report.refresh_from_db()
    assert matter_get(user=assessor, reference=report.matter_reference).came_to_attention_at == (
        report.created_at
    )


def test_an_invalid_matter_leaves_the_report_new(report, assessor):
    before = AuditEvent.objects.count()

    with pytest.raises(ValidationFailed):
        report_triage_record(
            actor=assessor, reference=report.reference, kind="complaint", summary="",
            allegations=[AllegationInput(subject_id=999999, standard="nope", category_code="Z9")],
        )

    report.refresh_from_db()
    assert (report.status, report.matter_reference) == ("new", "")
    assert AuditEvent.objects.count() == before


def test_no_further_action_needs_a_reason_and_is_audited(report, assessor):
    with pytest.raises(ValidationFailed) as caught:
        report_triage_no_action(actor=assessor, reference=report.reference, reason=" ")
    assert caught.value.extra["fields"] == {"reason": ["The reason is required."]}

    report_triage_no_action(actor=assessor, reference=report.reference, reason="Not police conduct.")

    report.refresh_from_db()
    assert (report.status, report.triage_reason) == ("no_action", "Not police conduct.")
    event = AuditEvent.objects.filter(action__startswith="intake.report.closed").get()
    assert (event.actor_id, event.extra["reason"]) == (assessor.id, "Not police conduct.")


def test_a_report_is_triaged_only_once(report, assessor):
    report_triage_no_action(actor=assessor, reference=report.reference, reason="Duplicate")
    before = AuditEvent.objects.count()

    with pytest.raises(Conflict):
        _record(assessor, report.reference, person_make())

    report.refresh_from_db()
    assert report.status == "no_action"
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("role", [Role.STAFF, Role.INVESTIGATOR, Role.ANALYST, Role.AUDITOR,
                                  Role.OVERSIGHT])
def test_roles_without_triage_change_nothing(role, report, make_user):
    actor = make_user(role)
    before = AuditEvent.objects.count()

    with pytest.raises(ActionForbidden):
        _record(actor, report.reference, person_make())
    with pytest.raises(ActionForbidden):
        report_triage_no_action(actor=actor, reference=report.reference, reason="x")

    report.refresh_from_db()
    assert report.status == "new"
    assert AuditEvent.objects.count() == before


def test_confidential_report_cannot_be_triaged_outside_the_compartment(make_user, assessor):
    confidential = report_submit(data=report_data(), channel="staff_confidential",
                                 actor=make_user(Role.STAFF)).report
    before = AuditEvent.objects.count()

    with pytest.raises(NotFound):
        report_triage_no_action(actor=assessor, reference=confidential.reference, reason="x")

    assert Report.objects.get(pk=confidential.pk).status == "new"
    assert AuditEvent.objects.count() == before


def test_confidential_matter_stays_in_the_compartment(make_user, ac_assessor):
    confidential = report_submit(data=report_data(), channel="staff_confidential",
                                 actor=make_user(Role.STAFF)).report

    triaged = report_triage_record(
        actor=ac_assessor, reference=confidential.reference, kind="conduct_matter",
        summary="Leak", came_to_attention_at=dt.datetime(2025, 6, 2, 9, tzinfo=dt.UTC),
        allegations=[AllegationInput(subject_id=person_make().id, standard="confidentiality",
                                     category_code="D1")],
    )

    matter = matter_get(user=ac_assessor, reference=triaged.matter_reference)
    assert matter.compartment == "anti-corruption"
