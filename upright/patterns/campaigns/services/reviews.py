"""Recording the structured first review, the panel taking an item, and the panel's review.

Disagreement rule: the independent panel's outcome prevails. The panel is the second,
independent check the campaign exists to provide; an item it disagrees with is settled on the
panel's outcome at once (no third round that could leave a person unreviewed), the first
outcome stays on the record, and every disagreement is counted and listed on the dashboard.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import ActionForbidden, NotFound, TransitionNotAllowed
from upright.patterns.campaigns import audit_events as events
from upright.patterns.campaigns.choices import (
    ItemState,
    Outcome,
    ReviewKind,
    RiskLevel,
    VictimContact,
)
from upright.patterns.campaigns.models import Item, ItemMatter, Review
from upright.patterns.campaigns.permissions import item_policy, user_in_conflict_with_item
from upright.patterns.campaigns.services.common import invalid, item_locked, text_problem
from upright.patterns.campaigns.services.effects import item_complete
from upright.people.selectors import user_in_conflict_with

RISK_REVIEW_MAX_DAYS = 366  # a plan reviewed at least yearly [U]: a policy choice, not law


@dataclass(frozen=True)
class ReviewInput:
    """The review form. The panel fills `agrees` (and, when it disagrees, its reason and its
    own outcome); the first reviewer fills everything but those two."""

    outcome: str = ""
    outcome_reason: str = ""
    missed_lines: bool | None = None
    missed_lines_detail: str = ""
    victim_contact: str = ""
    victim_contact_detail: str = ""
    risk_level: str = ""
    risk_rationale: str = ""
    reopen_matter_ids: list[int] = field(default_factory=list)
    risk_owner_id: int | None = None
    risk_review_on: dt.date | None = None
    risk_measures: str = ""
    agrees: bool | None = None
    disagreement_reason: str = ""


def _structured_errors(data: ReviewInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(data.missed_lines, bool):
        errors["missed_lines"] = "Say whether lines of inquiry were missed."
    elif data.missed_lines and (p := text_problem(data.missed_lines_detail)):
        errors["missed_lines_detail"] = "Say which lines of inquiry were missed." if (
            p == "This is required.") else p
    if data.victim_contact not in VictimContact.values:
        errors["victim_contact"] = f"Must be one of: {', '.join(VictimContact.values)}."
    elif p := text_problem(data.victim_contact_detail,
                           required=data.victim_contact != VictimContact.MADE):
        errors["victim_contact_detail"] = (
            "Say what was tried, or why contact is not appropriate." if p == "This is required."
            else p)
    if data.risk_level not in RiskLevel.values:
        errors["risk_level"] = f"Must be one of: {', '.join(RiskLevel.values)}."
    if p := text_problem(data.risk_rationale):
        errors["risk_rationale"] = p
    return errors


def _outcome_errors(*, item: Item, data: ReviewInput) -> dict[str, str]:
    """The outcome and what it needs: a reason wherever it matters, the matters to reopen,
    and the risk management plan's owner, review date and measures."""
    errors: dict[str, str] = {}
    if data.outcome not in Outcome.values:
        return {"outcome": f"Choose exactly one of: {', '.join(Outcome.values)}."}
    # "No change" needs a reason when the review found something (missed lines, high risk).
    needs_reason = data.outcome != Outcome.NO_CHANGE or bool(data.missed_lines) or (
        data.risk_level == RiskLevel.HIGH)
    if p := text_problem(data.outcome_reason, required=needs_reason):
        errors["outcome_reason"] = p
    if data.outcome == Outcome.REOPEN:
        mine = set(ItemMatter.objects.filter(item=item).values_list("matter_id", flat=True))
        ids = data.reopen_matter_ids
        if (not isinstance(ids, list) or not ids
                or any(not isinstance(i, int) or isinstance(i, bool) for i in ids)):
            errors["reopen_matter_ids"] = "Choose at least one of the item's matters to reopen."
        elif set(ids) - mine:
            errors["reopen_matter_ids"] = "Only this item's matters can be reopened."
    if data.outcome == Outcome.RISK_MANAGEMENT:
        errors.update(_risk_plan_errors(item=item, data=data))
    return errors


def _risk_plan_errors(*, item: Item, data: ReviewInput) -> dict[str, str]:
    from django.contrib.auth import get_user_model

    errors: dict[str, str] = {}
    owner = (get_user_model().objects.filter(id=data.risk_owner_id, is_active=True).first()
             if isinstance(data.risk_owner_id, int) else None)
    if owner is None:
        errors["risk_owner_id"] = "Name the plan's owner (an active user)."
    elif user_in_conflict_with(user=owner, person_id=item.person_id):
        errors["risk_owner_id"] = "The owner may not be the person or in their line of command."
    today = local_today()
    if not isinstance(data.risk_review_on, dt.date):
        errors["risk_review_on"] = "Give the date the plan is reviewed."
    elif not today < data.risk_review_on <= today + dt.timedelta(days=RISK_REVIEW_MAX_DAYS):
        errors["risk_review_on"] = f"A date after today, within {RISK_REVIEW_MAX_DAYS} days."
    if p := text_problem(data.risk_measures):
        errors["risk_measures"] = p
    return errors


def _visible_locked(*, item_id: int, actor: Any) -> Item:
    item = item_locked(item_id=item_id)
    if not item_policy.user_can_see(user=actor, instance=item):
        raise NotFound("No such review item.")
    return item


