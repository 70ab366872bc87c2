"""Assignment: balanced by matters (or items), least-loaded first, deterministic, never to a
reviewer in conflict; reassignment audited."""

from typing import Any

import pytest

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed, ValidationFailed
from upright.patterns.campaigns.models import Item
from upright.patterns.campaigns.services import campaign_assign, item_reassign
from upright.patterns.campaigns.tests.factories import (
    built,
    campaign_new,
    manager,
    person_new,
    reviewer,
    seeded,
)

pytestmark = pytest.mark.django_db


def _cohort(matter_counts: list[int]) -> tuple[Any, list[Any]]:
    people = [person_new() for _ in matter_counts]
    for person, n in zip(people, matter_counts, strict=True):
        for _ in range(n):
            seeded(subjects=[person])
    return built(), people


def _load(campaign, by: str = "matters_count") -> dict[int | None, int]:
    out: dict[int | None, int] = {}
    for item in Item.objects.filter(campaign=campaign):
        out[item.reviewer_id] = out.get(item.reviewer_id, 0) + (
            item.matters_count if by == "matters_count" else 1)
    return out


def test_balanced_by_matters_heaviest_first_least_loaded():
    campaign, _ = _cohort([5, 4, 3, 3, 2, 1])  # 18 matters
    a, b, c = reviewer(), reviewer(), reviewer()
    result = campaign_assign(actor=manager(), campaign_id=campaign.pk,
                             reviewer_ids=[a.pk, b.pk, c.pk])
    assert result.unassignable == []
    assert sorted(_load(campaign).values()) == [6, 6, 6]
    assert sum(result.assigned.values()) == 6


def test_balanced_by_items():
    campaign, _ = _cohort([5, 1, 1, 1, 1, 1])
    a, b = reviewer(), reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[a.pk, b.pk],
                    weight_by="items")
    assert sorted(_load(campaign, by="items").values()) == [3, 3]


def test_assignment_is_deterministic():
    campaign, _ = _cohort([3, 2, 2, 1, 1])
    a, b = reviewer(), reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[b.pk, a.pk])
    first = dict(Item.objects.filter(campaign=campaign).values_list("person_id", "reviewer_id"))
    # a second campaign over the same people, same reviewers: the same split
    again = built()
    campaign_assign(actor=manager(), campaign_id=again.pk, reviewer_ids=[a.pk, b.pk])
    assert dict(Item.objects.filter(campaign=again).values_list("person_id", "reviewer_id")) == first


def test_existing_open_work_counts_towards_the_load():
    campaign, people = _cohort([2, 2])
    a, b = reviewer(), reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[a.pk])
    late = person_new()
    seeded(subjects=[late])
    # items built later go to b, who has nothing open
    Item.objects.create(campaign=campaign, person=late, matters_count=1)
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[a.pk, b.pk])
    assert Item.objects.get(campaign=campaign, person=late).reviewer_id == b.pk


def test_never_assigned_to_the_subject_or_their_line_of_command():
    boss_person = person_new()
    subject = person_new(line_manager=boss_person)
    other = person_new()
    seeded(subjects=[subject])
    seeded(subjects=[other])
    campaign = built()
    boss = reviewer(person=boss_person)
    own = reviewer(person=subject)
    free = reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk,
                    reviewer_ids=[boss.pk, own.pk, free.pk])
    assert Item.objects.get(campaign=campaign, person=subject).reviewer_id == free.pk


def test_an_item_nobody_may_take_stays_unassigned_and_is_reported():
    boss_person = person_new()
    subject = person_new(line_manager=boss_person)
    seeded(subjects=[subject])
    campaign = built()
    result = campaign_assign(actor=manager(), campaign_id=campaign.pk,
                             reviewer_ids=[reviewer(person=boss_person).pk])
    item = Item.objects.get(campaign=campaign)
    assert result.unassignable == [item.pk]
    assert item.state == "unassigned"


def test_reviewers_must_hold_the_review_permission():
    campaign, _ = _cohort([1])
    with pytest.raises(ValidationFailed) as caught:
        campaign_assign(actor=manager(), campaign_id=campaign.pk,
                        reviewer_ids=[UserFactory.create(role=Role.ASSESSOR).pk])
    assert "reviewer_ids" in caught.value.extra["fields"]
    with pytest.raises(ValidationFailed):
        campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[])
    with pytest.raises(ActionForbidden):
        campaign_assign(actor=reviewer(), campaign_id=campaign.pk, reviewer_ids=[reviewer().pk])


def test_a_draft_campaign_cannot_be_assigned():
    campaign = campaign_new()
    with pytest.raises(TransitionNotAllowed):
        campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[reviewer().pk])


def test_reassignment_is_audited_with_the_reason_and_checks_conflicts():
    boss_person = person_new()
    subject = person_new(line_manager=boss_person)
    seeded(subjects=[subject])
    campaign = built()
    a, b = reviewer(), reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[a.pk])
    item = Item.objects.get(campaign=campaign)
    with pytest.raises(ActionForbidden):
        item_reassign(actor=manager(), item_id=item.pk,
                      reviewer_id=reviewer(person=boss_person).pk, reason="Leave")
    with pytest.raises(ValidationFailed):
        item_reassign(actor=manager(), item_id=item.pk, reviewer_id=b.pk, reason=" ")
    item_reassign(actor=manager(), item_id=item.pk, reviewer_id=b.pk, reason="A is on leave.")
    item.refresh_from_db()
    assert item.reviewer_id == b.pk
    event = AuditEvent.objects.get(action="campaigns.item.reassigned")
    assert event.extra["old"] == {"reviewer_id": a.pk}
    assert event.extra["new"] == {"reviewer_id": b.pk}
    assert event.extra["reason"] == "A is on leave."
