"""The same linkage on Apache Spark, through Splink's Spark backend (issue 4).

Nothing about the model is restated here: the prepared tables come from the DuckDB SQL in
``prepare`` and the comparisons from ``model.settings_build()`` (or a saved model), both
translated to Spark SQL by ``spark_sql`` when they are used. A model trained on Spark is
saved in the DuckDB dialect, like one trained on DuckDB, so either engine can load it.

Spark needs Java 17+ and Splink's similarity jar on the session's classpath
(``session_start`` adds it; a cluster's session must be built with it, see
docs/screening-national.md).
"""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
from splink import Linker, SparkAPI
from splink.backends.spark import similarity_jar_location

from upright.screening.linkage.model import (
    SEED,
    candidate_pairs_count,
    frequencies_register,
    m_floor_apply,
    model_fit,
    settings_build,
)
from upright.screening.linkage.prepare import EMPLOYEES_TABLE, INDEX_TABLE
from upright.screening.linkage.run import (
    DEFAULT_REVIEW_WEIGHT,
    DEFAULT_THRESHOLD_WEIGHT,
    LinkageResult,
    linkage_hits_build,
    prior_weight_of,
)
from upright.screening.linkage.spark_prepare import linkage_tables_build
from upright.screening.linkage.spark_sql import array_columns_of, model_to_duckdb, model_to_spark

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# The extract and workforce tables the prepared tables are built from.
SOURCE_TABLES = ("persons", "addresses", "phones", "workforce_people", "workforce_names",
                 "workforce_addresses", "workforce_phones")


def session_start(
    *,
    master: str = "local[2]",
    shuffle_partitions: int = 4,
    app_name: str = "upright-screening",
    checkpoint_dir: str | Path | None = None,
    config: Mapping[str, str] | None = None,
) -> SparkSession:
    """A SparkSession with Splink's similarity UDF jar and a checkpoint directory (where
    Splink writes its intermediate tables; default a new temporary directory). The
    defaults suit a test or one machine; a cluster passes its own master, a checkpoint
    directory on shared storage and a shuffle partition count sized to the candidate
    pairs (docs/screening-national.md)."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master).appName(app_name)
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", str(shuffle_partitions))
        # Dates of birth are dates, but a session time zone keeps any timestamp stable.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    folder = checkpoint_dir or tempfile.mkdtemp(prefix="upright-spark-")
    spark.sparkContext.setCheckpointDir(str(folder))
    return spark


def tables_register(*, tables: Mapping[str, DataFrame]) -> None:
    """Expose DataFrames (e.g. Parquet on object storage) under the contract's names, as
    temp views of the DataFrames' own session."""
    for name, frame in tables.items():
        frame.createOrReplaceTempView(name)


