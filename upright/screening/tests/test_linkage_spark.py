"""The linkage on Spark (local[2]) agrees with DuckDB on the planted sample: the same
prepared tables, the same trained model, the same hits, scores and explanations.

When model.model_train changes its training sequence, the Spark-trained model stops
agreeing here: keep spark.model_train in step with it."""

import json
import os
import random
import re
import shutil
from dataclasses import asdict
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.spark
pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java 17+ (no java on PATH and no JAVA_HOME)", allow_module_level=True)

from django.core.management import call_command  # noqa: E402
from splink import SparkAPI  # noqa: E402

from upright.screening.linkage import spark as linkage_spark  # noqa: E402
from upright.screening.linkage.model import model_train  # noqa: E402
from upright.screening.linkage.prepare import (  # noqa: E402
    EMPLOYEES_TABLE,
    INDEX_TABLE,
    NICKNAMES_TABLE,
    SWAP_FREQUENCIES_TABLE,
    linkage_tables_build,
)
from upright.screening.linkage.run import LinkageResult, level_labels, linkage_run  # noqa: E402
from upright.screening.linkage.sample import (  # noqa: E402
    SAMPLE_REVIEW_WEIGHT,
    SAMPLE_THRESHOLD_WEIGHT,
    sample_build,
)
from upright.screening.linkage.spark_prepare import SparkConnection  # noqa: E402
from upright.screening.linkage.spark_sql import sql_translate  # noqa: E402
from upright.screening.pipeline import screen_run  # noqa: E402


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    session = linkage_spark.session_start(
        master="local[2]", shuffle_partitions=2,
        checkpoint_dir=tmp_path_factory.mktemp("spark-checkpoints"))
    yield session
    session.stop()


@pytest.fixture(scope="module")
def duck(tmp_path_factory) -> tuple[duckdb.DuckDBPyConnection, dict[str, Any], LinkageResult]:
    # The sample's own bands (see sample.py): the production default is calibrated on ten
    # million persons and matches little in a few hundred.
    con = duckdb.connect()
    sample_build(con=con)
    linkage_tables_build(con=con)
    model = model_train(con=con)
    path = tmp_path_factory.mktemp("model") / "model.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    return con, model, linkage_run(con=con, model_path=path, threshold_weight=SAMPLE_THRESHOLD_WEIGHT,
                                   review_weight=SAMPLE_REVIEW_WEIGHT)


@pytest.fixture(scope="module")
def prepared(spark, duck, tmp_path_factory) -> dict[str, int]:
    con, _, _ = duck
    linkage_spark.duckdb_tables_share(con=con, spark=spark,
                                      folder=tmp_path_factory.mktemp("tables"))
    return linkage_spark.linkage_tables_build(spark=spark)


@pytest.fixture(scope="module")
def on_spark(spark, duck, prepared) -> LinkageResult:
    _, model, _ = duck
    return linkage_spark.linkage_run(spark=spark, model=model, prepare=False,
                                     threshold_weight=SAMPLE_THRESHOLD_WEIGHT,
                                     review_weight=SAMPLE_REVIEW_WEIGHT)


def _flat(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flat(item, f"{path}.{key}").items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{path}[{i}]").items()}
    return {path: value}


def _same(a: Any, b: Any) -> bool:
    """Equal, numbers to the last few bits (sums in another order; an int and a double)."""
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool):
        return a == pytest.approx(b, rel=1e-9, abs=1e-12)
    return a == b


def test_prepared_tables_equal_duckdb_row_for_row(spark, duck, prepared):
    con, _, _ = duck
    for table in (EMPLOYEES_TABLE, INDEX_TABLE):
        columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
        frame = spark.table(table)
        assert frame.columns == columns
        expected = sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)  # noqa: S608 (constant names)
        got = sorted((tuple(row) for row in frame.collect()), key=repr)
        assert prepared[table] == len(expected) > 100
        assert got == expected
    expected_tf = dict(con.execute(f"SELECT * FROM {SWAP_FREQUENCIES_TABLE}").fetchall())  # noqa: S608 (constant names)
    got_tf = {row[0]: row[1] for row in spark.table(SWAP_FREQUENCIES_TABLE).collect()}
    assert len(expected_tf) > 100
    assert got_tf == pytest.approx(expected_tf, rel=1e-12)


