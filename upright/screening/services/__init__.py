"""Screening services: runs (runs.py), working them (execute.py), hit import and disposal
(hits.py)."""

from upright.screening.services.hits import ImportCounts, evidence_fingerprint, hit_dispose, hits_import
from upright.screening.services.runs import (
    InputsChanged,
    screening_run_create,
    screening_run_enqueue,
    screening_run_fail,
    screening_run_finish,
    screening_run_progress,
    screening_run_resume,
    screening_run_start,
)

__all__ = [
    "ImportCounts",
    "InputsChanged",
    "evidence_fingerprint",
    "hit_dispose",
    "hits_import",
    "screening_run_create",
    "screening_run_enqueue",
    "screening_run_fail",
    "screening_run_finish",
    "screening_run_progress",
    "screening_run_resume",
    "screening_run_start",
]
