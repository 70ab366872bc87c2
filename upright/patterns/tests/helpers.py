"""Building histories for the rule tests: matters inserted with conduct's bulk seeding (the
same rows the real services write, any route, any outcome, no signal), complainants and
screening hits through their own services."""

import datetime as dt
from typing import Any, cast

from django.utils import timezone

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.conduct.services.complainants import complainant_link, complainant_record
from upright.conduct.services.seeding import ROUTES, AllegationSeed, MatterSeed, matters_seed_bulk
from upright.core.references import reference_new
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.screening.services.hits import hits_import
from upright.screening.services.runs import screening_run_create
from upright.screening.tests.hits_factories import identity_row

NOW = timezone.now().replace(microsecond=0) - dt.timedelta(days=1)
YEAR = dt.timedelta(days=365.25)
MONTH = YEAR / 12


def person_new(**kwargs: Any) -> Person:
    return cast(Person, PersonFactory(**kwargs))


def matter_seed(person: Person, at: dt.datetime, *, category: str = "H1",
                route: str = "nfa_at_recording", kind: str = "conduct_matter",
                categories: list[str] | None = None) -> str:
    """One closed (or, for a short route, open) matter against `person`; its reference."""
    reference = reference_new(prefix="M")
    steps = [at + dt.timedelta(hours=i + 1) for i in range(len(ROUTES[route]))]
    codes = categories or [category]
    matters_seed_bulk(seeds=[MatterSeed(
        reference=reference, kind=kind, came_to_attention_at=at, summary="Synthetic.",
        route=route, step_times=steps,
        allegations=[AllegationSeed(person.pk, "discreditable_conduct", code) for code in codes],
    )])
    return reference


def complaint_seed(person: Person, at: dt.datetime, *, category: str = "A1") -> str:
    return matter_seed(person, at, category=category, route="handled_otherwise",
                       kind="complaint")


def complainant_add(reference: str, name: str, address: str) -> int:
    actor = UserFactory(role=Role.APPROPRIATE_AUTHORITY)
    complainant = complainant_record(
        actor=actor, name=name, preferred_contact="post" if address else "phone",
        address=address, phone="" if address else "07700 900123")
    complainant_link(actor=actor, complainant_id=complainant.pk, matter_reference=reference)
    return complainant.pk


def hit_add(person: Person, *, record_id: str = "IDX-1", victim_witness_only: bool = False,
            ) -> int:
    from upright.screening.models import Hit

    run = screening_run_create(actor=None, index_folder="/data/index/test")
    hits_import(actor=None, run_id=run.pk, rows=[identity_row(
        person.staff_number, record_id, victim_witness_only=victim_witness_only)])
    return Hit.objects.get(run=run, employee=person).pk
