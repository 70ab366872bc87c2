"""Creating a campaign with its cohort criteria, previewing and building the cohort, and its
authorisation by an appropriate authority."""

import datetime as dt
import decimal
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.access.permissions import perm_require, user_has_perm
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.conduct.selectors import (
    COHORT_OUTCOMES,
    allegation_category_choices,
    cohort_allegations,
    cohort_counts,
)
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed
from upright.patterns.campaigns import audit_events as events
from upright.patterns.campaigns.choices import CampaignStatus
from upright.patterns.campaigns.models import Campaign, Item, ItemMatter
from upright.patterns.campaigns.services.common import campaign_locked, invalid, text_problem
from upright.people.choices import EmploymentStatus

BATCH = 2000


@dataclass(frozen=True)
class Criteria:
    """A cohort: categories ([] = any), the attention dates (inclusive, London), the outcomes
    (conduct COHORT_OUTCOMES codes) and the person's current employment status ([] = any)."""

    category_codes: list[str] = field(default_factory=list)
    attention_from: dt.date | None = None
    attention_to: dt.date | None = None
    outcomes: list[str] = field(default_factory=lambda: ["closed_any"])
    employment_statuses: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, campaign: Campaign) -> "Criteria":
        return cls(list(campaign.category_codes), campaign.attention_from,
                   campaign.attention_to, list(campaign.outcomes),
                   list(campaign.employment_statuses))


def _list_problem(value: Any, allowed: set[str], *, required: bool) -> str | None:
    if not isinstance(value, list | tuple) or any(not isinstance(v, str) for v in value):
        return "Must be a list of codes."
    if required and not value:
        return "Choose at least one."
    unknown = sorted(set(value) - allowed)
    return f"Unknown: {', '.join(unknown)}." if unknown else None


def criteria_validate(criteria: Criteria) -> None:
    """Raise ValidationFailed naming every bad criterion."""
    errors: dict[str, str] = {}
    checks = {
        "category_codes": (criteria.category_codes,
                           {c for c, _ in allegation_category_choices()}, False),
        "outcomes": (criteria.outcomes, set(COHORT_OUTCOMES), True),
        "employment_statuses": (criteria.employment_statuses, set(EmploymentStatus.values), False),
    }
    for name, (value, allowed, required) in checks.items():
        problem = _list_problem(value, allowed, required=required)
        if problem:
            errors[name] = problem
    for name in ("attention_from", "attention_to"):
        value = getattr(criteria, name)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            errors[name] = "Must be a date."
        elif value is not None and value > local_today():
            errors[name] = "Cannot be in the future."
    if (not errors.get("attention_from") and not errors.get("attention_to")
            and criteria.attention_from and criteria.attention_to
            and criteria.attention_from > criteria.attention_to):
        errors["attention_to"] = "Must be on or after the start date."
    invalid(errors, "The cohort criteria are not valid.")


def _midnight(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _selector_kwargs(criteria: Criteria, *, user: Any) -> dict[str, Any]:
    end = criteria.attention_to + dt.timedelta(days=1) if criteria.attention_to else None
    return {"category_codes": list(criteria.category_codes),
            "attention_from": _midnight(criteria.attention_from), "attention_to": _midnight(end),
            "outcomes": list(criteria.outcomes),
            "subject_statuses": list(criteria.employment_statuses),
            # a matter in a compartment the builder may not enter is not theirs to select
            "compartments": set(user.compartment_codes())}


def cohort_preview(*, actor: Any, criteria: Criteria) -> dict[str, int]:
    """Counts of people, matters and allegations the criteria select (nothing is written)."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_MANAGE)
    criteria_validate(criteria)
    return cohort_counts(**_selector_kwargs(criteria, user=actor))


def _rate_seed(panel_rate: Any, panel_seed: Any) -> tuple[decimal.Decimal, int]:
    errors: dict[str, str] = {}
    try:
        rate = decimal.Decimal(str(panel_rate))
        if not rate.is_finite() or not 0 <= rate <= 1:
            raise decimal.InvalidOperation
        rate = rate.quantize(decimal.Decimal("0.001"))
    except (decimal.InvalidOperation, ValueError):
        errors["panel_rate"] = "A share between 0 and 1 (1 = every item)."
        rate = decimal.Decimal(0)
    if panel_seed is None:
        panel_seed = secrets.randbits(48)  # stored, so the sample can be drawn again
    elif not isinstance(panel_seed, int) or isinstance(panel_seed, bool) or not (
            0 <= panel_seed < 2**62):
        errors["panel_seed"] = "A whole number from 0."
    invalid(errors)
    return rate, panel_seed


def campaign_create(*, actor: Any, name: str, purpose: str, criteria: Criteria,
                    panel_rate: Any, panel_seed: int | None = None) -> Campaign:
    """Save a draft campaign with its validated criteria and panel sampling."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_MANAGE)
    errors = {k: p for k, p in (("name", text_problem(name, max_length=200)),
                                ("purpose", text_problem(purpose, max_length=5000))) if p}
    invalid(errors)
    criteria_validate(criteria)
    rate, seed = _rate_seed(panel_rate, panel_seed)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name.strip(), purpose=purpose.strip(), status=CampaignStatus.DRAFT,
            category_codes=sorted(set(criteria.category_codes)),
            attention_from=criteria.attention_from, attention_to=criteria.attention_to,
            outcomes=sorted(set(criteria.outcomes)),
            employment_statuses=sorted(set(criteria.employment_statuses)),
            panel_rate=rate, panel_seed=seed, created_by=actor)
        audit_record(action=events.CAMPAIGN_CREATED, actor=actor, target=campaign, extra={
            "name": campaign.name, "category_codes": campaign.category_codes,
            "attention_from": campaign.attention_from, "attention_to": campaign.attention_to,
            "outcomes": campaign.outcomes, "employment_statuses": campaign.employment_statuses,
            "panel_rate": str(rate), "panel_seed": seed})
    return campaign


