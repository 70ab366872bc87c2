"""A small sample for the screening-run tests: an HR extract, an index extract made for it,
and a model trained once on them (a run with a saved model takes seconds, not tens)."""

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from upright.screening.pipeline import screen_run
from upright.screening.synthetic import Rates, index_generate
from upright.screening.tests.test_synthetic import hr_csv
from upright.screening.workforce import workforce_load

RATES = Rates(identities=0.25, associations=0.2, same_name_dob=0.02, relatives=0.02,
              former_occupants=0.02)


@dataclass(frozen=True)
class Sample:
    hr: Path  # 120 employees, in the HR import format
    index: Path  # an extract of 1,500 index persons, some of them planted employees
    model: Path  # a model trained on them


@pytest.fixture(scope="session")
def screening_sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    root = tmp_path_factory.mktemp("screening-sample")
    hr = root / "hr.csv"
    hr.write_text(hr_csv(120), encoding="utf-8")
    con = duckdb.connect()
    workforce_load(con=con, source=hr)
    index_generate(con=con, persons=1500, seed=3, out=root / "index", rates=RATES,
                   as_of=dt.date(2025, 6, 1))
    trained = screen_run(index_dir=root / "index", workforce=hr, out_dir=root / "trained",
                         threads=1)
    model = root / "model.json"
    model.write_text(json.dumps(trained.manifest["model"]["json"]), encoding="utf-8")
    return Sample(hr=hr, index=root / "index", model=model)


@pytest.fixture
def index_root(screening_sample: Sample, tmp_path: Path, settings) -> Path:
    """A server index root of this test's own, holding a copy of the sample as "nov" (so a
    test may change it), and a runs root beside it."""
    root = tmp_path / "index"
    shutil.copytree(screening_sample.index, root / "nov")
    settings.UPRIGHT_SCREENING_INDEX_ROOT = root
    settings.UPRIGHT_SCREENING_OUT_ROOT = tmp_path / "runs"
    return root


@pytest.fixture
def workforce(db, screening_sample: Sample) -> None:
    """The sample's employees in the people app, so their hits are imported for triage."""
    from upright.people.importing import people_import

    people_import(text=screening_sample.hr.read_text(encoding="utf-8"), actor=None,
                  source_name="hr.csv")
