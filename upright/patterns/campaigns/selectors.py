"""Reading campaigns, items and progress. Items go through ItemPolicy; aggregates need only
CAMPAIGNS_VIEW (they name no person)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.core.exceptions import NotFound
from upright.patterns.campaigns.choices import (
    PUBLISHED_BUCKETS,
    EffectStatus,
    ItemState,
    ReviewKind,
)
from upright.patterns.campaigns.models import Campaign, Effect, Item, Review
from upright.patterns.campaigns.permissions import item_policy


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    perm_require(user=user, perm=Perm.CAMPAIGNS_VIEW)
    return Campaign.objects.select_related("created_by", "authority").order_by("-created_at",
                                                                               "-id")


def campaign_get(*, user: Any, campaign_id: int) -> Campaign:
    perm_require(user=user, perm=Perm.CAMPAIGNS_VIEW)
    campaign = Campaign.objects.select_related("authority").filter(id=campaign_id).first()
    if campaign is None:
        raise NotFound("No such campaign.")
    return campaign


def items_visible_to(*, user: Any, campaign_id: int | None = None,
                     state: str | None = None) -> QuerySet[Item]:
    queryset = Item.objects.select_related("person", "reviewer", "panel_reviewer", "campaign")
    if campaign_id is not None:
        queryset = queryset.filter(campaign_id=campaign_id)
    if state:
        queryset = queryset.filter(state=state)
    return item_policy.instances_user_can_see(user=user, queryset=queryset).order_by("id")


def items_assigned_to(*, user: Any) -> QuerySet[Item]:
    """The user's first reviews still to do, oldest assignment first."""
    return items_visible_to(user=user).filter(reviewer=user, state=ItemState.ASSIGNED).order_by(
        "assigned_at", "id")


def panel_queue(*, user: Any) -> QuerySet[Item]:
    """Items awaiting a panel reviewer that the user may take, and those the user holds."""
    perm_require(user=user, perm=Perm.CAMPAIGNS_PANEL)
    return items_visible_to(user=user).filter(
        Q(state=ItemState.REVIEWED) | Q(state=ItemState.SECOND_REVIEW_PENDING, panel_reviewer=user)
    ).order_by("state", "id")


def item_get(*, user: Any, item_id: int) -> Item:
    """The item if the user may see it; NotFound otherwise (its existence is not disclosed)."""
    item = (Item.objects.select_related("person", "reviewer", "panel_reviewer", "campaign")
            .filter(id=item_id).first())
    if item is None or not item_policy.user_can_see(user=user, instance=item):
        raise NotFound("No such review item.")
    return item


@dataclass(frozen=True)
class ItemDetail:
    item: Item
    matters: list[Any]
    reviews: dict[str, Review]
    effects: list[Effect]


def item_detail(*, item: Item, user: Any) -> ItemDetail:
    """The item's matters, reviews and effects. The first reviewer does not see whether the
    item was sampled or the panel's review until it is complete (independence)."""
    reviews = {r.kind: r for r in Review.objects.filter(item=item).select_related(
        "reviewer", "risk_owner")}
    if item.state != ItemState.COMPLETE and user.pk == item.reviewer_id:
        reviews.pop(ReviewKind.PANEL, None)
    return ItemDetail(item, list(item.matters.order_by("came_to_attention_at", "id")), reviews,
                      list(Effect.objects.filter(item=item).order_by("id")))


@dataclass
class Dashboard:
    campaign: Campaign
    by_state: dict[str, int]
    reviewers: list[dict[str, Any]]
    panel: dict[str, Any]
    totals: dict[str, dict[str, int]]
    effects: dict[str, int]
    disagreements: list[dict[str, Any]] = field(default_factory=list)


def _workloads(items: QuerySet[Item]) -> list[dict[str, Any]]:
    rows = (items.exclude(reviewer=None).values("reviewer_id", "reviewer__username")
            .annotate(n_items=Count("id"), n_matters=Sum("matters_count"),
                      open=Count("id", filter=Q(state=ItemState.ASSIGNED)),
                      open_matters=Sum("matters_count", filter=Q(state=ItemState.ASSIGNED)))
            .order_by("reviewer__username"))
    panel = dict(items.exclude(panel_reviewer=None).values("panel_reviewer_id")
                 .annotate(n=Count("id")).values_list("panel_reviewer_id", "n"))
    return [{"reviewer_id": r["reviewer_id"], "username": r["reviewer__username"],
             "items": r["n_items"], "matters": r["n_matters"] or 0, "open_items": r["open"],
             "open_matters": r["open_matters"] or 0,
             "panel_reviews": panel.get(r["reviewer_id"], 0)} for r in rows]


def campaign_dashboard(*, user: Any, campaign_id: int) -> Dashboard:
    """Progress: items by state, workloads, the panel's disagreement rate, and the totals
    in the shape the Met published, people and matters counted separately."""
    campaign = campaign_get(user=user, campaign_id=campaign_id)
    items = Item.objects.filter(campaign=campaign)
    counts = dict(items.values("state").annotate(n=Count("id")).values_list("state", "n"))
    by_state = {state: counts.get(state, 0) for state in ItemState.values}
    done = dict((o, (n, m or 0)) for o, n, m in items.filter(state=ItemState.COMPLETE)
                .values("final_outcome").annotate(n=Count("id"), m=Sum("matters_count"))
                .values_list("final_outcome", "n", "m"))
    totals = {bucket: {"people": sum(done.get(o, (0, 0))[0] for o in outcomes),
                       "matters": sum(done.get(o, (0, 0))[1] for o in outcomes)}
              for bucket, outcomes in PUBLISHED_BUCKETS.items()}
    totals["revet"] = {"people": done.get("revet", (0, 0))[0],
                       "matters": done.get("revet", (0, 0))[1]}
    panel_done = items.exclude(disagreement=None)
    reviewed = panel_done.count()
    disagreed = panel_done.filter(disagreement=True).count()
    panel = {"sampled": items.filter(sampled=True).count(), "reviewed": reviewed,
             "disagreements": disagreed,
             "disagreement_rate": round(disagreed / reviewed, 4) if reviewed else None,
             "rule": "The independent panel's outcome prevails; the first is kept on record."}
    effect_counts = dict(Effect.objects.filter(item__campaign=campaign).values("status")
                         .annotate(n=Count("id")).values_list("status", "n"))
    disagreements = []
    for item_id, kind, outcome in (Review.objects.filter(item__campaign=campaign,
                                                         item__disagreement=True)
                                   .order_by("item_id", "kind")
                                   .values_list("item_id", "kind", "outcome")):
        if kind == ReviewKind.FIRST:
            disagreements.append({"item_id": item_id, "first_outcome": outcome})
        elif disagreements and disagreements[-1]["item_id"] == item_id:
            disagreements[-1]["panel_outcome"] = outcome
    return Dashboard(campaign, by_state, _workloads(items), panel, totals,
                     {s: effect_counts.get(s, 0) for s in EffectStatus.values}, disagreements)
