# ruff: noqa: S608  (test SQL over temporary paths)
import csv
import dataclasses
import datetime as dt
import io
import random
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from upright.people.importing import people_import
from upright.screening.extract import extract_load
from upright.screening.synthetic import CORRUPTIONS, PATHS, Rates, index_generate, rates_parse
from upright.screening.synthetic_plant import GROUP_SIZE
from upright.screening.workforce import workforce_load

AS_OF = dt.date(2025, 6, 1)
_MALE = ["William", "Robert", "James", "John", "Michael", "Christopher", "Daniel", "Thomas"]
_FEMALE = ["Elizabeth", "Margaret", "Catherine", "Susan", "Jennifer", "Rebecca", "Victoria"]
_SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Patel", "Khan", "Okafor", "Nowak"]


def hr_csv(n: int) -> str:
    """An HR extract of n employees: married names, old addresses, phones and vehicles."""
    rng = random.Random(5)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["staff_number", "employment_kind", "forenames", "surname", "date_of_birth",
                     "sex", "start_date", "address", "postcode", "address_from",
                     "previous_names", "previous_addresses", "phones", "vehicles"])
    for i in range(n):
        female = i % 2 == 0
        forename = rng.choice(_FEMALE if female else _MALE)
        dob = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randint(0, 12000))
        writer.writerow([
            f"{300000 + i}", "officer", forename, f"{rng.choice(_SURNAMES)}{i}", dob.isoformat(),
            "female" if female else "male", "2012-01-01", f"{i + 1} Mare Street, London",
            f"E{1 + i % 17} {i % 10}AB", "2016-03-01",
            f"{forename}|Maiden{i}||2016-01-01" if female and i % 4 == 0 else "",
            f"{i + 1} Old Road, London|N{1 + i % 22} 1AA|2008-01-01|2016-02-28" if i % 2 else "",
            f"07700 9{i:05d}" if i % 5 else "", f"LB{10 + i % 80}ABC" if i % 3 == 0 else ""])
    return out.getvalue()


