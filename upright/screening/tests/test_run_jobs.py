"""Screening runs as background jobs: enqueue, the worker, progress, failure and resume."""

import datetime as dt
import io
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.clock import timezone_now
from upright.core.exceptions import ActionForbidden, TransitionNotAllowed, ValidationFailed
from upright.people.models import Person
from upright.screening.models import Hit, RunStatus, ScreeningRun
from upright.screening.pipeline import screen_run
from upright.screening.selectors import screening_run_resume_refusal
from upright.screening.services import (
    InputsChanged,
    screening_run_enqueue,
    screening_run_resume,
    screening_run_start,
)
from upright.screening.services.execute import _heartbeat, screening_run_execute
from upright.screening.services.runs import screening_run_inputs_read

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                              "QUEUES": ["default", "screening"]}}


def _enqueue(index_root: Path, sample: Any, tmp_path: Path, **parameters: Any) -> ScreeningRun:
    """A run queued from the command line (the system), with the sample's trained model."""
    return screening_run_enqueue(actor=None, index_folder=index_root / "nov",
                                 out_dir=tmp_path / "out",
                                 parameters={"model_path": sample.model, "threads": 1,
                                             **parameters})


def _actions(run: ScreeningRun) -> list[str]:
    return list(AuditEvent.objects.filter(object_type="screening.screeningrun",
                                          object_id=str(run.pk))
                .order_by("seq").values_list("action", flat=True))


def _known_hits(out: Path) -> int:
    staff = set(Person.objects.values_list("staff_number", flat=True))
    return sum(1 for row in pq.read_table(out / "hits.parquet").to_pylist()
               if row["employee_id"] in staff)


