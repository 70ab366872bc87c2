"""Cohort selection: each criterion in and out, one item per person, preview, sampling."""

import datetime as dt
import decimal

import pytest

from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed, ValidationFailed
from upright.patterns.campaigns.models import Item, ItemMatter
from upright.patterns.campaigns.services import (
    Criteria,
    campaign_build,
    cohort_preview,
    panel_sample,
)
from upright.patterns.campaigns.tests.factories import (
    AT_2021,
    built,
    campaign_new,
    manager,
    person_new,
    reviewer,
    seeded,
)

pytestmark = pytest.mark.django_db


def _people(campaign) -> set[int]:
    return set(Item.objects.filter(campaign=campaign).values_list("person_id", flat=True))


def test_categories_select_only_matching_allegations():
    inside, outside = person_new(), person_new()
    seeded(subjects=[inside], category="H1")
    seeded(subjects=[outside], category="A1")
    assert _people(built(category_codes=["H1", "J1"])) == {inside.id}


def test_a_person_is_selected_by_their_own_allegation_not_a_co_subject():
    sexual, other = person_new(), person_new()
    from upright.conduct.services.seeding import AllegationSeed, MatterSeed, matters_seed_bulk
    from upright.core.references import reference_new

    matters_seed_bulk(seeds=[MatterSeed(
        reference=reference_new(prefix="M"), kind="conduct_matter", came_to_attention_at=AT_2021,
        summary="Two officers.", route="nfa_at_recording",
        step_times=[AT_2021 + dt.timedelta(days=3)],
        allegations=[AllegationSeed(sexual.id, "discreditable_conduct", "H2"),
                     AllegationSeed(other.id, "duties_responsibilities", "A1")])])
    assert _people(built(category_codes=["H2"])) == {sexual.id}


def test_date_range_is_inclusive_in_london_and_excludes_outside():
    early, inside, last_day, late = person_new(), person_new(), person_new(), person_new()
    seeded(subjects=[early], at=dt.datetime(2019, 12, 31, 23, 30, tzinfo=dt.UTC))
    seeded(subjects=[inside], at=dt.datetime(2020, 6, 30, 23, 30, tzinfo=dt.UTC))  # 1 Jul BST
    seeded(subjects=[last_day], at=dt.datetime(2020, 12, 31, 23, 59, tzinfo=dt.UTC))
    seeded(subjects=[late], at=dt.datetime(2021, 1, 1, 0, 0, 1, tzinfo=dt.UTC))
    campaign = built(attention_from=dt.date(2020, 1, 1), attention_to=dt.date(2020, 12, 31))
    assert _people(campaign) == {inside.id, last_day.id}


def test_outcomes_each_in_and_out():
    people = {route: person_new() for route in (
        "nfa_at_recording", "no_case_to_answer", "handled_otherwise", "meeting")}
    for route, person in people.items():
        seeded(subjects=[person], route=route)
    still_open = person_new()
    seeded(subjects=[still_open], route="no_case_to_answer", complete=False)
    ids = {route: p.id for route, p in people.items()}
    assert _people(built(outcomes=["nfa"])) == {ids["nfa_at_recording"]}
    assert _people(built(outcomes=["no_case_to_answer"])) == {ids["no_case_to_answer"]}
    assert _people(built(outcomes=["handled_otherwise"])) == {ids["handled_otherwise"]}
    assert _people(built(outcomes=["closed_with_outcome"])) == {
        ids["handled_otherwise"], ids["meeting"]}
    assert _people(built(outcomes=["closed_any"])) == set(ids.values())
    assert _people(built(outcomes=["any"])) == {*ids.values(), still_open.id}
    assert _people(built(outcomes=["nfa", "no_case_to_answer"])) == {
        ids["nfa_at_recording"], ids["no_case_to_answer"]}


def test_employment_status_in_and_out():
    serving, suspended, gone = (person_new(status="serving"), person_new(status="suspended"),
                                person_new(status="left", end_date=dt.date(2024, 1, 1)))
    for person in (serving, suspended, gone):
        seeded(subjects=[person])
    assert _people(built(employment_statuses=["serving"])) == {serving.id}
    assert _people(built(employment_statuses=["serving", "suspended"])) == {
        serving.id, suspended.id}
    assert _people(built(employment_statuses=["left"])) == {gone.id}
    assert _people(built()) == {serving.id, suspended.id, gone.id}


def test_one_item_per_person_with_every_matching_matter_attached():
    three, one = person_new(), person_new()
    refs = {seeded(subjects=[three], category=c) for c in ("H1", "H2", "J1")}
    seeded(subjects=[three], category="A1")  # not matching: not attached
    seeded(subjects=[one], category="H1")
    campaign = built(category_codes=["H1", "H2", "J1"])
    item = Item.objects.get(campaign=campaign, person_id=three.id)
    assert item.matters_count == 3
    assert set(ItemMatter.objects.filter(item=item).values_list("reference", flat=True)) == refs
    assert (campaign.people_count, campaign.matters_count) == (2, 4)
    assert Item.objects.filter(campaign=campaign).count() == 2


