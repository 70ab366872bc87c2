import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from upright.screening.extract import ExtractError, ExtractRejected, extract_load

GOOD = {
    "persons": "record_id,forenames,surname,dob,sex,postcode,address,pnc_id\n"
               "R1,John,Smith,1980-02-03,M,E8 3QT,\"4 Mare Street, Hackney\",01/123X\n"
               "R2,Mary,Jones,,F,,,\n"
               "R3,Ann,Lee,1975-12-31,U,SW9 7AA,,\n",
    "phones": "record_id,number\nR1,+447700900123\nR2,+442079460000\n",
    "vehicles": "record_id,vrm\nR1,LB07SEO\n",
    "addresses": "record_id,address,postcode,from,to\nR1,\"4 Mare Street, Hackney\",E8 3QT,"
                 "2019-01-01,\nR3,1 Acre Lane,SW2 5SG,,2010-06-30\n",
    "events": "record_id,role,category,date,source\nR1,suspect,theft,2021-05-06,CRIMINT\n"
              "R2,victim,burglary,2022-01-01,Connect\nR3,witness,,,\n",
    "links": "record_a,record_b,kind\nR1,R3,associate\n",
}


def _write(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def _refused(folder: Path) -> tuple[list[ExtractError], duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    with pytest.raises(ExtractRejected) as caught:
        extract_load(folder=folder, con=con)
    assert _tables(con) == set()  # nothing written, staging dropped
    assert caught.value.extra["errors"] == [e.__dict__ for e in caught.value.errors]
    return caught.value.errors, con


def test_good_csv_extract_loads_with_fixed_types(tmp_path):
    con = duckdb.connect()
    summary = extract_load(folder=_write(tmp_path, GOOD), con=con)
    assert summary.rows == {"persons": 3, "phones": 2, "vehicles": 1, "addresses": 2,
                            "events": 3, "links": 1}
    assert summary.formats == {t: "csv" for t in summary.rows}
    assert con.execute("SELECT * FROM persons ORDER BY record_id").fetchall() == [
        ("R1", "John", "Smith", dt.date(1980, 2, 3), "M", "E8 3QT", "4 Mare Street, Hackney"),
        ("R2", "Mary", "Jones", None, "F", None, None),
        ("R3", "Ann", "Lee", dt.date(1975, 12, 31), "U", "SW9 7AA", None),
    ]
    assert con.execute('SELECT record_id, "from", "to" FROM addresses ORDER BY 1').fetchall() == [
        ("R1", dt.date(2019, 1, 1), None), ("R3", None, dt.date(2010, 6, 30))]
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                             "WHERE table_name = 'events'").fetchall())
    assert types == {"record_id": "VARCHAR", "role": "VARCHAR", "category": "VARCHAR",
                     "date": "DATE", "source": "VARCHAR"}
    assert {t for t in _tables(con) if t.startswith("_stage")} == set()


def test_optional_tables_may_be_absent_and_required_may_be_header_only(tmp_path):
    con = duckdb.connect()
    folder = _write(tmp_path, {"persons": "record_id,forenames,surname,dob,sex,postcode,address\n",
                               "events": "record_id,role,category,date,source\n",
                               "links": "record_a,record_b,kind\n"})
    summary = extract_load(folder=folder, con=con)
    assert summary.rows == {"persons": 0, "phones": 0, "vehicles": 0, "addresses": 0,
                            "events": 0, "links": 0}
    assert summary.formats["phones"] == "absent"


def test_parquet_extract_loads_and_reports_row_numbers(tmp_path):
    con = duckdb.connect()
    folder = _write(tmp_path, GOOD)
    (folder / "persons.csv").unlink()
    pq.write_table(pa.table({
        "record_id": ["R1", "R2", "R3"], "forenames": ["John", "Mary", "Ann"],
        "surname": ["Smith", "Jones", "Lee"],
        "dob": pa.array([dt.date(1980, 2, 3), None, dt.date(1975, 12, 31)]),
        "sex": ["M", "F", None], "postcode": ["E8 3QT", None, None],
        "address": [None, None, None]}), folder / "persons.parquet")
    summary = extract_load(folder=folder, con=con)
    assert summary.formats["persons"] == "parquet"
    assert summary.rows["persons"] == 3
    assert con.execute("SELECT dob FROM persons WHERE record_id = 'R1'").fetchone() == (
        dt.date(1980, 2, 3),)

    con2 = duckdb.connect()
    pq.write_table(pa.table({"record_a": ["R1", "R2"], "record_b": ["R3", "R9"],
                             "kind": ["associate", "family"]}), folder / "links.parquet")
    with pytest.raises(ExtractRejected) as caught:
        extract_load(folder=folder, con=con2)
    assert caught.value.errors == [
        ExtractError("links.parquet", 2, "record_b", "'R9' is not a record_id in persons")]


def test_parquet_date_column_of_wrong_type_is_refused(tmp_path):
    folder = _write(tmp_path, GOOD)
    pq.write_table(pa.table({"record_id": ["R1"], "role": ["suspect"], "category": ["x"],
                             "date": pa.array([20210506]), "source": ["PNC"]}),
                   folder / "events.parquet")
    errors, _ = _refused(folder)
    assert errors == [ExtractError("events.parquet", None, "date",
                                   "must be a DATE (or ISO text), not BIGINT")]


