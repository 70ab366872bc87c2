"""Campaign test data. Matters with realistic closed histories are inserted with conduct's
bulk seeding (every step a transition the state table allows), so each outcome filter has
something real to find; campaigns and reviews go through the services."""

import datetime as dt
from typing import Any

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.conduct.services.seeding import ROUTE_LENGTHS, AllegationSeed, MatterSeed, matters_seed_bulk
from upright.conduct.tests.factories import person_new
from upright.core.references import reference_new
from upright.patterns.campaigns.services import Criteria, ReviewInput, campaign_build, campaign_create

AT_2021 = dt.datetime(2021, 3, 1, 10, tzinfo=dt.UTC)


def seeded(*, subjects: list[Any], category: str = "H1", route: str = "nfa_at_recording",
           at: dt.datetime = AT_2021, compartment: str = "", complete: bool = True) -> str:
    """One matter with an allegation per subject, taken along `route` (all of it, or only
    its first step when not `complete`); returns its reference."""
    steps = ROUTE_LENGTHS[route] if complete else 1
    seed = MatterSeed(
        reference=reference_new(prefix="M"), kind="conduct_matter", came_to_attention_at=at,
        summary="Test matter.", route=route,
        step_times=[at + dt.timedelta(days=10 * (i + 1)) for i in range(steps)],
        allegations=[AllegationSeed(subject_id=s.id, standard="discreditable_conduct",
                                    category_code=category) for s in subjects],
        compartment=compartment)
    matters_seed_bulk(seeds=[seed])
    return seed.reference


def status_of(reference: str) -> str:
    """The matter's current status, read as an appropriate authority would."""
    from upright.conduct.selectors import matter_search_visible_to

    matter = matter_search_visible_to(user=authority(), reference=reference)
    assert matter is not None
    return str(matter.status)


def manager() -> Any:
    return UserFactory(role=Role.ANALYST)


def reviewer(**kwargs: Any) -> Any:
    return UserFactory(role=Role.REVIEWER, **kwargs)


def authority() -> Any:
    return UserFactory(role=Role.APPROPRIATE_AUTHORITY)


def campaign_new(*, actor: Any = None, panel_rate: Any = "0", panel_seed: int = 7,
                 **criteria: Any) -> Any:
    criteria.setdefault("outcomes", ["closed_any"])
    return campaign_create(actor=actor or manager(), name="Met-style review",
                           purpose="Re-review closed allegations.", criteria=Criteria(**criteria),
                           panel_rate=panel_rate, panel_seed=panel_seed)


def built(**kwargs: Any) -> Any:
    actor = kwargs.pop("actor", None) or manager()
    campaign = campaign_new(actor=actor, **kwargs)
    return campaign_build(actor=actor, campaign_id=campaign.pk)


def review_data(**overrides: Any) -> ReviewInput:
    values: dict[str, Any] = {
        "missed_lines": False, "victim_contact": "made", "risk_level": "low",
        "risk_rationale": "No further concerns on the file.", "outcome": "no_change"}
    values.update(overrides)
    return ReviewInput(**values)


__all__ = ["person_new"]