@pytest.fixture(scope="module")
def workforce(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hr") / "hr.csv"
    path.write_text(hr_csv(400), encoding="utf-8")
    return path


RATES = Rates(identities=0.25, associations=0.2, same_name_dob=0.02, relatives=0.02,
              former_occupants=0.02)


def _generate(workforce: Path, out: Path, seed: int = 7, persons: int = 5000):
    con = duckdb.connect()
    workforce_load(con=con, source=workforce)
    return index_generate(con=con, persons=persons, seed=seed, out=out, rates=RATES,
                          as_of=AS_OF)


def _read(folder: Path) -> dict[str, list[dict]]:
    return {p.stem: pq.read_table(p).to_pylist() for p in sorted(folder.glob("*.parquet"))}


def test_generator_is_deterministic_for_a_seed(workforce, tmp_path):
    _generate(workforce, tmp_path / "a")
    _generate(workforce, tmp_path / "b")
    _generate(workforce, tmp_path / "c", seed=8)
    first, second, other = (_read(tmp_path / x) for x in "abc")
    assert first == second
    assert (tmp_path / "a" / "truth.csv").read_bytes() == (tmp_path / "b" / "truth.csv").read_bytes()
    assert first["persons"] != other["persons"]


def test_generator_plants_the_requested_counts(workforce, tmp_path):
    result = _generate(workforce, tmp_path)
    assert result.persons == 5000
    assert result.requested["identities"] == result.planted["identities"] == 100
    truth = pq.read_table(tmp_path / "truth.parquet").to_pylist()
    identities = [t for t in truth if t["kind"] == "identity"]
    assert len(identities) == 100
    for kind in CORRUPTIONS:
        expected = round(getattr(RATES, kind) * 100)
        assert result.requested[kind] == result.planted[kind] == expected, kind
        assert sum(kind in t["detail"].split(";") for t in identities) == expected, kind
    associations = [t for t in truth if t["kind"] == "association"]
    for path in PATHS:
        expected = round(getattr(RATES, path) * 80)
        assert result.planted[path] == expected, path
        rows = [t for t in associations if t["detail"] == path]
        employees = {t["employee_id"] for t in rows}
        extra = result.planted["relative_same_address"] if path == "shared_address" else 0
        assert len(rows) == expected * (GROUP_SIZE if path == "group" else 1) + extra, path
        assert len(employees) <= expected + extra
    negatives = [t for t in truth if t["kind"] == "hard_negative"]
    for detail, expected in (("same_name_dob", 8), ("relative_same_address", 8),
                             ("former_occupant", 8)):
        assert sum(t["detail"] == detail for t in negatives) == expected
    assert sum(t["victim_witness_only"] for t in associations) > 0


def test_truth_refers_to_real_employees_and_generated_records(workforce, tmp_path):
    _generate(workforce, tmp_path)
    con = duckdb.connect()
    workforce_load(con=con, source=workforce)
    extract_load(folder=tmp_path, con=con)  # the generated extract obeys its own format
    con.execute(f"CREATE TABLE truth AS SELECT * FROM read_parquet('{tmp_path}/truth.parquet')")
    assert con.execute("SELECT count(*) FROM truth ANTI JOIN workforce_people "
                       "USING (employee_id)").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM truth ANTI JOIN persons "
                       "USING (record_id)").fetchall() == [(0,)]
    # truth.csv holds the same rows as truth.parquet
    assert con.execute(f"SELECT count(*) FROM (SELECT * FROM truth EXCEPT SELECT * FROM "
                       f"read_csv('{tmp_path}/truth.csv'))").fetchall() == [(0,)]

    # Every association path is really in the extract.
    def missing(path: str, sql: str) -> list:
        return con.execute(f"SELECT t.employee_id, t.record_id FROM truth t "
                           f"WHERE t.kind = 'association' AND t.detail = '{path}' "
                           f"AND NOT EXISTS ({sql})").fetchall()

    assert missing("shared_phone", "SELECT 1 FROM phones p JOIN workforce_phones w "
                   "USING (number) WHERE p.record_id = t.record_id "
                   "AND w.employee_id = t.employee_id") == []
    assert missing("shared_vehicle", "SELECT 1 FROM vehicles v JOIN workforce_vehicles w "
                   "USING (vrm) WHERE v.record_id = t.record_id "
                   "AND w.employee_id = t.employee_id") == []
    assert missing("shared_address", 'SELECT 1 FROM addresses a JOIN workforce_addresses w '
                   'USING (address, postcode) WHERE a.record_id = t.record_id '
                   'AND w.employee_id = t.employee_id AND coalesce(a."from", DATE \'1900-01-01\')'
                   ' <= coalesce(w."to", DATE \'2100-01-01\') AND coalesce(w."from", '
                   'DATE \'1900-01-01\') <= coalesce(a."to", DATE \'2100-01-01\')') == []
    for path in ("link", "group"):
        assert missing(path, "SELECT 1 FROM links l JOIN truth i ON i.kind = 'identity' "
                       "AND i.employee_id = t.employee_id WHERE (l.record_a = i.record_id "
                       "AND l.record_b = t.record_id) OR (l.record_b = i.record_id "
                       "AND l.record_a = t.record_id)") == []
    # victim/witness-only associates have no other role
    assert con.execute("SELECT count(*) FROM truth t JOIN events e USING (record_id) "
                       "WHERE t.victim_witness_only AND e.role NOT IN ('victim', 'witness')"
                       ).fetchall() == [(0,)]


def test_hard_negatives_look_like_the_employee_but_are_not(workforce, tmp_path):
    _generate(workforce, tmp_path)
    con = duckdb.connect()
    workforce_load(con=con, source=workforce)
    extract_load(folder=tmp_path, con=con)
    rows = con.execute(f"""
        SELECT t.detail, p.forenames = split_part(n.forenames, ' ', 1), p.surname = n.surname,
               p.dob = w.dob, p.postcode = a.postcode
        FROM read_parquet('{tmp_path}/truth.parquet') t
        JOIN persons p USING (record_id)
        JOIN workforce_people w USING (employee_id)
        JOIN workforce_names n ON n.employee_id = t.employee_id AND n.kind = 'current'
        JOIN workforce_addresses a ON a.employee_id = t.employee_id AND a."to" IS NULL
        WHERE t.kind = 'hard_negative' AND t.detail <> 'former_occupant'""").fetchall()
    same = [r[1:] for r in rows if r[0] == "same_name_dob"]
    relatives = [r[1:] for r in rows if r[0] == "relative_same_address"]
    assert len(same) == 8
    assert all(r[:3] == (True, True, True) and r[3] is not True for r in same)
    assert len(relatives) == 8
    assert all(r[1] is True and r[3] is True and r[2] is not True for r in relatives)


