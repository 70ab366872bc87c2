"""Early intervention on Upright's own records: the frames built from people and conduct, the
training service and command over them, and the background job queued from the page."""

import datetime as dt
from typing import cast

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.models import Allegation, AllegationFinding, Matter, Outcome
from upright.conduct.services.seeding import AllegationSeed, MatterSeed, matters_seed_bulk
from upright.core.exceptions import ActionForbidden, ValidationFailed
from upright.insight.early import services
from upright.insight.early.models import EarlyModel, EarlyScore, FairnessTolerance
from upright.insight.early.selectors import TRAIN_TASK
from upright.insight.early.sources import category_group_of, record_frames
from upright.insight.early.tests.synthetic import frames
from upright.people.models import OrgUnit, Person
from upright.people.tests.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def _at(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, 12, tzinfo=UTC)


def _seed(ref: str, subject: Person, at: dt.datetime, route: str, steps: list[dt.datetime],
          allegations: list[tuple[str, str]]) -> Matter:
    matters_seed_bulk(seeds=[MatterSeed(
        reference=ref, kind="complaint", came_to_attention_at=at, summary="s", route=route,
        step_times=steps, allegations=[AllegationSeed(subject_id=subject.id, standard=s,
                                                      category_code=c) for s, c in allegations])])
    return Matter.objects.get(reference=ref)


def _steps(start: dt.datetime, n: int) -> list[dt.datetime]:
    return [start + dt.timedelta(days=10 * (i + 1)) for i in range(n)]


def _outcome(matter: Matter, subject: Person, findings: list[str], *, concluded: dt.date,
             superseded: bool = False) -> None:
    outcome = Outcome.objects.create(matter=matter, subject=subject, forum="meeting",
                                     finding=findings[0], disciplinary_action="no_action",
                                     concluded_on=concluded, superseded=superseded)
    for allegation, finding in zip(matter.allegations.order_by("id"), findings, strict=True):
        AllegationFinding.objects.create(outcome=outcome, allegation=allegation, finding=finding)


def test_category_groups_map_standard_first_then_iopc_letter():
    assert category_group_of(standard="use_of_force", letter="B") == "force"
    assert category_group_of(standard="orders_instructions", letter="B") == "search_arrest"
    assert category_group_of(standard="equality_diversity", letter="K") == "discrimination_verbal"
    assert category_group_of(standard="discreditable_conduct", letter="H") == "discrimination_verbal"
    assert category_group_of(standard="duties_responsibilities", letter="A") == "conduct_duty"
    assert category_group_of(standard="honesty_integrity", letter="J") == "conduct_duty"
    assert category_group_of(standard="discreditable_conduct", letter="L") == "other"
    assert category_group_of(standard="discreditable_conduct", letter=None) == "other"


