"""Audit actions of review campaigns (registered by CampaignsConfig.ready)."""

from upright.audit.registry import action_register

CAMPAIGN_CREATED = action_register(
    "campaigns.campaign.created", "A review campaign was created with its cohort criteria")
CAMPAIGN_BUILT = action_register(
    "campaigns.campaign.built", "A review campaign's cohort was built (one item per person)")
CAMPAIGN_AUTHORISED = action_register(
    "campaigns.campaign.authorised", "An appropriate authority authorised a campaign's outcomes")
ITEMS_ASSIGNED = action_register(
    "campaigns.items.assigned", "Review items were assigned to reviewers")
ITEM_REASSIGNED = action_register(
    "campaigns.item.reassigned", "A review item was reassigned to another reviewer")
ITEM_VIEWED = action_register(
    "campaigns.item.viewed", "A review item (a person's matters) was read")
REVIEW_SUBMITTED = action_register(
    "campaigns.review.submitted", "A first review of an item was recorded")
PANEL_CLAIMED = action_register(
    "campaigns.panel.claimed", "A panel reviewer took an item for the second review")
PANEL_SUBMITTED = action_register(
    "campaigns.panel.submitted", "An independent panel review was recorded")
ITEM_COMPLETED = action_register(
    "campaigns.item.completed", "A review item's final outcome was settled")
EFFECT_DONE = action_register(
    "campaigns.effect.done", "A review outcome acted in another app")
EFFECT_FAILED = action_register(
    "campaigns.effect.failed", "A review outcome could not act in another app")
