"""The framework-free parts: features (no leakage), metrics, fairness audit, Chicago mapping."""

import datetime as dt
import gzip
import io

import numpy as np
import pandas as pd
import pytest

from upright.insight import chicago_data
from upright.insight.early.evaluation import flags_top_n, precision_recall_at_k, top_n_for
from upright.insight.early.fairness import fairness_audit
from upright.insight.early.features import features_build, labels_build
from upright.insight.early.tests.synthetic import frames
from upright.insight.early.training import evaluate_year

CUTOFF = dt.date(2015, 1, 1)


def _people() -> pd.DataFrame:
    return pd.DataFrame({
        "person_id": [1, 2, 3], "start": pd.to_datetime(["2005-03-01", "2012-01-01", "2016-01-01"]),
        "end": pd.to_datetime([None, None, None]), "unit": ["a", "a", "a"],
        "role": ["po", "po", "po"], "ethnic_group": ["white", "black", "white"],
        "sex": ["male", "female", "male"]})


def _events(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["person_id", "at", "kind", "category", "sustained",
                                       "finding_at"]).astype({"at": "datetime64[ns]",
                                                              "finding_at": "datetime64[ns]"})


BASE = [
    (1, "2014-06-01", "complaint", "force", False, "2014-09-01"),
    (1, "2013-02-01", "complaint", "force", True, "2013-08-01"),
    (1, "2014-12-01", "complaint", "other", True, "2015-06-01"),  # sustained, but only later
    (2, "2010-05-01", "complaint", "search_arrest", False, "2010-06-01"),
    (1, "2014-03-01", "use_of_force", "force", False, None),
]


def test_features_hand_example():
    x = features_build(people=_people(), events=_events(BASE), cutoff=CUTOFF)
    assert list(x.index) == [1, 2]  # person 3 starts after the cutoff
    assert x.loc[1, "complaints_1y"] == 2
    assert x.loc[1, "complaints_2y"] == 3
    assert x.loc[1, "force_5y"] == 2
    assert x.loc[2, "search_arrest_5y"] == 1
    # The December 2014 case closed (sustained) in June 2015: not known at the cutoff.
    assert x.loc[1, "sustained_all"] == 1
    assert x.loc[1, "use_of_force_1y"] == 1
    assert x.loc[1, "years_since_last_complaint"] == pytest.approx(31 / 365.25)
    assert x.loc[2, "tenure_years"] == pytest.approx(3.0, abs=0.01)
    # unit median of complaints_2y over (3, 0) is 1.5: (3 + 1) / (1.5 + 1)
    assert x.loc[1, "complaints_2y_vs_unit"] == pytest.approx(4 / 2.5)


def test_future_events_never_change_features():
    before = features_build(people=_people(), events=_events(BASE), cutoff=CUTOFF)
    planted = BASE + [
        (1, "2015-01-01", "complaint", "force", True, "2015-01-02"),  # on the cutoff itself
        (2, "2016-07-01", "complaint", "discrimination_verbal", True, "2016-09-01"),
        (2, "2015-03-01", "use_of_force", "force", False, None),
        (3, "2016-02-01", "complaint", "force", True, "2016-03-01"),
    ]
    after = features_build(people=_people(), events=_events(planted), cutoff=CUTOFF)
    pd.testing.assert_frame_equal(before, after)
    # ...while the label for the year after the cutoff does see them.
    assert labels_build(people=_people(), events=_events(planted), cutoff=CUTOFF).to_dict() == {1: 1, 2: 0}


def test_temporal_evaluation_ignores_everything_after_the_test_year():
    ids = list(range(1, 301))
    people, events = frames(ids, ["white"] * 300, sustained_rate={"white": 0.1}, years=range(2008, 2016))
    first = evaluate_year(people=people, events=events, test_year=2014)
    _, later = frames(ids, ["white"] * 300, sustained_rate={"white": 0.9}, years=range(2015, 2019), seed=99)
    second = evaluate_year(people=people, events=pd.concat([events, later]), test_year=2014)
    strip = lambda m: {k: v for k, v in m.items() if k != "seconds"}  # noqa: E731
    assert strip(first.metrics) == strip(second.metrics)
    assert first.metrics["train_years"] == [2008, 2013]


