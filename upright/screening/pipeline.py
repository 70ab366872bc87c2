"""One screening run: load the extract and the workforce, link, find associations, write hits.

Everything happens in one DuckDB connection (in memory, or a database file under `out_dir`
for runs larger than memory) with every CPU and an optional memory limit. The outputs are
`hits.parquet` and `hits.csv` (same rows, ordered by employee, record and kind) and
`run.json`, a manifest from which the run can be repeated: the inputs with their SHA-256
checksums and row counts, the model (or its checksum), the parameters, the library versions,
the stage timings and the counts by kind and band. The hits are the same, byte for byte, for
the same inputs. Nothing is written when the extract or the HR file is refused
(``ExtractRejected``): stale outputs in `out_dir` are removed first, so a refused run never
leaves hits that look like its own.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from upright.screening.extract import extract_load
from upright.screening.formats import TABLES, WORKFORCE_TABLES
from upright.screening.linkage.run import (
    DEFAULT_REVIEW_WEIGHT,
    DEFAULT_THRESHOLD_WEIGHT,
    Association,
    LinkageHit,
    LinkageResult,
    associations_find,
    linkage_run,
)
from upright.screening.workforce import workforce_load

HIT_COLUMNS = ("employee_id", "record_id", "kind", "probability", "match_weight", "band",
               "explanation", "victim_witness_only")
_SCHEMA = pa.schema([
    ("employee_id", pa.string()), ("record_id", pa.string()), ("kind", pa.string()),
    ("probability", pa.float64()), ("match_weight", pa.float64()), ("band", pa.string()),
    ("explanation", pa.string()), ("victim_witness_only", pa.bool_()),
])
STAGES = ("load", "link", "associations", "write")
ENGINES = ("duckdb", "spark")
OUTPUTS = ("hits.parquet", "hits.csv", "run.json")

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Hit:
    employee_id: str
    record_id: str
    kind: str  # identity | association
    probability: float
    match_weight: float | None  # evidence weight (identity only)
    band: str  # match | review
    explanation: str  # JSON
    victim_witness_only: bool


@dataclass
class ScreenResult:
    out_dir: Path
    hits: list[Hit]
    rows: dict[str, int]
    counts: dict[str, int]  # "identity/match" -> n
    seconds: dict[str, float] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def files(self) -> list[Path]:
        return [self.out_dir / name for name in OUTPUTS]


def screen_run(
    *,
    index_dir: Path,
    workforce: Literal["people"] | Path,
    out_dir: Path,
    threshold_weight: float | None = None,
    review_weight: float | None = None,
    model_path: Path | None = None,
    progress: Progress | None = None,
    memory_limit: str | None = None,
    on_disk: bool = False,
    threads: int | None = None,
    count_pairs: bool = False,
    engine: str = "duckdb",
) -> ScreenResult:
    """Screen the workforce against the extract in `index_dir`; write hits and manifest.

    memory_limit: a DuckDB size ("12GB"); larger intermediates spill to `out_dir`.
    on_disk: keep the tables in a database file under `out_dir` (deleted at the end).
    threads: DuckDB worker threads (default: every CPU). Parallel sums in model training can
    differ in the last bits from run to run, so byte-identical output is promised only with
    threads=1 (the manifest records the count used).
    engine: where the linkage stage runs, "duckdb" or "spark" (see linkage_engine_run)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    threshold = DEFAULT_THRESHOLD_WEIGHT if threshold_weight is None else threshold_weight
    review = DEFAULT_REVIEW_WEIGHT if review_weight is None else review_weight
    if review > threshold:
        raise ValueError("the review weight must not exceed the threshold weight")
    report = progress or (lambda _stage, _fraction: None)
    index_dir, out_dir = Path(index_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        (out_dir / name).unlink(missing_ok=True)
    db_file = out_dir / ".screen.duckdb"
    db_file.unlink(missing_ok=True)
    con = duckdb.connect(str(db_file) if on_disk else ":memory:")
    seconds: dict[str, float] = {}
    try:
        workers = threads or os.cpu_count() or 1
        con.execute(f"SET threads = {int(workers)}")
        con.execute(f"SET temp_directory = {_sql_str(str(out_dir / '.screen.tmp'))}")
        if memory_limit:
            con.execute(f"SET memory_limit = {_sql_str(memory_limit)}")
        con.execute("SET preserve_insertion_order = true")

        report("load", 0.0)
        t0 = time.perf_counter()
        summary = extract_load(folder=index_dir, con=con)
        workforce_rows = workforce_load(con=con, source=workforce)
        seconds["load"] = time.perf_counter() - t0

        report("link", 0.25)
        t0 = time.perf_counter()
        linkage = linkage_engine_run(engine=engine, con=con, work_dir=out_dir,
                                     model_path=model_path, threshold_weight=threshold,
                                     review_weight=review, count_pairs=count_pairs)
        seconds["link"] = time.perf_counter() - t0
        seconds.update({f"link.{k}": v for k, v in linkage.seconds.items()})

        report("associations", 0.6)
        t0 = time.perf_counter()
        matched = [h for h in linkage.hits if h.band == "match"]
        associations = associations_find(con=con, identity_hits=matched)
        hits = hits_build(identity=linkage.hits, associations=associations)
        seconds["associations"] = time.perf_counter() - t0

        report("write", 0.8)
        t0 = time.perf_counter()
        hits_write(hits=hits, out_dir=out_dir)
        seconds["write"] = time.perf_counter() - t0
        workforce_digest = (_sha256(Path(workforce)) if workforce != "people"
                            else _workforce_digest(con))
    finally:
        con.close()
        db_file.unlink(missing_ok=True)
        Path(str(db_file) + ".wal").unlink(missing_ok=True)

    counts = hits_count(hits)
    rows = {**summary.rows, **workforce_rows}
    manifest = {
        "inputs": {
            "index": {"folder": str(index_dir), "files": index_checksums(index_dir)},
            "workforce": ({"source": "people", "sha256": workforce_digest}
                          if workforce == "people" else
                          {"source": "hr_file", "file": Path(workforce).name,
                           "sha256": workforce_digest}),
            "rows": rows,
        },
        "model": _model_entry(model_path, linkage.model),
        "parameters": {"threshold_weight": threshold, "review_weight": review,
                       "memory_limit": memory_limit, "on_disk": on_disk,
                       "threads": threads or os.cpu_count() or 1, "engine": engine},
        "versions": {name: _version(name) for name in ("upright", "splink", "duckdb",
                                                        "pyarrow")} | {
            "python": platform.python_version()} | (
            {"pyspark": _version("pyspark")} if engine == "spark" else {}),
        "candidate_pairs": linkage.candidate_pairs,
        "prior_weight": round(linkage.prior_weight, 6),
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "counts": counts,
        "outputs": {name: _sha256(out_dir / name) for name in OUTPUTS[:2]},
    }
    (out_dir / "run.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")
    report("done", 1.0)
    return ScreenResult(out_dir=out_dir, hits=hits, rows=rows, counts=counts,
                        seconds=seconds, manifest=manifest)


def hits_build(*, identity: list[LinkageHit], associations: list[Association]) -> list[Hit]:
    """One row per identity hit, and one per (employee, associated record) with every path
    that reaches it. A path through the employee's own record is as strong as that match;
    a shared phone, address or vehicle is an exact shared identifier (1.0)."""
    own = {(h.employee_id, h.record_id): h for h in identity}
    victim_only = {(a.employee_id, a.record_id): a.victim_witness_only
                   for a in associations if a.kind == "identity"}
    out = [Hit(h.employee_id, h.record_id, "identity", h.probability, h.match_weight, h.band,
               h.explanation, victim_only.get((h.employee_id, h.record_id), False))
           for h in identity]
    paths: dict[tuple[str, str], list[Association]] = {}
    for a in associations:
        if a.kind != "identity":
            paths.setdefault((a.employee_id, a.record_id), []).append(a)
    for (employee_id, record_id), found in paths.items():
        strengths = [_strength(a, own) for a in found]
        explanation = [{"kind": a.kind, "path": a.path, "evidence": a.evidence,
                        "roles": a.roles} for a in found]
        explanation.sort(key=lambda e: json.dumps(e, sort_keys=True))
        out.append(Hit(employee_id, record_id, "association", max(strengths), None, "match",
                       json.dumps({"paths": explanation}, sort_keys=True),
                       all(a.victim_witness_only for a in found)))
    out.sort(key=lambda h: (h.employee_id, h.record_id, h.kind))
    return out


def _strength(a: Association, own: dict[tuple[str, str], LinkageHit]) -> float:
    via = a.evidence.get("own_record") or a.evidence.get("entry_evidence", {}).get("own_record")
    if via and (a.employee_id, via) in own:
        return own[(a.employee_id, via)].probability
    return 1.0


def hits_write(*, hits: list[Hit], out_dir: Path) -> None:
    columns: dict[str, list[Any]] = {name: [] for name in HIT_COLUMNS}
    for hit in hits:
        for name in HIT_COLUMNS:
            columns[name].append(getattr(hit, name))
    table = pa.table(columns, schema=_SCHEMA)
    pq.write_table(table, out_dir / "hits.parquet", compression="zstd")
    with (out_dir / "hits.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HIT_COLUMNS)
        for hit in hits:
            writer.writerow([hit.employee_id, hit.record_id, hit.kind, repr(hit.probability),
                             "" if hit.match_weight is None else repr(hit.match_weight),
                             hit.band, hit.explanation,
                             "true" if hit.victim_witness_only else "false"])


def hits_count(hits: list[Hit]) -> dict[str, int]:
    counts = {f"{kind}/{band}": 0 for kind in ("identity", "association")
              for band in ("match", "review")}
    for hit in hits:
        counts[f"{hit.kind}/{hit.band}"] += 1
    return counts


def index_checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of each extract table file present in `folder`, by file name."""
    files = {}
    for table in TABLES:
        for suffix in (".parquet", ".csv"):
            path = folder / f"{table.name}{suffix}"
            if path.exists():
                files[path.name] = _sha256(path)
                break
    return files


def _workforce_digest(con: duckdb.DuckDBPyConnection) -> str:
    digest = hashlib.sha256()
    for table in WORKFORCE_TABLES:
        for row in con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall():  # noqa: S608 (constant names)
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _model_entry(model_path: Path | None, model: dict[str, Any]) -> dict[str, Any]:
    if model_path is not None:
        return {"source": "file", "file": str(model_path), "sha256": _sha256(Path(model_path))}
    text = json.dumps(model, sort_keys=True)
    return {"source": "trained", "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "json": model}


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def screen_result_read(*, out_dir: Path) -> ScreenResult | None:
    """The complete outputs of an earlier run in `out_dir`, or None where there are none.

    run.json is written last and names the SHA-256 of hits.parquet, so outputs left by a run
    that was interrupted while writing (or altered since) are never taken for finished ones."""
    out_dir = Path(out_dir)
    try:
        manifest = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
        if _sha256(out_dir / "hits.parquet") != manifest["outputs"]["hits.parquet"]:
            return None
        table = pq.read_table(out_dir / "hits.parquet", columns=list(HIT_COLUMNS))
        hits = [Hit(**row) for row in table.to_pylist()]
        return ScreenResult(out_dir=out_dir, hits=hits, rows=dict(manifest["inputs"]["rows"]),
                            counts=dict(manifest["counts"]),
                            seconds={k: float(v) for k, v in manifest["seconds"].items()},
                            manifest=manifest)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, pa.ArrowException):
        return None


def workforce_checksum(*, source: Literal["people"] | Path) -> str:
    """The SHA-256 that run.json records for this workforce: the HR file's bytes, or the
    people app's rows as they are loaded for screening."""
    if source != "people":
        return _sha256(Path(source))
    con = duckdb.connect(":memory:")
    try:
        workforce_load(con=con, source="people")
        return _workforce_digest(con)
    finally:
        con.close()


def linkage_engine_run(*, engine: str, con: duckdb.DuckDBPyConnection, work_dir: Path,
                       **options: Any) -> LinkageResult:
    """The linkage stage on DuckDB, in `con`, or on Spark in local mode, where the loaded
    tables travel as Parquet through a scratch folder under `work_dir` (removed after)."""
    if engine == "spark":
        # Imported here: pyspark and Java are optional (the `spark` extra).
        try:
            from upright.screening.linkage.spark import linkage_run_from_duckdb
        except ImportError as exc:
            raise ValueError("the spark engine needs pyspark: pip install 'upright[spark]'") from exc
        return linkage_run_from_duckdb(con=con, work_dir=work_dir, **options)
    return linkage_run(con=con, **options)