def panel_sample(*, person_ids: list[int], rate: decimal.Decimal, seed: int) -> set[int]:
    """The people drawn for the panel: round(rate x n) of them, chosen by a generator seeded
    with the stored seed over the ids in order, so the same cohort gives the same sample."""
    ordered = sorted(person_ids)
    size = int((rate * len(ordered)).quantize(decimal.Decimal(1), decimal.ROUND_HALF_UP))
    return set(random.Random(seed).sample(ordered, size))  # noqa: S311 (reproducible, not secret)


def _grouped(rows: Any) -> dict[int, dict[int, dict[str, Any]]]:
    """person id -> matter id -> the matter's row, with its matching category codes."""
    people: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in rows:
        matters = people[row["subject_id"]]
        matter = matters.get(row["matter_id"])
        if matter is None:
            matter = matters[row["matter_id"]] = {**row, "categories": []}
        if row["category__code"] not in matter["categories"]:
            matter["categories"].append(row["category__code"])
    return people


def campaign_build(*, actor: Any, campaign_id: int) -> Campaign:
    """Build the cohort, set-based: one query for the matching allegations, then one item
    per person (all their matching matters attached) and the item-matter rows in bulk."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_MANAGE)
    with transaction.atomic():
        campaign = campaign_locked(campaign_id=campaign_id)
        if campaign.status != CampaignStatus.DRAFT:
            raise TransitionNotAllowed("This campaign's cohort is already built.",
                                       {"status": campaign.status})
        # Evaluated whole, not with .iterator(): a PostgreSQL server-side cursor plans for the
        # first rows (cursor_tuple_fraction) and the semi-joins then run several times slower.
        people = _grouped(cohort_allegations(
            **_selector_kwargs(Criteria.of(campaign), user=actor)))
        sampled = panel_sample(person_ids=list(people), rate=campaign.panel_rate,
                               seed=campaign.panel_seed)
        items = Item.objects.bulk_create(
            [Item(campaign=campaign, person_id=pid, matters_count=len(matters),
                  sampled=pid in sampled) for pid, matters in sorted(people.items())],
            batch_size=BATCH)
        if items and items[0].pk is None:  # a backend that does not return ids
            ids = dict(Item.objects.filter(campaign=campaign).values_list("person_id", "id"))
            for item in items:
                item.pk = ids[item.person_id]
        ItemMatter.objects.bulk_create([
            ItemMatter(item_id=item.pk, matter_id=mid, reference=m["matter__reference"],
                       status_at_build=m["matter__status"],
                       came_to_attention_at=m["matter__came_to_attention_at"],
                       compartment=m["matter__compartment"],
                       investigator_id=m["matter__investigator_id"],
                       category_codes=m["categories"])
            for item in items for mid, m in people[item.person_id].items()], batch_size=BATCH)
        matters = len({mid for matters_of in people.values() for mid in matters_of})
        now = timezone_now()
        Campaign.objects.filter(pk=campaign.pk).update(
            status=CampaignStatus.BUILT, built_at=now, built_by=actor, people_count=len(items),
            matters_count=matters, updated_at=now)
        campaign.refresh_from_db()
        audit_record(action=events.CAMPAIGN_BUILT, actor=actor, target=campaign, extra={
            "people": len(items), "matters": matters, "sampled_for_panel": len(sampled)})
    return campaign


def campaign_authorise(*, actor: Any, campaign_id: int) -> Campaign:
    """An appropriate authority (Perm.ASSESS) takes responsibility for the campaign's
    outcomes: reopening and recording matters, vetting review requests. Effects waiting for
    an authority run once this commits."""
    perm_require(user=actor, perm=Perm.CAMPAIGNS_VIEW)
    if not (user_has_perm(user=actor, perm=Perm.ASSESS)
            and user_has_perm(user=actor, perm=Perm.RECORD_MATTER)
            and user_has_perm(user=actor, perm=Perm.VETTING_REQUEST_REVIEW)):
        raise ActionForbidden("Only an appropriate authority may authorise a campaign's "
                              "outcomes (conduct.assess, conduct.record_matter, "
                              "vetting.request_review).")
    from upright.patterns.campaigns.services.effects import campaign_effects_run

    with transaction.atomic():
        campaign = campaign_locked(campaign_id=campaign_id)
        previous = campaign.authority_id
        now = timezone_now()
        campaign.authority, campaign.authorised_at = actor, now
        campaign.save(update_fields=["authority", "authorised_at", "updated_at"])
        audit_record(action=events.CAMPAIGN_AUTHORISED, actor=actor, target=campaign,
                     extra={"old": {"authority_id": previous}, "new": {"authority_id": actor.pk}})
        transaction.on_commit(lambda: campaign_effects_run(campaign_id=campaign.pk), robust=True)
    return campaign
