"""The campaigns app's write interface."""

from upright.patterns.campaigns.services.assignment import (
    AssignmentResult,
    campaign_assign,
    conflicted_item_ids,
    item_reassign,
)
from upright.patterns.campaigns.services.campaigns import (
    Criteria,
    campaign_authorise,
    campaign_build,
    campaign_create,
    cohort_preview,
    criteria_validate,
    panel_sample,
)
from upright.patterns.campaigns.services.effects import (
    campaign_effects_retry,
    campaign_effects_run,
    item_effects_run,
)
from upright.patterns.campaigns.services.reads import item_view_record
from upright.patterns.campaigns.services.reviews import (
    ReviewInput,
    panel_claim,
    panel_submit,
    review_submit,
)

__all__ = [
    "AssignmentResult", "Criteria", "ReviewInput", "campaign_assign", "campaign_authorise",
    "campaign_build", "campaign_create", "campaign_effects_retry", "campaign_effects_run",
    "cohort_preview", "conflicted_item_ids", "criteria_validate", "item_effects_run",
    "item_reassign", "item_view_record", "panel_claim", "panel_sample", "panel_submit",
    "review_submit",
]
