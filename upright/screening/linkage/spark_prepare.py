"""Build the prepared tables on Spark by running ``prepare.linkage_tables_build`` itself.

prepare writes its steps as DuckDB statements on a connection. ``SparkConnection`` is that
connection for Spark: each statement is translated (``spark_sql``) and run there, so the
Spark tables are built by the same SQL, step for step, as the DuckDB ones and follow any
change to prepare without a second copy to keep in step. It understands the statements
prepare uses: CREATE [OR REPLACE] TABLE ... AS SELECT, CREATE TABLE (columns) with
executemany INSERT ... VALUES (?, ...), UPDATE ... SET without WHERE, SELECT, and the
soundex macro (which the translation replaces with Spark's soundex). Anything else is
refused by name rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import duckdb
from sqlglot import exp, parse_one

from upright.screening.linkage.prepare import linkage_tables_build as duckdb_tables_build
from upright.screening.linkage.spark_sql import SOUNDEX_MACRO, sql_translate

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


class _Result:
    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows


class SparkConnection:
    """The part of a DuckDB connection prepare uses, run on Spark temp views.

    checkpoint_dir: write each created table as Parquet there and read it back (survives a
    lost executor on a cluster); default: a local checkpoint on the executors. Either way
    the plan is cut: Spark 4 does not reliably match a persisted frame to later queries on
    its view, and every Splink step would re-run the whole preparation."""

    def __init__(self, *, spark: SparkSession, checkpoint_dir: str | Path | None = None) -> None:
        self.spark = spark
        self.checkpoint_dir = checkpoint_dir
        self.tables: dict[str, DataFrame] = {}
        self._schemas: dict[str, str] = {}

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> _Result:
        if parameters:
            raise NotImplementedError("parameters are supported only through executemany")
        tree = parse_one(sql, read="duckdb")
        if isinstance(tree, exp.Create):
            return self._create(tree, sql)
        if isinstance(tree, exp.Update):
            return self._update(tree)
        if isinstance(tree, exp.Select | exp.Union):
            rows = self.spark.sql(self._translate(sql)).collect()
            return _Result([tuple(row) for row in rows])
        raise NotImplementedError(f"no Spark translation for: {sql.strip()[:80]}")

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> _Result:
        tree = parse_one(sql, read="duckdb")
        if not isinstance(tree, exp.Insert) or tree.find(exp.Select) is not None:
            raise NotImplementedError("executemany: only an insert of VALUES rows is supported")
        target = tree.find(exp.Table)
        if target is None or target.name not in self._schemas:
            raise NotImplementedError("executemany: insert into a table created with columns")
        table = target.name
        added = self.spark.createDataFrame([tuple(r) for r in rows], self._schemas[table])
        self._register(table, self.tables[table].unionByName(added))
        return _Result([])

    def _create(self, tree: exp.Create, sql: str) -> _Result:
        kind = str(tree.args.get("kind", "")).upper()
        if kind == "MACRO":
            function = tree.this.this.name if isinstance(tree.this, exp.UserDefinedFunction) else ""
            if function.lower() == SOUNDEX_MACRO:
                return _Result([])
            raise NotImplementedError(f"no Spark translation for macro {function!r}")
        if kind != "TABLE":
            raise NotImplementedError(f"no Spark translation for: {sql.strip()[:80]}")
        if isinstance(tree.this, exp.Schema):  # CREATE TABLE t (col type, ...)
            table = tree.this.this.name
            self._schemas[table] = ", ".join(
                f"`{col.name}` {col.args['kind'].sql(dialect='spark')}"
                for col in tree.this.expressions if isinstance(col, exp.ColumnDef))
            self._register(table, self.spark.createDataFrame([], self._schemas[table]))
            return _Result([])
        select = tree.expression
        if select is None:
            raise NotImplementedError(f"no Spark translation for: {sql.strip()[:80]}")
        frame = self.spark.sql(self._translate(select.sql(dialect="duckdb")))
        self._register(tree.this.name, self._materialise(tree.this.name, frame))
        return _Result([])

    def _update(self, tree: exp.Update) -> _Result:
        if tree.args.get("where") is not None or tree.args.get("from") is not None:
            raise NotImplementedError("UPDATE with WHERE or FROM has no Spark translation here")
        table = tree.this.name
        frame = self.tables[table] if table in self.tables else self.spark.table(table)
        from pyspark.sql import functions as F  # noqa: N812 (pyspark's own idiom)

        for assignment in tree.expressions:
            column = assignment.this.name
            value = self._translate(assignment.expression.sql(dialect="duckdb"))
            frame = frame.withColumn(column, F.expr(value))
        self._register(table, self._materialise(table, frame))
        return _Result([])

    def _translate(self, sql: str) -> str:
        # DuckDB's len() takes strings and lists; the list columns of the tables made here
        # (by name) tell the translation which is which.
        from pyspark.sql.types import ArrayType

        arrays = frozenset(field.name for frame in self.tables.values()
                           for field in frame.schema.fields if isinstance(field.dataType, ArrayType))
        return sql_translate(sql=sql, array_columns=arrays)

    def _materialise(self, table: str, frame: DataFrame) -> DataFrame:
        if self.checkpoint_dir is None:
            return frame.localCheckpoint()
        path = (Path(self.checkpoint_dir) / table).as_posix()
        frame.write.mode("overwrite").parquet(path)
        return self.spark.read.parquet(path)

    def _register(self, table: str, frame: DataFrame) -> None:
        old = self.tables.get(table)
        frame.createOrReplaceTempView(table)
        self.tables[table] = frame
        if old is not None and old is not frame:
            old.unpersist()


def linkage_tables_build(
    *, spark: SparkSession, checkpoint_dir: str | Path | None = None
) -> dict[str, int]:
    """``prepare.linkage_tables_build`` on Spark: the source tables must be registered as
    temp views; ``linkage_employees`` and ``linkage_index`` become temp views too."""
    con = SparkConnection(spark=spark, checkpoint_dir=checkpoint_dir)
    # prepare asks for a DuckDB connection and uses only what SparkConnection provides.
    return duckdb_tables_build(con=cast(duckdb.DuckDBPyConnection, con))
