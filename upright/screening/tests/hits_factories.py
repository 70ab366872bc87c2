"""Helpers for the hit tests: a run and linkage-shaped hit rows."""

import json
from typing import Any

from upright.screening.models import ScreeningRun


def run_new() -> ScreeningRun:
    return ScreeningRun.objects.create(index_folder="/data/index/2026-11")


def identity_row(employee_id: str, record_id: str = "IDX-1", *, surname: str = "SMITH",
                 band: str = "match", weight: float = 14.5, victim_witness_only: bool = False,
                 ) -> dict[str, Any]:
    explanation = {"evidence_weight": weight, "prior_weight": -12.0,
                   "comparisons": [
                       {"comparison": "surname", "level": "Exact match", "agreed": True,
                        "match_weight": 6.1, "employee": {"surname": surname},
                        "index": {"surname": surname}},
                       {"comparison": "dob", "level": "Exact match", "agreed": True,
                        "match_weight": 8.4, "employee": {"dob": "1988-06-15"},
                        "index": {"dob": "1988-06-15"}}]}
    return {"employee_id": employee_id, "record_id": record_id, "kind": "identity",
            "probability": 0.998, "match_weight": weight, "band": band,
            "explanation": json.dumps(explanation), "victim_witness_only": victim_witness_only}


def association_row(employee_id: str, record_id: str = "IDX-9", *, via: str = "address",
                    victim_witness_only: bool = False) -> dict[str, Any]:
    explanation = {"path": [{"from": employee_id, "to": record_id, "via": via}],
                   "evidence": {"address": "1 HIGH STREET", "postcode": "AB1 2CD"}}
    return {"employee_id": employee_id, "record_id": record_id, "kind": "association",
            "probability": 0.9, "match_weight": 8.0, "band": "review",
            "explanation": explanation, "victim_witness_only": victim_witness_only}
