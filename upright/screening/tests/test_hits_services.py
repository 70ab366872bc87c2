from typing import Any, cast

import pytest

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.conduct.selectors import matter_list_visible_to
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed, ValidationFailed
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.screening.models import Hit, HitStatus, ScreeningRun
from upright.screening.selectors import hit_queue, hit_victim_witness_queue, screening_dashboard
from upright.screening.services import (
    ImportCounts,
    evidence_fingerprint,
    hit_dispose,
    hits_import,
    screening_run_create,
    screening_run_fail,
    screening_run_finish,
    screening_run_progress,
    screening_run_start,
)
from upright.screening.tests.hits_factories import association_row, identity_row, run_new
from upright.vetting.models import VettingReviewRequest

pytestmark = pytest.mark.django_db


def matters() -> list[Any]:
    return list(matter_list_visible_to(user=UserFactory(role=Role.APPROPRIATE_AUTHORITY)))


def person_new(**kwargs: Any) -> Person:
    return cast(Person, PersonFactory(**kwargs))


def test_import_is_idempotent() -> None:
    person, run = person_new(), run_new()
    rows = [identity_row(person.staff_number), association_row(person.staff_number),
            identity_row("999999999")]
    first = hits_import(actor=None, run_id=run.pk, rows=rows)
    second = hits_import(actor=None, run_id=run_new().pk, rows=rows)
    assert first == ImportCounts(rows=3, new=2, unchanged=0, superseded=0, unknown_employee=1)
    assert second == ImportCounts(rows=3, new=0, unchanged=2, superseded=0, unknown_employee=1)
    assert Hit.objects.count() == 2
    assert ScreeningRun.objects.get(pk=run.pk).counts["hits_new"] == 2
    assert AuditEvent.objects.filter(action="screening.hits.imported").count() == 2


def test_fingerprint_ignores_weights_but_not_values() -> None:
    row = identity_row("1")
    reweighted = identity_row("1", weight=20.0)
    changed = identity_row("1", surname="SMYTH")
    import json
    fp = [evidence_fingerprint(kind="identity", explanation=json.loads(r["explanation"]))
          for r in (row, reweighted, changed)]
    assert fp[0] == fp[1]
    assert fp[0] != fp[2]


def test_disposed_hit_does_not_return_with_same_evidence(make_user: Any) -> None:
    person, analyst = person_new(), make_user(Role.ANALYST)
    hits_import(actor=None, run_id=run_new().pk, rows=[identity_row(person.staff_number)])
    hit = Hit.objects.get()
    hit_dispose(actor=analyst, hit_id=hit.pk, disposition="no_further_action",
                rationale="Different person: middle names differ.")
    again = hits_import(actor=None, run_id=run_new().pk, rows=[identity_row(person.staff_number)])
    assert (again.new, again.unchanged) == (0, 1)
    assert list(hit_queue(user=analyst)) == []
    assert Hit.objects.get(pk=hit.pk).status == HitStatus.DISPOSED


def test_disposed_hit_returns_with_changed_evidence_and_stays_disposed(make_user: Any) -> None:
    person, analyst = person_new(), make_user(Role.ANALYST)
    hits_import(actor=None, run_id=run_new().pk, rows=[identity_row(person.staff_number)])
    old = Hit.objects.get()
    hit_dispose(actor=analyst, hit_id=old.pk, disposition="no_further_action", rationale="No.")
    counts = hits_import(actor=None, run_id=run_new().pk,
                         rows=[identity_row(person.staff_number, surname="SMYTH")])
    assert counts == ImportCounts(rows=1, new=1, unchanged=0, superseded=0, unknown_employee=0)
    new = Hit.objects.exclude(pk=old.pk).get()
    assert [h.pk for h in hit_queue(user=analyst)] == [new.pk]
    assert Hit.objects.get(pk=old.pk).status == HitStatus.DISPOSED


def test_changed_evidence_supersedes_an_open_hit() -> None:
    person = person_new()
    hits_import(actor=None, run_id=run_new().pk, rows=[identity_row(person.staff_number)])
    old = Hit.objects.get()
    counts = hits_import(actor=None, run_id=run_new().pk,
                         rows=[identity_row(person.staff_number, surname="SMYTH")])
    new = Hit.objects.exclude(pk=old.pk).get()
    old.refresh_from_db()
    assert counts.superseded == 1
    assert (old.status, old.superseded_by_id, new.status) == (HitStatus.SUPERSEDED, new.pk,
                                                              HitStatus.OPEN)


def test_invalid_row_imports_nothing() -> None:
    person = person_new()
    bad = {**identity_row(person.staff_number), "kind": "cousin"}
    with pytest.raises(ValidationFailed) as exc:
        hits_import(actor=None, run_id=run_new().pk, rows=[identity_row(person.staff_number), bad])
    assert exc.value.extra["fields"]["rows[1]"] == {"kind": "Must be one of: identity, association."}
    assert Hit.objects.count() == 0
    assert AuditEvent.objects.filter(action="screening.hits.imported").count() == 0


def _one_hit(**kwargs: Any) -> Hit:
    person = person_new()
    row = (association_row(person.staff_number, **kwargs) if kwargs
           else identity_row(person.staff_number))
    hits_import(actor=None, run_id=run_new().pk, rows=[row])
    return Hit.objects.get(employee=person)


