import pytest
from django.template.loader import render_to_string

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, ValidationFailed
from upright.notices.choices import NoticeKind
from upright.notices.models import Notice
from upright.notices.services import notice_issue, notice_pdf
from upright.notices.services.notices import html_digest
from upright.notices.tests.factories import CONTEXTS, REQUIRED, context_for, person_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return person_new(forenames="Sam", surname="Officer")


@pytest.mark.parametrize("kind", list(CONTEXTS))
def test_each_kind_renders_with_its_required_fields(appropriate_authority, officer, kind):
    notice = notice_issue(actor=appropriate_authority, kind=kind, matter_ref="M-1",
                          person_id=officer.pk, context=context_for(kind))

    assert notice.kind == kind
    assert notice.reference in notice.html
    assert notice.html_sha256 == html_digest(notice.html)
    events = AuditEvent.objects.filter(action="notices.notice.issued")
    assert [(e.object_id, e.matter_ref) for e in events] == [(str(notice.pk), "M-1")]


@pytest.mark.parametrize(("kind", "field"),
                         [(k, f) for k, fields in REQUIRED.items() for f in fields])
def test_each_kind_refuses_a_missing_field_and_names_it(appropriate_authority, officer, kind,
                                                        field):
    context = context_for(kind)
    context.pop(field)

    with pytest.raises(ValidationFailed) as caught:
        notice_issue(actor=appropriate_authority, kind=kind, matter_ref="M-1",
                     person_id=officer.pk, context=context)

    assert list(caught.value.extra["fields"]) == [field]
    assert Notice.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_reg17_content(appropriate_authority, officer):
    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.REG17, matter_ref="M-1",
                          person_id=officer.pk, context=context_for(NoticeKind.REG17))

    assert "Sam Officer" in notice.html
    assert "DS Ada Investigator" in notice.html
    assert "<strong>gross misconduct</strong>" in notice.html
    assert "<strong>misconduct hearing</strong>" in notice.html
    assert "You will be told if this assessment" in notice.html
    assert "police friend" in notice.html
    assert "right to be legally represented" in notice.html


def test_reg17_accepts_reasons_instead_of_terms_of_reference(appropriate_authority, officer):
    context = context_for(NoticeKind.REG17, terms_of_reference_withheld_reason="Covert phase.")
    context.pop("terms_of_reference")

    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.REG17, matter_ref="M-1",
                          person_id=officer.pk, context=context)

    assert "not included with this notice because: Covert phase." in notice.html


def test_outcome_without_misconduct_needs_no_appeal_route(appropriate_authority, officer):
    context = context_for(NoticeKind.OUTCOME, finding="not_misconduct",
                          disciplinary_action="No action.")
    del context["appeal_route"], context["appeal_to"]

    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.OUTCOME,
                          matter_ref="M-1", person_id=officer.pk, context=context)

    assert "right of appeal" not in notice.html


def test_a_bad_choice_is_refused_by_name(appropriate_authority, officer):
    with pytest.raises(ValidationFailed) as caught:
        notice_issue(actor=appropriate_authority, kind=NoticeKind.SUSPENSION, matter_ref="M-1",
                     person_id=officer.pk,
                     context=context_for(NoticeKind.SUSPENSION, decision="sacked"))

    assert caught.value.extra["fields"] == {"decision": "Must be one of: suspended, restricted."}


def test_restriction_needs_the_restrictions(appropriate_authority, officer):
    with pytest.raises(ValidationFailed) as caught:
        notice_issue(actor=appropriate_authority, kind=NoticeKind.SUSPENSION, matter_ref="M-1",
                     person_id=officer.pk,
                     context=context_for(NoticeKind.SUSPENSION, decision="restricted"))

    assert list(caught.value.extra["fields"]) == ["restrictions"]


def test_unknown_kind_is_refused(appropriate_authority, officer):
    with pytest.raises(ValidationFailed) as caught:
        notice_issue(actor=appropriate_authority, kind="letter", matter_ref="M-1",
                     person_id=officer.pk, context={})

    assert list(caught.value.extra["fields"]) == ["kind"]


def test_stored_html_is_fixed_after_issue(appropriate_authority, officer, settings):
    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.SUSPENSION,
                          matter_ref="M-1", person_id=officer.pk,
                          context=context_for(NoticeKind.SUSPENSION))
    stored, digest = notice.html, notice.html_sha256

    # The template changes (a new wording, a fix): the issued document does not.
    rerendered = render_to_string("notices/kinds/suspension_notice.html",
                                  {"c": {**notice.context, "reasons_summary": "Different."}})
    notice.refresh_from_db()

    assert rerendered != stored
    assert (notice.html, notice.html_sha256) == (stored, digest)
    notice.html = "<p>tampered</p>"
    with pytest.raises(ValueError, match="fixed"):
        notice.save(update_fields=["html"])
    with pytest.raises(ValueError, match="fixed"):
        notice.save()
    notice.refresh_from_db()
    assert notice.html == stored


def test_pdf_starts_with_pdf_magic(appropriate_authority, officer):
    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.REG30, matter_ref="M-1",
                          person_id=officer.pk, context=context_for(NoticeKind.REG30))

    pdf = notice_pdf(notice=notice)

    assert pdf[:4] == b"%PDF"


@pytest.mark.parametrize("role", [Role.STAFF, Role.PANEL, Role.OVERSIGHT, Role.AUDITOR,
                                  Role.ADMIN, Role.VETTING_OFFICER, Role.ANALYST,
                                  Role.REVIEWER])
def test_other_roles_cannot_issue_and_nothing_happens(make_user, officer, role):
    with pytest.raises(ActionForbidden):
        notice_issue(actor=make_user(role), kind=NoticeKind.REG17, matter_ref="M-1",
                     person_id=officer.pk, context=context_for(NoticeKind.REG17))

    assert Notice.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_officer_cannot_be_issued_by_their_own_manager(make_user):
    manager = person_new()
    subject = person_new(line_manager=manager)
    actor = make_user(Role.INVESTIGATOR, person=manager)

    with pytest.raises(ValidationFailed) as caught:
        notice_issue(actor=actor, kind=NoticeKind.REG17, matter_ref="M-1",
                     person_id=subject.pk, context=context_for(NoticeKind.REG17))

    assert list(caught.value.extra["fields"]) == ["person_id"]
    assert AuditEvent.objects.count() == 0
