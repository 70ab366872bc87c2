"""Who sees what of a person's history: the history permission, the conflict rule (the person
and their line of command see nothing), and each source's own policy on top."""

from typing import Any

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden
from upright.patterns.history import person_history
from upright.patterns.history_audit import PERSON_HISTORY_READ
from upright.patterns.history_services import person_history_view
from upright.patterns.tests.history_factories import (  # noqa: F401  (own_sources: fixture)
    Planted,
    anti_corruption,
    own_sources,
    plant,
    refs,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_sources")]


def _expected(p: Planted, names: set[str]) -> set[str]:
    by_name = {
        "nfa": p.nfa.reference, "no_case": p.no_case.reference,
        "complaint": p.complaint.reference, "secret": p.secret.reference,
        "suspension": f"suspension:{p.suspension.pk}", "hit": f"hit:{p.hit.pk}",
        "prior": "TVP-1",
    }
    return {by_name[name] for name in names}


MATTERS = {"nfa", "no_case", "complaint"}
# What each role sees of the planted person, outside any compartment (None: nothing at all).
SEES: dict[str, set[str] | None] = {
    Role.STAFF: None,
    Role.ASSESSOR: MATTERS | {"suspension", "prior"},
    Role.INVESTIGATOR: MATTERS | {"suspension", "prior"},
    Role.APPROPRIATE_AUTHORITY: MATTERS | {"suspension", "hit", "prior"},
    Role.PANEL: None,
    Role.VETTING_OFFICER: {"hit", "prior"},  # no conduct or suspension permission
    Role.ANALYST: MATTERS | {"hit", "prior"},
    Role.REVIEWER: MATTERS | {"prior"},
    Role.OVERSIGHT: None,
    Role.AUDITOR: None,
    Role.ADMIN: None,
}


def test_every_role_is_covered() -> None:
    assert set(SEES) == set(Role.values)


@pytest.mark.parametrize("role", Role.values)
def test_who_sees_what(make_user: Any, role: str) -> None:
    planted = plant()
    user = make_user(role)
    expected = SEES[role]
    if expected is None:
        with pytest.raises(ActionForbidden):
            person_history_view(actor=user, person_id=planted.person.id, channel="page")
        assert AuditEvent.objects.filter(action=PERSON_HISTORY_READ).count() == 0
        return
    history = person_history_view(actor=user, person_id=planted.person.id, channel="page")
    assert refs(history) == _expected(planted, expected)
    event = AuditEvent.objects.get(action=PERSON_HISTORY_READ)
    assert event.object_id == str(planted.person.id)
    assert event.actor_id == user.pk
    assert event.extra["kinds"] == history.kinds
    assert sum(event.extra["counts"].values()) == len(expected)


def test_anti_corruption_matter_only_inside_the_compartment(make_user: Any) -> None:
    planted = plant()
    outsider = make_user(Role.APPROPRIATE_AUTHORITY)
    member = make_user(Role.APPROPRIATE_AUTHORITY, compartments=[anti_corruption()])
    assert planted.secret.reference not in refs(person_history(user=outsider,
                                                               person_id=planted.person.id))
    assert planted.secret.reference in refs(person_history(user=member,
                                                           person_id=planted.person.id))


def test_compartmented_prior_force_record_only_inside_the_compartment(make_user: Any) -> None:
    planted = plant()
    planted.prior.compartment = "anti-corruption"
    planted.prior.save(update_fields=["compartment"])
    outsider = make_user(Role.APPROPRIATE_AUTHORITY)
    member = make_user(Role.APPROPRIATE_AUTHORITY, compartments=[anti_corruption()])
    assert "TVP-1" not in refs(person_history(user=outsider, person_id=planted.person.id))
    assert "TVP-1" in refs(person_history(user=member, person_id=planted.person.id))


@pytest.mark.parametrize("who", ["self", "line_manager", "managers_manager"])
def test_the_person_and_their_line_of_command_see_nothing(make_user: Any, who: str) -> None:
    from upright.conduct.tests.factories import person_new

    planted = plant()
    if who == "self":
        reader_person = planted.person
    elif who == "line_manager":
        reader_person = planted.manager
    else:
        top = person_new()
        planted.manager.line_manager = top
        planted.manager.save(update_fields=["line_manager"])
        from upright.people.services import person_mgmt_paths_rebuild

        person_mgmt_paths_rebuild()
        reader_person = top
    reader = make_user(Role.APPROPRIATE_AUTHORITY, person=reader_person)
    with pytest.raises(ActionForbidden):
        person_history_view(actor=reader, person_id=planted.person.id, channel="api")
    assert AuditEvent.objects.filter(action=PERSON_HISTORY_READ).count() == 0


def test_investigator_sees_only_what_conducts_policy_allows(make_user: Any) -> None:
    """An investigator who manages the co-subject of the complaint is in conflict with that
    complaint (MatterPolicy), so it is missing; the rest of the history is there."""
    planted = plant()
    investigator = make_user(Role.INVESTIGATOR, person=_manager_of(planted.co_subject))
    history = person_history(user=investigator, person_id=planted.person.id)
    assert refs(history) == _expected(planted, {"nfa", "no_case", "suspension", "prior"})


def _manager_of(person: Any) -> Any:
    from upright.conduct.tests.factories import person_new
    from upright.people.services import person_mgmt_paths_rebuild

    manager = person_new()
    person.line_manager = manager
    person.save(update_fields=["line_manager"])
    person_mgmt_paths_rebuild()
    return manager


def test_victim_or_witness_hits_never_appear(make_user: Any) -> None:
    planted = plant()
    history = person_history(user=make_user(Role.APPROPRIATE_AUTHORITY),
                             person_id=planted.person.id)
    assert f"hit:{planted.victim_hit.pk}" not in refs(history)
    assert [e.ref for e in history.entries if e.kind == "screening_hit"] == [f"hit:{planted.hit.pk}"]


def test_anonymous_reader_sees_nothing() -> None:
    from django.contrib.auth.models import AnonymousUser

    planted = plant()
    with pytest.raises(ActionForbidden):
        person_history_view(actor=AnonymousUser(), person_id=planted.person.id, channel="panel")
    assert AuditEvent.objects.filter(action=PERSON_HISTORY_READ).count() == 0
