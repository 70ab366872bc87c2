"""The demo force's planted Carrick-like histories are joined up by the default rules."""

import datetime as dt

import pytest

from upright.audit.models import AuditEvent
from upright.demo.services import demo_force_seed
from upright.patterns.models import PatternAlert
from upright.patterns.services import pattern_rules_run_all
from upright.people.models import Person

pytestmark = pytest.mark.django_db


def test_rules_raise_alerts_for_every_planted_carrick_like_person():
    summary = demo_force_seed(people=300, seed=1, matters=600, as_of=dt.date(2025, 6, 2))
    planted = summary.counts["carrick_like_staff_numbers"]
    assert len(planted) == 5
    seeded = AuditEvent.objects.get(action="demo.force.seeded")
    assert seeded.extra["carrick_like_staff_numbers"] == planted
    ids = dict(Person.objects.filter(staff_number__in=planted).values_list("staff_number", "id"))

    pattern_rules_run_all()

    alerts: dict[int, set[str]] = {}
    for person_id, code in PatternAlert.objects.values_list("person_id", "rule_code"):
        alerts.setdefault(person_id, set()).add(code)
    for index, number in enumerate(planted):
        codes = alerts.get(ids[number], set())
        assert "sexual_da_10y" in codes, number
        if index % 2 == 0:  # the ones planted with complaints clustered in a year
            assert "complaints_3_in_12m" in codes, number
    assert "allegation_and_screening_hit" in alerts[ids[planted[1]]]
    # Each planted matter was closed on its own, without a finding: the pattern is the point.
    sexual = PatternAlert.objects.filter(rule_code="sexual_da_10y",
                                         person_id__in=ids.values())
    assert all(len(a.evidence["matters"]) >= 3 for a in sexual)