def _own_records(workforce: Path, out: Path, rates: Rates) -> list[tuple]:
    con = duckdb.connect()
    workforce_load(con=con, source=workforce)
    index_generate(con=con, persons=3000, seed=7, out=out, rates=rates, as_of=AS_OF)
    extract_load(folder=out, con=con)
    return con.execute(f"""
        SELECT t.employee_id, t.detail, p.forenames,
               (SELECT list(number ORDER BY number) FROM phones x WHERE x.record_id = p.record_id),
               (SELECT list(number ORDER BY number) FROM workforce_phones w
                WHERE w.employee_id = t.employee_id)
        FROM read_parquet('{out}/truth.parquet') t JOIN persons p USING (record_id)
        WHERE t.kind = 'identity' ORDER BY t.employee_id""").fetchall()


def test_own_records_carry_the_employees_number_at_the_stated_rate(workforce, tmp_path):
    always = _own_records(workforce, tmp_path / "a", dataclasses.replace(RATES, own_phone=1.0))
    with_phone = [r for r in always if r[4]]
    assert with_phone
    for _, _, _, recorded, declared in with_phone:
        # HR's numbers are E.164 (+447700 9xxxxx); the record has the national form.
        assert len(recorded) == 1
        assert recorded[0].startswith("07")
        assert "+44" + recorded[0].replace(" ", "")[1:] in declared
    assert all(r[3] is None for r in always if not r[4])
    never = _own_records(workforce, tmp_path / "b", dataclasses.replace(RATES, own_phone=0.0))
    assert all(r[3] is None for r in never)


def test_middle_names_are_dropped_at_the_stated_rate(tmp_path):
    hr = tmp_path / "hr.csv"
    rows = list(csv.reader(io.StringIO(hr_csv(400))))
    for row in rows[1:]:
        row[2] += " Anne"
    with hr.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    # Records whose forename no corruption touched carry the HR forenames, or the first.
    untouched = {"exact", "maiden_name", "married_name", "dob_transposed", "dob_off_by_one",
                 "moved"}
    for rate, expect_middle in ((0.0, True), (1.0, False)):
        records = _own_records(hr, tmp_path / str(rate),
                               dataclasses.replace(RATES, middle_dropped=rate))
        plain = [r for r in records if set(r[1].split(";")) <= untouched]
        assert plain
        assert all((" " in r[2]) is expect_middle for r in plain), rate


def test_rates_parse():
    assert rates_parse("identities=0.02, typo=0.5") == Rates(identities=0.02, typo=0.5)
    assert rates_parse("") == Rates()
    with pytest.raises(ValueError, match="unknown rate 'typos'"):
        rates_parse("typos=0.1")
    with pytest.raises(ValueError, match="rate 'typo': 2.0 is not between 0 and 1"):
        rates_parse("typo=2")


def test_too_few_persons_for_the_planted_records_is_refused(workforce, tmp_path):
    with pytest.raises(ValueError, match="--persons must be at least"):
        _generate(workforce, tmp_path, persons=10)


@pytest.mark.django_db
def test_demo_index_command_uses_the_people_in_the_database(tmp_path):
    people_import(text=hr_csv(200), actor=None)
    out = io.StringIO()
    call_command("demo_index", "--persons", "3000", "--seed", "3", "--out", str(tmp_path),
                 "--rates", "identities=0.1,associations=0.05", "--as-of", "2025-06-01",
                 stdout=out)
    assert "Wrote 3,000 persons for 200 employees" in out.getvalue()
    truth = pq.read_table(tmp_path / "truth.parquet").to_pylist()
    assert sum(t["kind"] == "identity" for t in truth) == 20
    assert {t["employee_id"] for t in truth} <= {str(300000 + i) for i in range(200)}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "addresses.parquet", "events.parquet", "links.parquet", "persons.parquet",
        "phones.parquet", "truth.csv", "truth.parquet", "vehicles.parquet"]
