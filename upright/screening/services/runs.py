"""Screening runs: queued, running (with progress), then done or failed."""

from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import NotFound, TransitionNotAllowed, ValidationFailed
from upright.screening import audit_events as events
from upright.screening.models import RunStatus, ScreeningRun


def screening_run_create(*, actor: Any, index_folder: str,
                         parameters: dict[str, Any] | None = None) -> ScreeningRun:
    """Queue a run over the index extract in `index_folder`. `actor` None is the system."""
    if not index_folder.strip():
        raise ValidationFailed("Some fields are not valid.", {"fields": {
            "index_folder": "The index folder is required."}})
    with transaction.atomic():
        run = ScreeningRun.objects.create(index_folder=index_folder.strip()[:500],
                                          parameters=parameters or {},
                                          started_by=actor if actor is not None else None)
        audit_record(action=events.RUN_CREATED, actor=actor, target=run,
                     extra={"new": {"index_folder": run.index_folder}})
    return run


def _lock(run_id: Any) -> ScreeningRun:
    run = (ScreeningRun.objects.select_for_update().filter(id=run_id).first()
           if isinstance(run_id, int) else None)
    if run is None:
        raise NotFound("No such screening run.")
    return run


def _refuse(run: ScreeningRun, verb: str) -> TransitionNotAllowed:
    return TransitionNotAllowed(f"A {run.status} run cannot be {verb}.",
                                {"status": run.status, "allowed_actions": []})


def screening_run_start(*, run_id: int, input_checksums: dict[str, str],
                        model_checksum: str = "") -> ScreeningRun:
    with transaction.atomic():
        run = _lock(run_id)
        if run.status != RunStatus.QUEUED:
            raise _refuse(run, "started")
        run.status, run.started_at, run.progress = RunStatus.RUNNING, timezone_now(), 0
        run.input_checksums, run.model_checksum = input_checksums, model_checksum[:64]
        run.save(update_fields=["status", "started_at", "progress", "input_checksums",
                                "model_checksum", "updated_at"])
        audit_record(action=events.RUN_STARTED, actor=None, target=run,
                     extra={"new": {"input_checksums": input_checksums,
                                    "model_checksum": run.model_checksum}})
    return run


def screening_run_progress(*, run_id: int, progress: int) -> None:
    """Progress is reported often, so it is not audited; it never goes backwards."""
    value = max(0, min(100, int(progress)))
    ScreeningRun.objects.filter(id=run_id, status=RunStatus.RUNNING,
                                progress__lt=value).update(progress=value,
                                                           updated_at=timezone_now())


def screening_run_finish(*, run_id: int, counts: dict[str, int],
                         model_checksum: str | None = None) -> ScreeningRun:
    with transaction.atomic():
        run = _lock(run_id)
        if run.status != RunStatus.RUNNING:
            raise _refuse(run, "finished")
        run.status, run.finished_at, run.progress = RunStatus.DONE, timezone_now(), 100
        run.counts = {**run.counts, **counts}
        fields = ["status", "finished_at", "progress", "counts", "updated_at"]
        if model_checksum is not None:
            run.model_checksum = model_checksum[:64]
            fields.append("model_checksum")
        run.save(update_fields=fields)
        audit_record(action=events.RUN_FINISHED, actor=None, target=run,
                     extra={"new": {"counts": run.counts}})
    return run


def screening_run_fail(*, run_id: int, error: str) -> ScreeningRun:
    with transaction.atomic():
        run = _lock(run_id)
        if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            raise _refuse(run, "failed")
        run.status, run.finished_at, run.error = RunStatus.FAILED, timezone_now(), error[:10000]
        run.save(update_fields=["status", "finished_at", "error", "updated_at"])
        audit_record(action=events.RUN_FAILED, actor=None, target=run,
                     extra={"new": {"error": run.error[:500]}})
    return run