def duckdb_tables_share(
    *, con: duckdb.DuckDBPyConnection, spark: SparkSession, folder: str | Path,
    names: Iterable[str] = SOURCE_TABLES,
) -> dict[str, DataFrame]:
    """Hand tables loaded in DuckDB to Spark through Parquet files in ``folder`` (which
    must outlive the Spark work: Spark reads lazily)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    frames = {}
    for name in names:
        path = folder / f"{name}.parquet"
        quoted = "'" + path.as_posix().replace("'", "''") + "'"
        con.execute(f"COPY {name} TO {quoted} (FORMAT parquet)")  # noqa: S608 (constant names, own folder)
        frames[name] = spark.read.parquet(path.as_posix())
    tables_register(tables=frames)
    return frames


def model_check(*, spark: SparkSession, model: Mapping[str, Any]) -> None:
    """Fail early, naming the level, when a translated condition does not analyse in Spark
    (an unknown function, a type mismatch), rather than deep inside prediction."""
    from pyspark.errors import AnalysisException

    left = spark.table(EMPLOYEES_TABLE).limit(0)
    right = spark.table(INDEX_TABLE).limit(0)
    pairs = left.select([left[c].alias(f"{c}_l") for c in left.columns]).crossJoin(
        right.select([right[c].alias(f"{c}_r") for c in right.columns]))
    levels = [(comparison["output_column_name"], level)
              for comparison in model["comparisons"] for level in comparison["comparison_levels"]
              if level["sql_condition"].strip().upper() != "ELSE"]
    try:  # one analysis for the whole model; level by level only to name a failure
        pairs.selectExpr(*(f"CASE WHEN {lv['sql_condition']} THEN 1 END" for _, lv in levels))
        return
    except AnalysisException:
        pass
    for name, level in levels:
        condition = level["sql_condition"]
        try:
            pairs.selectExpr(f"CASE WHEN {condition} THEN 1 END")
        except AnalysisException as exc:
            raise ValueError(
                f"{name}: level {level.get('label_for_charts') or condition!r} does not run "
                f"on Spark as {condition!r}: {exc}") from exc


def linker_build(
    *, spark: SparkSession, settings: Mapping[str, Any] | None = None,
    break_lineage_method: str = "parquet", num_partitions: int | None = None,
) -> tuple[Linker, dict[str, Any]]:
    """A Spark linker over the prepared views (build them first with
    ``linkage_tables_build``), and the DuckDB-dialect dict it was built from.

    settings: a DuckDB-dialect model or settings dict; default ``model.settings_build()``.
    break_lineage_method: how Splink cuts the Spark plan between steps. "parquet" writes
    each intermediate table under the session's checkpoint directory; "persist" is not
    used because Spark 4 does not reliably reuse a persisted frame through its view, so
    every step recomputes all the ones before it."""
    source = (dict(settings) if settings is not None
              else settings_build().create_settings_dict("duckdb"))
    arrays = array_columns_of(schema=spark.table(EMPLOYEES_TABLE).schema)
    spark_settings = model_to_spark(model=source, array_columns=arrays)
    # Constructing the API registers the jar's similarity UDFs the check needs.
    db_api = SparkAPI(spark_session=spark, break_lineage_method=break_lineage_method,
                      num_partitions_on_repartition=num_partitions)
    model_check(spark=spark, model=spark_settings)
    employees = db_api.register(EMPLOYEES_TABLE, dataset_display_name="employees")
    index = db_api.register(INDEX_TABLE, dataset_display_name="index")
    linker = Linker([employees, index], spark_settings, log_level=logging.WARNING)
    frequencies_register(linker=linker, db_api=db_api)
    return linker, source


def model_train(
    *, spark: SparkSession, out_path: str | Path | None = None, u_max_pairs: float = 2e6,
    seed: int = SEED, u_num_chunks: int = 10, break_lineage_method: str = "parquet",
) -> dict[str, Any]:
    """Train on the prepared views, as ``model.model_train`` does on DuckDB; return (and
    optionally save) the model in the DuckDB dialect.

    u_num_chunks: Splink's chunks for u sampling (its default, 10, as on DuckDB). Each is
    a Spark job; when the sample is smaller than ``u_max_pairs`` every chunk is counted
    anyway and one chunk gives the same u in a tenth of the jobs."""
    linker, source = linker_build(spark=spark, break_lineage_method=break_lineage_method)
    model_fit(linker=linker, u_max_pairs=u_max_pairs, seed=seed,
              u_options={"num_chunks": u_num_chunks})
    model = m_floor_apply(model=model_to_duckdb(trained=linker.misc.save_model_to_json(),
                                                source=source))
    if out_path is not None:
        Path(out_path).write_text(json.dumps(model, indent=2), encoding="utf-8")
    return model


def _model_load(path: str | Path) -> dict[str, Any]:
    model: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return model


def linkage_run(
    *,
    spark: SparkSession,
    model_path: str | Path | None = None,
    model: Mapping[str, Any] | None = None,
    threshold_weight: float = DEFAULT_THRESHOLD_WEIGHT,
    review_weight: float = DEFAULT_REVIEW_WEIGHT,
    count_pairs: bool = False,
    prepare: bool = True,
    break_lineage_method: str = "parquet",
) -> LinkageResult:
    """``run.linkage_run`` on Spark: the source tables must be registered (see
    ``tables_register``). With neither ``model_path`` nor ``model`` a model is trained on
    the same tables first. ``count_pairs`` as on DuckDB; prepare=False reuses the
    prepared views already built."""
    if review_weight > threshold_weight:
        raise ValueError("review_weight must not exceed threshold_weight")
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    if prepare:
        linkage_tables_build(spark=spark)
    seconds["prepare"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    if model is not None:
        chosen = copy.deepcopy(dict(model))
    elif model_path is not None:
        chosen = _model_load(model_path)
    else:
        chosen = model_train(spark=spark, break_lineage_method=break_lineage_method)
    seconds["train"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    linker, _ = linker_build(spark=spark, settings=chosen,
                             break_lineage_method=break_lineage_method)
    prior_weight = prior_weight_of(chosen)
    predictions = linker.inference.predict(
        threshold_match_weight=review_weight + prior_weight, warning_mode="never")
    rows = [r.asDict() for r in predictions.as_spark_dataframe().collect()]
    seconds["predict"] = time.perf_counter() - t0

    hits = linkage_hits_build(rows=rows, model=chosen, prior_weight=prior_weight,
                              threshold_weight=threshold_weight, review_weight=review_weight)
    candidates = candidate_pairs_count(linker=linker) if count_pairs else None
    return LinkageResult(hits=hits, candidate_pairs=candidates, prior_weight=prior_weight,
                         model=chosen, seconds=seconds)


def linkage_run_from_duckdb(
    *,
    con: duckdb.DuckDBPyConnection,
    work_dir: str | Path,
    master: str = "local[*]",
    **options: Any,
) -> LinkageResult:
    """The linkage stage of ``upright screen run --engine spark``: the tables the pipeline
    loaded (and checked) in DuckDB go to Spark as Parquet under ``work_dir``, are linked
    there, and the scratch files are removed. Local mode on every core by default: a
    cluster reads the extract from shared storage instead (docs/screening-national.md).
    ``options`` are ``linkage_run``'s."""
    from pyspark.sql import SparkSession

    scratch = Path(work_dir) / ".screen.spark"
    shutil.rmtree(scratch, ignore_errors=True)
    active = SparkSession.getActiveSession()
    previous = active.sparkContext.getCheckpointDir() if active is not None else None
    spark = session_start(master=master, shuffle_partitions=os.cpu_count() or 2,
                          checkpoint_dir=scratch / "checkpoints")
    try:
        duckdb_tables_share(con=con, spark=spark, folder=scratch / "tables")
        return linkage_run(spark=spark, **options)
    finally:
        # A session that was already running (a notebook, a test) is left as it was.
        if active is None:
            spark.stop()
        elif previous is not None:
            spark.sparkContext.setCheckpointDir(previous)
        # Intelligence data must not outlive the run in a scratch folder.
        shutil.rmtree(scratch, ignore_errors=True)
