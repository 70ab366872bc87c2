import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.intake.models import MailboxMessage, Report
from upright.intake.services import report_submit
from upright.intake.tests.factories import anonymous_data, person_make, report_data

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script>'


def _detail(reference: str) -> str:
    return f"/staff/intake/reports/{reference}/"


@pytest.fixture
def staff_client(client, make_user):
    def log_in(role=Role.ASSESSOR, **kwargs):
        user = make_user(role, **kwargs)
        client.force_login(user)
        client.user = user
        return client
    return log_in


def _confidential(make_user):
    return report_submit(data=report_data(what_happened="Sergeant sells PNC checks"),
                         channel="staff_confidential", actor=make_user(Role.STAFF)).report


def test_queue_lists_new_reports_oldest_first(staff_client):
    first = report_submit(data=report_data(), channel="web").report
    second = report_submit(data=anonymous_data(), channel="api").report

    response = staff_client().get("/staff/intake/triage/")

    assert response.status_code == 200
    content = response.content.decode()
    assert content.index(first.reference) < content.index(second.reference)


def test_queue_is_403_for_roles_without_triage_view(staff_client):
    assert staff_client(Role.STAFF).get("/staff/intake/triage/").status_code == 403


def test_queue_hides_confidential_reports_from_non_members(staff_client, make_user, anti_corruption):
    confidential = _confidential(make_user)

    outsider = staff_client().get("/staff/intake/triage/")
    assert confidential.reference not in outsider.content.decode()

    member = staff_client(compartments=[anti_corruption]).get("/staff/intake/triage/")
    assert confidential.reference in member.content.decode()


def test_confidential_report_page_is_404_to_a_non_member(staff_client, make_user):
    confidential = _confidential(make_user)
    before = AuditEvent.objects.count()

    response = staff_client().get(_detail(confidential.reference))

    assert response.status_code == 404
    assert "Sergeant sells" not in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_confidential_report_page_is_shown_to_a_member_and_the_read_audited(staff_client, make_user,
                                                                           anti_corruption):
    confidential = _confidential(make_user)
    client = staff_client(compartments=[anti_corruption])
    before = AuditEvent.objects.count()

    response = client.get(_detail(confidential.reference))

    assert response.status_code == 200
    assert "Sergeant sells PNC checks" in response.content.decode()
    event = AuditEvent.objects.get(seq__gt=before)
    assert (event.action, event.actor_id, event.object_id) == (
        "intake.report.viewed", client.user.id, str(confidential.id))


def test_reading_an_ordinary_report_writes_no_audit_event(staff_client):
    report = report_submit(data=report_data(), channel="web").report
    before = AuditEvent.objects.count()

    assert staff_client().get(_detail(report.reference)).status_code == 200
    assert AuditEvent.objects.count() == before


def test_script_laden_report_is_escaped_on_the_staff_page(staff_client):
    report = report_submit(data=report_data(what_happened=SCRIPT, location=SCRIPT,
                                            people_involved=SCRIPT), channel="api").report

    content = staff_client().get(_detail(report.reference)).content.decode()

    assert SCRIPT not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


def _record_post(subject_number: str) -> dict[str, str]:
    return {
        "kind": "complaint", "summary": "Pushed over", "came_to_attention_on": "",
        "allegation-TOTAL_FORMS": "3", "allegation-INITIAL_FORMS": "0",
        "allegation-MIN_NUM_FORMS": "0", "allegation-MAX_NUM_FORMS": "10",
        "allegation-0-subject": subject_number, "allegation-0-standard": "use_of_force",
        "allegation-0-category_code": "G4", "allegation-0-description": "Pushed",
    }