def test_frames_from_records_follow_the_recorded_findings_only():
    unit = cast(OrgUnit, OrgUnitFactory())
    a = cast(Person, PersonFactory(org_unit=unit, rank_or_grade="PS", sex="female",
                                   ethnicity="black_african", start_date=dt.date(2010, 1, 1)))
    b = cast(Person, PersonFactory(org_unit=None, rank_or_grade="", ethnicity="not_stated",
                                   start_date=dt.date(2012, 6, 1), end_date=dt.date(2020, 1, 1)))
    # m1: a meeting; finding misconduct on a1 (use of force), not misconduct on a2.
    m1 = _seed("T-1", a, _at(2016, 3, 1), "meeting", _steps(_at(2016, 3, 1), 16),
               [("use_of_force", "B1"), ("authority_respect_courtesy", "G1")])
    _outcome(m1, a, ["misconduct", "not_misconduct"], concluded=dt.date(2016, 9, 1))
    # m2: investigated, closed with an outcome, but no finding recorded: not sustained (a
    # route is not a finding).
    m2_steps = _steps(_at(2017, 5, 1), 9)
    _seed("T-2", b, _at(2017, 5, 1), "investigation_rprp", m2_steps,
          [("discreditable_conduct", "H2")])
    # m3: handled otherwise (closed with outcome, never investigated): not sustained.
    m3_steps = _steps(_at(2018, 1, 10), 2)
    _seed("T-3", a, _at(2018, 1, 10), "handled_otherwise", m3_steps,
          [("duties_responsibilities", "A1")])
    # m4: still open (two of the route's steps taken).
    _seed("T-4", b, _at(2019, 2, 1), "no_case_to_answer", _steps(_at(2019, 2, 1), 2),
          [("discreditable_conduct", "L1")])
    # m5: gross misconduct on an outcome superseded on appeal; the current one is not proven.
    m5 = _seed("T-5", a, _at(2019, 6, 1), "hearing", _steps(_at(2019, 6, 1), 17),
               [("honesty_integrity", "J3")])
    _outcome(m5, a, ["gross_misconduct"], concluded=dt.date(2019, 12, 1), superseded=True)
    _outcome(m5, a, ["not_misconduct"], concluded=dt.date(2020, 3, 1))
    PersonFactory(ethnicity="white_irish")  # no allegations: still in the population

    got = record_frames()

    assert got.sustained_from_findings == 1
    ev = got.events
    rows = [(r.person_id, r.at, r.kind, r.category, bool(r.sustained),
             None if pd.isna(r.finding_at) else r.finding_at) for r in ev.itertuples()]
    ts = pd.Timestamp
    assert rows == [
        (a.id, ts("2016-03-01 12:00"), "complaint", "force", True, ts("2016-09-01")),
        (a.id, ts("2016-03-01 12:00"), "complaint", "discrimination_verbal", False,
         ts("2016-09-01")),
        (b.id, ts("2017-05-01 12:00"), "complaint", "discrimination_verbal", False,
         ts(m2_steps[-1].replace(tzinfo=None))),
        (a.id, ts("2018-01-10 12:00"), "complaint", "conduct_duty", False,
         ts(m3_steps[-1].replace(tzinfo=None))),
        (b.id, ts("2019-02-01 12:00"), "complaint", "other", False, None),
        (a.id, ts("2019-06-01 12:00"), "complaint", "conduct_duty", False, ts("2020-03-01")),
    ]
    people = got.people.set_index("person_id")
    assert people.loc[a.id, ["unit", "role", "ethnic_group", "sex"]].tolist() == [
        str(unit.id), "PS", "black", "female"]
    assert pd.isna(people.loc[a.id, "end"])
    assert people.loc[b.id, "end"] == ts("2020-01-01")
    assert pd.isna(people.loc[b.id, "unit"])
    assert pd.isna(people.loc[b.id, "role"])
    assert people.loc[b.id, "ethnic_group"] == "not_stated"
    assert len(people) == 3