def _refuse(item: Item, verb: str) -> TransitionNotAllowed:
    return TransitionNotAllowed(f"You cannot {verb} an item that is "
                                f"'{item.get_state_display()}'.", {"state": item.state})


def _review_create(*, item: Item, kind: str, actor: Any, data: ReviewInput,
                   now: dt.datetime) -> Review:
    plan = data.outcome == Outcome.RISK_MANAGEMENT
    return Review.objects.create(
        item=item, kind=kind, reviewer=actor, missed_lines=data.missed_lines,
        missed_lines_detail=data.missed_lines_detail.strip(), victim_contact=data.victim_contact,
        victim_contact_detail=data.victim_contact_detail.strip(), risk_level=data.risk_level,
        risk_rationale=data.risk_rationale.strip(), outcome=data.outcome,
        outcome_reason=data.outcome_reason.strip(),
        reopen_matter_ids=sorted(set(data.reopen_matter_ids))
        if data.outcome == Outcome.REOPEN else [],
        risk_owner_id=data.risk_owner_id if plan else None,
        risk_review_on=data.risk_review_on if plan else None,
        risk_measures=data.risk_measures.strip() if plan else "",
        agrees=data.agrees, disagreement_reason=data.disagreement_reason.strip(),
        submitted_at=now)


def review_submit(*, actor: Any, item_id: int, data: ReviewInput) -> Item:
    """The assigned reviewer records the structured review and its one outcome. An item not
    sampled for the panel is then complete and its outcome acts; a sampled one waits."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_REVIEW)
    with transaction.atomic():
        item = _visible_locked(item_id=item_id, actor=actor)
        if item.reviewer_id != actor.pk:
            raise ActionForbidden("This item is assigned to another reviewer.")
        if item.state != ItemState.ASSIGNED:
            raise _refuse(item, "review")
        invalid({**_structured_errors(data), **_outcome_errors(item=item, data=data)},
                "The review is not complete.")
        now = timezone_now()
        review = _review_create(item=item, kind=ReviewKind.FIRST, actor=actor,
                                data=ReviewInput(**{**data.__dict__, "agrees": None,
                                                    "disagreement_reason": ""}), now=now)
        audit_record(action=events.REVIEW_SUBMITTED, actor=actor, target=item, extra={
            "campaign_id": item.campaign_id, "outcome": review.outcome,
            "risk_level": review.risk_level, "missed_lines": review.missed_lines})
        if item.sampled:
            item.state = ItemState.REVIEWED
            item.save(update_fields=["state", "updated_at"])
        else:
            item_complete(item=item, review=review, actor=actor, now=now)
    return item


def panel_claim(*, actor: Any, item_id: int) -> Item:
    """A panel member takes an item awaiting the second review. The first reviewer, and
    anyone in conflict, cannot."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_PANEL)
    with transaction.atomic():
        item = _visible_locked(item_id=item_id, actor=actor)
        if item.state != ItemState.REVIEWED:
            raise _refuse(item, "take for the panel")
        if item.reviewer_id == actor.pk or user_in_conflict_with_item(user=actor, item=item):
            raise ActionForbidden("The panel reviewer must be independent of the first review.")
        item.panel_reviewer, item.state = actor, ItemState.SECOND_REVIEW_PENDING
        item.save(update_fields=["panel_reviewer", "state", "updated_at"])
        audit_record(action=events.PANEL_CLAIMED, actor=actor, target=item,
                     extra={"campaign_id": item.campaign_id})
    return item


def panel_submit(*, actor: Any, item_id: int, data: ReviewInput) -> Item:
    """The panel agrees (the first outcome stands) or disagrees, with its reason and its own
    outcome, which prevails (see the module docstring)."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_PANEL)
    with transaction.atomic():
        item = _visible_locked(item_id=item_id, actor=actor)
        if item.panel_reviewer_id != actor.pk or item.reviewer_id == actor.pk:
            raise ActionForbidden("This item's second review is not yours.")
        if item.state != ItemState.SECOND_REVIEW_PENDING:
            raise _refuse(item, "record a panel review of")
        first = Review.objects.get(item=item, kind=ReviewKind.FIRST)
        if not isinstance(data.agrees, bool):
            invalid({"agrees": "Say whether the panel agrees with the first review."})
        if data.agrees:
            data = ReviewInput(**{f: getattr(first, f) for f in (
                "outcome", "outcome_reason", "reopen_matter_ids", "risk_owner_id",
                "risk_review_on", "risk_measures")}, agrees=True,
                disagreement_reason=data.disagreement_reason)
        else:
            errors = _outcome_errors(item=item, data=data)
            if p := text_problem(data.disagreement_reason):
                errors["disagreement_reason"] = p
            if data.outcome == first.outcome:
                errors["outcome"] = ("A disagreement needs a different outcome; to differ "
                                     "only in reasons, agree and say so.")
            invalid(errors, "The panel review is not complete.")
        now = timezone_now()
        review = _review_create(item=item, kind=ReviewKind.PANEL, actor=actor, data=data, now=now)
        item.disagreement = not data.agrees
        audit_record(action=events.PANEL_SUBMITTED, actor=actor, target=item, extra={
            "campaign_id": item.campaign_id, "agrees": data.agrees,
            "first_outcome": first.outcome, "panel_outcome": review.outcome})
        item_complete(item=item, review=review, actor=actor, now=now)
    return item
