"""Screening runs as background jobs: queued, running (with progress and a heartbeat), then
done or failed. An interrupted or failed run can be resumed.

    screening_run_enqueue   a person or the command line: queued; the job is enqueued after commit
    screening_run_start     the worker: running; the input checksums are recorded (or, on a
                            resumed attempt, must match the ones recorded)
    screening_run_progress  progress and a sign of life; screening_run_heartbeat a sign of life
    screening_run_finish / screening_run_fail
    screening_run_resume    queued again as the next attempt, once the inputs are checked

Each attempt is numbered (`attempts`). The job carries its attempt number, so a job that was
superseded by a resume can neither start nor finish the run.
"""

import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import Conflict, NotFound, TransitionNotAllowed, ValidationFailed
from upright.screening import audit_events as events
from upright.screening.linkage.run import DEFAULT_REVIEW_WEIGHT, DEFAULT_THRESHOLD_WEIGHT
from upright.screening.models import WORKFORCE_PEOPLE, RunStatus, ScreeningRun
from upright.screening.permissions import RUN, screening_perm_require
from upright.screening.pipeline import index_checksums, workforce_checksum
from upright.screening.selectors import (
    screening_extract_tables_missing,
    screening_index_folders,
    screening_run_resume_refusal,
)
from upright.screening.tasks import screening_run_job

# Parameters a person may set from the web or the API; the command line may set any of
# screen_run's keyword arguments.
PERSON_PARAMETERS = ("threshold_weight", "review_weight")


class InputsChanged(Conflict):
    """The extract, HR file or model file on disk is no longer the one the run started with."""


@dataclass(frozen=True)
class RunInputs:
    """Checksums of what a run reads, as found on disk now."""

    index: dict[str, str]  # extract file name -> SHA-256
    workforce: str  # SHA-256 of the HR file, or of the people app's rows
    model: str  # SHA-256 of the model file; "" when the model is trained on the run


def screening_run_create(*, actor: Any, index_folder: str, parameters: dict[str, Any] | None = None,
                         workforce_source: str = WORKFORCE_PEOPLE, out_dir: str = "") -> ScreeningRun:
    """Record a queued run over the index extract in `index_folder` (no job is enqueued: the
    caller works it, as `upright screen run` does). `actor` None is the system."""
    if not index_folder.strip():
        raise ValidationFailed("Some fields are not valid.", {"fields": {
            "index_folder": "The index folder is required."}})
    with transaction.atomic():
        run = ScreeningRun.objects.create(index_folder=index_folder.strip()[:500],
                                          workforce_source=workforce_source[:500],
                                          out_dir=out_dir[:500], parameters=parameters or {},
                                          started_by=actor if actor is not None else None)
        audit_record(action=events.RUN_CREATED, actor=actor, target=run,
                     extra={"new": {"index_folder": run.index_folder,
                                    "workforce_source": run.workforce_source,
                                    "out_dir": run.out_dir, "parameters": run.parameters}})
    return run


def screening_run_enqueue(*, actor: Any, index_folder: str | Path,
                          workforce: str | Path = WORKFORCE_PEOPLE, out_dir: Path | None = None,
                          parameters: dict[str, Any] | None = None) -> ScreeningRun:
    """Queue a run for `upright worker`, storing all it needs to be worked (and reproduced):
    the folder, the workforce, the out dir and the parameters.

    A person (`actor` a user with the screening run permission) names one of the extract
    folders under UPRIGHT_SCREENING_INDEX_ROOT, screens the workforce in Upright, may set only
    the weights, and the run writes under UPRIGHT_SCREENING_OUT_ROOT. The command line
    (`actor` None) may name any folder, HR file, out dir and screen_run parameter."""
    if actor is not None:
        screening_perm_require(user=actor, perm=RUN)
    errors: dict[str, str] = {}
    try:
        folder, source = _enqueue_inputs(actor=actor, index_folder=index_folder,
                                         workforce=workforce, out_dir=out_dir)
    except ValidationFailed as exc:
        errors.update(exc.extra["fields"])
    try:
        encoded = parameters_encode(parameters or {}, person=actor is not None)
    except ValidationFailed as exc:
        errors.update(exc.extra["fields"])
    if errors:
        raise ValidationFailed("Some fields are not valid.", {"fields": errors})
    with transaction.atomic():
        run = screening_run_create(actor=actor, index_folder=str(folder), parameters=encoded,
                                   workforce_source=source,
                                   out_dir=str(out_dir.resolve()) if out_dir is not None else "")
        if out_dir is None:
            run.out_dir = str(Path(settings.UPRIGHT_SCREENING_OUT_ROOT) / f"run-{run.pk}")
            run.save(update_fields=["out_dir", "updated_at"])
        transaction.on_commit(partial(_job_enqueue, run_id=run.pk, attempt=run.attempts))
    return run