def test_triage_form_records_a_matter_with_exactly_the_expected_audit_events(staff_client):
    report = report_submit(data=report_data(), channel="web").report
    subject = person_make(staff_number="204512")
    client = staff_client()
    before = AuditEvent.objects.count()

    response = client.post(f"{_detail(report.reference)}record/", _record_post("204512"))

    assert response.status_code == 302
    report.refresh_from_db()
    assert response["Location"] == f"/staff/conduct/matters/{report.matter_reference}/"
    assert report.status == "triaged"
    events = list(AuditEvent.objects.filter(seq__gt=before).values_list("action", "actor_id"))
    assert events == [("conduct.matter.recorded", client.user.id),
                      ("conduct.complainant.recorded", client.user.id),
                      ("conduct.complainant.linked", client.user.id),
                      ("intake.report.triaged", client.user.id)]
    assert subject.id is not None


def test_triage_form_shows_an_unknown_subject_and_records_nothing(staff_client):
    report = report_submit(data=report_data(), channel="web").report
    before = AuditEvent.objects.count()

    response = staff_client().post(f"{_detail(report.reference)}record/", _record_post("999999"))

    assert response.status_code == 400
    assert "No one has that warrant or staff number." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "new"
    assert AuditEvent.objects.count() == before


def test_triage_form_needs_an_allegation(staff_client):
    report = report_submit(data=report_data(), channel="web").report

    data = {**_record_post(""), "allegation-0-standard": "", "allegation-0-category_code": "",
            "allegation-0-description": ""}

    response = staff_client().post(f"{_detail(report.reference)}record/", data)

    assert response.status_code == 400
    assert "Add at least one allegation." in response.content.decode()


def test_no_further_action_from_the_report_page(staff_client):
    report = report_submit(data=report_data(), channel="web").report

    response = staff_client().post(f"{_detail(report.reference)}no-action/", {"reason": "Not police"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.triage_reason) == ("no_action", "Not police")


@pytest.mark.parametrize("action", ["record/", "no-action/", "messages/"])
def test_denied_triage_by_staff_role_changes_nothing(staff_client, action):
    report = report_submit(data=anonymous_data(), channel="web").report
    before = AuditEvent.objects.count()

    response = staff_client(Role.STAFF).post(f"{_detail(report.reference)}{action}",
                                             {**_record_post("1"), "reason": "x", "body": "hi"})

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "new"
    assert MailboxMessage.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_investigator_cannot_write_to_reporters(staff_client):
    report = report_submit(data=anonymous_data(), channel="web").report

    response = staff_client(Role.INVESTIGATOR).post(f"{_detail(report.reference)}messages/",
                                                    {"body": "hi"})

    assert response.status_code == 403
    assert MailboxMessage.objects.count() == 0


def test_staff_question_is_sent_from_the_report_page(staff_client):
    report = report_submit(data=anonymous_data(), channel="web").report
    client = staff_client()

    response = client.post(f"{_detail(report.reference)}messages/", {"body": "Which station?"})

    assert response.status_code == 302
    assert list(MailboxMessage.objects.values_list("direction", "body", "author_id")) == [
        ("to_reporter", "Which station?", client.user.id)]


def test_confidential_form_makes_a_compartmented_report(staff_client):
    client = staff_client(Role.STAFF)
    form = client.get("/staff/intake/confidential/")
    key = form.context["submission_key"]
    data = {**report_data(), "submission_key": key, "anonymous": ""}

    response = client.post("/staff/intake/confidential/", data)
    again = client.post("/staff/intake/confidential/", data)

    report = Report.objects.get()
    assert response.status_code == 200
    assert f'<p class="reference">{report.reference}</p>' in response.content.decode()
    assert (report.channel, report.compartment, report.submitted_by) == (
        "staff_confidential", "anti-corruption", client.user)
    assert again.status_code == 200
    assert "already been received" in again.content.decode()


def test_confidential_form_shows_field_errors(staff_client):
    response = staff_client(Role.STAFF).post("/staff/intake/confidential/",
                                             {"what_happened": "x", "submission_key": "k"})

    assert response.status_code == 400
    assert "Give your name, or choose to report anonymously." in response.content.decode()
    assert Report.objects.count() == 0


def test_confidential_form_needs_the_permission(staff_client):
    assert staff_client(Role.AUDITOR).get("/staff/intake/confidential/").status_code == 403
