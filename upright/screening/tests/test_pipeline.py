"""The screening pipeline end to end on a small generated extract, and its CLI."""

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from upright.screening.linkage.run import DEFAULT_REVIEW_WEIGHT, DEFAULT_THRESHOLD_WEIGHT
from upright.screening.pipeline import HIT_COLUMNS, screen_run
from upright.screening.synthetic import Rates, index_generate
from upright.screening.tests.test_synthetic import hr_csv
from upright.screening.workforce import workforce_load

RATES = Rates(identities=0.25, associations=0.2, same_name_dob=0.02, relatives=0.02,
              former_occupants=0.02)


@pytest.fixture(scope="module")
def extract(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("screen")
    hr = root / "hr.csv"
    hr.write_text(hr_csv(300), encoding="utf-8")
    con = duckdb.connect()
    workforce_load(con=con, source=hr)
    index_generate(con=con, persons=4000, seed=3, out=root / "index", rates=RATES,
                   as_of=dt.date(2025, 6, 1))
    return root / "index", hr


@pytest.fixture(scope="module")
def run(extract, tmp_path_factory):
    index, hr = extract
    out = tmp_path_factory.mktemp("out")
    stages: list[str] = []
    result = screen_run(index_dir=index, workforce=hr, out_dir=out, threads=1,
                        progress=lambda stage, _f: stages.append(stage))
    return result, out, stages


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_writes_parquet_and_csv_with_the_documented_columns(run):
    result, out, stages = run
    assert stages == ["load", "link", "associations", "write", "done"]
    table = pq.read_table(out / "hits.parquet")
    assert table.column_names == list(HIT_COLUMNS)
    assert table.num_rows == len(result.hits) > 0
    with (out / "hits.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(HIT_COLUMNS)
    assert len(rows) == table.num_rows
    assert {r["kind"] for r in rows} == {"identity", "association"}
    assert {r["band"] for r in rows} <= {"match", "review"}
    assert [(r["employee_id"], r["record_id"], r["kind"]) for r in rows] == sorted(
        (r["employee_id"], r["record_id"], r["kind"]) for r in rows)


def test_explanations_are_json_by_kind(run):
    result, _, _ = run
    identity = next(h for h in result.hits if h.kind == "identity")
    parts = json.loads(identity.explanation)
    assert [c["comparison"] for c in parts["comparisons"]] == [
        "forename", "surname", "dob", "address", "sex", "middle", "phone"]
    association = next(h for h in result.hits if h.kind == "association")
    paths = json.loads(association.explanation)["paths"]
    assert paths
    assert set(paths[0]) == {"kind", "path", "evidence", "roles"}
    assert association.match_weight is None


def test_finds_most_planted_identities(run, extract):
    # A smoke floor for the wiring; accuracy is measured by bench/screening.py.
    result, _, _ = run
    truth = pq.read_table(extract[0] / "truth.parquet").to_pylist()
    planted = {(t["employee_id"], t["record_id"]) for t in truth if t["kind"] == "identity"}
    found = {(h.employee_id, h.record_id) for h in result.hits
             if h.kind == "identity" and h.band == "match"}
    assert len(planted & found) >= 0.8 * len(planted)
    assert len(found - planted) <= 0.2 * len(found)


def test_manifest_has_checksums_counts_and_versions(run, extract):
    result, out, _ = run
    index, hr = extract
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["inputs"]["index"]["files"] == {
        f"{t}.parquet": _digest(index / f"{t}.parquet")
        for t in ("persons", "phones", "vehicles", "addresses", "events", "links")}
    assert manifest["inputs"]["workforce"] == {"source": "hr_file", "file": "hr.csv",
                                               "sha256": _digest(hr)}
    assert manifest["inputs"]["rows"]["persons"] == 4000
    assert manifest["inputs"]["rows"]["workforce_people"] == 300
    assert manifest["model"]["source"] == "trained"
    assert manifest["model"]["sha256"] == hashlib.sha256(
        json.dumps(manifest["model"]["json"], sort_keys=True).encode()).hexdigest()
    assert manifest["parameters"]["threshold_weight"] == DEFAULT_THRESHOLD_WEIGHT
    assert manifest["parameters"]["review_weight"] == DEFAULT_REVIEW_WEIGHT
    assert set(manifest["versions"]) >= {"splink", "duckdb"}
    assert set(manifest["seconds"]) >= {"load", "link", "associations", "write"}
    assert manifest["counts"] == result.counts
    assert sum(manifest["counts"].values()) == len(result.hits)
    assert manifest["outputs"] == {"hits.parquet": _digest(out / "hits.parquet"),
                                   "hits.csv": _digest(out / "hits.csv")}


def test_rerun_gives_identical_files(run, extract, tmp_path):
    _, out, _ = run
    index, hr = extract
    screen_run(index_dir=index, workforce=hr, out_dir=tmp_path, threads=1)
    assert _digest(tmp_path / "hits.csv") == _digest(out / "hits.csv")
    assert _digest(tmp_path / "hits.parquet") == _digest(out / "hits.parquet")


def test_saved_model_is_recorded_by_checksum(run, extract, tmp_path):
    _, out, _ = run
    index, hr = extract
    model = tmp_path / "model.json"
    model.write_text(json.dumps(json.loads((out / "run.json").read_text())["model"]["json"]))
    result = screen_run(index_dir=index, workforce=hr, out_dir=tmp_path / "o", model_path=model)
    assert result.manifest["model"] == {"source": "file", "file": str(model),
                                        "sha256": _digest(model)}
    assert _digest(tmp_path / "o" / "hits.csv") == _digest(out / "hits.csv")


@pytest.mark.django_db
def test_cli_summarises_and_writes_files(extract, tmp_path):
    from upright.screening.models import ScreeningRun

    index, hr = extract
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("screen_run", "--index", str(index), "--workforce", str(hr), "--out",
                 str(tmp_path), stdout=stdout, stderr=stderr)
    assert "Screening finished." in stdout.getvalue()
    run = ScreeningRun.objects.get()
    assert (run.status, run.progress) == ("done", 100)
    assert set(run.input_checksums) == {p.name for p in index.iterdir()
                                        if p.suffix in (".csv", ".parquet")
                                        and not p.name.startswith("truth")}
    # The HR-file workforce is not in the database, so every hit is for an unknown staff number.
    assert run.counts["unknown_employee"] == run.counts["rows"] > 0
    assert f"recorded run {run.pk}" in stdout.getvalue()
    assert "identity/match" in stdout.getvalue()
    assert str(tmp_path / "hits.parquet") in stdout.getvalue()
    assert "100% done" in stderr.getvalue()


@pytest.mark.django_db
def test_cli_refuses_a_malformed_extract_with_file_line_and_column(tmp_path):
    from upright.screening.models import ScreeningRun

    index = tmp_path / "bad"
    index.mkdir()
    (index / "persons.csv").write_text(
        "record_id,forenames,surname,dob,sex,postcode,address\n"
        "R1,John,Smith,1980-02-30,M,,\n", encoding="utf-8")
    (index / "events.csv").write_text("record_id,role,category,date,source\n"
                                      "R1,suspect,,,\n", encoding="utf-8")
    (index / "links.csv").write_text("record_a,record_b,kind\n", encoding="utf-8")
    hr = tmp_path / "hr.csv"
    hr.write_text(hr_csv(5), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "hits.csv").write_text("stale", encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="The extract was refused: 1 problem"):
        call_command("screen_run", "--index", str(index), "--workforce", str(hr),
                     "--out", str(out), stdout=io.StringIO(), stderr=stderr)
    assert ("persons.csv, line 2, dob: '1980-02-30' is not a date in the form YYYY-MM-DD"
            in stderr.getvalue())
    assert sorted(p.name for p in out.iterdir()) == []
    failed = ScreeningRun.objects.get()
    assert failed.status == "failed"
    assert "The extract was refused" in failed.error
