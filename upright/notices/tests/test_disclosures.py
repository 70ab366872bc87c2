import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, ValidationFailed
from upright.notices.choices import HarmTestGround, NoticeKind
from upright.notices.models import Disclosure, Notice, NoticeWithholding
from upright.notices.services import disclosure_decide, notice_issue
from upright.notices.services.withholding import WITHHELD_TEXT
from upright.notices.tests.factories import context_for, person_new

pytestmark = pytest.mark.django_db
SECRET_DOC = "Covert surveillance log"


@pytest.fixture
def officer():
    return person_new()


def _withhold(actor, **kw):
    defaults = {"matter_ref": "M-1", "title": SECRET_DOC, "document_ref": "DOC-7",
                "withheld": True, "ground": HarmTestGround.C, "reason": "Live operation."}
    return disclosure_decide(actor=actor, **{**defaults, **kw})


def test_withholding_needs_a_ground_and_a_reason(appropriate_authority):
    with pytest.raises(ValidationFailed) as caught:
        _withhold(appropriate_authority, ground="", reason="")

    assert sorted(caught.value.extra["fields"]) == ["ground", "reason"]
    assert Disclosure.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_withheld_items_never_appear_and_the_ground_is_recorded(appropriate_authority, officer):
    decision = _withhold(appropriate_authority)
    context = context_for(NoticeKind.REG30,
                          documents=["Investigator's report", SECRET_DOC,
                                     {"title": "Audit trail extract", "ref": "DOC-2"}])

    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.REG30, matter_ref="M-1",
                          person_id=officer.pk, context=context)

    assert SECRET_DOC not in notice.html
    assert SECRET_DOC not in str(notice.context)
    assert "Investigator&#x27;s report" in notice.html
    assert "Audit trail extract (DOC-2)" in notice.html
    assert list(NoticeWithholding.objects.values_list("notice_id", "disclosure_id", "ground")) == [
        (notice.pk, decision.pk, HarmTestGround.C)]
    event = AuditEvent.objects.get(action="notices.notice.issued")
    assert event.extra["withheld"] == [{"disclosure_id": decision.pk, "ground": HarmTestGround.C}]


def test_withheld_content_in_free_text_is_refused(appropriate_authority, officer):
    _withhold(appropriate_authority)
    context = context_for(NoticeKind.REG30,
                          conduct_description=f"As shown in the {SECRET_DOC}, he lied.")

    with pytest.raises(ValidationFailed) as caught:
        notice_issue(actor=appropriate_authority, kind=NoticeKind.REG30, matter_ref="M-1",
                     person_id=officer.pk, context=context)

    assert list(caught.value.extra["fields"]) == ["conduct_description"]
    assert SECRET_DOC not in caught.value.message
    assert Notice.objects.count() == 0
    assert AuditEvent.objects.filter(action="notices.notice.issued").count() == 0


def test_a_withheld_field_is_replaced(appropriate_authority, officer):
    _withhold(appropriate_authority, title="Terms of reference", document_ref="field:terms_of_reference",
              ground=HarmTestGround.A)

    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.REG17, matter_ref="M-1",
                          person_id=officer.pk, context=context_for(NoticeKind.REG17))

    assert "PNC was accessed" not in notice.html
    assert WITHHELD_TEXT in notice.html
    assert list(notice.withholdings.values_list("ground", flat=True)) == [HarmTestGround.A]


def test_withholding_on_another_matter_does_not_apply(appropriate_authority, officer):
    _withhold(appropriate_authority, matter_ref="M-2")

    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.REG30, matter_ref="M-1",
                          person_id=officer.pk,
                          context=context_for(NoticeKind.REG30, documents=[SECRET_DOC]))

    assert SECRET_DOC in notice.html
    assert notice.withholdings.count() == 0


def test_a_disclosed_item_appears(appropriate_authority, officer):
    _withhold(appropriate_authority)
    _withhold(appropriate_authority, withheld=False, ground="", reason="Operation over.")

    notice = notice_issue(actor=appropriate_authority, kind=NoticeKind.REG30, matter_ref="M-1",
                          person_id=officer.pk,
                          context=context_for(NoticeKind.REG30, documents=[SECRET_DOC]))

    assert Disclosure.objects.count() == 1
    assert SECRET_DOC in notice.html
    assert AuditEvent.objects.filter(action="notices.disclosure.decided").count() == 2


def test_explicit_withheld_ids_must_be_withheld_items_of_the_matter(appropriate_authority,
                                                                   officer):
    disclosed = _withhold(appropriate_authority, withheld=False, ground="", reason="")

    with pytest.raises(ValidationFailed) as caught:
        notice_issue(actor=appropriate_authority, kind=NoticeKind.REG30, matter_ref="M-1",
                     person_id=officer.pk, context=context_for(NoticeKind.REG30),
                     withheld=[disclosed.pk])

    assert list(caught.value.extra["fields"]) == ["withheld"]


@pytest.mark.parametrize("role", [Role.STAFF, Role.OVERSIGHT, Role.PANEL])
def test_denied_decision_changes_nothing(make_user, role):
    with pytest.raises(ActionForbidden):
        _withhold(make_user(role))

    assert Disclosure.objects.count() == 0
    assert AuditEvent.objects.count() == 0
