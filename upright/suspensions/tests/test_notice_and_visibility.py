import pytest

from upright.access.models import Compartment
from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.tests.factories import matter_in, person_new
from upright.core.exceptions import NotFound, ValidationFailed
from upright.notices.models import Notice
from upright.people.services import person_status_set
from upright.suspensions.selectors import suspension_get, suspension_list_visible_to
from upright.suspensions.services import Notification, suspension_impose
from upright.suspensions.tests.factories import GROUNDS, aa, restricted, suspended

pytestmark = pytest.mark.django_db


def test_the_suspension_notice_is_issued_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        entry = suspended()
    # Two: the notice, and conduct's allegations_recorded signal for the matter recorded first.
    assert len(callbacks) == 2
    notice = Notice.objects.get(kind="suspension_notice")
    assert notice.matter_ref == entry.matter_ref
    assert notice.person_id == entry.person_id
    assert notice.context["decision"] == "suspended"
    assert notice.context["reasons_summary"] == "Witnesses are colleagues."


def test_a_restriction_notice_carries_the_restrictions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restricted()
    notice = Notice.objects.get(kind="suspension_notice")
    assert notice.context["decision"] == "restricted"
    assert notice.context["restrictions"] == (
        "Non-public-facing duties. No contact with the public; no custody duties. "
        "Location: Lambeth HQ.")


def test_no_notice_while_the_transaction_is_open():
    suspended()
    assert Notice.objects.count() == 0


def test_the_subject_and_their_managers_cannot_see_the_entry(make_user):
    manager = person_new()
    officer = person_new(line_manager=manager)
    matter = matter_in("recorded", subjects=[officer])
    entry = suspension_impose(actor=aa(), person_id=officer.id, matter_ref=matter.reference,
                              grounds=GROUNDS, narrative="R.", notification=Notification("written"))
    for person in (officer, manager):
        reader = make_user(Role.INVESTIGATOR, person=person)
        assert list(suspension_list_visible_to(user=reader)) == []
        with pytest.raises(NotFound):
            suspension_get(user=reader, suspension_id=entry.id)
    outsider = make_user(Role.INVESTIGATOR, person=person_new())
    assert list(suspension_list_visible_to(user=outsider)) == [entry]


def test_entries_under_a_compartmented_matter_stay_in_the_compartment(make_user):
    ac, _ = Compartment.objects.get_or_create(code="anti-corruption",
                                              defaults={"name": "Anti-corruption"})
    insider = make_user(Role.APPROPRIATE_AUTHORITY, compartments=[ac])
    officer = person_new()
    matter = matter_in("recorded", subjects=[officer], compartment="anti-corruption",
                       actor=insider)
    entry = suspension_impose(actor=insider, person_id=officer.id, matter_ref=matter.reference,
                              grounds=GROUNDS, narrative="R.", notification=Notification("written"))
    assert entry.compartment == "anti-corruption"
    assert list(suspension_list_visible_to(user=insider)) == [entry]
    assert list(suspension_list_visible_to(user=make_user(Role.APPROPRIATE_AUTHORITY))) == []


def test_person_status_set_validates_and_skips_no_change():
    person = person_new()
    actor = aa()
    with pytest.raises(ValidationFailed) as exc:
        person_status_set(person_id=person.id, status="on_holiday", actor=actor, reason="R.")
    assert list(exc.value.extra["fields"]) == ["status"]
    person_status_set(person_id=person.id, status="serving", actor=actor, reason="No change.")
    assert AuditEvent.objects.filter(action="people.person.status_changed").count() == 0
    person_status_set(person_id=person.id, status="restricted", actor=actor, reason="Policy.")
    event = AuditEvent.objects.get(action="people.person.status_changed")
    assert event.extra == {"old": "serving", "new": "restricted", "reason": "Policy."}
