"""Linkage of employees to index persons on a small planted sample."""

import datetime as dt
import json
import math
import time

import duckdb
import pytest

from upright.screening.linkage.model import M_SWAPPED, linker_build, model_train, settings_build
from upright.screening.linkage.prepare import SWAPPED_RATE, linkage_tables_build
from upright.screening.linkage.run import (
    NO_ADDRESS_MARGIN_WEIGHT,
    PERSON_MIN_WEIGHT,
    LinkageResult,
    address_support,
    linkage_run,
    match_threshold,
    person_weight,
    review_only_reason,
)
from upright.screening.linkage.sample import (
    CORRUPTIONS,
    SAMPLE_REVIEW_WEIGHT,
    SAMPLE_THRESHOLD_WEIGHT,
    sample_build,
    schema_create,
)


@pytest.fixture(scope="module")
def result() -> LinkageResult:
    con = duckdb.connect()
    sample_build(con=con)
    return linkage_run(con=con, threshold_weight=SAMPLE_THRESHOLD_WEIGHT,
                       review_weight=SAMPLE_REVIEW_WEIGHT)


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
    # Below even the review band: two disagreements outweigh the shared name and birthday.
    assert [h for h in result.hits if h.employee_id == "HOMONYM"] == []


def test_people_without_a_record_are_not_matched(result):
    assert [h for h in result.hits if h.employee_id.startswith("OTHER") and h.band == "match"] == []


def test_one_hit_per_employee_and_record(result):
    keys = [(h.employee_id, h.record_id) for h in result.hits]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("employee", "comparison", "level"), [
    ("TYPO0", "forename", "one-letter typo"),
    ("NICK0", "forename", "nickname-equivalent"),
    ("SWAP0", "forename", "names swapped exactly"),
    ("DMTRANS0", "dob", "day and month transposed"),
    ("OFFBY10", "dob", "day, month or year off by one"),
    ("MOVED0", "address", "postcode shared at some time"),
    ("MARRIED0", "surname", "exact"),
])
def test_explanation_names_the_level_that_caught_the_corruption(result, employee, comparison, level):
    explanation = json.loads(_hit(result, employee, f"R_{employee}").explanation)
    parts = {p["comparison"]: p for p in explanation["comparisons"]}
    assert list(parts) == ["forename", "surname", "dob", "address", "sex", "middle", "phone"]
    assert parts[comparison]["level"] == level
    assert parts[comparison]["agreed"] is True
    assert parts[comparison]["match_weight"] > 0


def test_a_swap_is_weighed_once(result):
    parts = {p["comparison"]: p for p in
             json.loads(_hit(result, "SWAP0", "R_SWAP0").explanation)["comparisons"]}
    assert parts["forename"]["level"] == "names swapped exactly"
    assert parts["surname"]["level"] == "names swapped"
    assert parts["forename"]["match_weight"] > 0
    assert parts["surname"]["match_weight"] == 0


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
    # NOISE3 is a true match recorded with the wrong sex.
    noise = {p["comparison"]: p for p in
             json.loads(_hit(result, "NOISE3", "R_NOISE3").explanation)["comparisons"]}
    assert noise["sex"]["level"] == "different"
    assert noise["sex"]["match_weight"] < 0
    assert {noise["sex"]["employee"]["sex"], noise["sex"]["index"]["sex"]} == {"M", "F"}


def test_same_name_and_birthday_at_an_undeclared_address_goes_to_review(result):
    hit = _hit(result, "UNDECLARED", "R_UNDECLARED")
    explanation = json.loads(hit.explanation)
    parts = {p["comparison"]: p for p in explanation["comparisons"]}
    assert [parts[c]["level"] for c in ("forename", "surname", "dob", "sex")] == ["exact"] * 4
    assert parts["address"]["level"] == "different"
    assert explanation["address_support"] == "not shared"
    assert explanation["match_threshold_weight"] is None
    assert hit.band == "review"


@pytest.mark.parametrize(("level", "support"), [
    ("same address", "shared"), ("same address at some time", "shared"),
    ("same postcode", "shared"), ("postcode shared at some time", "shared"),
    ("missing", "absent"), ("same outward code", "not shared"), ("different", "not shared"),
])
def test_address_support_by_level(level, support):
    assert address_support([{"comparison": "forename", "level": "exact"},
                            {"comparison": "address", "level": level}]) == support


