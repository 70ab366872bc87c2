"""Who sees alerts: PATTERNS_VIEW, never the subject or anyone in their line of command; the
evidence matters through conduct's policy (compartments); the history entries likewise."""

import pytest

from upright.access.roles import Role
from upright.core.exceptions import NotFound
from upright.patterns.models import PatternAlert
from upright.patterns.selectors import (
    pattern_alert_evidence,
    pattern_alert_get,
    pattern_alert_history_entries,
    pattern_alert_list_visible_to,
)
from upright.patterns.services import pattern_rules_run_all
from upright.patterns.tests.helpers import NOW, YEAR, matter_seed, person_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    manager = person_new()
    subject = person_new(line_manager=manager)
    refs = [matter_seed(subject, NOW - 5 * YEAR, category="H1"),
            matter_seed(subject, NOW - 2 * YEAR, category="V1")]
    pattern_rules_run_all()
    return manager, subject, refs, PatternAlert.objects.get()


@pytest.mark.parametrize(("role", "sees"), [
    (Role.APPROPRIATE_AUTHORITY, True), (Role.ASSESSOR, True), (Role.ANALYST, True),
    (Role.VETTING_OFFICER, True), (Role.INVESTIGATOR, False), (Role.STAFF, False),
    (Role.AUDITOR, False), (Role.OVERSIGHT, False),
])
def test_alerts_by_role(make_user, setting, role, sees):
    _, subject, _, alert = setting
    user = make_user(role)
    assert list(pattern_alert_list_visible_to(user=user)) == ([alert] if sees else [])
    assert len(pattern_alert_history_entries(user=user, person_id=subject.pk)) == int(sees)


def test_the_subject_and_their_line_manager_never_see_the_alert(make_user, setting):
    manager, subject, _, alert = setting
    for person in (subject, manager):
        user = make_user(Role.APPROPRIATE_AUTHORITY, person=person)
        assert list(pattern_alert_list_visible_to(user=user)) == []
        assert pattern_alert_history_entries(user=user, person_id=subject.pk) == []
        with pytest.raises(NotFound):
            pattern_alert_get(user=user, alert_id=alert.pk)


def test_evidence_in_a_compartment_is_counted_not_listed(make_user):
    from upright.conduct.services.seeding import AllegationSeed, MatterSeed, matters_seed_bulk
    from upright.core.references import reference_new

    subject = person_new()
    open_ref = matter_seed(subject, NOW - 3 * YEAR, category="H1")
    secret = reference_new(prefix="M")
    matters_seed_bulk(seeds=[MatterSeed(
        reference=secret, kind="conduct_matter", came_to_attention_at=NOW - YEAR,
        summary="Secret.", route="nfa_at_recording", step_times=[NOW - YEAR],
        compartment="anti-corruption",
        allegations=[AllegationSeed(subject.pk, "honesty_integrity", "J1")])])
    pattern_rules_run_all()
    alert = PatternAlert.objects.get()
    assert alert.evidence["matters"] == sorted([open_ref, secret])

    evidence = pattern_alert_evidence(user=make_user(Role.APPROPRIATE_AUTHORITY), alert=alert)

    assert [m.reference for m in evidence.matters] == [open_ref]
    assert evidence.matters[0].status == "Closed: no further action"
    assert evidence.matters[0].categories == ("H1",)
    assert evidence.hidden == 1


def test_history_entries_name_the_rule_and_status(make_user, setting):
    _, subject, refs, alert = setting
    [entry] = pattern_alert_history_entries(user=make_user(Role.ASSESSOR), person_id=subject.pk)
    assert entry.kind == "pattern_alert"
    assert entry.ref == f"pattern-alert:{alert.pk}"
    assert entry.status == "open: awaiting a decision"
    assert entry.url == f"/staff/patterns/alerts/{alert.pk}/"
    assert "(2 matters)" in entry.title
