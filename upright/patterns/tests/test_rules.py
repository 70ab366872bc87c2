"""Each rule kind, evaluated as its set-based query: positive and negative cases at the
window edges, and outcome independence (NFA and no case to answer count like any other)."""

import datetime as dt

import pytest

from upright.patterns.rules.definitions import parameters_validate
from upright.patterns.rules.evaluate import complainants_unconnected, rule_evaluate
from upright.patterns.tests.helpers import (
    MONTH,
    NOW,
    YEAR,
    complainant_add,
    complaint_seed,
    hit_add,
    matter_seed,
    person_new,
)

pytestmark = pytest.mark.django_db

SEXUAL = {"min_count": 2, "window_years": 10, "category_codes": ["H1", "H2", "H3", "J1", "V1"]}
COMPLAINTS = {"min_count": 3, "window_months": 12}


def _matters(found, person):
    return found[person.pk].matters if person.pk in found else set()


def test_category_window_counts_matters_exactly_at_the_edge_not_one_second_past():
    inside, outside = person_new(), person_new()
    a = matter_seed(inside, NOW - 10 * YEAR, category="H1")
    b = matter_seed(inside, NOW, category="V1")
    matter_seed(outside, NOW - 10 * YEAR - dt.timedelta(seconds=5), category="H1")
    matter_seed(outside, NOW, category="J1")

    found = rule_evaluate(kind="category_count_window", parameters=SEXUAL)

    assert _matters(found, inside) == {a, b}
    assert outside.pk not in found


def test_category_window_counts_whatever_the_outcome():
    person = person_new()
    refs = {matter_seed(person, NOW - 3 * YEAR, category="H2", route="nfa_at_recording"),
            matter_seed(person, NOW - 2 * YEAR, category="J1", route="no_case_to_answer"),
            matter_seed(person, NOW - 1 * YEAR, category="H3", route="meeting"),
            matter_seed(person, NOW - 1 * YEAR, category="H1", route="nfa_at_severity")}

    found = rule_evaluate(kind="category_count_window", parameters=SEXUAL)

    assert found[person.pk].matters == refs


def test_category_window_ignores_other_categories_and_counts_a_matter_once():
    person = person_new()
    matter_seed(person, NOW - YEAR, categories=["H1", "H2"])  # one matter, two allegations
    matter_seed(person, NOW, category="G5")  # not in the rule's categories

    assert rule_evaluate(kind="category_count_window", parameters=SEXUAL) == {}


def test_category_window_evidence_is_only_the_matters_inside_a_qualifying_window():
    person = person_new()
    matter_seed(person, NOW - 25 * YEAR, category="H1")  # alone, 15 years before the rest
    b = matter_seed(person, NOW - 9 * YEAR, category="H1")
    c = matter_seed(person, NOW - 2 * YEAR, category="V1")

    found = rule_evaluate(kind="category_count_window", parameters=SEXUAL)

    assert found[person.pk].matters == {b, c}


def test_category_window_for_named_people_only():
    flagged, other = person_new(), person_new()
    for person in (flagged, other):
        matter_seed(person, NOW - YEAR, category="H1")
        matter_seed(person, NOW, category="H1")

    found = rule_evaluate(kind="category_count_window", parameters=SEXUAL,
                          subject_ids=[flagged.pk])

    assert set(found) == {flagged.pk}


def test_complaints_three_within_twelve_months_at_the_edge():
    inside, outside = person_new(), person_new()
    refs = {complaint_seed(inside, NOW - 12 * MONTH), complaint_seed(inside, NOW - 6 * MONTH),
            complaint_seed(inside, NOW)}
    complaint_seed(outside, NOW - 12 * MONTH - dt.timedelta(seconds=5))
    complaint_seed(outside, NOW - 6 * MONTH)
    complaint_seed(outside, NOW)

    found = rule_evaluate(kind="complaint_count_window", parameters=COMPLAINTS)

    assert found[inside.pk].matters == refs
    assert outside.pk not in found


def test_complaints_rule_counts_complaints_not_conduct_matters():
    person = person_new()
    complaint_seed(person, NOW - MONTH)
    complaint_seed(person, NOW)
    matter_seed(person, NOW - 2 * MONTH, category="A1")  # a conduct matter

    assert rule_evaluate(kind="complaint_count_window", parameters=COMPLAINTS) == {}


def test_complaints_rule_counts_any_outcome_and_two_is_not_three():
    person = person_new()
    complaint_seed(person, NOW - 3 * MONTH)
    complaint_seed(person, NOW - 2 * MONTH)
    assert rule_evaluate(kind="complaint_count_window", parameters=COMPLAINTS) == {}

    matter_seed(person, NOW - MONTH, category="B1", route="nfa_at_recording", kind="complaint")

    found = rule_evaluate(kind="complaint_count_window", parameters=COMPLAINTS)
    assert len(found[person.pk].matters) == 3


