"""Who can see and act on a matter, parametrised over every role."""

import pytest
from django.http import Http404

from upright.access.models import Compartment
from upright.access.roles import ROLE_PERMS, Perm, Role
from upright.conduct.permissions import access_matter, matter_allowed_actions, matter_policy
from upright.conduct.selectors import matter_list_visible_to
from upright.conduct.tests.factories import matter_in, matter_new, person_new
from upright.core.exceptions import ActionForbidden

pytestmark = pytest.mark.django_db

CAN_SEE = {r for r in Role if Perm.VIEW_MATTER in ROLE_PERMS[r]}
CAN_ASSESS = {r for r in Role if Perm.ASSESS in ROLE_PERMS[r]}


def test_expected_role_sets():
    assert CAN_SEE == {Role.ASSESSOR, Role.INVESTIGATOR, Role.APPROPRIATE_AUTHORITY, Role.PANEL,
                       Role.ANALYST, Role.REVIEWER, Role.OVERSIGHT}
    assert CAN_ASSESS == {Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY}


@pytest.mark.parametrize("role", list(Role))
def test_visibility_by_role(make_user, role):
    matter = matter_new()
    user = make_user(role)
    expected = role in CAN_SEE
    assert matter_policy.user_can_see(user=user, instance=matter) is expected
    assert list(matter_list_visible_to(user=user)) == ([matter] if expected else [])
    if expected:
        assert access_matter(user=user, reference=matter.reference) == matter
    else:
        with pytest.raises(Http404):
            access_matter(user=user, reference=matter.reference)


@pytest.mark.parametrize("role", list(Role))
def test_acting_by_role(make_user, role):
    matter = matter_in("recorded")
    user = make_user(role)
    allowed = role in CAN_ASSESS
    assert matter_policy.user_has_permission_for_instance(
        user=user, action=Perm.ASSESS, instance=matter) is allowed
    assert matter_allowed_actions(matter=matter, user=user) == (
        ["referral_check", "close_nfa"] if allowed else [])
    if role in CAN_SEE and not allowed:
        with pytest.raises(ActionForbidden):
            access_matter(user=user, reference=matter.reference, perm=Perm.ASSESS)


def _chain():
    top = person_new()
    middle = person_new(line_manager=top)
    subject = person_new(line_manager=middle)
    return top, middle, subject


@pytest.mark.parametrize("who", ["subject", "manager", "managers_manager"])
def test_subject_and_line_managers_cannot_see(make_user, who):
    top, middle, subject = _chain()
    matter = matter_new(subjects=[person_new(), subject])
    person = {"subject": subject, "manager": middle, "managers_manager": top}[who]
    user = make_user(Role.APPROPRIATE_AUTHORITY, person=person)
    assert matter_policy.user_can_see(user=user, instance=matter) is False
    assert matter_list_visible_to(user=user).count() == 0
    with pytest.raises(Http404):
        access_matter(user=user, reference=matter.reference)


def test_unrelated_people_and_reports_can_see(make_user):
    top, middle, subject = _chain()
    report = person_new(line_manager=subject)  # the subject manages them: no conflict
    matter = matter_new(subjects=[subject])
    for person in [person_new(), report, None]:
        user = make_user(Role.ASSESSOR, person=person)
        assert matter_policy.user_can_see(user=user, instance=matter) is True
        assert list(matter_list_visible_to(user=user)) == [matter]


def test_id_prefix_is_not_a_conflict(make_user):
    # Person 101 must not be taken for a manager of someone whose chain holds person 1012.
    manager = person_new(id=1012)
    subject = person_new(line_manager=manager)
    matter = matter_new(subjects=[subject])
    user = make_user(Role.ASSESSOR, person=person_new(id=101))
    assert subject.mgmt_path == "/1012/"
    assert matter_policy.user_can_see(user=user, instance=matter) is True
    assert list(matter_list_visible_to(user=user)) == [matter]


def test_compartment_hides_from_non_members(make_user):
    compartment, _ = Compartment.objects.get_or_create(code="anti-corruption",
                                                       defaults={"name": "Anti-corruption"})
    hidden = matter_new(compartment="anti-corruption")
    plain = matter_new()
    outsider = make_user(Role.APPROPRIATE_AUTHORITY)
    member = make_user(Role.APPROPRIATE_AUTHORITY, compartments=[compartment])
    assert matter_policy.user_can_see(user=outsider, instance=hidden) is False
    assert list(matter_list_visible_to(user=outsider)) == [plain]
    with pytest.raises(Http404):
        access_matter(user=outsider, reference=hidden.reference)
    assert matter_policy.user_can_see(user=member, instance=hidden) is True
    assert set(matter_list_visible_to(user=member)) == {plain, hidden}


def test_list_excludes_conflicted_matters_only(make_user):
    top, middle, subject = _chain()
    conflicted = matter_new(subjects=[subject])
    other = matter_new()
    user = make_user(Role.ASSESSOR, person=top)
    assert list(matter_list_visible_to(user=user)) == [other]
    assert {conflicted, other} == set(matter_list_visible_to(user=make_user(Role.ASSESSOR)))


def test_reference_is_read_forgivingly(make_user):
    matter = matter_new()
    user = make_user(Role.ASSESSOR)
    typed = matter.reference.lower().replace("-", " ")
    assert access_matter(user=user, reference=typed) == matter
    with pytest.raises(Http404):
        access_matter(user=user, reference="not-a-reference")