def test_same_identities_found_as_on_duckdb(duck, on_spark):
    _, _, on_duckdb = duck
    bands = {(h.employee_id, h.record_id): h.band for h in on_spark.hits}
    assert bands == {(h.employee_id, h.record_id): h.band for h in on_duckdb.hits}
    matched = {employee for (employee, record), band in bands.items()
               if band == "match" and record == f"R_{employee}"}
    assert {f"EXACT{i}" for i in range(30)} <= matched


def test_scores_and_explanations_agree_with_duckdb(duck, on_spark):
    _, _, on_duckdb = duck
    expected = {(h.employee_id, h.record_id): h for h in on_duckdb.hits}
    assert len(on_spark.hits) == len(expected) > 30
    for hit in on_spark.hits:
        other = expected[(hit.employee_id, hit.record_id)]
        assert hit.match_weight == pytest.approx(other.match_weight, abs=1e-6)
        assert hit.probability == pytest.approx(other.probability, rel=1e-9)
        ours, theirs = _flat(json.loads(hit.explanation)), _flat(json.loads(other.explanation))
        assert ours.keys() == theirs.keys()
        assert [k for k in ours if not _same(ours[k], theirs[k])] == []


def test_explanation_names_every_comparison_with_its_level(duck, on_spark):
    _, model, _ = duck
    labels = level_labels(model)
    hit = next(h for h in on_spark.hits if h.employee_id == "EXACT0")
    explanation = json.loads(hit.explanation)
    assert explanation["evidence_weight"] == hit.match_weight
    parts = explanation["comparisons"]
    assert [p["comparison"] for p in parts] == list(labels)
    for part in parts:
        assert part["level"] in labels[part["comparison"]].values()
    assert sum(p["match_weight"] for p in parts) == pytest.approx(hit.match_weight, abs=0.01)


def test_model_trained_on_spark_equals_duckdbs(spark, duck, prepared):
    _, expected, _ = duck
    trained = linkage_spark.model_train(spark=spark, u_num_chunks=1)
    assert trained["probability_two_random_records_match"] == pytest.approx(
        expected["probability_two_random_records_match"], rel=1e-9)
    for ours, theirs in zip(trained["comparisons"], expected["comparisons"], strict=True):
        for a, b in zip(ours["comparison_levels"], theirs["comparison_levels"], strict=True):
            # Saved in DuckDB SQL, so either engine loads the other's model.
            assert a["sql_condition"] == b["sql_condition"]
            level = f"{ours['output_column_name']}: {a.get('label_for_charts')}"
            for p in ("m_probability", "u_probability"):
                if isinstance(b.get(p), float):
                    # u from one chunk instead of Splink's early-stopping ten: the same pairs
                    # are counted unless a level is common enough to stop on a probe.
                    tolerance = 1e-4 if p == "m_probability" else 2e-3
                    assert a[p] == pytest.approx(b[p], abs=tolerance), (level, p)
                else:
                    assert a.get(p) == b.get(p), (level, p)


def _letters(name: str) -> str:
    return re.sub("[^A-Z]", "", name.upper())