def test_matter_with_two_matching_allegations_is_attached_once_with_both_categories():
    person = person_new()
    from upright.conduct.services.seeding import AllegationSeed, MatterSeed, matters_seed_bulk
    from upright.core.references import reference_new

    matters_seed_bulk(seeds=[MatterSeed(
        reference=reference_new(prefix="M"), kind="conduct_matter", came_to_attention_at=AT_2021,
        summary="Two allegations.", route="nfa_at_recording",
        step_times=[AT_2021 + dt.timedelta(days=3)],
        allegations=[AllegationSeed(person.id, "discreditable_conduct", "H1"),
                     AllegationSeed(person.id, "discreditable_conduct", "H2")])])
    campaign = built(category_codes=["H1", "H2"])
    (row,) = ItemMatter.objects.filter(item__campaign=campaign)
    assert row.category_codes == ["H1", "H2"]


def test_compartmented_matters_are_left_out_for_a_builder_outside_the_compartment():
    person = person_new()
    seeded(subjects=[person], compartment="anti-corruption")
    assert _people(built()) == set()


def test_preview_counts_people_and_matters_without_writing():
    a, b = person_new(), person_new()
    seeded(subjects=[a], category="H1")
    seeded(subjects=[a], category="H2")
    seeded(subjects=[a, b], category="H3")
    counts = cohort_preview(actor=manager(), criteria=Criteria(category_codes=["H1", "H2", "H3"],
                                                               outcomes=["closed_any"]))
    assert counts == {"people": 2, "matters": 3, "allegations": 4}
    assert Item.objects.count() == 0


def test_preview_and_build_need_the_manage_permission():
    with pytest.raises(ActionForbidden):
        cohort_preview(actor=reviewer(), criteria=Criteria())
    campaign = campaign_new()
    with pytest.raises(ActionForbidden):
        campaign_build(actor=reviewer(), campaign_id=campaign.pk)


@pytest.mark.parametrize(("criteria", "field"), [
    ({"category_codes": ["ZZ9"]}, "category_codes"),
    ({"outcomes": []}, "outcomes"),
    ({"outcomes": ["maybe"]}, "outcomes"),
    ({"employment_statuses": ["retired"]}, "employment_statuses"),
    ({"attention_from": dt.date(2022, 1, 2), "attention_to": dt.date(2022, 1, 1)}, "attention_to"),
    ({"attention_to": dt.date(2999, 1, 1)}, "attention_to"),
])
def test_bad_criteria_are_refused_by_field_and_nothing_is_saved(criteria, field):
    from upright.patterns.campaigns.models import Campaign

    with pytest.raises(ValidationFailed) as caught:
        campaign_new(**criteria)
    assert field in caught.value.extra["fields"]
    assert Campaign.objects.count() == 0


def test_bad_panel_rate_is_refused():
    with pytest.raises(ValidationFailed) as caught:
        campaign_new(panel_rate="1.5")
    assert "panel_rate" in caught.value.extra["fields"]


def test_a_cohort_is_built_once_and_audited():
    seeded(subjects=[person_new()])
    actor = manager()
    campaign = built(actor=actor)
    with pytest.raises(TransitionNotAllowed):
        campaign_build(actor=actor, campaign_id=campaign.pk)
    event = AuditEvent.objects.get(action="campaigns.campaign.built")
    assert event.extra["people"] == 1


def test_panel_sample_rate_and_reproducibility():
    ids = list(range(1, 501))
    first = panel_sample(person_ids=ids, rate=decimal.Decimal("0.2"), seed=42)
    assert len(first) == 100
    assert panel_sample(person_ids=list(reversed(ids)), rate=decimal.Decimal("0.2"),
                        seed=42) == first
    assert panel_sample(person_ids=ids, rate=decimal.Decimal("0.2"), seed=43) != first
    assert panel_sample(person_ids=ids, rate=decimal.Decimal("1"), seed=1) == set(ids)
    assert panel_sample(person_ids=ids, rate=decimal.Decimal("0"), seed=1) == set()


def test_built_cohort_stores_the_sample_drawn_from_its_stored_seed():
    people = [person_new() for _ in range(10)]
    for person in people:
        seeded(subjects=[person])
    campaign = built(panel_rate="0.3", panel_seed=99)
    sampled = set(Item.objects.filter(campaign=campaign, sampled=True)
                  .values_list("person_id", flat=True))
    assert sampled == panel_sample(person_ids=[p.id for p in people],
                                   rate=decimal.Decimal("0.3"), seed=99)
    assert len(sampled) == 3
