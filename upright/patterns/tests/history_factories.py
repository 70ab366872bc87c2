"""A person with something from every source HISTORY owns, built through the real services."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from upright.access.models import Compartment
from upright.conduct.tests.factories import matter_in, matter_new, person_new, recorder
from upright.conduct.tests.process import act, investigation_open, to_report
from upright.patterns import history
from upright.people.models import Person, PriorForceRecord
from upright.screening.models import Hit
from upright.screening.services import hits_import
from upright.screening.tests.hits_factories import identity_row, run_new
from upright.suspensions.models import Suspension
from upright.suspensions.services import Notification, suspension_impose
from upright.suspensions.tests.factories import GROUNDS

# The sources HISTORY owns; the others (vetting, withdrawal, lists, pattern alerts) are
# written by other apps and tested there.
OWN_SOURCES = tuple(s for s in history.HISTORY_SOURCES
                    if s.name in {"conduct", "suspensions", "screening", "prior_force"})


@pytest.fixture
def own_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "HISTORY_SOURCES", OWN_SOURCES)


def anti_corruption() -> Compartment:
    compartment, _ = Compartment.objects.get_or_create(code="anti-corruption",
                                                       defaults={"name": "Anti-corruption"})
    return compartment


@dataclass
class Planted:
    person: Person
    manager: Person
    co_subject: Person
    # Matters (conduct.models.Matter: patterns may not import conduct's models)
    nfa: Any  # conduct matter, closed: no further action
    no_case: Any  # conduct matter investigated and closed: no case to answer (reg 23)
    complaint: Any  # open complaint, with a co-subject
    secret: Any  # anti-corruption compartment
    suspension: Suspension
    hit: Hit
    victim_hit: Hit  # the person only as a victim or witness: never in the history
    prior: PriorForceRecord


def _days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def plant() -> Planted:
    """A Carrick-like person: scattered matters, most of them closed, plus a suspension, a
    screening hit and a record from the force they transferred from."""
    aa = recorder()
    manager = person_new()
    person = person_new(line_manager=manager)
    co_subject = person_new()
    nfa = matter_in("closed_nfa", subjects=[person], came_to_attention_at=_days_ago(900),
                    category="G5")
    no_case, investigating_aa = investigation_open(
        subjects=[person], came_to_attention_at=_days_ago(600), category="A1")
    no_case = act(to_report(no_case, investigating_aa), investigating_aa, "case_to_answer",
                  {"decision": "no_case", "route": "nfa", "rationale": "No case to answer."})
    assert no_case.status == "closed_nfa"
    complaint = matter_new(subjects=[person, co_subject], kind="complaint",
                           came_to_attention_at=_days_ago(300), category="G5")
    anti_corruption()
    secret = matter_new(subjects=[person], compartment="anti-corruption",
                        came_to_attention_at=_days_ago(100), category="C1")
    suspension = suspension_impose(actor=aa, person_id=person.id, matter_ref=complaint.reference,
                                   grounds=GROUNDS, narrative="Witnesses are colleagues.",
                                   notification=Notification("written"))
    run = run_new()
    hits_import(actor=None, run_id=run.pk, rows=[
        identity_row(person.staff_number, "IDX-1"),
        identity_row(person.staff_number, "IDX-2", victim_witness_only=True)])
    hit = Hit.objects.get(employee=person, victim_witness_only=False)
    victim_hit = Hit.objects.get(employee=person, victim_witness_only=True)
    prior = PriorForceRecord.objects.create(
        person=person, force_name="Thames Valley Police", kind="complaint",
        occurred_on=dt.date(2015, 5, 1), category="G5", outcome="no case to answer",
        summary="Sexual comments to a member of the public.", source_reference="TVP-1",
        imported_from="tvp.csv", import_checksum="0" * 64, source_line=2)
    return Planted(person=person, manager=manager, co_subject=co_subject, nfa=nfa,
                   no_case=no_case, complaint=complaint, secret=secret, suspension=suspension,
                   hit=hit, victim_hit=victim_hit, prior=prior)


def refs(history_obj: Any) -> set[str]:
    return {entry.ref for entry in history_obj.entries}
