"""Carrick-like histories planted in the demo force (issue 5; uk-process.md §8.1).

Carrick came to police attention in nine prior incidents, rape and domestic-violence
allegations among them, each closed with no case to answer or no further action; the Casey
Review found an officer with 11 allegations, each "looked at separately". The planted people
have that shape: allegations of sexual misconduct and domestic abuse scattered over the years,
every one closed individually (NFA, no case to answer), so nothing on any single matter stands
out. Some also have complaints clustered within a year, and one has a screening hit. The
repeat-pattern rules must join these up; a test checks that they do.

Planting uses the same bulk path as the rest of the demo history (conduct's
matters_seed_bulk) and screening's own hit import, with its own random stream, so the rest of
the demo force does not change.
"""

import datetime as dt
import random
from dataclasses import dataclass

from upright.conduct.services.seeding import (
    ROUTE_LENGTHS,
    AllegationSeed,
    MatterSeed,
    matters_seed_bulk,
)
from upright.demo.references import demo_reference
from upright.people.models import Person

CARRICK_LIKE_PEOPLE = 5
# Sexual conduct (H1-H3), abuse of position for a sexual purpose (J1), domestic abuse (V1).
_SERIOUS = [("H1", "discreditable_conduct", "was accused by a former partner of sexual assault"),
            ("V1", "discreditable_conduct", "was reported by a partner for controlling "
                                            "behaviour and an assault at home"),
            ("H2", "discreditable_conduct", "sent unwanted sexual messages to a colleague"),
            ("J1", "honesty_integrity", "contacted a victim of domestic abuse for a sexual "
                                        "relationship"),
            ("H3", "discreditable_conduct", "exposed himself to a colleague at a party")]
# Closed routes only: each matter ends without a finding.
_CLOSED = ["nfa_at_recording", "nfa_at_severity", "no_case_to_answer", "iopc_no_case_to_answer"]


@dataclass
class Planted:
    staff_numbers: list[str]
    matters: int
    hits: int


def _candidates(cutoff: dt.datetime, rng: random.Random, count: int) -> list[Person]:
    """Serving constables and sergeants, longest-serving first, drawn deterministically."""
    serving = list(Person.objects.filter(
        end_date__isnull=True, employment_kind="officer", rank_or_grade__in=["PC", "PS"],
        start_date__lte=cutoff.date() - dt.timedelta(days=3 * 365)).order_by("start_date", "id")
        .only("id", "staff_number", "start_date")[:max(count * 20, 50)])
    return rng.sample(serving, min(count, len(serving)))


def _closed_seed(rng: random.Random, person: Person, at: dt.datetime, category: str,
                 standard: str, text: str, kind: str, route: str) -> MatterSeed:
    days = rng.uniform(40, 300)
    steps = [at + dt.timedelta(days=days * (i + 1) / ROUTE_LENGTHS[route], minutes=5)
             for i in range(ROUTE_LENGTHS[route])]
    return MatterSeed(
        reference=demo_reference(rng, "M"), kind=kind, came_to_attention_at=at,
        summary=f"It is alleged that the officer {text}.", route=route, step_times=steps,
        allegations=[AllegationSeed(subject_id=person.pk, standard=standard,
                                    category_code=category)],
        track="conduct" if kind != "complaint" else "sch3")


def _history(rng: random.Random, person: Person, index: int, cutoff: dt.datetime,
             ) -> list[MatterSeed]:
    start = dt.datetime.combine(person.start_date, dt.time(10), tzinfo=dt.UTC)
    first = max(start + dt.timedelta(days=60), cutoff - dt.timedelta(days=9 * 365))
    span = (cutoff - dt.timedelta(days=400) - first).total_seconds()
    count = 3 + index % 3  # 3 to 5 serious allegations, years apart
    seeds = []
    for n in range(count):
        at = first + dt.timedelta(seconds=span * (n + rng.uniform(0.1, 0.6)) / count)
        category, standard, text = _SERIOUS[(index + n) % len(_SERIOUS)]
        kind = "conduct_matter" if n % 2 == 0 else "complaint"
        seeds.append(_closed_seed(rng, person, at, category, standard, text, kind,
                                  rng.choice(_CLOSED)))
    if index % 2 == 0:  # three complaints within ten months, each handled otherwise
        base = cutoff - dt.timedelta(days=rng.randint(700, 1000))
        for n in range(3):
            at = base + dt.timedelta(days=n * rng.randint(60, 140))
            seeds.append(_closed_seed(rng, person, at, "G5", "authority_respect_courtesy",
                                      "was rude and dismissive to a member of the public",
                                      "complaint", "handled_otherwise"))
    return seeds


def _hit(person: Person) -> int:
    """One identity hit on the person in an intelligence extract (not victim or witness)."""
    from upright.screening.services.hits import hits_import
    from upright.screening.services.runs import screening_run_create

    run = screening_run_create(actor=None, index_folder="demo:carrick-like")
    counts = hits_import(actor=None, run_id=run.pk, rows=[{
        "employee_id": person.staff_number, "record_id": f"DEMO-CARRICK-{person.staff_number}",
        "kind": "identity", "probability": 0.997, "match_weight": 13.2, "band": "match",
        "explanation": {"evidence_weight": 13.2, "note": "planted Carrick-like history"},
        "victim_witness_only": False}])
    return counts.new


@dataclass
class CarrickPlan:
    staff_numbers: list[str]  # the planted people, for tests and the demo's audit event
    seeds: list[MatterSeed]  # their matters, inserted with the rest of the demo history
    hit_person: Person | None  # the one who also gets a screening hit


def carrick_like_plan(*, cutoff: dt.datetime, seed: int,
                      people: int = CARRICK_LIKE_PEOPLE) -> CarrickPlan:
    """Choose the people and build their matters (nothing is written yet)."""
    rng = random.Random(seed * 104729 + 5)  # its own stream: the rest of the demo is unchanged
    chosen = _candidates(cutoff, rng, people)
    seeds: list[MatterSeed] = []
    for index, person in enumerate(chosen):
        seeds.extend(_history(rng, person, index, cutoff))
    return CarrickPlan(staff_numbers=[p.staff_number for p in chosen], seeds=seeds,
                       hit_person=chosen[1] if len(chosen) > 1 else None)


def carrick_like_hits(plan: CarrickPlan) -> int:
    """Write the planned screening hit (after the matters); the number of hits made."""
    return _hit(plan.hit_person) if plan.hit_person is not None else 0


def carrick_like_plant(*, cutoff: dt.datetime, seed: int,
                       people: int = CARRICK_LIKE_PEOPLE) -> Planted:
    """Plant the histories into an existing force (inside the caller's transaction)."""
    plan = carrick_like_plan(cutoff=cutoff, seed=seed, people=people)
    counts = matters_seed_bulk(seeds=plan.seeds)
    return Planted(staff_numbers=plan.staff_numbers, matters=counts.matters,
                   hits=carrick_like_hits(plan))
