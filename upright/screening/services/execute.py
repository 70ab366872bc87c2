"""Working a screening run: the run row tracks status, progress and a heartbeat, the pipeline
writes its files, and the hits are imported for triage (continuous screening: only new or
changed evidence makes new hits).

A resumed attempt reuses the complete outputs of an earlier attempt when they were made from
these very inputs, model and weights (run.json says so, and names the checksum of
hits.parquet); otherwise it runs the pipeline again. The import is idempotent, so hits that
an earlier attempt imported before it stopped are not made twice.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.db import DatabaseError, connection

from upright.core.exceptions import ApplicationError, NotFound
from upright.screening.extract import ExtractRejected
from upright.screening.linkage.run import DEFAULT_REVIEW_WEIGHT, DEFAULT_THRESHOLD_WEIGHT
from upright.screening.models import WORKFORCE_PEOPLE, ScreeningRun
from upright.screening.pipeline import Progress, ScreenResult, screen_result_read, screen_run
from upright.screening.services.hits import ImportCounts, hits_import
from upright.screening.services.runs import (
    InputsChanged,
    parameters_decode,
    parameters_encode,
    screening_run_create,
    screening_run_fail,
    screening_run_finish,
    screening_run_heartbeat,
    screening_run_inputs_read,
    screening_run_progress,
    screening_run_start,
)

logger = logging.getLogger(__name__)

# The pipeline's share of the progress bar; the import takes the rest.
PIPELINE_SHARE = 90
ERROR_LINES = 20


@dataclass(frozen=True)
class RunOutcome:
    run: ScreeningRun
    result: ScreenResult
    imported: ImportCounts  # this attempt's import
    reused_outputs: bool  # the hits are an earlier attempt's complete outputs


def screening_execute(
    *, actor: Any, index_dir: Path, workforce: Literal["people"] | Path, out_dir: Path,
    progress: Progress | None = None, **options: Any,
) -> tuple[ScreeningRun, ScreenResult, ImportCounts]:
    """Record a run and work it here and now (`upright screen run`). On any failure the run is
    marked failed with the error, and the exception propagates; the run can then be resumed."""
    run = screening_run_create(
        actor=actor, index_folder=str(Path(index_dir).resolve()),
        parameters=parameters_encode(options),
        workforce_source=(WORKFORCE_PEOPLE if workforce == WORKFORCE_PEOPLE
                          else str(Path(workforce).resolve())),
        out_dir=str(Path(out_dir).resolve()))
    outcome = screening_run_execute(run_id=run.pk, progress=progress)
    return outcome.run, outcome.result, outcome.imported


def screening_run_execute(*, run_id: int, attempt: int | None = None,
                          progress: Progress | None = None) -> RunOutcome:
    """Work the queued run `run_id` (the body of the screening job): check its inputs, run the
    pipeline (or reuse an earlier attempt's outputs), import the hits and finish. On failure
    the run is failed with an error a person can act on, and the exception propagates.
    A run that is not queued, or a job superseded by a resume, is left alone."""
    run = ScreeningRun.objects.filter(id=run_id).first() if isinstance(run_id, int) else None
    if run is None:
        raise NotFound("No such screening run.")
    attempt = run.attempts if attempt is None else attempt
    try:
        inputs = screening_run_inputs_read(run=run)
        run = screening_run_start(run_id=run.pk, attempt=attempt, input_checksums=inputs.index,
                                  workforce_checksum=inputs.workforce, model_checksum=inputs.model)
    except (InputsChanged, OSError) as exc:
        screening_run_fail(run_id=run.pk, error=run_error_text(exc), attempt=attempt)
        raise
    with _heartbeat(run_id=run.pk, attempt=attempt):
        try:
            return _work(run=run, attempt=attempt, progress=progress)
        except BaseException as exc:  # a stopped worker too (SystemExit, Ctrl+C): resumable now
            screening_run_fail(run_id=run.pk, error=run_error_text(exc), attempt=attempt)
            raise


def _work(*, run: ScreeningRun, attempt: int, progress: Progress | None) -> RunOutcome:
    def tracked(stage: str, fraction: float) -> None:
        screening_run_progress(run_id=run.pk, progress=int(PIPELINE_SHARE * fraction),
                               attempt=attempt)
        if progress is not None:
            progress(stage, fraction)

    options = parameters_decode(run.parameters)
    result = screen_result_read(out_dir=Path(run.out_dir)) if attempt > 1 else None
    reused = result is not None and _outputs_are_this_runs(run=run, result=result, options=options)
    if result is None or not reused:
        workforce: Any = (WORKFORCE_PEOPLE if run.workforce_source == WORKFORCE_PEOPLE
                          else Path(run.workforce_source))
        result = screen_run(index_dir=Path(run.index_folder), workforce=workforce,
                            out_dir=Path(run.out_dir), progress=tracked, **options)
    else:
        tracked("reused", 1.0)
    # Idempotent: hits an earlier attempt imported before it stopped count as unchanged.
    imported = hits_import(actor=None, run_id=run.pk, rows=[asdict(hit) for hit in result.hits])
    counts = {**result.counts, **asdict(imported)}
    finished = screening_run_finish(run_id=run.pk, counts=counts, attempt=attempt,
                                    model_checksum=result.manifest.get("model", {}).get("sha256", ""),
                                    reused_outputs=reused)
    return RunOutcome(run=finished, result=result, imported=imported, reused_outputs=reused)


def _outputs_are_this_runs(*, run: ScreeningRun, result: ScreenResult,
                           options: dict[str, Any]) -> bool:
    """Whether the outputs in the run's out dir were made from the inputs, workforce, model
    and weights this attempt would use (so running the pipeline again would make them anew)."""
    manifest = result.manifest
    try:
        model, weights = manifest["model"], manifest["parameters"]
        same = (manifest["inputs"]["index"]["files"] == run.input_checksums
                and manifest["inputs"]["workforce"]["sha256"] == run.workforce_checksum
                and weights["threshold_weight"] == _or(options.get("threshold_weight"),
                                                       DEFAULT_THRESHOLD_WEIGHT)
                and weights["review_weight"] == _or(options.get("review_weight"),
                                                    DEFAULT_REVIEW_WEIGHT))
        if options.get("model_path"):
            return same and model.get("sha256") == run.model_checksum
        return same and model.get("source") == "trained"
    except (KeyError, TypeError):
        return False


def _or(value: Any, default: float) -> float:
    return default if value is None else float(value)


def run_error_text(exc: BaseException) -> str:
    """What went wrong, for the person who reads the run page (a refused extract lists its
    first problems by file, line and column)."""
    if isinstance(exc, ExtractRejected):
        lines = [exc.message, *(str(e) for e in exc.errors[:ERROR_LINES])]
        if len(exc.errors) > ERROR_LINES:
            lines.append(f"... and {len(exc.errors) - ERROR_LINES} more.")
        return "\n".join(lines)
    if isinstance(exc, ApplicationError):
        return exc.message
    if isinstance(exc, KeyboardInterrupt | SystemExit):
        return "The run was stopped before it finished (its worker was stopped). Resume it to go on."
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def _heartbeat(*, run_id: int, attempt: int) -> Iterator[None]:
    """While the body runs, a thread writes the run's heartbeat every
    UPRIGHT_SCREENING_HEARTBEAT_SECONDS, so a run whose worker was killed can be told from a
    run in a long stage. The thread has its own database connection, closed at the end."""
    stop = threading.Event()
    seconds = settings.UPRIGHT_SCREENING_HEARTBEAT_SECONDS

    def beat() -> None:
        try:
            while not stop.wait(seconds):
                try:
                    if not screening_run_heartbeat(run_id=run_id, attempt=attempt):
                        return
                except DatabaseError:  # a busy database: the next beat will do
                    logger.warning("screening run %s: heartbeat not written", run_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"screening-run-{run_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