def test_a_phone_in_common_makes_the_support_shared():
    assert address_support([{"comparison": "address", "level": "missing"},
                            {"comparison": "phone", "level": "phone in common"}]) == "shared"
    assert address_support([{"comparison": "address", "level": "different"},
                            {"comparison": "phone", "level": "no phone in common"}]) == "not shared"


@pytest.mark.parametrize(("levels", "support", "reason"), [
    ({"dob": "exact", "forename": "exact"}, "shared", None),
    ({"dob": "exact", "forename": "exact"}, "absent", None),
    ({"dob": "exact", "forename": "exact"}, "not shared",
     "the record is at an address the employee never declared"),
    ({"dob": "different", "forename": "exact"}, "shared", "the date of birth is different"),
    ({"dob": "within a year", "forename": "different"}, "shared",
     "names and date of birth do not resemble the employee's"),
])
def test_review_only_reasons(levels, support, reason):
    weights = {"exact": 8.0, "different": -6.0, "within a year": -2.0}
    parts = [{"comparison": c, "level": lv, "match_weight": weights[lv]} for c, lv in levels.items()]
    assert review_only_reason(comparisons=parts, support=support) == reason


def test_person_weight_counts_names_birth_and_sex_only():
    parts = [{"comparison": c, "match_weight": w} for c, w in (
        ("forename", 3.0), ("surname", 2.0), ("dob", -1.0), ("sex", 0.5), ("middle", 1.5),
        ("address", 20.0), ("phone", 18.0))]
    assert person_weight(parts) == 6.0


def test_a_shared_number_finds_a_record_with_a_misspelt_name_and_no_address(result):
    hit = _hit(result, "PHONE", "R_PHONE")
    explanation = json.loads(hit.explanation)
    parts = {p["comparison"]: p for p in explanation["comparisons"]}
    assert parts["phone"]["level"] == "phone in common"
    # +44 7700 900123 on the record, 07700 900123 on HR: the same number.
    assert parts["phone"]["employee"]["phones"] == parts["phone"]["index"]["phones"] == [
        "07700900123"]
    assert parts["phone"]["match_weight"] > 15
    assert parts["address"]["level"] == "missing"
    assert parts["surname"]["level"] == "one-letter typo"
    assert explanation["address_support"] == "shared"
    assert hit.band == "match"


def test_a_relative_sharing_home_and_landline_is_not_matched(result):
    found = [h for h in result.hits if (h.employee_id, h.record_id) == ("RELATIVE", "R_RELATIVE")]
    for hit in found:
        explanation = json.loads(hit.explanation)
        parts = {p["comparison"]: p for p in explanation["comparisons"]}
        assert parts["phone"]["level"] == "phone in common"
        assert parts["address"]["level"] == "same address"
        # Home and number say "same household"; name and birth say "someone else".
        assert explanation["person_weight"] < PERSON_MIN_WEIGHT
        assert explanation["match_threshold_weight"] is None
        assert explanation["review_only"] in ("the date of birth is different",
                                              "names and date of birth do not resemble the employee's")
        assert hit.band == "review"
    assert found, "the relative should at least be scored for review"


def test_a_father_of_the_same_name_at_the_same_address_is_only_reviewed(result):
    hit = _hit(result, "SENIOR", "R_SENIOR")
    explanation = json.loads(hit.explanation)
    parts = {p["comparison"]: p for p in explanation["comparisons"]}
    assert parts["address"]["level"] == "same address"
    assert parts["forename"]["level"] == parts["surname"]["level"] == "exact"
    assert parts["dob"]["level"] == "different"
    assert explanation["review_only"] == "the date of birth is different"
    assert hit.band == "review"


def test_a_middle_name_is_weighed_where_both_records_have_one(result):
    same = {p["comparison"]: p for p in
            json.loads(_hit(result, "MIDDLE", "R_MIDDLE").explanation)["comparisons"]}
    assert same["middle"]["level"] == "exact"
    assert same["middle"]["match_weight"] > 0
    differs = {p["comparison"]: p for p in
               json.loads(_hit(result, "MIDDLEDIFF", "R_MIDDLEDIFF").explanation)["comparisons"]}
    assert differs["middle"]["level"] == "different"
    assert differs["middle"]["match_weight"] < 0
    # One side without a middle name is no evidence either way.
    exact = {p["comparison"]: p for p in
             json.loads(_hit(result, "EXACT0", "R_EXACT0").explanation)["comparisons"]}
    assert exact["middle"]["level"] == "missing"
    assert exact["middle"]["match_weight"] == 0