def test_disciplinary_investigation_creates_one_matter(appropriate_authority: Any) -> None:
    hit = _one_hit()
    disposed = hit_dispose(actor=appropriate_authority, hit_id=hit.pk,
                           disposition="disciplinary_investigation",
                           rationale="Undeclared association with a nominal.")
    [matter] = matters()
    allegation = matter.allegations.get()
    assert disposed.matter_reference == matter.reference
    assert (matter.kind, allegation.subject_id, allegation.standard, allegation.category.code) == (
        "conduct_matter", hit.employee_id, "discreditable_conduct", "L1")
    assert AuditEvent.objects.filter(action="screening.hit.disposed",
                                     matter_ref=matter.reference).count() == 1
    with pytest.raises(TransitionNotAllowed):
        hit_dispose(actor=appropriate_authority, hit_id=hit.pk,
                    disposition="disciplinary_investigation", rationale="Again.")
    assert len(matters()) == 1


def test_analyst_cannot_record_a_matter_and_nothing_changes(make_user: Any) -> None:
    hit = _one_hit()
    with pytest.raises(ActionForbidden, match="conduct.record_matter"):
        hit_dispose(actor=make_user(Role.ANALYST), hit_id=hit.pk,
                    disposition="disciplinary_investigation", rationale="Refer.")
    assert Hit.objects.get(pk=hit.pk).status == HitStatus.OPEN
    assert matters() == []
    assert AuditEvent.objects.filter(action="screening.hit.disposed").count() == 0


def test_vetting_review_creates_a_request(make_user: Any) -> None:
    hit = _one_hit()
    disposed = hit_dispose(actor=make_user(Role.ANALYST), hit_id=hit.pk,
                           disposition="vetting_review", rationale="Clearance at risk.")
    request = VettingReviewRequest.objects.get()
    assert (request.person_id, request.source_kind, request.source_ref) == (
        hit.employee_id, "screening", str(hit.pk))
    assert disposed.vetting_request_id == request.pk


def test_victim_witness_hits_are_kept_out_of_the_main_queue(make_user: Any) -> None:
    analyst = make_user(Role.ANALYST)
    victim = _one_hit(victim_witness_only=True)
    suspect = _one_hit()
    assert [h.pk for h in hit_queue(user=analyst)] == [suspect.pk]
    assert [h.pk for h in hit_victim_witness_queue(user=analyst)] == [victim.pk]


@pytest.mark.parametrize("disposition", ["disciplinary_investigation", "criminal_investigation",
                                         "vetting_review"])
def test_victim_witness_hit_cannot_go_to_a_misconduct_route(
        appropriate_authority: Any, disposition: str) -> None:
    hit = _one_hit(victim_witness_only=True)
    with pytest.raises(ValidationFailed) as exc:
        hit_dispose(actor=appropriate_authority, hit_id=hit.pk, disposition=disposition,
                    rationale="Route it.")
    assert list(exc.value.extra["fields"]) == ["disposition"]
    assert Hit.objects.get(pk=hit.pk).status == HitStatus.OPEN
    assert (len(matters()), VettingReviewRequest.objects.count()) == (0, 0)
    assert AuditEvent.objects.filter(action="screening.hit.disposed").count() == 0


def test_victim_witness_hit_can_get_welfare(appropriate_authority: Any) -> None:
    hit = _one_hit(victim_witness_only=True)
    hit_dispose(actor=appropriate_authority, hit_id=hit.pk,
                disposition="management_intervention", rationale="Welfare referral.")
    assert Hit.objects.get(pk=hit.pk).disposition == "management_intervention"


def test_invalid_disposition_changes_nothing(appropriate_authority: Any) -> None:
    hit = _one_hit()
    with pytest.raises(ValidationFailed) as exc:
        hit_dispose(actor=appropriate_authority, hit_id=hit.pk, disposition="shrug",
                    rationale="  ")
    assert sorted(exc.value.extra["fields"]) == ["disposition", "rationale"]
    assert Hit.objects.get(pk=hit.pk).status == HitStatus.OPEN
    assert AuditEvent.objects.filter(action="screening.hit.disposed").count() == 0


def test_dashboard_counts(appropriate_authority: Any) -> None:
    dispose = [_one_hit(), _one_hit(), _one_hit()]
    _one_hit(via="phone")  # open, association band "review"
    _one_hit(victim_witness_only=True)
    for hit, disposition in zip(dispose, ["no_further_action", "no_further_action",
                                          "vetting_review"], strict=True):
        hit_dispose(actor=appropriate_authority, hit_id=hit.pk, disposition=disposition,
                    rationale="Done.")
    dashboard = screening_dashboard(user=appropriate_authority)
    assert dashboard.dispositions == {
        "criminal_investigation": 0, "disciplinary_investigation": 0, "vetting_review": 1,
        "management_intervention": 0, "no_further_action": 2}
    assert dashboard.open_by_band == {"match": 0, "review": 1}
    assert (dashboard.victim_witness_open, dashboard.superseded) == (1, 0)


def test_run_lifecycle() -> None:
    run = screening_run_create(actor=None, index_folder="/data/index")
    screening_run_start(run_id=run.pk, input_checksums={"people.parquet": "ab"},
                        model_checksum="cd")
    screening_run_progress(run_id=run.pk, progress=40)
    screening_run_progress(run_id=run.pk, progress=30)
    assert ScreeningRun.objects.get(pk=run.pk).progress == 40
    done = screening_run_finish(run_id=run.pk, counts={"hits": 3})
    assert (done.status, done.progress, done.counts) == ("done", 100, {"hits": 3})
    with pytest.raises(TransitionNotAllowed):
        screening_run_fail(run_id=run.pk, error="late")
    assert AuditEvent.objects.filter(action__startswith="screening.run.").count() == 3
