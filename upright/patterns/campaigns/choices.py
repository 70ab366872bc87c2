"""Enumerations of review campaigns (uk-process.md §8.3)."""

from django.db import models


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft: criteria saved, cohort not built"
    BUILT = "built", "Cohort built: items under review"


class ItemState(models.TextChoices):
    UNASSIGNED = "unassigned", "Unassigned"
    ASSIGNED = "assigned", "Assigned"  # with a reviewer, first review not yet recorded
    REVIEWED = "reviewed", "Reviewed: awaiting the panel"  # sampled, no panel reviewer yet
    SECOND_REVIEW_PENDING = "second_review_pending", "Second review pending"  # panel has it
    COMPLETE = "complete", "Complete"  # final outcome settled; effects recorded


class Outcome(models.TextChoices):
    NO_CHANGE = "no_change", "No change"
    REOPEN = "reopen", "Reopen (new assessment)"
    REVET = "revet", "Re-vet"
    RISK_MANAGEMENT = "risk_management", "Risk management"
    REFER_IOPC = "refer_iopc", "Refer to the IOPC"


# The shape the Met published (uk-process.md §8.3): no formal action / new assessment /
# risk management (re-vetting counted with it), and IOPC referrals beside them.
PUBLISHED_BUCKETS: dict[str, tuple[str, ...]] = {
    "no_formal_action": (Outcome.NO_CHANGE,),
    "new_assessment": (Outcome.REOPEN,),
    "risk_management": (Outcome.RISK_MANAGEMENT, Outcome.REVET),
    "iopc_referral": (Outcome.REFER_IOPC,),
}


class VictimContact(models.TextChoices):
    MADE = "made", "Contact made"
    ATTEMPTED = "attempted", "Contact attempted"
    NOT_APPROPRIATE = "not_appropriate", "Not appropriate"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class ReviewKind(models.TextChoices):
    FIRST = "first", "First review"
    PANEL = "panel", "Independent panel review"


class EffectKind(models.TextChoices):
    REOPEN_MATTER = "reopen_matter", "Matter reopened (conduct)"
    NEW_ASSESSMENT = "new_assessment", "New linked matter recorded for assessment (conduct)"
    VETTING_REVIEW = "vetting_review", "Vetting review requested (vetting)"
    RISK_PLAN = "risk_plan", "Risk management plan recorded"
    IOPC_REFERRAL_CHECK = "iopc_referral_check", "Referral check recorded on the matter (conduct)"
    IOPC_REFERRAL_RECORD = "iopc_referral_record", "IOPC referral recorded for sending"


class EffectStatus(models.TextChoices):
    PENDING = "pending", "Pending"  # waits for the campaign's authority, or for the commit
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class WeightBy(models.TextChoices):
    MATTERS = "matters", "Number of matters per item"
    ITEMS = "items", "One per item"