def test_no_address_needs_more_evidence_and_an_undeclared_one_is_never_matched():
    assert match_threshold(support="shared", threshold_weight=24) == 24
    assert match_threshold(support="absent", threshold_weight=24) == 24 + NO_ADDRESS_MARGIN_WEIGHT
    assert match_threshold(support="not shared", threshold_weight=24) is None


def test_a_record_without_an_address_can_still_match(result):
    hit = _hit(result, "NOADDRESS", "R_NOADDRESS")
    explanation = json.loads(hit.explanation)
    assert {p["comparison"]: p["level"] for p in explanation["comparisons"]}["address"] == "missing"
    assert explanation["address_support"] == "absent"
    assert explanation["match_threshold_weight"] == SAMPLE_THRESHOLD_WEIGHT + NO_ADDRESS_MARGIN_WEIGHT
    assert hit.band == ("match" if hit.match_weight >= explanation["match_threshold_weight"]
                        else "review")


@pytest.mark.parametrize(("employee", "level"), [
    ("SHORT", "short form"), ("SHORTTYPO", "one-letter typo"),
])
def test_short_forms_and_typos_in_short_names(result, employee, level):
    hit = _hit(result, employee, f"R_{employee}")
    parts = {p["comparison"]: p for p in json.loads(hit.explanation)["comparisons"]}
    assert parts["forename"]["level"] == level
    assert hit.band == "match"


def test_candidate_pairs_are_counted_on_request(result):
    assert result.candidate_pairs is None
    con = duckdb.connect()
    sample_build(con=con)
    counted = linkage_run(con=con, threshold_weight=SAMPLE_THRESHOLD_WEIGHT,
                          review_weight=SAMPLE_REVIEW_WEIGHT, count_pairs=True)
    assert counted.candidate_pairs is not None
    assert counted.candidate_pairs >= len(counted.hits) > 0


def test_saved_model_reproduces_the_run(tmp_path):
    con = duckdb.connect()
    sample_build(con=con)
    linkage_tables_build(con=con)
    path = tmp_path / "model.json"
    model_train(con=con, out_path=path)
    started = time.perf_counter()
    first = linkage_run(con=con, model_path=path, threshold_weight=18, review_weight=5)
    assert time.perf_counter() - started < 30
    again = linkage_run(con=con, model_path=path, threshold_weight=18, review_weight=5)
    assert [(h.employee_id, h.record_id, h.band) for h in first.hits] == [
        (h.employee_id, h.record_id, h.band) for h in again.hits]
    assert first.seconds["train"] < 1


def test_review_weight_above_threshold_is_refused():
    with pytest.raises(ValueError, match="review_weight"):
        linkage_run(con=duckdb.connect(), threshold_weight=5, review_weight=10)


def test_an_exact_swap_weighs_how_rarely_a_stranger_shows_that_name(result):
    # log2(m / tf), the tf from prepare's swap frequencies: not one stated u for every name.
    con = duckdb.connect()
    sample_build(con=con)
    linkage_tables_build(con=con)
    for employee in ("SWAP0", "SWAP1"):
        forename, surname = con.execute(
            "SELECT forenames, surname FROM persons WHERE record_id = ?", [f"R_{employee}"]
        ).fetchall()[0]
        tf = con.execute("SELECT tf_swap_key FROM linkage_swap_frequencies WHERE swap_key = ?",
                         [f"{forename}|{surname}"]).fetchall()[0][0]
        hit = _hit(result, employee, f"R_{employee}")
        part = json.loads(hit.explanation)["comparisons"][0]
        assert part["level"] == "names swapped exactly"
        assert part["match_weight"] == pytest.approx(math.log2(M_SWAPPED / tf), abs=0.01)


