"""The demo force generator: deterministic, a proper tree, realistic mixes, valid history."""

import collections
import datetime as dt
import re
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from upright.audit.models import AuditEvent
from upright.core.references import reference_normalise
from upright.demo.audit_events import DEMO_SEEDED
from upright.demo.force import ForceBuilder
from upright.demo.services import demo_force_seed, matters_default
from upright.people.choices import ethnic_group_of
from upright.people.models import Address, Person, Phone, Vehicle
from upright.people.normalise import phone_normalise, postcode_normalise
from upright.people.services import person_mgmt_paths_rebuild

AS_OF = dt.date(2025, 6, 2)
# Models of apps the demo may not import directly (import-linter): looked up by name instead.
Matter = apps.get_model("conduct", "Matter")
Allegation = apps.get_model("conduct", "Allegation")
MatterStatusChange = apps.get_model("conduct", "MatterStatusChange")
Report = apps.get_model("intake", "Report")


def _seed(seed: int = 1) -> Any:
    return demo_force_seed(people=300, seed=seed, matters=600, as_of=AS_OF)


def _snapshot(seed: int) -> dict[str, Any]:
    """Seed inside a savepoint, read what was made, and roll it back."""
    savepoint = transaction.savepoint()
    _seed(seed)
    snap = {
        "people": list(Person.objects.order_by("staff_number").values_list(
            "staff_number", "forenames", "surname", "rank_or_grade", "ethnicity")),
        "matters": list(Matter.objects.order_by("reference").values_list("reference", "status")),
        "allegations": Allegation.objects.count(),
        "reports": list(Report.objects.order_by("reference").values_list("reference", "status")),
    }
    transaction.savepoint_rollback(savepoint)
    return snap


@pytest.mark.django_db
def test_same_seed_gives_the_same_force_and_another_seed_differs() -> None:
    first, again, other = _snapshot(1), _snapshot(1), _snapshot(2)

    assert first == again
    assert len(first["people"]) == 300
    assert len(first["matters"]) == 600
    assert first["people"] != other["people"]
    assert first["matters"] != other["matters"]


@pytest.mark.django_db
def test_line_management_is_one_tree_with_consistent_paths() -> None:
    _seed()

    managers = dict(Person.objects.values_list("id", "line_manager_id"))
    roots = [pid for pid, manager in managers.items() if manager is None]
    assert len(roots) == 1
    assert Person.objects.get(id=roots[0]).rank_or_grade == "COMM"
    for pid, path in Person.objects.values_list("id", "mgmt_path"):
        chain, cursor = [], managers[pid]
        while cursor is not None:
            assert cursor not in chain  # no cycles
            chain.append(cursor)
            cursor = managers[cursor]
        assert path == "/" + "".join(f"{m}/" for m in reversed(chain))
    assert person_mgmt_paths_rebuild() == 0


@pytest.mark.django_db
def test_every_matter_has_an_allegation_against_an_existing_person() -> None:
    _seed()

    person_ids = set(Person.objects.values_list("id", flat=True))
    per_matter = collections.Counter(Allegation.objects.values_list("matter_id", flat=True))
    assert set(per_matter) == set(Matter.objects.values_list("id", flat=True))
    assert set(Allegation.objects.values_list("subject_id", flat=True)) <= person_ids


@pytest.mark.django_db
def test_history_follows_the_state_table_and_ends_in_the_matters_status() -> None:
    _seed()

    statuses = dict(Matter.objects.values_list("id", "status"))
    history: dict[int, list[tuple[str, str]]] = collections.defaultdict(list)
    for matter_id, from_status, to_status in MatterStatusChange.objects.order_by(
            "matter_id", "occurred_at", "id").values_list("matter_id", "from_status", "to_status"):
        history[matter_id].append((from_status, to_status))
    for matter_id, steps in history.items():
        assert steps[0] == ("allegation_received", "recorded")
        for (_, before), (after_from, _) in zip(steps, steps[1:], strict=False):
            assert before == after_from
        assert steps[-1][1] == statuses[matter_id]
    closed = sum(1 for s in statuses.values() if s.startswith("closed"))
    assert 0.8 * len(statuses) < closed < len(statuses)  # mostly closed, with an open backlog


@pytest.mark.django_db
def test_identities_and_references_have_valid_formats() -> None:
    _seed()

    for postcode in Address.objects.values_list("postcode", flat=True):
        assert postcode_normalise(postcode) == postcode
    for number in Phone.objects.values_list("number", flat=True):
        assert phone_normalise(number) == number
    for vrm in Vehicle.objects.values_list("vrm", flat=True):
        assert re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z]{3}", vrm)
    for reference in Matter.objects.values_list("reference", flat=True):
        assert reference_normalise(value=reference, prefix="M") == reference
    for reference, status, matter_ref in Report.objects.values_list(
            "reference", "status", "matter_reference"):
        assert reference_normalise(value=reference, prefix="R") == reference
        assert (status == "triaged") == bool(matter_ref)


@pytest.mark.django_db
def test_one_audit_event_per_run_with_the_seed_and_counts() -> None:
    _seed(seed=7)

    events = AuditEvent.objects.filter(action=DEMO_SEEDED)
    assert events.count() == 1
    assert events[0].extra["seed"] == 7
    assert events[0].extra["people"] == 300
    assert events[0].extra["matters"] == 600


def test_rank_pyramid_and_workforce_mix() -> None:
    builder = ForceBuilder(people=5000, seed=3, as_of=AS_OF)
    builder.build()
    people = [p for level in builder.people_by_depth for p in level]
    ranks = collections.Counter(p.rank_or_grade for p in people)
    kinds = collections.Counter(p.employment_kind for p in people)

    assert len(people) == 5000
    assert ranks["COMM"] == 1
    assert ranks["DC"] == 1
    assert ranks["PC"] > ranks["PS"] > ranks["INSP"] > ranks["CI"] > ranks["CSUPT"]
    assert 0.25 < kinds["staff"] / 5000 < 0.40
    assert kinds["special"] > 0
    assert kinds["volunteer"] > 0
    assert kinds["contractor"] > 0


def test_ethnic_mix_matches_the_met_workforce_within_tolerance() -> None:
    builder = ForceBuilder(people=20000, seed=5, as_of=AS_OF)
    builder.build()
    groups = collections.Counter(
        str(ethnic_group_of(p.ethnicity)) for level in builder.people_by_depth for p in level)
    stated = sum(n for g, n in groups.items() if g != "not_stated")
    expected = {"white": 0.82, "asian": 0.08, "black": 0.04, "mixed": 0.04, "other": 0.02}

    for group, share in expected.items():
        assert abs(groups[group] / stated - share) < 0.01, group


def test_default_matters_follow_the_published_rates() -> None:
    assert matters_default(people=50_000, years=10) == 144_070


@pytest.mark.django_db
def test_if_empty_skips_when_people_exist() -> None:
    out = StringIO()
    call_command("demo_seed", people=300, seed=1, matters=50, as_of=AS_OF, if_empty=True, stdout=out)
    call_command("demo_seed", people=300, seed=1, matters=50, as_of=AS_OF, if_empty=True, stdout=out)

    assert Person.objects.count() == 300
    assert "nothing seeded" in out.getvalue()