def _enqueue_inputs(*, actor: Any, index_folder: str | Path, workforce: str | Path,
                    out_dir: Path | None) -> tuple[Path, str]:
    errors: dict[str, str] = {}
    if actor is not None:
        names = screening_index_folders()
        if str(index_folder) not in names:
            errors["index_folder"] = (
                f"Choose one of the extract folders under {settings.UPRIGHT_SCREENING_INDEX_ROOT}"
                f": {', '.join(names) or 'there are none yet'}.")
        folder = Path(settings.UPRIGHT_SCREENING_INDEX_ROOT).resolve() / str(index_folder)
        if str(workforce) != WORKFORCE_PEOPLE:
            errors["workforce"] = ("Only the workforce in Upright can be screened from here; "
                                   "screen an HR file with `upright screen run --workforce`.")
        if out_dir is not None:
            errors["out_dir"] = "Runs started here write under the server's runs folder."
    else:
        folder = Path(index_folder).resolve()
        problem = _extract_folder_problem(folder)
        if problem:
            errors["index_folder"] = problem
        if str(workforce) != WORKFORCE_PEOPLE and not Path(workforce).is_file():
            errors["workforce"] = f"There is no HR file at {workforce}."
    if errors:
        raise ValidationFailed("Some fields are not valid.", {"fields": errors})
    source = WORKFORCE_PEOPLE if str(workforce) == WORKFORCE_PEOPLE else str(Path(workforce).resolve())
    return folder, source


def _extract_folder_problem(folder: Path) -> str | None:
    if not folder.is_dir():
        return f"There is no folder at {folder}."
    missing = screening_extract_tables_missing(folder=folder)
    if missing:
        return (f"{folder} is not an extract: it has no {', '.join(missing)} file "
                "(.parquet or .csv; see docs/screening-formats.md).")
    return None


def parameters_encode(parameters: dict[str, Any], *, person: bool = False) -> dict[str, Any]:
    """screen_run keyword arguments as JSON for the run row (paths as strings), checked.
    `person`: only the weights may be set."""
    errors: dict[str, str] = {}
    encoded: dict[str, Any] = {}
    for name, value in parameters.items():
        if person and name not in PERSON_PARAMETERS:
            errors[name] = "This parameter can only be set from the command line."
        elif name in ("threshold_weight", "review_weight") and value is not None:
            try:
                encoded[name] = float(value)
            except (TypeError, ValueError):
                errors[name] = "Must be a number."
        elif isinstance(value, Path):
            encoded[name] = str(value.resolve())
        elif value is None or isinstance(value, str | int | float | bool):
            encoded[name] = value
        else:
            encoded[name] = str(value)
    threshold = encoded.get("threshold_weight")
    review = encoded.get("review_weight")
    if not errors and (DEFAULT_REVIEW_WEIGHT if review is None else review) > (
            DEFAULT_THRESHOLD_WEIGHT if threshold is None else threshold):
        errors["review_weight"] = "The review weight must not exceed the threshold weight."
    if errors:
        raise ValidationFailed("Some parameters are not valid.", {"fields": errors})
    return encoded


def parameters_decode(parameters: dict[str, Any]) -> dict[str, Any]:
    """The run row's parameters as screen_run keyword arguments (`*_path` back to Paths)."""
    return {name: Path(value) if name.endswith("_path") and value else value
            for name, value in parameters.items()}


def _job_enqueue(*, run_id: int, attempt: int) -> None:
    # After commit (never inside the transaction that queued the run). With the immediate
    # backend the job runs here and now, before this returns.
    result = screening_run_job.enqueue(run_id=run_id, attempt=attempt)
    ScreeningRun.objects.filter(id=run_id, attempts=attempt).update(task_id=str(result.id)[:64])


