"""Linkage of employees to index persons on a small planted sample."""

import json
import time

import duckdb
import pytest

from upright.screening.linkage.model import model_train
from upright.screening.linkage.prepare import linkage_tables_build
from upright.screening.linkage.run import LinkageResult, linkage_run
from upright.screening.linkage.sample import CORRUPTIONS, sample_build


@pytest.fixture(scope="module")
def result() -> LinkageResult:
    con = duckdb.connect()
    sample_build(con=con)
    return linkage_run(con=con)


def _hit(result, employee_id, record_id):
    found = [h for h in result.hits if (h.employee_id, h.record_id) == (employee_id, record_id)]
    assert len(found) == 1, f"{employee_id} -> {record_id} not scored"
    return found[0]


@pytest.mark.parametrize("kind", CORRUPTIONS)
@pytest.mark.parametrize("i", [0, 1])
def test_each_corruption_is_matched_at_default_threshold(result, kind, i):
    hit = _hit(result, f"{kind}{i}", f"R_{kind}{i}")
    assert hit.band == "match"
    assert hit.probability > 0.99


def test_every_exact_copy_is_matched(result):
    matched = {h.employee_id for h in result.hits
               if h.band == "match" and h.record_id == f"R_{h.employee_id}"}
    assert {f"EXACT{i}" for i in range(30)} <= matched


def test_homonym_with_other_sex_and_address_is_not_a_match(result):
    hit = _hit(result, "HOMONYM", "R_HOMONYM")
    assert hit.band == "review"


def test_people_without_a_record_are_not_matched(result):
    assert [h for h in result.hits if h.employee_id.startswith("OTHER") and h.band == "match"] == []


def test_one_hit_per_employee_and_record(result):
    keys = [(h.employee_id, h.record_id) for h in result.hits]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("employee", "comparison", "level"), [
    ("TYPO0", "forename", "Jaro-Winkler >= 0.92"),
    ("NICK0", "forename", "nickname-equivalent"),
    ("SWAP0", "forename", "names swapped"),
    ("SWAP0", "surname", "names swapped"),
    ("DMTRANS0", "dob", "day and month transposed"),
    ("OFFBY10", "dob", "day, month or year off by one"),
    ("MOVED0", "postcode", "shared at some time"),
    ("MARRIED0", "surname", "exact"),
])
def test_explanation_names_the_level_that_caught_the_corruption(result, employee, comparison, level):
    explanation = json.loads(_hit(result, employee, f"R_{employee}").explanation)
    parts = {p["comparison"]: p for p in explanation["comparisons"]}
    assert list(parts) == ["forename", "surname", "dob", "postcode", "sex"]
    assert parts[comparison]["level"] == level
    assert parts[comparison]["agreed"] is True
    assert parts[comparison]["match_weight"] > 0


def test_explanation_carries_weights_and_compared_values(result):
    hit = _hit(result, "MARRIED0", "R_MARRIED0")
    explanation = json.loads(hit.explanation)
    assert explanation["employee_name_kind"] == "previous"
    total = sum(p["match_weight"] for p in explanation["comparisons"])
    assert total == pytest.approx(hit.match_weight, abs=0.01)
    assert explanation["evidence_weight"] == hit.match_weight
    surname = explanation["comparisons"][1]
    assert surname["employee"] == surname["index"]
    assert surname["bayes_factor"] == pytest.approx(2 ** surname["match_weight"], rel=1e-3)
    homonym = {p["comparison"]: p for p in
               json.loads(_hit(result, "HOMONYM", "R_HOMONYM").explanation)["comparisons"]}
    assert homonym["sex"]["level"] == "different"
    assert homonym["sex"]["match_weight"] < 0
    assert homonym["sex"]["employee"] == {"sex": "M"}
    assert homonym["sex"]["index"] == {"sex": "F"}


def test_candidate_pairs_are_reported(result):
    assert result.candidate_pairs >= len(result.hits) > 0


def test_saved_model_reproduces_the_run(tmp_path):
    con = duckdb.connect()
    sample_build(con=con)
    linkage_tables_build(con=con)
    path = tmp_path / "model.json"
    model_train(con=con, out_path=path)
    started = time.perf_counter()
    first = linkage_run(con=con, model_path=path, threshold_weight=20, review_weight=10)
    assert time.perf_counter() - started < 30
    again = linkage_run(con=con, model_path=path, threshold_weight=20, review_weight=10)
    assert [(h.employee_id, h.record_id, h.band) for h in first.hits] == [
        (h.employee_id, h.record_id, h.band) for h in again.hits]
    assert first.seconds["train"] < 1


def test_review_weight_above_threshold_is_refused():
    with pytest.raises(ValueError, match="review_weight"):
        linkage_run(con=duckdb.connect(), threshold_weight=5, review_weight=10)
