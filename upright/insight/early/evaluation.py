"""Ranking metrics: precision and recall among the top k% (or top n) of a score."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt


def top_n_for(k_percent: float, population: int) -> int:
    return max(1, math.ceil(population * k_percent / 100.0))


def flags_top_n(scores: npt.ArrayLike, n: int, *, tiebreak: npt.ArrayLike | None = None) -> np.ndarray:
    """Boolean mask of the n highest scores. Ties at the boundary are broken by `tiebreak`
    (higher first) then by position, so a coarse score (a count) is not flattered by ties."""
    s = np.asarray(scores, dtype=float)
    t = np.zeros_like(s) if tiebreak is None else np.asarray(tiebreak, dtype=float)
    order = np.lexsort((np.arange(len(s)), -t, -s))  # last key is the primary one
    mask = np.zeros(len(s), dtype=bool)
    mask[order[:n]] = True
    return mask


def precision_recall(y_true: npt.ArrayLike, flagged: npt.ArrayLike) -> dict[str, float | int]:
    y = np.asarray(y_true, dtype=bool)
    f = np.asarray(flagged, dtype=bool)
    tp = int((y & f).sum())
    n_flag, n_pos = int(f.sum()), int(y.sum())
    return {
        "flagged": n_flag, "positives": n_pos, "true_positives": tp,
        "false_positives": n_flag - tp,
        "precision": tp / n_flag if n_flag else 0.0,
        "recall": tp / n_pos if n_pos else 0.0,
    }


def precision_recall_at_k(y_true: npt.ArrayLike, scores: npt.ArrayLike, *, k_percent: float = 5.0,
                          tiebreak: npt.ArrayLike | None = None) -> dict[str, float | int]:
    s = np.asarray(scores, dtype=float)
    return precision_recall(y_true, flags_top_n(s, top_n_for(k_percent, len(s)), tiebreak=tiebreak))
