"""A screening run recorded in the database: the run row tracks status and progress, the
pipeline writes its files, and the hits are imported for triage (continuous screening: only
new or changed evidence makes new hits). Resuming is re-running: import is idempotent."""

from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from upright.screening.models import ScreeningRun
from upright.screening.pipeline import STAGES, Progress, ScreenResult, index_checksums, screen_run
from upright.screening.services.hits import ImportCounts, hits_import
from upright.screening.services.runs import (
    screening_run_create,
    screening_run_fail,
    screening_run_finish,
    screening_run_progress,
    screening_run_start,
)


def screening_execute(
    *, actor: Any, index_dir: Path, workforce: Literal["people"] | Path, out_dir: Path,
    progress: Progress | None = None, **options: Any,
) -> tuple[ScreeningRun, ScreenResult, ImportCounts]:
    """Run the pipeline as a recorded ScreeningRun and import its hits. On any failure the run
    is marked failed with the error, and the exception propagates."""
    run = screening_run_create(actor=actor, index_folder=str(index_dir),
                               parameters={k: str(v) for k, v in options.items()})
    screening_run_start(run_id=run.pk, input_checksums=index_checksums(Path(index_dir)))

    def tracked(stage: str, fraction: float) -> None:
        position = STAGES.index(stage) if stage in STAGES else 0
        screening_run_progress(run_id=run.pk, progress=int(100 * (position + fraction) / len(STAGES)))
        if progress is not None:
            progress(stage, fraction)

    try:
        result = screen_run(index_dir=index_dir, workforce=workforce, out_dir=out_dir,
                            progress=tracked, **options)
        counts = hits_import(actor=actor, run_id=run.pk, rows=[asdict(hit) for hit in result.hits])
    except Exception as exc:
        screening_run_fail(run_id=run.pk, error=str(exc)[:2000])
        raise
    finished = screening_run_finish(run_id=run.pk, counts={**result.counts, **asdict(counts)},
                                    model_checksum=result.manifest.get("model", {}).get("sha256", ""))
    return finished, result, counts
