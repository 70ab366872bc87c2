"""DuckDB SQL, the dialect the preparation and the model are written in, as Spark SQL.

sqlglot does most of the work. What it cannot know, or gets wrong for Spark, is fixed on
the parsed tree:

- Jaro and Jaro-Winkler become a Spark SQL expression equal to DuckDB's (``spark_jaro``:
  Splink's Scala UDFs for them score differently); ``damerau_levenshtein`` is the Scala
  UDF that Splink's SparkAPI registers from its jar, which agrees with DuckDB's (made
  NULL-safe: the UDF returns 100 for a NULL);
- ``list_has_any`` becomes ``arrays_overlap`` (sqlglot writes ``&&``, which Spark lacks);
- ``len`` of a list column becomes a null-safe ``size`` (DuckDB's ``len`` takes strings
  and lists alike; sqlglot cannot tell them apart, so the caller names the list columns);
- prepare's soundex macro becomes Spark's built-in ``soundex``: the same American Soundex
  on the letters-only names prepare feeds it (tested against the macro), with the macro's
  NULL for an empty name;
- ``list_sort`` of a list built by a subquery becomes ``sort_array``: Spark's
  ``array_sort`` is a higher-order function and may not contain a subquery (the two differ
  only in where NULL elements go, and the prepared lists hold none);
- ``WITH x AS MATERIALIZED`` loses the hint, which Spark's parser does not accept (Spark
  decides itself whether to reuse a CTE);
- ``list`` (DuckDB keeps NULL elements; Spark's ``collect_list`` drops them) collects
  each value in a struct, which is never NULL, and unwraps it; ``list(x ORDER BY ...)``
  is refused (sort the list instead: ``list_sort``);
- a DuckDB ``regexp_replace`` without the ``'g'`` flag replaces only the first match,
  which Spark cannot say, so it is refused rather than silently changed.

Anything else Spark does not know fails when Spark analyses it (``spark.model_check``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from sqlglot import exp, parse_one

from upright.screening.linkage.spark_jaro import jaro_sql

SOUNDEX_MACRO = "linkage_soundex"


def array_columns_of(*, schema: Any) -> frozenset[str]:
    """Names of the list (ArrayType) columns in a Spark schema."""
    from pyspark.sql.types import ArrayType

    return frozenset(f.name for f in schema.fields if isinstance(f.dataType, ArrayType))


def _is_array(node: exp.Expression, array_columns: frozenset[str]) -> bool:
    if not isinstance(node, exp.Column):
        return False
    name = node.name
    # Splink's pair columns carry _l / _r; blocking rules use l. / r. instead.
    return name in array_columns or (name[-2:] in ("_l", "_r") and name[:-2] in array_columns)


def _size(arg: exp.Expression) -> exp.Expression:
    # size(NULL) is -1 in Spark unless ANSI mode is on; DuckDB's len(NULL) is NULL.
    return exp.Case(ifs=[exp.If(this=exp.Is(this=arg.copy(), expression=exp.Null()),
                                true=exp.Null())],
                    default=exp.Anonymous(this="size", expressions=[arg.copy()]))


def _null_safe(call: exp.Anonymous) -> exp.Expression:
    # The jar's UDF returns 100 for a NULL argument, where DuckDB returns NULL.
    missing = exp.or_(*(exp.Is(this=arg.copy(), expression=exp.Null()) for arg in call.expressions))
    return exp.Case(ifs=[exp.If(this=missing, true=exp.Null())], default=call)


def _soundex(arg: exp.Expression) -> exp.Expression:
    empty = exp.EQ(this=arg.copy(), expression=exp.Literal.string(""))
    return exp.Case(ifs=[exp.If(this=empty, true=exp.Null())],
                    default=exp.Anonymous(this="soundex", expressions=[arg.copy()]))


def _list(aggregate: exp.ArrayAgg, where: exp.Expression | None = None) -> exp.Expr:
    if isinstance(aggregate.this, exp.Order):
        raise ValueError("list(... ORDER BY ...) has no Spark translation here: use list_sort")
    value = aggregate.this.sql(dialect="spark")
    only = f" FILTER (WHERE {where.sql(dialect='spark')})" if where is not None else ""
    return parse_one(f"transform(collect_list(named_struct('v', {value})){only}, "
                     "list_e -> list_e.v)", read="spark")


def _jaro(*args: exp.Expression, winkler: bool) -> exp.Expr:
    if len(args) != 2:
        raise ValueError("Jaro similarity with a score cutoff has no Spark translation")
    s, t = (arg.sql(dialect="spark") for arg in args)
    return parse_one(jaro_sql(s, t, winkler=winkler), read="spark")


def _fix(node: exp.Expr, array_columns: frozenset[str]) -> exp.Expr:
    if isinstance(node, exp.JarowinklerSimilarity):
        return _jaro(node.this, node.expression, winkler=True)
    if isinstance(node, exp.ArrayOverlaps):
        return exp.Anonymous(this="arrays_overlap", expressions=[node.this, node.expression])
    if isinstance(node, exp.Length) and _is_array(node.this, array_columns):
        return _size(node.this)
    if isinstance(node, exp.ArraySize):
        return _size(node.this)
    if isinstance(node, exp.Filter) and isinstance(node.this, exp.ArrayAgg):
        return _list(node.this, node.expression.this)
    if isinstance(node, exp.ArrayAgg) and not isinstance(node.parent, exp.Filter):
        return _list(node)
    if isinstance(node, exp.ArraySort) and node.this.find(exp.Subquery) is not None:
        return exp.Anonymous(this="sort_array", expressions=[node.this])
    if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
        node.set("materialized", None)
        return node
    if isinstance(node, exp.RegexpReplace):
        modifiers = node.args.get("modifiers")
        if modifiers is None or "g" not in modifiers.name:
            raise ValueError(f"regexp_replace without 'g' has no Spark equivalent: {node.sql()}")
        node.set("modifiers", None)
        return node
    if isinstance(node, exp.Anonymous):
        name = node.name.lower()
        if name == SOUNDEX_MACRO:
            return _soundex(node.expressions[0])
        if name == "jaro_similarity":
            return _jaro(*node.expressions, winkler=False)
        if name == "damerau_levenshtein":
            return _null_safe(node)
    return node


def sql_translate(*, sql: str, array_columns: frozenset[str] = frozenset(),
                  pretty: bool = False) -> str:
    """One DuckDB statement or condition as Spark SQL."""
    tree: exp.Expr = parse_one(sql, read="duckdb")
    # Children before parents, so a rewritten call's arguments are already translated.
    for node in reversed(list(tree.dfs())):
        new = _fix(node, array_columns)
        if new is node:
            continue
        if node is tree:
            tree = new
        else:
            node.replace(new)
    return tree.sql(dialect="spark", pretty=pretty)


def model_to_spark(*, model: Mapping[str, Any], array_columns: frozenset[str]) -> dict[str, Any]:
    """A copy of a DuckDB-dialect settings or model dict with every SQL condition and
    blocking rule in Spark SQL (a Spark-dialect dict is returned as it is)."""
    out = copy.deepcopy(dict(model))
    if out.get("sql_dialect", "duckdb") == "spark":
        return out
    for comparison in out["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level["sql_condition"].strip().upper() != "ELSE":
                level["sql_condition"] = sql_translate(sql=level["sql_condition"],
                                                       array_columns=array_columns)
    rules = []
    for rule in out.get("blocking_rules_to_generate_predictions", []):
        entry = {"blocking_rule": rule} if isinstance(rule, str) else rule
        rules.append(entry | {"blocking_rule": sql_translate(sql=entry["blocking_rule"],
                                                             array_columns=array_columns),
                              "sql_dialect": "spark"})
    out["blocking_rules_to_generate_predictions"] = rules
    out["sql_dialect"] = "spark"
    return out


def model_to_duckdb(*, trained: Mapping[str, Any], source: Mapping[str, Any]) -> dict[str, Any]:
    """The trained Spark model with the SQL of ``source`` (the DuckDB settings it was
    translated from) put back, level by level, so a saved model stays engine-neutral."""
    out = copy.deepcopy(dict(trained))
    for comparison, original in zip(out["comparisons"], source["comparisons"], strict=True):
        levels = comparison["comparison_levels"]
        for level, original_level in zip(levels, original["comparison_levels"], strict=True):
            level["sql_condition"] = original_level["sql_condition"]
    out["blocking_rules_to_generate_predictions"] = copy.deepcopy(
        source["blocking_rules_to_generate_predictions"])
    out["sql_dialect"] = source.get("sql_dialect", "duckdb")
    return out
