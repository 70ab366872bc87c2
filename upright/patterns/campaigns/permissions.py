"""Who may see and act on a review item (conventions §6; DESIGN.md "Need to know").

An item is a person's matters, so on top of the role: nobody in conflict with the person (the
person themselves and anyone above them in the line-management chain) sees it, nor anyone
outside a compartment one of its matters sits in. Within that, an item is seen by campaign
managers, by its own reviewer and panel reviewer, by panel members while it awaits a panel
reviewer (to take it), and by the campaign's appropriate authority. Aggregates (progress,
totals) need only CAMPAIGNS_VIEW.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from upright.access.permissions import perm_require, user_has_perm
from upright.access.roles import Perm
from upright.patterns.campaigns.choices import ItemState
from upright.patterns.campaigns.models import Item, ItemMatter
from upright.people.selectors import person_ids_in_chain_of, user_in_conflict_with


def _compartments(user: Any) -> set[str]:
    return set(user.compartment_codes()) if getattr(user, "is_authenticated", False) else set()


def user_in_conflict_with_item(*, user: Any, item: Item) -> bool:
    """The user is the person or above them in the chain, investigated one of the matters,
    or may not enter a compartment one of the matters sits in."""
    if user_in_conflict_with(user=user, person_id=item.person_id):
        return True
    rows = list(ItemMatter.objects.filter(item=item).values_list("compartment", "investigator_id"))
    if any(inv == user.pk for _, inv in rows):
        return True
    return not {c for c, _ in rows if c} <= _compartments(user)


class ItemPolicy:
    """The permission policy for Item. Every read and list of items goes through it."""

    def user_can_see(self, *, user: Any, instance: Item) -> bool:
        if not user_has_perm(user=user, perm=Perm.CAMPAIGNS_VIEW):
            return False
        if user_in_conflict_with_item(user=user, item=instance):
            return False
        return (user_has_perm(user=user, perm=Perm.CAMPAIGNS_MANAGE)
                or user.pk in (instance.reviewer_id, instance.panel_reviewer_id)
                or (user_has_perm(user=user, perm=Perm.CAMPAIGNS_PANEL)
                    and instance.state == ItemState.REVIEWED and instance.reviewer_id != user.pk)
                or instance.campaign.authority_id == user.pk)

    def user_has_permission_for_instance(self, *, user: Any, action: str, instance: Item) -> bool:
        return self.user_can_see(user=user, instance=instance) and user_has_perm(
            user=user, perm=action)

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[Item]) -> QuerySet[Item]:
        """The same rules as one queryset filter."""
        if not user_has_perm(user=user, perm=Perm.CAMPAIGNS_VIEW):
            return queryset.none()
        if not user_has_perm(user=user, perm=Perm.CAMPAIGNS_MANAGE):
            mine = Q(reviewer=user) | Q(panel_reviewer=user) | Q(campaign__authority=user)
            if user_has_perm(user=user, perm=Perm.CAMPAIGNS_PANEL):
                mine |= Q(state=ItemState.REVIEWED) & ~Q(reviewer=user)
            queryset = queryset.filter(mine)
        person_id = getattr(user, "person_id", None)
        if person_id is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=person_id))
        hidden = ItemMatter.objects.filter(item_id=OuterRef("pk")).filter(
            Q(investigator_id=user.pk)
            | (~Q(compartment="") & ~Q(compartment__in=sorted(_compartments(user)))))
        return queryset.exclude(Exists(hidden))


item_policy = ItemPolicy()


def campaign_perm_require(*, user: Any, perm: str) -> None:
    perm_require(user=user, perm=perm)