def screening_run_inputs_read(*, run: ScreeningRun) -> RunInputs:
    """Checksum what `run` reads, as it is on disk now (this reads every input file, so keep
    it out of transactions)."""
    model_path = run.parameters.get("model_path")
    source: Any = (WORKFORCE_PEOPLE if run.workforce_source == WORKFORCE_PEOPLE
                   else Path(run.workforce_source))
    return RunInputs(
        index=index_checksums(Path(run.index_folder)),
        workforce=workforce_checksum(source=source) if source == WORKFORCE_PEOPLE or source.is_file() else "",
        model=_file_sha256(Path(model_path)) if model_path and Path(model_path).is_file() else "",
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _inputs_compare(*, run: ScreeningRun, inputs: RunInputs) -> None:
    """Raise InputsChanged when `inputs` are not the ones `run` started with. Nothing is
    compared for a run that never started; the people app's workforce changes every day and
    is recorded anew (a changed workforce only means an earlier attempt's outputs are not reused)."""
    if not run.input_checksums:
        return
    recorded: dict[str, str] = run.input_checksums
    changed = sorted(n for n in recorded if n in inputs.index and inputs.index[n] != recorded[n])
    missing = sorted(n for n in recorded if n not in inputs.index)
    added = sorted(n for n in inputs.index if n not in recorded)
    details = [f"{label}: {', '.join(names)}" for label, names in
               (("changed", changed), ("missing", missing), ("new", added)) if names]
    if run.workforce_source != WORKFORCE_PEOPLE and run.workforce_checksum and (
            inputs.workforce != run.workforce_checksum):
        details.append(f"the HR file {run.workforce_source} is "
                       + ("missing" if not inputs.workforce else "changed"))
    if run.parameters.get("model_path") and run.model_checksum and inputs.model != run.model_checksum:
        details.append(f"the model file {run.parameters['model_path']} is "
                       + ("missing" if not inputs.model else "changed"))
    if details:
        raise InputsChanged(
            f"Run {run.pk} cannot go on: its inputs are no longer the ones it started with "
            f"({'; '.join(details)}). Put the original files back in {run.index_folder} to "
            "resume it, or start a new run for the new extract.",
            {"index_folder": run.index_folder, "changed": changed, "missing": missing,
             "added": added})


def _lock(run_id: Any) -> ScreeningRun:
    run = (ScreeningRun.objects.select_for_update().filter(id=run_id).first()
           if isinstance(run_id, int) else None)
    if run is None:
        raise NotFound("No such screening run.")
    return run


def _refuse(run: ScreeningRun, verb: str) -> TransitionNotAllowed:
    return TransitionNotAllowed(f"A {run.status} run cannot be {verb}.",
                                {"status": run.status, "allowed_actions": []})


def _check_attempt(run: ScreeningRun, attempt: int | None) -> None:
    if attempt is not None and run.attempts != attempt:
        raise TransitionNotAllowed(
            f"This job was for attempt {attempt} of run {run.pk}, which has been queued again "
            f"since (attempt {run.attempts}).", {"status": run.status, "allowed_actions": []})


def screening_run_start(*, run_id: int, input_checksums: dict[str, str], model_checksum: str = "",
                        workforce_checksum: str = "", attempt: int | None = None) -> ScreeningRun:
    """The worker takes a queued run. A resumed run must read the very inputs it started with
    (InputsChanged otherwise). `attempt`: the job's attempt number, when it has one."""
    with transaction.atomic():
        run = _lock(run_id)
        if run.status != RunStatus.QUEUED:
            raise _refuse(run, "started")
        _check_attempt(run, attempt)
        _inputs_compare(run=run, inputs=RunInputs(index=input_checksums, workforce=workforce_checksum,
                                                  model=model_checksum))
        now = timezone_now()
        run.status, run.started_at, run.heartbeat_at, run.progress = RunStatus.RUNNING, now, now, 0
        run.input_checksums, run.workforce_checksum = input_checksums, workforce_checksum[:64]
        run.model_checksum = model_checksum[:64] or run.model_checksum
        run.save(update_fields=["status", "started_at", "heartbeat_at", "progress",
                                "input_checksums", "workforce_checksum", "model_checksum",
                                "updated_at"])
        audit_record(action=events.RUN_STARTED, actor=None, target=run,
                     extra={"new": {"input_checksums": input_checksums,
                                    "workforce_checksum": run.workforce_checksum,
                                    "model_checksum": run.model_checksum,
                                    "attempt": run.attempts}})
    return run


def screening_run_progress(*, run_id: int, progress: int, attempt: int | None = None) -> None:
    """Progress is reported often, so it is not audited; it never goes backwards. It is also
    a heartbeat."""
    value = max(0, min(100, int(progress)))
    running = ScreeningRun.objects.filter(id=run_id, status=RunStatus.RUNNING)
    if attempt is not None:
        running = running.filter(attempts=attempt)
    now = timezone_now()
    running.filter(progress__lt=value).update(progress=value, heartbeat_at=now, updated_at=now)
    running.filter(progress__gte=value).update(heartbeat_at=now)


def screening_run_heartbeat(*, run_id: int, attempt: int) -> bool:
    """The worker on `attempt` is alive. False once the run is no longer that attempt's."""
    return bool(ScreeningRun.objects.filter(id=run_id, attempts=attempt, status=RunStatus.RUNNING)
                .update(heartbeat_at=timezone_now()))


def screening_run_finish(*, run_id: int, counts: dict[str, int], model_checksum: str | None = None,
                         attempt: int | None = None, reused_outputs: bool = False) -> ScreeningRun:
    """`reused_outputs`: the hits are the complete outputs of an earlier attempt."""
    with transaction.atomic():
        run = _lock(run_id)
        if run.status != RunStatus.RUNNING:
            raise _refuse(run, "finished")
        _check_attempt(run, attempt)
        run.status, run.finished_at, run.progress = RunStatus.DONE, timezone_now(), 100
        run.counts = {**run.counts, **counts}
        fields = ["status", "finished_at", "progress", "counts", "updated_at"]
        if model_checksum is not None:
            run.model_checksum = model_checksum[:64]
            fields.append("model_checksum")
        run.save(update_fields=fields)
        extra: dict[str, Any] = {"counts": run.counts}
        if reused_outputs:
            extra["reused_outputs"] = True
        audit_record(action=events.RUN_FINISHED, actor=None, target=run, extra={"new": extra})
    return run


def screening_run_fail(*, run_id: int, error: str, attempt: int | None = None) -> ScreeningRun:
    with transaction.atomic():
        run = _lock(run_id)
        if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            raise _refuse(run, "failed")
        _check_attempt(run, attempt)
        run.status, run.finished_at, run.error = RunStatus.FAILED, timezone_now(), error[:10000]
        run.save(update_fields=["status", "finished_at", "error", "updated_at"])
        audit_record(action=events.RUN_FAILED, actor=None, target=run,
                     extra={"new": {"error": run.error[:500], "attempt": run.attempts}})
    return run


def screening_run_resume(*, actor: Any, run_id: int) -> ScreeningRun:
    """Queue a failed or interrupted run again, as its next attempt, with the folder,
    workforce, out dir and parameters it was started with. Refused (InputsChanged, with what
    changed) when the extract, HR file or model file is no longer the one it started with.
    The worker reuses the attempt's complete outputs where they are for these very inputs."""
    if actor is not None:
        screening_perm_require(user=actor, perm=RUN)
    run = (ScreeningRun.objects.filter(id=run_id).first() if isinstance(run_id, int) else None)
    if run is None:
        raise NotFound("No such screening run.")
    _resumable_or_refuse(run)
    # Checksums read every input file: outside the transaction, then checked again under the lock.
    inputs = screening_run_inputs_read(run=run)
    _inputs_compare(run=run, inputs=inputs)
    with transaction.atomic():
        run = _lock(run_id)
        _resumable_or_refuse(run)
        _inputs_compare(run=run, inputs=inputs)
        old = {"status": run.status, "attempt": run.attempts, "progress": run.progress,
               "error": run.error[:500]}
        run.status, run.attempts, run.progress = RunStatus.QUEUED, run.attempts + 1, 0
        run.error, run.finished_at, run.heartbeat_at, run.task_id = "", None, None, ""
        run.save(update_fields=["status", "attempts", "progress", "error", "finished_at",
                                "heartbeat_at", "task_id", "updated_at"])
        audit_record(action=events.RUN_RESUMED, actor=actor, target=run,
                     extra={"old": old, "new": {"status": run.status, "attempt": run.attempts}})
        transaction.on_commit(partial(_job_enqueue, run_id=run.pk, attempt=run.attempts))
    return run


def _resumable_or_refuse(run: ScreeningRun) -> None:
    refusal = screening_run_resume_refusal(run=run)
    if refusal is not None:
        raise TransitionNotAllowed(refusal, {"status": run.status, "allowed_actions": []})