def test_precision_recall_at_k_hand_example():
    y = [1, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    scores = [0.9, 0.8, 0.7, 0.1, 0.2, 0.3, 0.4, 0.5, 0.05, 0.0]
    assert top_n_for(20, 10) == 2
    assert top_n_for(5, 10) == 1
    r = precision_recall_at_k(y, scores, k_percent=30)  # top 3: 0.9, 0.8, 0.7 -> 2 hits
    assert (r["flagged"], r["true_positives"]) == (3, 2)
    assert r["precision"] == pytest.approx(2 / 3)
    assert r["recall"] == pytest.approx(2 / 3)
    # ties are broken by the tiebreak, not in the score's favour
    assert flags_top_n([1, 1, 1], 1, tiebreak=[0, 5, 1]).tolist() == [False, True, False]


def test_fairness_audit_hand_example_and_gate():
    y = np.array([0] * 100 + [0] * 100)
    flagged = np.array([1] * 10 + [0] * 90 + [1] * 2 + [0] * 98)
    group = ["black"] * 100 + ["white"] * 100
    report = fairness_audit(y_true=y, flagged=flagged, sensitive={"ethnic_group": group},
                            tolerance={"min_group_size": 50})
    by = report["attributes"]["ethnic_group"]["by_group"]
    assert by["black"]["false_positive_rate"] == pytest.approx(0.10)
    assert by["white"]["false_positive_rate"] == pytest.approx(0.02)
    assert report["attributes"]["ethnic_group"]["ratios"]["false_positive_rate"] == pytest.approx(5.0)
    assert not report["passed"]
    assert "exceeds" in report["failures"][0]
    # the same flags pass a looser configured tolerance; a group under the size floor is not gated
    assert fairness_audit(y_true=y, flagged=flagged, sensitive={"ethnic_group": group},
                          tolerance={"max_fpr_ratio": 6, "min_group_size": 50})["passed"]
    assert fairness_audit(y_true=y, flagged=flagged, sensitive={"ethnic_group": group},
                          tolerance={"min_group_size": 101})["passed"]


def test_false_negative_rate_is_gated_only_with_enough_positives():
    # Two groups of 1,000. Black: 5 positives, all missed (FNR 1.0); white: 40 positives,
    # 20 missed (FNR 0.5). Five positives say nothing reliable, so only white is gated and
    # the audit passes; with the floor at 5 both are gated and the 2.0 ratio fails.
    y = np.zeros(2000, dtype=int)
    y[:5] = 1
    y[1000:1040] = 1
    flagged = np.zeros(2000, dtype=int)
    flagged[1000:1020] = 1
    group = ["black"] * 1000 + ["white"] * 1000
    report = fairness_audit(y_true=y, flagged=flagged, sensitive={"ethnic_group": group})
    attribute = report["attributes"]["ethnic_group"]
    assert attribute["by_group"]["black"]["false_negative_rate"] == pytest.approx(1.0)
    assert attribute["fnr_gated_groups"] == ["white"]
    assert attribute["ratios"]["false_negative_rate"] is None
    assert report["passed"]
    strict = fairness_audit(y_true=y, flagged=flagged, sensitive={"ethnic_group": group},
                            tolerance={"min_group_positives": 5})
    assert strict["attributes"]["ethnic_group"]["ratios"]["false_negative_rate"] == 2.0
    assert not strict["passed"]


def _gz(text: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(gzip.compress(text.encode())), compression="gzip", dtype=str)


def test_chicago_mapping_on_a_fixture():
    officers = _gz("officer_id,birth_year,race,gender,appointed_date,resignation_date,"
                   "current_status,unit,rank\n"
                   "1,1960.0,BLACK,FEMALE,1990-01-02,,1.0,7,POLICE OFFICER\n"
                   "2,1950.0,,MALE,1980-05-05,2001-01-01,0.0,,\n"
                   "3,1970.0,HISPANIC,MALE,,,1.0,8,SERGEANT\n")
    people = chicago_data.people_frame(officers)
    assert people["person_id"].tolist() == [1, 2]  # no appointed date: cannot place in time
    assert people["ethnicity"].tolist() == ["black_other", "not_stated"]
    assert people["ethnic_group"].tolist() == ["black", "not_stated"]
    assert people["sex"].tolist() == ["female", "male"]
    complaints = _gz("cr_id,incident_date,complaint_date,closed_date,beat\n"
                     "C9,2005-01-01,2005-01-03,2005-06-01,0421\n9,2006-01-01,,,\n")
    allegations = _gz("cr_id,officer_id,complaint_category,complaint_code,final_finding,"
                      "final_outcome,recc_finding,recc_outcome\n"
                      "C9,1,EXCESSIVE FORCE:  ARRESTEE - DURING ARREST,05A,SU,REPRIMAND,,\n"
                      "9,2,VERBAL ABUSE - RACIAL/ETHNIC/ETC.:  X,01A,NS,NO ACTION TAKEN,,\n")
    uof = _gz("trr_id,officer_id,injured,unit,rank,in_uniform,duty_status,trr_date,beat,"
              "number_of_weapons_discharged\n"
              "4,1,No,13,POLICE OFFICER,No,Yes,2004-01-17,1322,\n5,,No,13,X,No,Yes,2004-01-17,1,\n")
    events = chicago_data.events_frame(allegations, complaints, uof)
    rows = events.sort_values(["kind", "person_id"]).to_dict("records")
    assert [(r["person_id"], r["kind"], r["category"], r["sustained"]) for r in rows] == [
        (1, "complaint", "force", True), (2, "complaint", "discrimination_verbal", False),
        (1, "use_of_force", "force", False)]
    assert rows[0]["at"] == pd.Timestamp("2005-01-03")
    assert rows[0]["finding_at"] == pd.Timestamp("2005-06-01")
    assert rows[1]["at"] == pd.Timestamp("2006-01-01")  # no complaint date: the incident date
    assert chicago_data.category_group("SEARCH OF PREMISE/VEHICLE WITHOUT WARRANT: X") == "search_arrest"
    assert chicago_data.category_group(None) == "other"


@pytest.mark.skipif(not (chicago_data.DATA / "officers.csv.gz").exists(), reason="no Chicago data")
def test_real_chicago_records_load_and_join():
    people, events = chicago_data.load()
    assert len(people) > 33_000
    complaints = events.loc[events["kind"] == "complaint"]
    assert len(complaints) == 244_436  # every allegation joined its complaint and dated
    assert set(complaints["person_id"]) <= set(people["person_id"]) | set(complaints["person_id"])
    rate = labels_build(people=people, events=events, cutoff=dt.date(2012, 1, 1)).mean()
    assert 0.01 < rate < 0.05  # README: about 2-3% a year have a sustained complaint