def test_string_functions_equal_duckdbs_on_names(spark, duck):
    # Prepare feeds soundex letters only; the similarity functions see cleaned names.
    con, _, _ = duck
    query = f"SELECT name FROM {NICKNAMES_TABLE} UNION SELECT canon FROM {NICKNAMES_TABLE}"  # noqa: S608 (constant names)
    names = sorted({_letters(n) for (n,) in con.execute(query).fetchall()} - {""})
    rand = random.Random(5)
    pairs: list[tuple[str | None, str]] = [
        (a, a[:i] + rand.choice("AEIRST") + a[i + 1:]) for a in names[::3]
        for i in [rand.randrange(len(a))]]
    pairs += [(a, a[:i] + a[i + 1] + a[i] + a[i + 2:]) for a in names[1::3] if len(a) > 2
              for i in [rand.randrange(len(a) - 1)]]
    pairs += [(rand.choice(names), rand.choice(names)) for _ in range(1000)]
    pairs += [("", ""), ("", "A"), ("AB", "BA"), ("AB", "ABAB"), (None, "A")]
    functions = ["jaro_winkler_similarity(a, b)", "jaro_similarity(a, b)",
                 "damerau_levenshtein(a, b)", "linkage_soundex(a)"]
    con.execute("CREATE OR REPLACE TEMP TABLE name_pairs (a VARCHAR, b VARCHAR)")
    con.executemany("INSERT INTO name_pairs VALUES (?, ?)", pairs)
    select = f"SELECT a, b, {', '.join(functions)} FROM name_pairs"  # noqa: S608 (constant SQL)
    expected = con.execute(select).fetchall()
    SparkAPI(spark_session=spark)  # registers the jar's damerau_levenshtein
    spark.createDataFrame(pairs, "a STRING, b STRING").createOrReplaceTempView("name_pairs")
    translated = ", ".join(sql_translate(sql=f) for f in functions)
    select = f"SELECT a, b, {translated} FROM name_pairs"  # noqa: S608 (constant SQL)
    got = [tuple(r) for r in spark.sql(select).collect()]
    assert len(got) == len(expected) > 2000
    by_pair = {(r[0], r[1]): r for r in expected}
    differ = [(row, by_pair[row[:2]]) for row in got
              if not all(_same(x, y) for x, y in zip(row, by_pair[row[:2]], strict=True))]
    assert differ == []


def test_spark_connection_runs_the_statements_prepare_uses(spark):
    con = SparkConnection(spark=spark)
    con.execute("CREATE OR REPLACE TABLE names_t (name VARCHAR, n INTEGER)")
    con.executemany("INSERT INTO names_t VALUES (?, ?)", [("BILL", 1), ("WILL", 2)])
    con.executemany("INSERT INTO names_t VALUES (?, ?)", [(None, 4)])
    con.execute("CREATE OR REPLACE TABLE lists_t AS SELECT list_sort(list(name)) AS names, "
                "list_sort(list(name) FILTER (n > 1)) AS later, sum(n) AS total FROM names_t")
    con.execute("UPDATE lists_t SET total = total + len(names)")
    # DuckDB keeps the NULL in a list (and sorts it last); indexes count from 1.
    assert con.execute("SELECT names, names[1], later, total FROM lists_t").fetchall() == [
        (["BILL", "WILL", None], "BILL", ["WILL", None], 10)]
    with pytest.raises(NotImplementedError, match="WHERE"):
        con.execute("UPDATE lists_t SET total = 0 WHERE total > 1")


def test_duckdb_sql_spark_cannot_express_is_refused(spark):
    with pytest.raises(ValueError, match="regexp_replace without 'g'"):
        sql_translate(sql="regexp_replace(name, 'A', 'B')")
    with pytest.raises(ValueError, match="ORDER BY"):
        sql_translate(sql="SELECT list(name ORDER BY name) FROM t")
    with pytest.raises(NotImplementedError, match="macro 'other'"):
        SparkConnection(spark=spark).execute("CREATE TEMP MACRO other(s) AS (s)")


def test_screen_run_engine_spark_writes_the_duckdb_hits(screening_sample, tmp_path, spark):
    on_duckdb = screen_run(index_dir=screening_sample.index, workforce=screening_sample.hr,
                           out_dir=tmp_path / "duckdb", model_path=screening_sample.model,
                           threads=1)
    out = tmp_path / "spark"
    call_command("screen_run", "--index", str(screening_sample.index), "--workforce",
                 str(screening_sample.hr), "--out", str(out), "--model",
                 str(screening_sample.model), "--no-record", "--engine", "spark")
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["engine"] == "spark"
    assert manifest["versions"]["pyspark"]
    assert not (out / ".screen.spark").exists()
    rows = pq.read_table(out / "hits.parquet").to_pylist()
    expected = [asdict(h) for h in on_duckdb.hits]
    assert len(rows) == len(expected) > 0
    assert sum(row["kind"] == "identity" for row in rows) > 0
    for row, other in zip(rows, expected, strict=True):
        ours, theirs = _flat(row | {"explanation": json.loads(row["explanation"])}), _flat(
            other | {"explanation": json.loads(other["explanation"])})
        assert ours.keys() == theirs.keys()
        assert [k for k in ours if not _same(ours[k], theirs[k])] == [], row
