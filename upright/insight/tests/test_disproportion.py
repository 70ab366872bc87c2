"""Rates, relative rate ratios and confidence intervals computed by hand on a small fixture."""

import datetime as dt
from typing import Any

import pytest

from upright.insight.disproportion import (
    case_to_answer_by_category,
    complainant_table,
    disproportion_table,
    rate_ratio,
)

ON = dt.date(2025, 4, 1)


def person(pid: int, ethnicity: str, sex: str = "male", born: dt.date = dt.date(1985, 6, 1)
           ) -> dict[str, Any]:
    return {"id": pid, "employment_kind": "officer", "sex": sex, "ethnicity": ethnicity,
            "date_of_birth": born, "org_unit__path": "/F/"}


def allegation(subject_id: int, **extra: Any) -> dict[str, Any]:
    return {"subject_id": subject_id, "severity_level": "", "severity_route": "",
            "decision": None, "proceedings_form": None, "finding": None,
            "disciplinary_action": None, "category_group": "G", **extra}


def workforce() -> list[dict[str, Any]]:
    """100 White officers (ids 1-100), 50 Black (101-150), 40 Asian (151-190)."""
    return ([person(i, "white_british") for i in range(1, 101)]
            + [person(i, "black_african") for i in range(101, 151)]
            + [person(i, "asian_indian") for i in range(151, 191)])


def test_rate_ratio_and_ci_by_hand() -> None:
    # RR = (10/50)/(10/100) = 2; SE = sqrt(1/10 - 1/50 + 1/10 - 1/100) = 0.412311
    # CI = exp(ln 2 -/+ 1.96 * 0.412311) = (0.891383, 4.487411)
    got = rate_ratio(a=10, n1=50, b=10, n0=100)
    assert got is not None
    assert got.ratio == pytest.approx(2.0)
    assert got.low == pytest.approx(0.891383, abs=1e-6)
    assert got.high == pytest.approx(4.487411, abs=1e-6)
    assert rate_ratio(a=0, n1=50, b=10, n0=100) is None


def test_disproportion_table_by_hand() -> None:
    # Allegations: 10 White people (one of them twice: still one person), 10 Black, 3 Asian.
    rows = ([allegation(i) for i in range(1, 11)] + [allegation(1)]
            + [allegation(i, decision="misconduct") for i in range(101, 111)]
            + [allegation(i) for i in range(151, 154)])
    cells = {(c.stage, c.dimension, c.group): c for c in disproportion_table(
        allegations=rows, suspensions=[{"person_id": 101, "kind": "suspended"}],
        workforce=workforce(), on=ON, threshold=5)}
    white = cells[("allegation", "ethnic_group", "white")]
    assert (white.count, white.workforce, white.rate_per_1000, white.ratio) == (10, 100, 100.0,
                                                                               None)
    black = cells[("allegation", "ethnic_group", "black")]
    assert (black.count, black.workforce, black.rate_per_1000) == (10, 50, 200.0)
    assert black.ratio is not None
    assert (round(black.ratio.ratio, 6), round(black.ratio.low, 6),
            round(black.ratio.high, 6)) == (2.0, 0.891383, 4.487411)
    asian = cells[("allegation", "ethnic_group", "asian")]
    assert (asian.count, asian.suppressed, asian.shown, asian.rate_per_1000, asian.ratio) == (
        3, True, "<5", None, None)
    # Case to answer: only Black officers (10), none White: no ratio (reference count 0).
    cta = cells[("case_to_answer", "ethnic_group", "black")]
    assert (cta.count, cta.rate_per_1000, cta.ratio) == (10, 200.0, None)
    assert cells[("case_to_answer", "ethnic_group", "white")].count == 0
    # One suspension: suppressed, not a zero.
    suspended = cells[("suspended", "ethnic_group", "black")]
    assert (suspended.count, suspended.shown) == (1, "<5")
    # Everyone is male and 39 on 1 April 2025.
    assert cells[("allegation", "sex", "male")].count == 23
    assert cells[("allegation", "age_band", "35-44")].workforce == 190


def test_threshold_is_configurable() -> None:
    rows = [allegation(i) for i in range(151, 154)]
    cells = {(c.stage, c.dimension, c.group): c for c in disproportion_table(
        allegations=rows, suspensions=[], workforce=workforce(), on=ON, threshold=3)}
    assert cells[("allegation", "ethnic_group", "asian")].shown == "3"


def test_case_to_answer_by_category_by_hand() -> None:
    rows = ([allegation(1, category_group="H", decision="misconduct")] * 2
            + [allegation(1, category_group="H", decision="no_case")] * 8
            + [allegation(1, category_group="F", decision="no_case")] * 3
            + [allegation(1, category_group="G")])  # no decision yet: not counted
    got = {c.category: (c.decided, c.case_to_answer, c.rate, c.shown)
           for c in case_to_answer_by_category(allegations=rows, threshold=5)}
    assert got == {"H": (10, 2, 0.2, "2"), "F": (3, 0, None, "<5")}


def test_screening_hits_and_withdrawals_by_hand() -> None:
    # Hits: 6 of 50 Black officers, 10 of 100 White (one White person twice), and one person
    # outside the workforce (ignored). RR = (6/50)/(10/100) = 1.2.
    hits = [*range(101, 107), *range(1, 11), 1, 9999]
    cells = {(c.stage, c.dimension, c.group): c for c in disproportion_table(
        allegations=[], suspensions=[], workforce=workforce(), on=ON,
        events={"screening_hit": hits, "vetting_withdrawn": [1]})}
    black = cells[("screening_hit", "ethnic_group", "black")]
    white = cells[("screening_hit", "ethnic_group", "white")]
    assert (black.count, white.count) == (6, 10)
    # SE = sqrt(1/6 - 1/50 + 1/10 - 1/100) = 0.486484; CI = exp(ln 1.2 -/+ 1.96 SE)
    assert black.ratio is not None
    assert (round(black.ratio.ratio, 6), round(black.ratio.low, 4),
            round(black.ratio.high, 4)) == (1.2, 0.4625, 3.1138)
    assert cells[("vetting_withdrawn", "ethnic_group", "white")].shown == "<5"


def test_complainant_side_by_hand() -> None:
    # 20 White complainants, 5 upheld (25%); 10 Black, 5 upheld (50%); 2 Asian (suppressed).
    # RR = 0.5 / 0.25 = 2; SE = sqrt(1/5 - 1/10 + 1/5 - 1/20) = 0.5; CI = exp(ln 2 -/+ 0.98)
    def row(ethnicity: str, upheld: bool) -> dict[str, Any]:
        return {"ethnicity": ethnicity, "sex": "", "age_band": "",
                "service_acceptable": not upheld}
    rows = ([row("white_british", i < 5) for i in range(20)]
            + [row("black_caribbean", i < 5) for i in range(10)]
            + [row("asian_other", True) for _ in range(2)])
    cells = {(c.dimension, c.group): c for c in complainant_table(rows=rows, threshold=5)}
    black = cells[("ethnic_group", "black")]
    assert (black.complainants, black.upheld, black.share) == (10, 5, 0.5)
    assert black.ratio is not None
    assert (round(black.ratio.ratio, 6), round(black.ratio.low, 4),
            round(black.ratio.high, 4)) == (2.0, 0.7506, 5.3289)
    assert cells[("ethnic_group", "white")].share == 0.25
    asian = cells[("ethnic_group", "asian")]
    assert (asian.shown, asian.share, asian.ratio) == ("<5", None, None)
    assert cells[("sex", "not_stated")].complainants == 32