def test_missing_column_is_refused_on_the_header_line(tmp_path):
    folder = _write(tmp_path, {**GOOD, "events": "record_id,category,date,source\nR1,x,,\n"})
    errors, _ = _refused(folder)
    assert errors == [ExtractError("events.csv", 1, "role", "missing column")]


def test_bad_dates_are_refused_with_their_lines(tmp_path):
    persons = GOOD["persons"].replace("1980-02-03", "03/02/1980").replace("1975-12-31",
                                                                          "1975-02-30")
    errors, _ = _refused(_write(tmp_path, {**GOOD, "persons": persons}))
    assert errors == [
        ExtractError("persons.csv", 2, "dob", "'03/02/1980' is not a date in the form YYYY-MM-DD"),
        ExtractError("persons.csv", 4, "dob", "'1975-02-30' is not a date in the form YYYY-MM-DD"),
    ]


def test_unknown_role_is_refused(tmp_path):
    events = GOOD["events"].replace("R3,witness", "R3,informant")
    errors, _ = _refused(_write(tmp_path, {**GOOD, "events": events}))
    assert errors == [ExtractError(
        "events.csv", 4, "role",
        "'informant' is not one of: suspect, accused, convicted, victim, witness, associate")]


def test_orphan_record_id_in_phones_is_refused(tmp_path):
    phones = GOOD["phones"] + "R7,+447700900999\n"
    errors, _ = _refused(_write(tmp_path, {**GOOD, "phones": phones}))
    assert errors == [ExtractError("phones.csv", 4, "record_id",
                                   "'R7' is not a record_id in persons")]


def test_duplicate_person_id_is_refused(tmp_path):
    persons = GOOD["persons"] + "R2,Mary,Jones,1990-01-01,F,,,\n"
    errors, _ = _refused(_write(tmp_path, {**GOOD, "persons": persons}))
    assert errors == [ExtractError("persons.csv", 5, "record_id",
                                   "duplicate record_id R2 (first on line 3)")]


def test_required_value_missing_and_self_link(tmp_path):
    links = "record_a,record_b,kind\nR1,R1,associate\nR2,R3,\n"
    errors, _ = _refused(_write(tmp_path, {**GOOD, "links": links}))
    assert errors == [ExtractError("links.csv", 3, "kind", "a value is required")]
    links = "record_a,record_b,kind\nR1,R1,associate\n"
    errors, _ = _refused(_write(tmp_path, {**GOOD, "links": links}))
    assert errors == [ExtractError("links.csv", 2, "record_b", "'R1' is linked to itself")]


def test_lines_count_line_breaks_inside_quoted_values(tmp_path):
    persons = ("record_id,forenames,surname,dob,sex,postcode,address\n"
               "R1,John,Smith,1980-02-03,M,E8 3QT,\"4 Mare Street\nHackney\nLondon\"\n"
               "R2,Mary,Jones,1980-13-01,F,,\n")
    errors, _ = _refused(_write(tmp_path, {**GOOD, "persons": persons}))
    assert errors == [ExtractError("persons.csv", 5, "dob",
                                   "'1980-13-01' is not a date in the form YYYY-MM-DD")]


def test_unreadable_files_are_refused(tmp_path):
    folder = _write(tmp_path / "a", GOOD)
    (folder / "events.csv").unlink()
    (folder / "events.parquet").write_bytes(b"not parquet at all")
    errors, _ = _refused(folder)
    assert len(errors) == 1
    assert (errors[0].file, errors[0].line, errors[0].column) == ("events.parquet", None, None)
    assert errors[0].message.startswith("cannot be read as Parquet: ")

    folder = _write(tmp_path / "b", {**GOOD, "vehicles": "record_id,vrm\nR1,LB07SEO,extra\n"})
    errors, _ = _refused(folder)
    assert errors == [ExtractError("vehicles.csv", 2, None,
                                   "cannot be read as CSV: Expected Number of Columns: 2 Found: 3")]

    folder = _write(tmp_path / "c", GOOD)
    (folder / "links.csv").write_bytes(b"record_a,record_b,kind\nR1,R3,\xff\xfe\n")
    errors, _ = _refused(folder)
    assert [(e.file, e.line, e.column) for e in errors] == [("links.csv", 2, None)]
    assert "not utf-8 encoded" in errors[0].message

    folder = _write(tmp_path / "d", {**GOOD, "links": ""})
    errors, _ = _refused(folder)
    assert errors == [ExtractError("links.csv", 1, None,
                                   "the file is empty: the first line must be the header")]


def test_missing_required_table_is_refused(tmp_path):
    folder = _write(tmp_path, {k: v for k, v in GOOD.items() if k != "events"})
    errors, _ = _refused(folder)
    assert errors == [ExtractError(
        "events.csv", None, None, "the events table is required: there is no events.parquet "
        "or events.csv (it may hold only the header)")]


@pytest.mark.django_db
def test_refusal_keeps_a_previous_load_and_writes_nothing_to_django(
        tmp_path, django_assert_num_queries):
    con = duckdb.connect()
    extract_load(folder=_write(tmp_path / "good", GOOD), con=con)
    bad = _write(tmp_path / "bad", {**GOOD, "phones": GOOD["phones"] + "R9,1\n"})
    with django_assert_num_queries(0), pytest.raises(ExtractRejected):
        extract_load(folder=bad, con=con)
    assert con.execute("SELECT count(*) FROM phones").fetchone() == (2,)
    assert {t for t in _tables(con) if t.startswith("_stage")} == set()