@pytest.mark.django_db
def test_enqueued_run_is_worked_by_the_database_worker(
        settings: Any, index_root: Path, screening_sample: Any, workforce: None,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    # The worker recycles stale database connections between jobs; here its connection is the
    # test's own, inside the test's transaction (which the audit log's append-only triggers
    # need: a transactional test could not be cleaned up), so it must keep it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with django_capture_on_commit_callbacks(execute=True):
        run = _enqueue(index_root, screening_sample, tmp_path, threshold_weight=18)

    queued = ScreeningRun.objects.get(pk=run.pk)
    [job] = DBTaskResult.objects.all()
    assert (queued.status, queued.progress, queued.task_id) == ("queued", 0, str(job.id))
    assert (job.status, job.queue_name, job.args_kwargs["kwargs"]) == (
        "READY", "screening", {"run_id": run.pk, "attempt": 1})
    assert queued.index_folder == str((index_root / "nov").resolve())
    assert (queued.workforce_source, queued.out_dir) == ("people", str((tmp_path / "out").resolve()))
    assert queued.parameters == {"model_path": str(screening_sample.model.resolve()),
                                 "threads": 1, "threshold_weight": 18.0}

    stdout = io.StringIO()
    call_command("worker", "--batch", "--no-startup-delay", stdout=stdout)

    done = ScreeningRun.objects.get(pk=run.pk)
    job.refresh_from_db()
    assert (done.status, done.progress, done.error) == ("done", 100, "")
    assert (job.status, job.return_value) == ("SUCCESSFUL", {
        "run_id": run.pk, "status": "done", "counts": done.counts, "reused_outputs": False})
    assert set(done.input_checksums) == {"persons.parquet", "phones.parquet", "vehicles.parquet",
                                         "addresses.parquet", "events.parquet", "links.parquet"}
    assert len(done.model_checksum) == len(done.workforce_checksum) == 64
    new = Hit.objects.filter(run=done).count()
    assert new == done.counts["new"] == done.counts["hits_new"] == _known_hits(tmp_path / "out")
    assert new > 0
    assert done.counts["unknown_employee"] == 0
    assert _actions(done) == ["screening.run.created", "screening.run.started",
                              "screening.hits.imported", "screening.run.finished"]


@pytest.mark.django_db
def test_progress_is_written_to_the_run_while_it_works(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        run = _enqueue(index_root, screening_sample, tmp_path)
    seen: list[tuple[str, int]] = []

    def watch(stage: str, _fraction: float) -> None:
        seen.append((stage, ScreeningRun.objects.get(pk=run.pk).progress))

    screening_run_execute(run_id=run.pk, progress=watch)

    assert seen == [("load", 0), ("link", 22), ("associations", 54), ("write", 72),
                    ("done", 90)]
    assert ScreeningRun.objects.get(pk=run.pk).progress == 100


@pytest.mark.django_db
def test_a_refused_extract_fails_the_run_with_its_problems(
        index_root: Path, screening_sample: Any, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    (index_root / "nov" / "persons.parquet").unlink()
    (index_root / "nov" / "persons.csv").write_text(
        "record_id,forenames,surname,dob,sex,postcode,address\nR1,John,Smith,1980-02-30,M,,\n",
        encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        run = _enqueue(index_root, screening_sample, tmp_path)

    failed = ScreeningRun.objects.get(pk=run.pk)
    assert failed.status == "failed"
    assert failed.error.startswith("The extract was refused: ")
    assert "persons.csv, line 2, dob: '1980-02-30' is not a date" in failed.error
    assert _actions(failed) == ["screening.run.created", "screening.run.started",
                                "screening.run.failed"]
    assert screening_run_resume_refusal(run=failed) is None


@pytest.mark.django_db
def test_a_crash_fails_the_run_with_the_error(
        index_root: Path, screening_sample: Any, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    (tmp_path / "out").write_text("a file where the output folder should be", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        run = _enqueue(index_root, screening_sample, tmp_path)

    failed = ScreeningRun.objects.get(pk=run.pk)
    assert failed.status == "failed"
    assert failed.error.startswith("FileExistsError: ")
    assert str((tmp_path / "out").resolve()) in failed.error


@pytest.mark.django_db
def test_a_stopped_worker_leaves_a_failed_run_to_resume(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        run = _enqueue(index_root, screening_sample, tmp_path)

    def ctrl_c(stage: str, _fraction: float) -> None:
        if stage == "link":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        screening_run_execute(run_id=run.pk, progress=ctrl_c)

    stopped = ScreeningRun.objects.get(pk=run.pk)
    assert (stopped.status, stopped.progress) == ("failed", 22)
    assert stopped.error == ("The run was stopped before it finished (its worker was stopped). "
                             "Resume it to go on.")
    assert screening_run_resume_refusal(run=stopped) is None


@pytest.mark.django_db
def test_enqueue_checks_the_folder_and_the_weights(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as refused:
        screening_run_enqueue(actor=None, index_folder=tmp_path, out_dir=tmp_path / "out",
                              parameters={"threshold_weight": 5, "review_weight": 8})
    assert refused.value.extra["fields"] == {
        "index_folder": f"{tmp_path} is not an extract: it has no persons, events, links file "
                        "(.parquet or .csv; see docs/screening-formats.md).",
        "review_weight": "The review weight must not exceed the threshold weight."}
    assert ScreeningRun.objects.count() == AuditEvent.objects.count() == 0


def _interrupted(index_root: Path, sample: Any, tmp_path: Path, capture: Any) -> ScreeningRun:
    """A run whose worker was killed after the pipeline wrote its outputs: still running,
    silent for ten minutes. (Needs the workforce fixture: there is no one to link otherwise.)"""
    with capture(execute=False):
        run = _enqueue(index_root, sample, tmp_path)
    inputs = screening_run_inputs_read(run=run)
    screening_run_start(run_id=run.pk, attempt=1, input_checksums=inputs.index,
                        workforce_checksum=inputs.workforce, model_checksum=inputs.model)
    screen_run(index_dir=index_root / "nov", workforce="people", out_dir=tmp_path / "out",
               model_path=sample.model, threads=1)
    ScreeningRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone_now() - dt.timedelta(minutes=10), progress=72)
    return ScreeningRun.objects.get(pk=run.pk)


@pytest.mark.django_db
def test_an_interrupted_run_resumes_from_its_finished_outputs(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        make_user: Any, django_capture_on_commit_callbacks: Any) -> None:
    run = _interrupted(index_root, screening_sample, tmp_path, django_capture_on_commit_callbacks)
    written = (tmp_path / "out" / "run.json").stat().st_mtime_ns
    analyst = make_user(Role.ANALYST)

    with django_capture_on_commit_callbacks(execute=True):
        screening_run_resume(actor=analyst, run_id=run.pk)

    done = ScreeningRun.objects.get(pk=run.pk)
    assert (done.status, done.progress, done.attempts) == ("done", 100, 2)
    assert (tmp_path / "out" / "run.json").stat().st_mtime_ns == written  # not run again
    assert Hit.objects.filter(run=done).count() == done.counts["new"] == _known_hits(
        tmp_path / "out") > 0
    assert _actions(done) == ["screening.run.created", "screening.run.started",
                              "screening.run.resumed", "screening.run.started",
                              "screening.hits.imported", "screening.run.finished"]
    resumed = AuditEvent.objects.get(action="screening.run.resumed")
    assert resumed.actor_id == analyst.pk
    assert resumed.extra["old"]["status"] == "running"
    finished = AuditEvent.objects.get(action="screening.run.finished")
    assert finished.extra["new"]["reused_outputs"] is True


@pytest.mark.django_db
def test_a_run_interrupted_while_writing_is_run_again(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    run = _interrupted(index_root, screening_sample, tmp_path, django_capture_on_commit_callbacks)
    (tmp_path / "out" / "run.json").unlink()  # killed before the manifest was written

    with django_capture_on_commit_callbacks(execute=True):
        screening_run_resume(actor=None, run_id=run.pk)

    done = ScreeningRun.objects.get(pk=run.pk)
    assert (done.status, done.attempts) == ("done", 2)
    assert (tmp_path / "out" / "run.json").exists()
    assert "reused_outputs" not in AuditEvent.objects.get(
        action="screening.run.finished").extra["new"]
    assert Hit.objects.filter(run=done).count() == _known_hits(tmp_path / "out") > 0


@pytest.mark.django_db
def test_a_failed_run_whose_hits_were_imported_is_not_imported_twice(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = _enqueue(index_root, screening_sample, tmp_path)
    first = Hit.objects.filter(run=run).count()
    # As if the worker had failed after the import: the run is failed, the hits are in.
    ScreeningRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="killed")

    with django_capture_on_commit_callbacks(execute=True):
        screening_run_resume(actor=None, run_id=run.pk)

    done = ScreeningRun.objects.get(pk=run.pk)
    assert (done.status, done.error) == ("done", "")
    assert Hit.objects.count() == first > 0
    assert (done.counts["new"], done.counts["unchanged"]) == (0, first)


@pytest.mark.django_db
def test_resume_is_refused_when_the_extract_changed(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    run = _interrupted(index_root, screening_sample, tmp_path, django_capture_on_commit_callbacks)
    (index_root / "nov" / "links.parquet").write_bytes(b"not the extract it was")
    (index_root / "nov" / "phones.parquet").unlink()
    before = AuditEvent.objects.count()

    with pytest.raises(InputsChanged) as refused:
        screening_run_resume(actor=None, run_id=run.pk)

    assert refused.value.message == (
        f"Run {run.pk} cannot go on: its inputs are no longer the ones it started with "
        "(changed: links.parquet; missing: phones.parquet). Put the original files back in "
        f"{run.index_folder} to resume it, or start a new run for the new extract.")
    assert (refused.value.extra["changed"], refused.value.extra["missing"]) == (
        ["links.parquet"], ["phones.parquet"])
    after = ScreeningRun.objects.get(pk=run.pk)
    assert (after.status, after.attempts) == ("running", 1)
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_a_resumed_run_fails_when_the_extract_changes_before_it_starts(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    run = _interrupted(index_root, screening_sample, tmp_path, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False) as jobs:
        screening_run_resume(actor=None, run_id=run.pk)
    (index_root / "nov" / "links.parquet").write_bytes(b"changed while it waited")

    for job in jobs:
        job()

    failed = ScreeningRun.objects.get(pk=run.pk)
    assert (failed.status, failed.attempts) == ("failed", 2)
    assert "(changed: links.parquet)" in failed.error


@pytest.mark.django_db
def test_a_working_or_finished_run_is_not_resumed(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    run = _interrupted(index_root, screening_sample, tmp_path, django_capture_on_commit_callbacks)
    ScreeningRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone_now())
    with pytest.raises(TransitionNotAllowed, match=(
            rf"Run {run.pk} is running \(its worker was heard from 0 seconds ago\). It can be "
            r"resumed once the worker has been silent for 300 seconds")):
        screening_run_resume(actor=None, run_id=run.pk)
    ScreeningRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE)
    with pytest.raises(TransitionNotAllowed, match="is done: there is nothing to resume"):
        screening_run_resume(actor=None, run_id=run.pk)
    assert not AuditEvent.objects.filter(action="screening.run.resumed").exists()


@pytest.mark.django_db
def test_a_superseded_job_leaves_the_run_alone(
        index_root: Path, screening_sample: Any, workforce: None, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    run = _interrupted(index_root, screening_sample, tmp_path, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        screening_run_resume(actor=None, run_id=run.pk)

    with pytest.raises(TransitionNotAllowed, match="queued again since \\(attempt 2\\)"):
        screening_run_execute(run_id=run.pk, attempt=1)

    after = ScreeningRun.objects.get(pk=run.pk)
    assert (after.status, after.attempts, after.error) == ("queued", 2, "")


@pytest.mark.django_db
def test_a_queued_run_whose_job_was_lost_can_be_resumed(
        settings: Any, index_root: Path, screening_sample: Any, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        run = _enqueue(index_root, screening_sample, tmp_path)
    run.refresh_from_db()
    assert screening_run_resume_refusal(run=run) == (
        f"Run {run.pk} is queued: its job is waiting for a worker (`upright worker` runs the jobs).")

    DBTaskResult.objects.all().delete()

    assert screening_run_resume_refusal(run=run) is None
    with django_capture_on_commit_callbacks(execute=True):
        screening_run_resume(actor=None, run_id=run.pk)
    [job] = DBTaskResult.objects.all()
    assert job.args_kwargs["kwargs"] == {"run_id": run.pk, "attempt": 2}


# The heartbeat thread has a connection of its own, so it sees committed rows only: this test
# commits (and writes no audit event, which the cleanup could not delete).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_heartbeat_is_written_while_the_run_works(settings: Any) -> None:
    settings.UPRIGHT_SCREENING_HEARTBEAT_SECONDS = 0.05
    long_ago = timezone_now() - dt.timedelta(hours=1)
    run = ScreeningRun.objects.create(index_folder="/x", status=RunStatus.RUNNING,
                                      heartbeat_at=long_ago)

    with _heartbeat(run_id=run.pk, attempt=1):
        deadline = time.monotonic() + 10
        while ScreeningRun.objects.get(pk=run.pk).heartbeat_at == long_ago:
            assert time.monotonic() < deadline, "no heartbeat in 10 seconds"
            time.sleep(0.05)

    beat = ScreeningRun.objects.get(pk=run.pk).heartbeat_at
    assert beat is not None
    assert beat > long_ago


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY, Role.VETTING_OFFICER,
                                  Role.ADMIN])
def test_only_an_analyst_starts_or_resumes_a_run(
        role: str, make_user: Any, index_root: Path, settings: Any) -> None:
    user = make_user(role)
    with pytest.raises(ActionForbidden):
        screening_run_enqueue(actor=user, index_folder="nov")
    assert ScreeningRun.objects.count() == 0
    failed = ScreeningRun.objects.create(index_folder=str(index_root / "nov"),
                                         status=RunStatus.FAILED, error="boom")
    with pytest.raises(ActionForbidden):
        screening_run_resume(actor=user, run_id=failed.pk)
    after = ScreeningRun.objects.get(pk=failed.pk)
    assert (after.status, after.attempts, after.error) == ("failed", 1, "boom")
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_person_chooses_among_the_server_extract_folders(
        make_user: Any, index_root: Path, tmp_path: Path, settings: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    analyst = make_user(Role.ANALYST)
    for folder in ("../nov", str(index_root / "nov"), "missing"):
        with pytest.raises(ValidationFailed) as refused:
            screening_run_enqueue(actor=analyst, index_folder=folder)
        assert refused.value.extra["fields"]["index_folder"] == (
            f"Choose one of the extract folders under {index_root}: nov.")
    with pytest.raises(ValidationFailed) as refused:
        screening_run_enqueue(actor=analyst, index_folder="nov", workforce=tmp_path / "hr.csv",
                              parameters={"model_path": "/etc/passwd"})
    assert set(refused.value.extra["fields"]) == {"workforce", "model_path"}

    with django_capture_on_commit_callbacks(execute=True):
        run = screening_run_enqueue(actor=analyst, index_folder="nov",
                                    parameters={"review_weight": 12})

    run.refresh_from_db()
    assert (run.started_by, run.status, run.parameters) == (analyst, "queued",
                                                            {"review_weight": 12.0})
    assert run.out_dir == str(tmp_path / "runs" / f"run-{run.pk}")
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"run_id": run.pk, "attempt": 1}
    created = AuditEvent.objects.get(action="screening.run.created")
    assert (created.actor_id, created.extra["new"]["index_folder"]) == (
        analyst.pk, str((index_root / "nov").resolve()))
