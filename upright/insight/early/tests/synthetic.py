"""Small synthetic histories for the tests (frames in the features module's shape)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def frames(person_ids: list[int], groups: list[str], *, sustained_rate: dict[str, float],
           complaint_rate: float = 0.5, years: range = range(2008, 2020), seed: int = 7,
           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    people = pd.DataFrame({
        "person_id": person_ids, "start": pd.Timestamp("2000-01-01"), "end": pd.NaT,
        "unit": ["u1" if i % 2 else "u2" for i in range(len(person_ids))], "role": "officer",
        "ethnic_group": groups, "sex": ["male" if i % 3 else "female" for i in range(len(person_ids))],
    })
    rows = []
    for pid, group in zip(person_ids, groups, strict=True):
        for year in years:
            for _ in range(rng.poisson(complaint_rate)):
                at = pd.Timestamp(year, 1, 1) + pd.Timedelta(days=int(rng.integers(0, 360)))
                rows.append((pid, at, "complaint", "other", False, at + pd.Timedelta(days=90)))
            if rng.random() < sustained_rate[group]:
                at = pd.Timestamp(year, 1, 1) + pd.Timedelta(days=int(rng.integers(0, 360)))
                rows.append((pid, at, "complaint", "conduct_duty", True, at + pd.Timedelta(days=90)))
    events = pd.DataFrame(rows, columns=["person_id", "at", "kind", "category", "sustained",
                                         "finding_at"])
    return people, events
