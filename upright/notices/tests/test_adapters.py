import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.notices.choices import NoticeKind
from upright.notices.models import Notice
from upright.notices.services import notice_issue
from upright.notices.tests.factories import context_for, person_new

pytestmark = pytest.mark.django_db


def _notice(kind=NoticeKind.REG17, **context):
    actor = UserFactory(role=Role.APPROPRIATE_AUTHORITY)
    return notice_issue(actor=actor, kind=kind, matter_ref="M-API",
                        person_id=person_new().pk, context=context_for(kind, **context))


def test_api_list_and_detail_audit_the_read(api_as):
    notice = _notice()
    client = api_as(Role.INVESTIGATOR)

    listed = client.get("/api/v1/notices", {"matter_ref": "M-API"})
    detail = client.get(f"/api/v1/notices/{notice.pk}")

    assert [n["reference"] for n in listed.json()] == [notice.reference]
    assert detail.status_code == 200
    assert detail.json()["html"] == notice.html
    assert detail.json()["intact"] is True
    assert AuditEvent.objects.filter(action="notices.notice.viewed",
                                     actor_id=client.user.pk).count() == 1


def test_api_pdf(api_as):
    notice = _notice()

    response = api_as(Role.ASSESSOR).get(f"/api/v1/notices/{notice.pk}.pdf",
                                         HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:4] == b"%PDF"
    assert AuditEvent.objects.filter(action="notices.notice.pdf_downloaded").count() == 1


@freeze_time("2025-08-29 12:00:00")
def test_api_serve(api_as):
    notice = _notice()
    Notice.objects.filter(pk=notice.pk).update(
        issued_at=dt.datetime(2025, 8, 1, tzinfo=dt.UTC))

    response = api_as(Role.INVESTIGATOR).post(
        f"/api/v1/notices/{notice.pk}/serve",
        {"method": "post", "served_at": "2025-08-21T10:00:00+01:00"}, format="json")

    assert response.status_code == 200
    assert response.json()["deemed_served_at"] == "2025-08-26T00:00:00+01:00"


def test_api_serve_refuses_a_bad_method_by_name(api_as):
    notice = _notice()

    response = api_as(Role.INVESTIGATOR).post(
        f"/api/v1/notices/{notice.pk}/serve",
        {"method": "pigeon", "served_at": "2025-08-21T10:00:00+01:00"}, format="json")

    assert response.status_code == 400
    assert AuditEvent.objects.filter(action="notices.notice.served").count() == 0


@pytest.mark.parametrize("role", [Role.STAFF, Role.PANEL, Role.AUDITOR, Role.OVERSIGHT])
def test_api_hides_notices_from_other_roles(api_as, role):
    notice = _notice()
    client = api_as(role)

    assert client.get("/api/v1/notices", {"matter_ref": "M-API"}).json() == []
    assert client.get(f"/api/v1/notices/{notice.pk}").status_code == 404
    assert client.post(f"/api/v1/notices/{notice.pk}/serve",
                       {"method": "hand", "served_at": "2025-08-21T10:00:00+01:00"},
                       format="json").status_code in (403, 404)
    notice.refresh_from_db()
    assert notice.served_at is None
    assert AuditEvent.objects.exclude(action="notices.notice.issued").count() == 0


def test_api_hides_a_notice_from_the_officers_manager(make_user, api_as):
    manager = person_new()
    subject = person_new(line_manager=manager)
    notice = notice_issue(actor=make_user(Role.APPROPRIATE_AUTHORITY), kind=NoticeKind.REG17,
                          matter_ref="M-API", person_id=subject.pk,
                          context=context_for(NoticeKind.REG17))
    client = api_as(Role.INVESTIGATOR, person=manager)

    assert client.get(f"/api/v1/notices/{notice.pk}").status_code == 404


def test_oversight_sees_timeliness_notices_only(api_as):
    _notice()
    report_notice = _notice(NoticeKind.TIMELINESS)

    listed = api_as(Role.OVERSIGHT).get("/api/v1/notices", {"matter_ref": "M-API"}).json()

    assert [n["reference"] for n in listed] == [report_notice.reference]


def test_missing_field_is_a_400_naming_it():
    # There is no issue endpoint (conduct and suspensions call the service): this is the
    # API's error shape for the service's refusal.
    from upright.core.exception_handler import api_exception_handler
    from upright.core.exceptions import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        _notice(NoticeKind.REG17, investigator_name="")
    response = api_exception_handler(caught.value, {})

    assert response is not None
    assert response.status_code == 400
    assert response.data["extra"]["fields"] == {"investigator_name": "This field is required."}


def test_web_pages(client, make_user):
    notice = _notice()
    user = make_user(Role.INVESTIGATOR)
    client.force_login(user)

    listing = client.get(reverse("notices:notice_list"), {"matter_ref": "M-API"})
    page = client.get(reverse("notices:notice_detail", args=[notice.pk]))
    pdf = client.get(reverse("notices:notice_pdf", args=[notice.pk]))
    timeliness = client.get(reverse("notices:timeliness_list"))

    assert notice.reference in listing.content.decode()
    assert page.status_code == 200
    assert "DS Ada Investigator" in page.content.decode()
    assert 'action="/staff/notices/' in page.content.decode()
    assert pdf.content[:4] == b"%PDF"
    assert timeliness.status_code == 200


@freeze_time("2025-07-01 12:00:00")
def test_web_serve_form_shows_the_email_refusal(client, make_user):
    notice = _notice(regime="2020")
    Notice.objects.filter(pk=notice.pk).update(issued_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    client.force_login(make_user(Role.INVESTIGATOR))

    response = client.post(reverse("notices:notice_serve", args=[notice.pk]),
                           {"method": "email", "served_at": "2025-07-01T10:00"})

    assert response.status_code == 400
    assert "Email service exists only from 28 May 2025" in response.content.decode()


def test_web_denies_other_roles(client, make_user):
    notice = _notice()
    client.force_login(make_user(Role.STAFF))

    assert client.get(reverse("notices:notice_list")).status_code == 403
    assert client.get(reverse("notices:notice_detail", args=[notice.pk])).status_code == 404


def test_web_timeliness_form_creates_a_draft(client, make_user):
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY))

    response = client.post(reverse("notices:timeliness_list"), {
        "matter_ref": "M-W", "basis": "pcr_19", "period_index": 1, "due_date": "2025-06-14",
        "came_to_attention": "2024-06-01", "progress": "p", "estimated_conclusion": "2025-09-30",
        "estimated_report_date": "2025-10-31", "reason_for_time": "r", "planned_steps": "s",
        "recipients": ["lpb"], "prejudice_exempt": "on", "prejudice_rationale": ""})

    assert response.status_code == 400
    assert "Say why giving the report might prejudice" in response.content.decode()
