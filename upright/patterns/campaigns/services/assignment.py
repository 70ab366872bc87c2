"""Assigning items to reviewers with balanced workloads, and reassigning one item.

Balance: items are taken heaviest first (weight: its number of matters, or 1 per item), each
to the eligible reviewer with the least open work in the campaign (ties: lowest user id), the
greedy "longest job first" rule, which is deterministic and keeps the largest load within one
item of the best split. Eligible: not the person nor above them in the chain, not an
investigator of one of the matters, and inside every compartment the matters sit in.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed
from upright.patterns.campaigns import audit_events as events
from upright.patterns.campaigns.choices import CampaignStatus, ItemState, WeightBy
from upright.patterns.campaigns.models import Campaign, Item, ItemMatter
from upright.patterns.campaigns.permissions import user_in_conflict_with_item
from upright.patterns.campaigns.services.common import (
    campaign_locked,
    invalid,
    item_locked,
    text_problem,
    users_with_perm,
)
from upright.people.selectors import person_ids_in_chain_of


@dataclass(frozen=True)
class AssignmentResult:
    assigned: dict[int, int]  # reviewer id -> items given in this run
    unassignable: list[int]  # item ids no chosen reviewer may take


def conflicted_item_ids(*, campaign: Campaign, user: Any) -> set[int]:
    """Ids of the campaign's items `user` may not review, in three queries."""
    items = Item.objects.filter(campaign=campaign)
    out: set[int] = set()
    if getattr(user, "person_id", None) is not None:
        out |= set(items.filter(person_id__in=person_ids_in_chain_of(person_id=user.person_id))
                   .values_list("id", flat=True))
    matters = ItemMatter.objects.filter(item__campaign=campaign)
    out |= set(matters.filter(
        Q(investigator_id=user.pk)
        | (~Q(compartment="") & ~Q(compartment__in=sorted(user.compartment_codes()))))
        .values_list("item_id", flat=True))
    return out


def _weight(item: Item, weight_by: str) -> int:
    return item.matters_count if weight_by == WeightBy.MATTERS else 1


def campaign_assign(*, actor: Any, campaign_id: int, reviewer_ids: list[int],
                    weight_by: str = WeightBy.MATTERS) -> AssignmentResult:
    """Give every unassigned item to one of `reviewer_ids` (users holding CAMPAIGNS_REVIEW)."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_MANAGE)
    if weight_by not in WeightBy.values:
        invalid({"weight_by": f"Must be one of: {', '.join(WeightBy.values)}."})
    reviewers = users_with_perm(user_ids=reviewer_ids, perm=Perm.CAMPAIGNS_REVIEW,
                                field="reviewer_ids")
    with transaction.atomic():
        campaign = campaign_locked(campaign_id=campaign_id)
        if campaign.status != CampaignStatus.BUILT:
            raise TransitionNotAllowed("Build the cohort before assigning reviewers.",
                                       {"status": campaign.status})
        todo = list(Item.objects.select_for_update().filter(
            campaign=campaign, state=ItemState.UNASSIGNED).order_by("id"))
        load = {r.pk: 0 for r in reviewers}
        for reviewer_id, matters in (Item.objects.filter(
                campaign=campaign, state=ItemState.ASSIGNED, reviewer_id__in=load)
                .values_list("reviewer_id", "matters_count")):
            load[reviewer_id] += matters if weight_by == WeightBy.MATTERS else 1
        blocked = {r.pk: conflicted_item_ids(campaign=campaign, user=r) for r in reviewers}
        given: dict[int, list[int]] = defaultdict(list)
        unassignable: list[int] = []
        for item in sorted(todo, key=lambda i: (-_weight(i, weight_by), i.person_id, i.pk)):
            eligible = [rid for rid in load if item.pk not in blocked[rid]]
            if not eligible:
                unassignable.append(item.pk)
                continue
            chosen = min(eligible, key=lambda rid: (load[rid], rid))
            load[chosen] += _weight(item, weight_by)
            given[chosen].append(item.pk)
        now = timezone_now()
        for reviewer_id, ids in given.items():
            Item.objects.filter(id__in=ids).update(reviewer_id=reviewer_id,
                                                   state=ItemState.ASSIGNED, assigned_at=now,
                                                   updated_at=now)
        audit_record(action=events.ITEMS_ASSIGNED, actor=actor, target=campaign, extra={
            "weight_by": weight_by, "items": {str(r): sorted(ids) for r, ids in given.items()},
            "unassignable": unassignable})
    return AssignmentResult({r: len(ids) for r, ids in given.items()}, unassignable)


def item_reassign(*, actor: Any, item_id: int, reviewer_id: int, reason: str) -> Item:
    """Move an item to another reviewer: the first reviewer before the review is recorded,
    or the panel reviewer while the second review is pending. Audited with the reason."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_MANAGE)
    problem = text_problem(reason, max_length=2000)
    if problem:
        invalid({"reason": problem})
    with transaction.atomic():
        item = item_locked(item_id=item_id)
        panel = item.state == ItemState.SECOND_REVIEW_PENDING
        if item.state not in (ItemState.UNASSIGNED, ItemState.ASSIGNED) and not panel:
            raise TransitionNotAllowed(
                f"An item that is '{item.get_state_display()}' cannot be reassigned.",
                {"state": item.state})
        perm = Perm.CAMPAIGNS_PANEL if panel else Perm.CAMPAIGNS_REVIEW
        (user,) = users_with_perm(user_ids=[reviewer_id], perm=perm, field="reviewer_id")
        if user_in_conflict_with_item(user=user, item=item) or (panel and user.pk == item.reviewer_id):
            raise ActionForbidden("That reviewer is in conflict with this item (or did its "
                                  "first review).")
        field = "panel_reviewer" if panel else "reviewer"
        old = getattr(item, f"{field}_id")
        setattr(item, field, user)
        changed = [field, "updated_at"]
        if not panel:
            item.state, item.assigned_at = ItemState.ASSIGNED, timezone_now()
            changed += ["state", "assigned_at"]
        item.save(update_fields=changed)
        audit_record(action=events.ITEM_REASSIGNED, actor=actor, target=item, extra={
            "role": "panel" if panel else "first", "old": {"reviewer_id": old},
            "new": {"reviewer_id": user.pk}, "reason": reason})
    return item
