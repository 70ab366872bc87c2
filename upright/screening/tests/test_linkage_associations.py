"""Associations between employees and index persons with offending events."""

import duckdb
import pytest

from upright.screening.linkage.run import associations_find
from upright.screening.linkage.sample import schema_create


@pytest.fixture
def con():
    con = duckdb.connect()
    schema_create(con=con)
    con.execute("""
        INSERT INTO events VALUES
          ('R_OWN', 'victim', 'assault', DATE '2020-01-01', 'crime'),
          ('R_OWN2', 'suspect', 'theft', DATE '2020-01-01', 'crime'),
          ('R_PHONE', 'convicted', 'drugs', DATE '2019-01-01', 'court'),
          ('R_ADDR', 'accused', 'fraud', DATE '2019-01-01', 'crime'),
          ('R_OLDADDR', 'suspect', 'fraud', DATE '2010-01-01', 'crime'),
          ('R_CAR', 'suspect', 'burglary', DATE '2021-01-01', 'crime'),
          ('R_LINKED', 'convicted', 'robbery', DATE '2018-01-01', 'court'),
          ('R_GANG', 'suspect', 'drugs', DATE '2022-01-01', 'intel'),
          ('R_VICTIM', 'victim', 'assault', DATE '2022-01-01', 'crime'),
          ('R_VICTIM', 'witness', 'assault', DATE '2022-02-01', 'crime')
    """)
    con.execute("""
        INSERT INTO phones VALUES ('R_PHONE', '+44 7700 900123'), ('R_VICTIM', '07700900999');
        INSERT INTO workforce_phones VALUES ('E1', '07700-900-123'), ('E2', '07700 900999');
        INSERT INTO addresses VALUES
          ('R_ADDR', '12 Mill Lane', 'LS6 1AA', DATE '2018-01-01', NULL),
          ('R_OLDADDR', '12 Mill Lane', 'LS6 1AA', DATE '2001-01-01', DATE '2005-12-31');
        INSERT INTO workforce_addresses VALUES
          ('E1', '12 MILL LANE', 'ls61aa', DATE '2020-06-01', DATE '2022-01-01');
        INSERT INTO vehicles VALUES ('R_CAR', 'ab12 cde');
        INSERT INTO workforce_vehicles VALUES ('E1', 'AB12CDE');
        INSERT INTO links VALUES
          ('R_OWN', 'R_LINKED', 'associate'),
          ('R_CAR', 'R_GANG', 'co-offender'),
          ('R_OWN', 'R_VICTIM', 'family')
    """)
    return con


def _by_kind(rows, employee_id):
    return {r.kind: r for r in rows if r.employee_id == employee_id}


def test_shared_phone_address_and_vehicle(con):
    rows = associations_find(con=con, identity_hits=[("E1", "R_OWN")])
    found = _by_kind(rows, "E1")
    assert found["shared_phone"].record_id == "R_PHONE"
    assert found["shared_phone"].evidence == {"number": "07700900123"}
    assert found["shared_phone"].path == [
        {"from": "E1", "to": "R_PHONE", "via": "shared phone"}]
    assert found["shared_address"].record_id == "R_ADDR"
    assert found["shared_address"].evidence == {
        "address": "12 Mill Lane", "postcode": "LS6 1AA",
        "employee_dates": ["2020-06-01", "2022-01-01"], "index_dates": ["2018-01-01", None]}
    assert found["shared_vehicle"].record_id == "R_CAR"
    assert found["shared_vehicle"].evidence == {"vrm": "AB12CDE"}
    assert found["shared_vehicle"].roles == ["suspect"]


def test_address_without_overlapping_dates_is_not_an_association(con):
    rows = associations_find(con=con, identity_hits=[])
    assert [r for r in rows if r.record_id == "R_OLDADDR"] == []


def test_one_hop_link_from_own_record(con):
    rows = associations_find(con=con, identity_hits=[{"employee_id": "E1", "record_id": "R_OWN"}])
    linked = [r for r in rows if r.kind == "linked_record"]
    assert [(r.employee_id, r.record_id) for r in linked] == [("E1", "R_LINKED")]
    assert linked[0].evidence == {"own_record": "R_OWN", "link": "associate"}
    assert linked[0].path == [
        {"from": "R_OWN", "to": "R_LINKED", "via": "link (associate)", "employee": "E1"}]


def test_group_of_linked_offenders(con):
    rows = associations_find(con=con, identity_hits=[("E1", "R_OWN")])
    groups = [r for r in rows if r.kind == "group"]
    assert len(groups) == 1
    assert groups[0].evidence["members"] == ["R_CAR", "R_GANG"]
    assert groups[0].evidence["entry"] == "shared_vehicle"
    assert groups[0].path == [
        {"from": "E1", "to": "R_CAR", "via": "shared vehicle"},
        {"from": "R_CAR", "to": "R_GANG", "via": "link (co-offender)"},
    ]


def test_victim_or_witness_only_is_flagged_and_never_an_association(con):
    rows = associations_find(con=con, identity_hits=[("E1", "R_OWN"), ("E3", "R_OWN2")])
    identity = {r.employee_id: r for r in rows if r.kind == "identity"}
    assert identity["E1"].victim_witness_only is True
    assert identity["E1"].roles == ["victim"]
    assert identity["E3"].victim_witness_only is False
    # E2 shares a phone with a victim/witness only: no association at all.
    assert [r for r in rows if r.employee_id == "E2"] == []
    assert [r for r in rows if r.record_id == "R_VICTIM"] == []


def test_own_matched_record_is_not_an_association(con):
    con.execute("INSERT INTO workforce_phones VALUES ('E4', '07700 900123')")
    rows = associations_find(con=con, identity_hits=[("E4", "R_PHONE")])
    assert [r.kind for r in rows if r.employee_id == "E4"] == ["identity"]
