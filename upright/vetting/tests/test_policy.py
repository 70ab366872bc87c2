"""Policy simulation against a hand-computed fixture.

Units: BCU B1 (team T1 under it) and BCU B2 (team T2). As of 1 June 2026; all started
1 Jan 2015. Register (category, disposal, date):
  P1 PC  T1 white_british    motoring fixed penalty (minor) 2024
  P2 PC  T1 black_african    dishonesty caution 2012 (before service)
  P3 PS  T2 white_irish      violence conviction 2020
  P4 PC  T2 asian_indian     motoring conviction (not minor) 2019
  P5 Band D B1 black_caribbean  none
  P6 PC  T2 white_british    none
  P7 PS  T1 asian_pakistani  drugs caution 2005 (before service)
  P8 PC  T1 white_british    violence conviction 2021, but left in 2023: not in the workforce
"""

import datetime as dt
from typing import Any

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, ValidationFailed
from upright.people.choices import EmploymentStatus
from upright.people.models import OrgUnit
from upright.vetting.models import PolicySimulation
from upright.vetting.services import conviction_record, policy_simulation_run
from upright.vetting.tests.factories import officer_new, person_new, user_new

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 6, 1)


def _unit(code: str, path: str, kind: str, name: str, parent: OrgUnit | None = None,
          ) -> OrgUnit:
    return OrgUnit.objects.create(code=code, name=name, kind=kind, path=path, parent=parent)


@pytest.fixture
def force() -> None:
    command = _unit("C", "/F/C/", "command", "Command", _unit("F", "/F/", "force", "Force"))
    b1 = _unit("B1", "/F/C/B1/", "bcu", "North BCU", command)
    b2 = _unit("B2", "/F/C/B2/", "bcu", "South BCU", command)
    t1 = _unit("T1", "/F/C/B1/T1/", "team", "North team", b1)
    t2 = _unit("T2", "/F/C/B2/T2/", "team", "South team", b2)
    officer = officer_new(with_person=False)  # not in the workforce counted
    start = dt.date(2015, 1, 1)
    rows: list[tuple[str, OrgUnit, str, list[tuple[str, str, str, bool]]]] = [
        ("PC", t1, "white_british", [("motoring", "fixed_penalty", "2024-02-02", True)]),
        ("PC", t1, "black_african", [("dishonesty", "caution", "2012-05-05", False)]),
        ("PS", t2, "white_irish", [("violence", "conviction", "2020-07-07", False)]),
        ("PC", t2, "asian_indian", [("motoring", "conviction", "2019-08-08", False)]),
        ("Band D", b1, "black_caribbean", []),
        ("PC", t2, "white_british", []),
        ("PS", t1, "asian_pakistani", [("drugs", "caution", "2005-09-09", False)]),
    ]
    for rank, unit, ethnicity, records in rows:
        person = person_new(rank_or_grade=rank, org_unit=unit, ethnicity=ethnicity,
                            start_date=start)
        for category, disposal, day, minor in records:
            conviction_record(actor=officer, person_id=person.pk, offence_category=category,
                              disposal=disposal, offence_date=day, minor=minor,
                              description="x", source="pnc")
    left = person_new(rank_or_grade="PC", org_unit=t1, ethnicity="white_british",
                      start_date=start, end_date=dt.date(2023, 1, 1),
                      status=EmploymentStatus.LEFT)
    conviction_record(actor=officer, person_id=left.pk, offence_category="violence",
                      disposal="conviction", offence_date="2021-01-01", description="x",
                      source="pnc")


def _run(rule: dict[str, Any], actor: Any = None) -> PolicySimulation:
    return policy_simulation_run(actor=actor or user_new(Role.ANALYST), name="Proposed",
                                 rule=rule, as_of=AS_OF)


def _table(simulation: PolicySimulation, dim: str) -> list[tuple[str, int, int, float]]:
    return [(r["key"], r["workforce"], r["affected"], r["rate_per_1000"])
            for r in simulation.breakdown[dim]]


def test_nothing_but_minor_motoring_hand_computed(force: None) -> None:
    simulation = _run({"exempt_minor_motoring": True})
    assert (simulation.workforce, simulation.affected) == (7, 4)  # P2, P3, P4, P7
    assert _table(simulation, "rank") == [("PC", 4, 2, 500.0), ("PS", 2, 2, 1000.0),
                                          ("Band D", 1, 0, 0.0)]
    assert _table(simulation, "unit") == [("B1", 4, 2, 500.0), ("B2", 3, 2, 666.7)]
    assert [r["label"] for r in simulation.breakdown["unit"]] == ["North BCU", "South BCU"]
    assert _table(simulation, "ethnic_group") == [("asian", 2, 2, 1000.0),
                                                  ("white", 3, 1, 333.3),
                                                  ("black", 2, 1, 500.0)]


def test_other_filters_hand_computed(force: None) -> None:
    recent_convictions = _run({"disposals": ["conviction"], "within_years": 10,
                               "while_serving": "yes"})
    assert recent_convictions.affected == 2  # P3, P4 (P8 has left)
    assert _table(recent_convictions, "ethnic_group") == [
        ("white", 3, 1, 333.3), ("asian", 2, 1, 500.0), ("black", 2, 0, 0.0)]
    before_service = _run({"categories": ["dishonesty", "drugs"], "while_serving": "no"})
    assert before_service.affected == 2  # P2, P7
    assert _run({"categories": ["dishonesty", "drugs"], "within_years": 15}).affected == 1
    assert _run({}).affected == 5  # every record counts: P1 too
    assert _run({"categories": ["sexual"]}).affected == 0


def test_saved_audited_validated_and_permissioned(force: None) -> None:
    analyst = user_new(Role.ANALYST)
    simulation = _run({"categories": ["violence"]}, actor=analyst)
    assert (simulation.run_by, simulation.rule) == (analyst, {
        "categories": ["violence"], "disposals": [], "exempt_minor_motoring": False,
        "within_years": None, "while_serving": "any"})
    event = AuditEvent.objects.get(action="vetting.simulation.run")
    assert (event.extra["affected"], event.extra["workforce"]) == (1, 7)
    with pytest.raises(ValidationFailed) as exc:
        _run({"categories": ["arson"], "within_years": 0, "while_serving": "maybe",
              "exempt_minor_motoring": "yes", "code": "import os"})
    assert exc.value.extra["fields"] == {
        "rule": "Unknown keys: code.",
        "categories": "Unknown: arson. Allowed: motoring, dishonesty, violence, sexual, "
                      "drugs, other.",
        "exempt_minor_motoring": "Must be true or false.",
        "within_years": "Must be a whole number of years from 1 to 100, or null.",
        "while_serving": "Must be one of: any, yes, no."}
    with pytest.raises(ActionForbidden):
        _run({}, actor=user_new(Role.STAFF))
    assert PolicySimulation.objects.count() == 1


def test_who_is_affected_only_for_readers_of_the_register(force: None) -> None:
    from upright.vetting.selectors import simulation_affected_people

    simulation = _run({"exempt_minor_motoring": True})
    reader = officer_new(with_person=False)
    people = simulation_affected_people(user=reader, simulation=simulation)
    assert sorted(p.ethnicity for p in people) == ["asian_indian", "asian_pakistani",
                                                   "black_african", "white_irish"]
    assert list(simulation_affected_people(user=user_new(Role.ANALYST),
                                           simulation=simulation)) == []
