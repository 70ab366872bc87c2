"""Settling an item's final outcome and making it act through the right service.

Own records (a risk management plan; an IOPC referral recorded for sending) are written in
the same transaction as the review. Acts in other apps run after that commits, each in its
own transaction, as the campaign's appropriate authority (campaign_authorise), and each is
recorded on the item as done or failed with the reason; a failure never undoes the review.
They wait (pending) while the campaign has no authority.

- reopen: a matter closed with no further action under a live regime is reopened through
  conduct's `matter_reopen` (closed_nfa -> severity assessment due). A matter the state table
  does not let us reopen (closed with an outcome, or under the 2012 regulations, kept as
  read-only history) is not forced open: one new conduct matter is recorded through
  `matter_record` with the person's allegations from all such matters together (assessed
  together, not "looked at separately", Casey), linked to them in its summary.
- re-vet: `vetting_review_request`, source "other", the campaign item as the source ref.
- refer to the IOPC: a matter still awaiting its referral check takes it through conduct's
  `matter_referral_check` (voluntary referral, para 4(2)); for every other matter (closed
  ones: conduct allows the check only while a matter is recorded) the referral is recorded
  here with its reason, for the appropriate authority to send.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.conduct.selectors import matters_state, person_allegations_on
from upright.core.clock import timezone_now
from upright.core.exceptions import ActionForbidden, ApplicationError
from upright.patterns.campaigns import audit_events as events
from upright.patterns.campaigns.choices import EffectKind, EffectStatus, ItemState, Outcome
from upright.patterns.campaigns.models import (
    Campaign,
    Effect,
    IopcReferral,
    Item,
    Review,
    RiskPlan,
)

logger = logging.getLogger(__name__)

_REOPENABLE_STATUS = "closed_nfa"  # conduct's "reopen" action starts only there
_READ_ONLY_REGIME = "2012"
_REFERRAL_CHECK_STATUS = "recorded"


def _item_matter_ids(item: Item) -> list[int]:
    return list(item.matters.order_by("matter_id").values_list("matter_id", flat=True))


def _effects_for(*, item: Item, review: Review, actor: Any) -> list[Effect]:
    outcome, reason = review.outcome, review.outcome_reason
    effects: list[Effect] = []
    if outcome == Outcome.REOPEN:
        states = matters_state(matter_ids=list(review.reopen_matter_ids))
        others = []
        for mid in sorted(states):
            row = states[mid]
            if row["status"] == _REOPENABLE_STATUS and row["regime"] != _READ_ONLY_REGIME:
                effects.append(Effect(kind=EffectKind.REOPEN_MATTER, target_ref=row["reference"],
                                      params={"reference": row["reference"], "reason": reason}))
            else:
                others.append(mid)
        if others:
            effects.append(Effect(kind=EffectKind.NEW_ASSESSMENT, params={
                "matter_ids": others, "references": [states[m]["reference"] for m in others],
                "reason": reason}))
    elif outcome == Outcome.REVET:
        effects.append(Effect(kind=EffectKind.VETTING_REVIEW, params={"reason": reason}))
    elif outcome == Outcome.RISK_MANAGEMENT:
        # the review's validation guarantees the owner and the date for this outcome
        plan = RiskPlan.objects.create(item=item, person_id=item.person_id,
                                       owner_id=review.risk_owner_id,  # type: ignore[misc]
                                       review_on=review.risk_review_on,
                                       measures=review.risk_measures, created_by=actor)
        effects.append(Effect(kind=EffectKind.RISK_PLAN, status=EffectStatus.DONE,
                              target_ref=f"plan {plan.pk}", attempted_at=timezone_now()))
    elif outcome == Outcome.REFER_IOPC:
        states = matters_state(matter_ids=_item_matter_ids(item))
        recorded = [m for m in states.values() if m["status"] == _REFERRAL_CHECK_STATUS]
        for row in recorded:
            effects.append(Effect(kind=EffectKind.IOPC_REFERRAL_CHECK, target_ref=row["reference"],
                                  params={"reference": row["reference"], "reason": reason}))
        rest = sorted(m["reference"] for m in states.values() if m not in recorded)
        if rest:
            referral = IopcReferral.objects.create(item=item, person_id=item.person_id,
                                                   matter_references=rest, reason=reason,
                                                   created_by=actor)
            effects.append(Effect(
                kind=EffectKind.IOPC_REFERRAL_RECORD, status=EffectStatus.DONE,
                target_ref=f"referral {referral.pk}", attempted_at=timezone_now(),
                detail="Recorded for sending: conduct's referral check is open only while a "
                       "matter is recorded, and these matters are past it."))
    for effect in effects:
        effect.item = item
    return Effect.objects.bulk_create(effects)


def item_complete(*, item: Item, review: Review, actor: Any, now: dt.datetime) -> None:
    """Settle `review`'s outcome as the item's final one (inside the caller's transaction)
    and schedule its acts for after the commit."""
    item.state, item.final_outcome, item.completed_at = ItemState.COMPLETE, review.outcome, now
    item.save(update_fields=["state", "final_outcome", "completed_at", "disagreement",
                             "updated_at"])
    effects = _effects_for(item=item, review=review, actor=actor)
    audit_record(action=events.ITEM_COMPLETED, actor=actor, target=item, extra={
        "campaign_id": item.campaign_id, "outcome": review.outcome, "decided_by": review.kind,
        "effects": [e.kind for e in effects]})
    item_id = item.pk
    transaction.on_commit(lambda: item_effects_run(item_id=item_id), robust=True)


# ---- running the acts in other apps ---------------------------------------------------------

def _source_ref(item: Item) -> str:
    return f"campaign {item.campaign_id} item {item.pk}"


def _run_reopen(effect: Effect, item: Item, authority: Any) -> str:
    from upright.conduct.services import matter_reopen

    matter = matter_reopen(reference=effect.params["reference"], actor=authority,
                           rationale=f"Review campaign '{item.campaign.name}' "
                                     f"({_source_ref(item)}): {effect.params['reason']}")
    return str(matter.reference)


def _run_new_assessment(effect: Effect, item: Item, authority: Any) -> str:
    from upright.conduct.services import AllegationInput, matter_record

    seen: dict[tuple[str, str], AllegationInput] = {}
    for row in person_allegations_on(person_id=item.person_id,
                                     matter_ids=effect.params["matter_ids"]):
        key = (row["standard"], row["category__code"])
        seen.setdefault(key, AllegationInput(item.person_id, *key))
    refs = ", ".join(effect.params["references"])
    matter = matter_record(
        actor=authority, kind="conduct_matter", came_to_attention_at=timezone_now(),
        summary=(f"New assessment after retrospective review (campaign '{item.campaign.name}', "
                 f"{_source_ref(item)}) of earlier matters {refs}, which cannot be reopened "
                 f"in place. Reason: {effect.params['reason']}"),
        allegations=list(seen.values()))
    return str(matter.reference)


def _run_vetting_review(effect: Effect, item: Item, authority: Any) -> str:
    from upright.vetting.services import vetting_review_request

    request = vetting_review_request(
        actor=authority, person_id=item.person_id, source_kind="campaign",
        source_ref=_source_ref(item),
        reason=f"Re-vetting decided by retrospective review (campaign '{item.campaign.name}'): "
               f"{effect.params['reason']}")
    return f"vetting request {request.pk}"


def _run_referral_check(effect: Effect, item: Item, authority: Any) -> str:
    from upright.conduct.services import matter_referral_check

    matter = matter_referral_check(
        reference=effect.params["reference"], actor=authority, criteria=["voluntary_gravity"],
        voluntary=True, rationale=f"Referral decided by retrospective review "
                                  f"({_source_ref(item)}): {effect.params['reason']}")
    return str(matter.reference)


_RUNNERS = {
    EffectKind.REOPEN_MATTER: _run_reopen,
    EffectKind.NEW_ASSESSMENT: _run_new_assessment,
    EffectKind.VETTING_REVIEW: _run_vetting_review,
    EffectKind.IOPC_REFERRAL_CHECK: _run_referral_check,
}


def _effect_run(effect: Effect, item: Item, authority: Any, wanted: Sequence[str]) -> None:
    now = timezone_now()
    try:
        with transaction.atomic():
            # Lock and re-check: the same effect may be picked up twice at once (an item
            # completing while its campaign is authorised); the second finds it done.
            if not Effect.objects.select_for_update().filter(pk=effect.pk,
                                                             status__in=wanted).exists():
                return
            target = _RUNNERS[EffectKind(effect.kind)](effect, item, authority)
            Effect.objects.filter(pk=effect.pk).update(
                status=EffectStatus.DONE, target_ref=target[:60], attempted_at=now, detail="",
                updated_at=now)
            audit_record(action=events.EFFECT_DONE, actor=authority, target=item,
                         extra={"effect_id": effect.pk, "kind": effect.kind, "target": target})
    except (ApplicationError, PermissionDenied, Http404) as exc:
        message = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
        with transaction.atomic():
            Effect.objects.filter(pk=effect.pk).update(
                status=EffectStatus.FAILED, attempted_at=now, detail=message[:2000],
                updated_at=now)
            audit_record(action=events.EFFECT_FAILED, actor=authority, target=item,
                         extra={"effect_id": effect.pk, "kind": effect.kind, "error": message})


def item_effects_run(*, item_id: int, retry_failed: bool = False) -> int:
    """Run the item's pending effects (and failed ones, if asked) as the campaign's authority.
    Nothing runs while there is none. Returns how many ran."""
    item = Item.objects.select_related("campaign__authority").filter(id=item_id).first()
    if item is None or item.campaign.authority is None:
        return 0
    wanted = [EffectStatus.PENDING, *([EffectStatus.FAILED] if retry_failed else [])]
    effects = list(Effect.objects.filter(item=item, status__in=wanted).order_by("id"))
    for effect in effects:
        _effect_run(effect, item, item.campaign.authority, wanted)
    return len(effects)


def campaign_effects_run(*, campaign_id: int, retry_failed: bool = False) -> int:
    """Run every waiting effect of the campaign's complete items."""
    wanted = [EffectStatus.PENDING, *([EffectStatus.FAILED] if retry_failed else [])]
    item_ids = (Effect.objects.filter(item__campaign_id=campaign_id, status__in=wanted)
                .values_list("item_id", flat=True).distinct())
    return sum(item_effects_run(item_id=i, retry_failed=retry_failed) for i in sorted(item_ids))


def campaign_effects_retry(*, actor: Any, campaign_id: int) -> int:
    """A campaign manager or its authority runs failed and pending effects again."""
    campaign = Campaign.objects.filter(id=campaign_id).first()
    if campaign is None or not (user_has_perm(user=actor, perm=Perm.CAMPAIGNS_MANAGE)
                                or campaign.authority_id == getattr(actor, "pk", None)):
        raise ActionForbidden("Only a campaign manager or its authority may retry effects.")
    return campaign_effects_run(campaign_id=campaign_id, retry_failed=True)