def _records_from_synthetic(n: int = 240) -> tuple[list[int], pd.DataFrame, pd.DataFrame]:
    """The synthetic history of test_services written as Upright records: each sustained
    event a matter investigated and closed with an outcome recording a misconduct finding on
    its finding day, each other event a matter closed with no case to answer. Returns ids and
    the frames it came from."""
    units = [cast(OrgUnit, OrgUnitFactory()) for _ in range(2)]
    ids = [cast(Person, PersonFactory(start_date=dt.date(2000, 1, 1), org_unit=units[i % 2]))
           .id for i in range(n)]
    people, events = frames(ids, ["black"] * (n // 2) + ["white"] * (n - n // 2),
                            sustained_rate={"black": 0.1, "white": 0.1})
    seeds = []
    for i, e in enumerate(events.itertuples()):
        route = "investigation_rprp" if e.sustained else "no_case_to_answer"
        at = e.at.to_pydatetime().replace(tzinfo=UTC)
        end = e.finding_at.to_pydatetime().replace(tzinfo=UTC)
        n_steps = 9 if e.sustained else 8
        steps = [at + (end - at) * (k + 1) / n_steps for k in range(n_steps)]
        code, standard = ("A1", "duties_responsibilities") if e.category == "conduct_duty" else (
            "L1", "discreditable_conduct")
        seeds.append(MatterSeed(reference=f"S-{i}", kind="complaint", came_to_attention_at=at,
                                summary="s", route=route, step_times=steps,
                                allegations=[AllegationSeed(subject_id=int(e.person_id),
                                                            standard=standard,
                                                            category_code=code)]))
    matters_seed_bulk(seeds=seeds)
    sustained = {f"S-{i}": e for i, e in enumerate(events.itertuples()) if e.sustained}
    for allegation in Allegation.objects.filter(matter__reference__in=list(sustained)).select_related(
            "matter"):
        e = sustained[allegation.matter.reference]
        outcome = Outcome.objects.create(
            matter=allegation.matter, subject_id=allegation.subject_id, forum="meeting",
            finding="misconduct", disciplinary_action="written_warning",
            concluded_on=e.finding_at.date())
        AllegationFinding.objects.create(outcome=outcome, allegation=allegation,
                                         finding="misconduct")
    return ids, people, events


def test_training_on_records_matches_training_on_the_same_frames(make_user):
    ids, people, events = _records_from_synthetic()
    FairnessTolerance.objects.create(code="default", max_fpr_ratio=50, max_fnr_ratio=50,
                                     min_group_size=50)
    analyst = make_user(Role.ANALYST)
    cutoff = dt.date(2019, 1, 1)
    with pytest.raises(ActionForbidden):
        services.earlymodel_train_from_records(actor=make_user(Role.APPROPRIATE_AUTHORITY),
                                               cutoff=cutoff)
    with pytest.raises(ValidationFailed) as bad:
        services.earlymodel_train_from_records(actor=analyst, cutoff=cutoff,
                                               params={"C": "big", "depth": 3, "train_years": 0})
    assert set(bad.value.extra["fields"]) == {"C", "depth", "train_years"}
    assert not EarlyModel.objects.exists()

    from_records = services.earlymodel_train_from_records(actor=analyst, cutoff=cutoff)
    from_frames = services.earlymodel_train(actor=analyst, people=people, events=events,
                                            cutoff=cutoff)

    src = from_records.params["source"]
    assert src["people"] == 240
    assert src["events"] == len(events) == Allegation.objects.count()
    assert src["sustained_from_findings"] == int(events["sustained"].sum())
    assert from_records.metrics["test_year"] == 2018
    for name, coefficient in from_frames.params["coefficients"].items():
        assert from_records.params["coefficients"][name] == pytest.approx(coefficient, abs=1e-4)
    for key in ("population", "positives", "top_n", "model_top_k", "ranking_2y_top_k",
                "threshold_rule"):
        assert from_records.metrics[key] == from_frames.metrics[key]
    assert EarlyScore.objects.filter(model=from_records).count() == 240
    assert from_records.trained_by == analyst


def test_future_cutoff_and_empty_records_are_refused(make_user):
    analyst = make_user(Role.ANALYST)
    with pytest.raises(ValidationFailed) as future:
        services.earlymodel_train_from_records(actor=analyst, cutoff=dt.date(2999, 1, 1))
    assert set(future.value.extra["fields"]) == {"cutoff"}
    with pytest.raises(ValidationFailed, match="no people or allegations"):
        services.earlymodel_train_from_records(actor=analyst, cutoff=dt.date(2019, 1, 1))
    assert not EarlyModel.objects.exists()


def test_command_trains_as_the_system_and_names_bad_input():
    _records_from_synthetic()
    FairnessTolerance.objects.create(code="default", max_fpr_ratio=50, max_fnr_ratio=50,
                                     min_group_size=50)
    with pytest.raises(CommandError, match="not a date"):
        call_command("insight_train_early", "--cutoff", "2019-13-01")
    with pytest.raises(CommandError, match="cutoff: The cutoff cannot be in the future"):
        call_command("insight_train_early", "--cutoff", "2999-01-01")
    call_command("insight_train_early", "--cutoff", "2019-01-01")
    em = EarlyModel.objects.get()
    assert (em.version, em.cutoff, em.trained_by, em.active) == (1, dt.date(2019, 1, 1), None, False)
    assert AuditEvent.objects.filter(action="insight.early_model.trained", actor=None).count() == 1
    call_command("insight_train_early", "--cutoff", "2019-01-01", "--if-none")
    assert EarlyModel.objects.count() == 1  # a version exists: --if-none trains nothing


def test_train_button_queues_the_job_as_the_user(make_user, client,
                                                django_capture_on_commit_callbacks):
    _records_from_synthetic()
    FairnessTolerance.objects.create(code="default", max_fpr_ratio=50, max_fnr_ratio=50,
                                     min_group_size=50)
    aa = make_user(Role.APPROPRIATE_AUTHORITY)
    client.force_login(aa)
    assert client.post("/staff/insight/early/train/", {"cutoff": "2019-01-01"}).status_code == 403
    assert not AuditEvent.objects.filter(action="insight.early_model.train_queued").exists()
    analyst = make_user(Role.ANALYST)
    client.force_login(analyst)
    page = client.get("/staff/insight/early/")
    assert b"Train a new version" in page.content
    bad = client.post("/staff/insight/early/train/", {"cutoff": "01/01/2019"}, follow=True)
    assert b"cutoff: &#x27;01/01/2019&#x27; is not a date" in bad.content
    assert not EarlyModel.objects.exists()
    # Queued after commit; the test settings then run the task immediately.
    with django_capture_on_commit_callbacks(execute=True) as queued_jobs:
        done = client.post("/staff/insight/early/train/", {"cutoff": "2019-01-01"}, follow=True)
    assert len(queued_jobs) == 1
    assert b"Training queued" in done.content
    em = EarlyModel.objects.get()
    assert (em.cutoff, em.trained_by) == (dt.date(2019, 1, 1), analyst)
    queued = AuditEvent.objects.get(action="insight.early_model.train_queued")
    assert queued.actor == analyst
    assert queued.extra["cutoff"] == "2019-01-01"


def test_train_api_queues_and_validates(api_as):
    api = api_as(Role.ANALYST)
    bad = api.post("/api/v1/insight/early/models/train/", {"cutoff": "2999-01-01"}, format="json")
    assert bad.status_code == 400
    assert "cutoff" in bad.json()["extra"]["fields"]
    refused = api_as(Role.APPROPRIATE_AUTHORITY).post("/api/v1/insight/early/models/train/", {},
                                                      format="json")
    assert refused.status_code == 403
    assert not AuditEvent.objects.filter(action="insight.early_model.train_queued").exists()


def test_page_shows_recent_training_jobs_and_why_one_failed(make_user, client):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    def job(status: str, minutes: int, **kw: object) -> None:
        DBTaskResult.objects.create(
            status=status, args_kwargs={"args": [], "kwargs": {}}, task_path=TRAIN_TASK,
            queue_name="default", backend_name="default",
            run_after=timezone.now() - dt.timedelta(minutes=minutes), **kw)

    job("SUCCESSFUL", 30, return_value={"model_id": 1, "version": 4, "passed": True})
    job("FAILED", 20, exception_class_path="upright.core.exceptions.ValidationFailed",
        traceback="Traceback (most recent call last):\n  ...\nupright.core.exceptions."
                  "ValidationFailed: The training years hold no sustained outcomes to learn from.\n")
    job("READY", 1)
    DBTaskResult.objects.create(status="READY", args_kwargs={}, task_path="other.task",
                                queue_name="default", backend_name="default",
                                run_after=timezone.now())
    client.force_login(make_user(Role.ANALYST))
    page = client.get("/staff/insight/early/").content.decode()
    assert page.count("<td>Waiting for the worker</td>") == 1  # the other task is not listed
    assert "<td>Version v4</td>" in page
    assert "no sustained outcomes to learn from." in page
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY))
    assert "Recent training jobs" not in client.get("/staff/insight/early/").content.decode()
