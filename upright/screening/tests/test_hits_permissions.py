from typing import Any, cast

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, NotFound
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.screening.models import Hit, HitStatus
from upright.screening.selectors import hit_get, hit_queue, screening_runs_visible_to
from upright.screening.services import hit_dispose, hits_import
from upright.screening.tests.hits_factories import identity_row, run_new

pytestmark = pytest.mark.django_db

VIEWERS = {Role.ANALYST, Role.VETTING_OFFICER, Role.APPROPRIATE_AUTHORITY}
DISPOSERS = {Role.ANALYST, Role.APPROPRIATE_AUTHORITY}


def _hit_about(person: Person) -> Hit:
    hits_import(actor=None, run_id=run_new().pk, rows=[identity_row(person.staff_number)])
    return Hit.objects.get(employee=person)


@pytest.mark.parametrize("role", Role.values)
def test_who_sees_the_queue(make_user: Any, role: str) -> None:
    hit = _hit_about(cast(Person, PersonFactory()))
    user = make_user(role)
    assert [h.pk for h in hit_queue(user=user)] == ([hit.pk] if role in VIEWERS else [])
    assert screening_runs_visible_to(user=user).count() == (1 if role in VIEWERS else 0)


@pytest.mark.parametrize("role", Role.values)
def test_who_may_dispose(make_user: Any, role: str) -> None:
    hit = _hit_about(cast(Person, PersonFactory()))
    user = make_user(role)
    if role in DISPOSERS:
        hit_dispose(actor=user, hit_id=hit.pk, disposition="no_further_action", rationale="No.")
        assert Hit.objects.get(pk=hit.pk).status == HitStatus.DISPOSED
        return
    expected = ActionForbidden if role in VIEWERS else NotFound
    with pytest.raises(expected):
        hit_dispose(actor=user, hit_id=hit.pk, disposition="no_further_action", rationale="No.")
    assert Hit.objects.get(pk=hit.pk).status == HitStatus.OPEN
    assert AuditEvent.objects.filter(action="screening.hit.disposed").count() == 0


@pytest.mark.parametrize("relation", ["self", "report", "report_of_report"])
def test_conflict_of_interest(make_user: Any, relation: str) -> None:
    manager = cast(Person, PersonFactory())
    report = cast(Person, PersonFactory(line_manager=manager))
    subject = {"self": manager, "report": report,
               "report_of_report": PersonFactory(line_manager=report)}[relation]
    hit = _hit_about(cast(Person, subject))
    other = _hit_about(cast(Person, PersonFactory()))
    analyst = make_user(Role.ANALYST, person=manager)
    assert [h.pk for h in hit_queue(user=analyst)] == [other.pk]
    with pytest.raises(NotFound):
        hit_get(user=analyst, hit_id=hit.pk)
    with pytest.raises(NotFound):
        hit_dispose(actor=analyst, hit_id=hit.pk, disposition="no_further_action",
                    rationale="Mine.")
    assert Hit.objects.get(pk=hit.pk).status == HitStatus.OPEN
    assert AuditEvent.objects.filter(action__startswith="screening.hit.").count() == 0


def test_reading_a_hit_is_audited(make_user: Any) -> None:
    hit = _hit_about(cast(Person, PersonFactory()))
    analyst = make_user(Role.ANALYST)
    hit_get(user=analyst, hit_id=hit.pk)
    event = AuditEvent.objects.get(action="screening.hit.viewed")
    assert (event.actor_id, event.object_id) == (analyst.pk, str(hit.pk))


def test_import_by_a_user_needs_dispose(make_user: Any) -> None:
    run = run_new()
    with pytest.raises(ActionForbidden):
        hits_import(actor=make_user(Role.VETTING_OFFICER), run_id=run.pk,
                    rows=[identity_row(cast(Person, PersonFactory()).staff_number)])
    assert Hit.objects.count() == 0
