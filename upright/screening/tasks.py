"""Background jobs for screening (thin: load by id, call the service). Run by `upright worker`."""

from typing import Any

from django_tasks import task


@task(queue_name="screening")
def screening_run_job(*, run_id: int, attempt: int) -> dict[str, Any]:
    """Work a queued screening run. The run row, not this job's result, is the record of the
    run: its status, progress and error are what people see."""
    # Imported here: the services enqueue this task (HackSoft's way out of the import cycle).
    from upright.screening.services.execute import screening_run_execute

    outcome = screening_run_execute(run_id=run_id, attempt=attempt)
    return {"run_id": run_id, "status": outcome.run.status, "counts": outcome.run.counts,
            "reused_outputs": outcome.reused_outputs}