HIT_RULE = {"window_years": 10, "category_codes": []}


def test_allegation_with_screening_hit():
    person = person_new()
    reference = matter_seed(person, NOW - 2 * YEAR, category="G5", route="nfa_at_recording")
    hit_id = hit_add(person)

    found = rule_evaluate(kind="allegation_with_screening_hit", parameters=HIT_RULE)

    assert found[person.pk].matters == {reference}
    assert found[person.pk].hits == {hit_id}


def test_screening_hit_rule_leaves_out_victim_witness_and_nfa_hits_and_far_allegations():
    from upright.access.roles import Role
    from upright.access.tests.factories import UserFactory
    from upright.screening.services.hits import hit_dispose

    victim, disposed, far, no_allegation = person_new(), person_new(), person_new(), person_new()
    for person in (victim, disposed):
        matter_seed(person, NOW - YEAR, category="G5")
    matter_seed(far, NOW - 10 * YEAR - dt.timedelta(days=2), category="G5")
    hit_add(victim, victim_witness_only=True)
    hit_add(far)
    hit_add(no_allegation)
    hit_dispose(actor=UserFactory(role=Role.ANALYST), hit_id=hit_add(disposed),
                disposition="no_further_action", rationale="Not our officer.")

    assert rule_evaluate(kind="allegation_with_screening_hit", parameters=HIT_RULE) == {}


def test_screening_hit_rule_may_be_limited_to_categories():
    person = person_new()
    matter_seed(person, NOW - YEAR, category="G5")
    hit_add(person)

    found = rule_evaluate(kind="allegation_with_screening_hit",
                          parameters={"window_years": 10, "category_codes": ["H1"]})

    assert found == {}


def test_unconnected_complainants_three_households():
    person = person_new()
    refs = [complaint_seed(person, NOW - dt.timedelta(days=d)) for d in (300, 200, 100)]
    ids = {complainant_add(refs[0], "Ann Jones", "1 High Street, Leeds"),
           complainant_add(refs[1], "Bob Patel", "2 Low Road, York"),
           complainant_add(refs[2], "Cath Okafor", "")}

    found = rule_evaluate(kind="unconnected_complainants", parameters={"min_complainants": 3})

    assert found[person.pk].complainants == ids
    assert found[person.pk].matters == set(refs)


def test_complainants_of_one_family_or_household_count_once():
    person = person_new()
    refs = [complaint_seed(person, NOW - dt.timedelta(days=d)) for d in (300, 200, 100)]
    complainant_add(refs[0], "Ann Jones", "1 High Street, Leeds")
    complainant_add(refs[1], "Dan Jones", "9 Other Road, Hull")  # same surname
    complainant_add(refs[2], "Eve Brown", "1 high street LEEDS")  # same address as Ann

    assert rule_evaluate(kind="unconnected_complainants", parameters={"min_complainants": 3}) == {}
    assert len(rule_evaluate(kind="unconnected_complainants",
                             parameters={"min_complainants": 2})[person.pk].complainants) == 2


def test_unconnected_is_a_matching_not_a_count_of_distinct_surnames_and_addresses():
    # Three distinct surnames and three distinct addresses, yet at most two people share
    # neither: s2 and s3 both live at a1, where s1 also lives.
    people = {1: ("A Smith", "a1"), 2: ("B Smith", "a2"), 3: ("C Smith", "a3"),
              4: ("D Khan", "a1"), 5: ("E Lee", "a1")}
    assert len(complainants_unconnected(people)) == 2


@pytest.mark.parametrize(("kind", "parameters", "field"), [
    ("category_count_window", {"min_count": 2, "window_years": 10, "category_codes": ["ZZ9"]},
     "category_codes"),
    ("category_count_window", {"min_count": 1, "window_years": 10, "category_codes": ["H1"]},
     "min_count"),
    ("category_count_window", {"min_count": 2, "category_codes": ["H1"]}, "window_years"),
    ("complaint_count_window", {"min_count": "three", "window_months": 12}, "min_count"),
    ("complaint_count_window", {"min_count": 3, "window_months": 12, "extra": 1}, "extra"),
    ("unconnected_complainants", {"min_complainants": True}, "min_complainants"),
])
def test_validators_reject_bad_parameters_with_a_message(kind, parameters, field):
    cleaned, errors = parameters_validate(kind=kind, parameters=parameters,
                                          known_codes={"H1", "V1"})
    assert set(errors) == {field}
    assert errors[field]
