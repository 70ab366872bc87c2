import datetime as dt

import duckdb
import pytest

from upright.people.importing import people_import
from upright.screening.extract import ExtractError, ExtractRejected
from upright.screening.formats import WORKFORCE_TABLES, quote
from upright.screening.workforce import workforce_load

HR = (
    "staff_number,employment_kind,forenames,surname,date_of_birth,sex,start_date,address,"
    "postcode,address_from,previous_names,previous_addresses,phones,vehicles\n"
    "210001,officer,Sarah Jane,Okafor,1985-04-12,female,2010-09-01,\"4 Mare Street, London\","
    "e8 3qt,2019-01-01,Sarah Jane|Bell|2001-01-01|2012-06-30,"
    "\"1 Acre Lane, London|SW2 5SG|2012-07-01|2018-12-31\",07700 900123;020 7946 0000,lb07 seo\n"
    "210002,staff,Tom,Nowak,1990-12-01,male,2015-01-05,,,,,,,\n"
)


def _contents(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    out = {}
    for table, cols in WORKFORCE_TABLES.items():
        select = ", ".join(quote(c) for c, _ in cols)
        out[table] = con.execute(f"SELECT {select} FROM {table} ORDER BY ALL").fetchall()  # noqa: S608
    return out


@pytest.mark.django_db
def test_workforce_from_people_and_from_hr_csv_give_the_same_tables(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text(HR, encoding="utf-8")
    people_import(text=HR, actor=None, source_name="hr.csv")
    from_people, from_file = duckdb.connect(), duckdb.connect()
    counts = workforce_load(con=from_people, source="people")
    assert workforce_load(con=from_file, source=path) == counts
    assert counts == {"workforce_people": 2, "workforce_names": 3, "workforce_addresses": 2,
                      "workforce_phones": 2, "workforce_vehicles": 1}
    assert _contents(from_people) == _contents(from_file)
    assert _contents(from_people) == {
        "workforce_people": [("210001", dt.date(1985, 4, 12), "F"),
                             ("210002", dt.date(1990, 12, 1), "M")],
        "workforce_names": [("210001", "Sarah Jane", "Bell", "previous"),
                            ("210001", "Sarah Jane", "Okafor", "current"),
                            ("210002", "Tom", "Nowak", "current")],
        "workforce_addresses": [
            ("210001", "1 Acre Lane, London", "SW2 5SG", dt.date(2012, 7, 1),
             dt.date(2018, 12, 31)),
            ("210001", "4 Mare Street, London", "E8 3QT", dt.date(2019, 1, 1), None)],
        "workforce_phones": [("210001", "+442079460000"), ("210001", "+447700900123")],
        "workforce_vehicles": [("210001", "LB07SEO")],
    }


def test_malformed_hr_csv_is_refused_with_its_line(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text(HR.replace("1990-12-01", "01/12/1990"), encoding="utf-8")
    con = duckdb.connect()
    with pytest.raises(ExtractRejected) as caught:
        workforce_load(con=con, source=path)
    assert caught.value.errors == [ExtractError(
        "hr.csv", 3, "date_of_birth", "'01/12/1990' is not a date in the form YYYY-MM-DD")]
    assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchall() == [(0,)]