def test_swap_frequencies_are_the_chance_a_stranger_reads_that_way():
    con = duckdb.connect()
    schema_create(con=con)
    people = ([("SCOTT", f"SURNAME{'ABCDEFGHIJKLMNOPQRST'[i]}") for i in range(20)]
              + [(f"FORENAME{'ABCDEFGHIJKLMNOPQRST'[i]}", "HENRY") for i in range(20)]
              + [("ANDERSON", "GARRETT"), ("HENRY", "SCOTT")])
    for i, (forename, surname) in enumerate(people):
        con.execute("INSERT INTO persons VALUES (?, ?, ?, DATE '1980-01-01', 'M', NULL, NULL)",
                    [f"R{i}", forename, surname])
    for employee, forename, surname in (("E1", "GARRETT", "ANDERSON"), ("E2", "HENRY", "SCOTT")):
        con.execute("INSERT INTO workforce_people VALUES (?, DATE '1980-01-01', 'M')", [employee])
        con.execute("INSERT INTO workforce_names VALUES (?, ?, ?, 'current')",
                    [employee, forename, surname])
    linkage_tables_build(con=con)
    tf = dict(con.execute("SELECT swap_key, tf_swap_key FROM linkage_swap_frequencies").fetchall())
    n = len(people)
    # E2 HENRY SCOTT read swapped. Forename SCOTT 20 times, surname HENRY 20 times; and the
    # one HENRY SCOTT in the index may be recorded swapped.
    assert tf["SCOTT|HENRY"] == pytest.approx((20 * 20 + SWAPPED_RATE * 1 * 1) / n**2)
    # Read either way round, ANDERSON GARRETT is one record's name: a swap onto it is rare.
    assert tf["ANDERSON|GARRETT"] == pytest.approx((1 + SWAPPED_RATE) / n**2)
    assert tf["ANDERSON|GARRETT"] < tf["SCOTT|HENRY"] / 100
    # The employee's key is their name read the other way round, so it meets the swap.
    assert con.execute("SELECT swap_key FROM linkage_employees ORDER BY 1").fetchall() == [
        ("ANDERSON|GARRETT",), ("SCOTT|HENRY",)]


# Records with two corruptions besides a missing field, which only the rules for one intact
# name meet: a swap with the other name a nickname or misspelt (with the postcode or the
# date of birth), and a transposed date with the forename a short form the list lacks.
_TWO_CORRUPTIONS = {
    "SWAPNICK": (("DONALD", "CREE", dt.date(1990, 10, 17), "LS6 2AB"),
                 ("CREE", "DONY", None, "LS6 2AB")),
    "SWAPTYPO": (("GARRETT", "ANDERSON", dt.date(1976, 3, 9), "LS7 1AA"),
                 ("ANDERSON", "GAJRETT", dt.date(1976, 3, 9), None)),
    "TRANSSHORT": (("UTKARSH", "BAHN", dt.date(1961, 1, 2), "LS8 3AB"),
                   ("UTKA", "BAHN", dt.date(1961, 2, 1), None)),
}


def test_blocking_meets_a_record_with_one_name_intact_and_its_date_or_postcode_wrong():
    con = duckdb.connect()
    sample_build(con=con)
    for employee, ((fn, sn, dob, pc), (rfn, rsn, rdob, rpc)) in _TWO_CORRUPTIONS.items():
        con.execute("INSERT INTO persons VALUES (?, ?, ?, ?, 'M', ?, ?)",
                    [f"R_{employee}", rfn, rsn, rdob, rpc, rpc and f"1 HIGH STREET {rpc}"])
        con.execute("INSERT INTO workforce_people VALUES (?, ?, 'M')", [employee, dob])
        con.execute("INSERT INTO workforce_names VALUES (?, ?, ?, 'current')", [employee, fn, sn])
        con.execute("INSERT INTO workforce_addresses VALUES (?, ?, ?, DATE '2015-01-01', NULL)",
                    [employee, f"1 HIGH STREET {pc}", pc])
    linkage_tables_build(con=con)
    linker = linker_build(con=con, settings=settings_build())
    pairs = linker.inference.deterministic_link().as_duckdbpyrelation()
    found = {(row[0].split("#")[0], row[1]) for row in
             pairs.select("unique_id_l, unique_id_r").fetchall()}
    found |= {(b.split("#")[0], a) for a, b in found}
    for employee in _TWO_CORRUPTIONS:
        assert (employee, f"R_{employee}") in found, employee
