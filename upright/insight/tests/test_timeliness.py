"""Timeliness figures from hand-built rows (no database): ageing, the 12-month point, days
to finalise with and without sub judice time, workload, rates and the backlog forecast."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from upright.insight.timeliness import (
    age_band,
    ageing_by_stage,
    backlog_forecast,
    days_to_finalise,
    flow_rates,
    forecast_from_rates,
    months_add,
    past_twelve_months,
    periods_ended,
    workload_by_investigator,
)

LONDON = ZoneInfo("Europe/London")
AS_AT = dt.datetime(2025, 6, 1, 12, 0, tzinfo=LONDON)
STAGES = [("recorded", "Recorded"), ("under_investigation", "Under investigation")]


def at(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def matter(ref: str, status: str, attention: dt.datetime, since: dt.datetime,
           investigator_id: int | None = None, name: str = "") -> dict[str, Any]:
    return {"reference": ref, "kind": "conduct_matter", "status": status, "attention": attention,
            "status_since": since, "investigator_id": investigator_id, "investigator": name}


# A: 30 days since attention, 10 in stage; B: 151 and 20; C: 365 and 365 (exactly 12 months:
# the first relevant period ended yesterday); D: 364 and 120 (the last day of the period).
OPEN = [
    matter("A", "under_investigation", at(2025, 5, 2, 12), at(2025, 5, 22, 12), 7, "Ida Vance"),
    matter("B", "under_investigation", at(2025, 1, 1, 12), at(2025, 5, 12, 12), 7, "Ida Vance"),
    matter("C", "recorded", at(2024, 6, 1, 12), at(2024, 6, 1, 12)),
    matter("D", "under_investigation", at(2024, 6, 2, 12), at(2025, 2, 1, 12), 8, "Al Burn"),
]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2024, 5, 1), 12, dt.date(2025, 5, 1)),
    (dt.date(2024, 1, 31), 1, dt.date(2024, 3, 1)),   # no 31 February: the day after the month
    (dt.date(2024, 2, 29), 12, dt.date(2025, 3, 1)),  # no 29 February 2025
    (dt.date(2024, 11, 30), 3, dt.date(2025, 3, 1)),  # no 30 February
])
def test_months_add(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_add(day=day, months=months) == expected


def test_twelve_month_point_and_further_periods() -> None:
    came = dt.date(2024, 5, 1)  # first period: 1 May 2024 to 30 April 2025
    assert periods_ended(attention=came, on=dt.date(2025, 4, 30)) == 0
    assert periods_ended(attention=came, on=dt.date(2025, 5, 1)) == 1
    assert periods_ended(attention=came, on=dt.date(2025, 10, 31)) == 1  # second ends 31 Oct
    assert periods_ended(attention=came, on=dt.date(2025, 11, 1)) == 2
    assert periods_ended(attention=came, on=dt.date(2026, 5, 1)) == 3  # 24 months
    assert age_band(attention=came, on=dt.date(2024, 7, 31)) == "under_3m"
    assert age_band(attention=came, on=dt.date(2024, 8, 1)) == "3_6m"
    assert age_band(attention=came, on=dt.date(2024, 11, 1)) == "6_12m"
    assert age_band(attention=came, on=dt.date(2025, 4, 30)) == "6_12m"
    assert age_band(attention=came, on=dt.date(2025, 5, 1)) == "over_12m"


def test_ageing_by_stage_by_hand() -> None:
    rows = {s.stage: s for s in ageing_by_stage(matters=OPEN, as_at=AS_AT, stages=STAGES)}
    assert list(rows) == ["recorded", "under_investigation", "all"]
    inv = rows["under_investigation"]
    assert inv.count == 3
    assert (inv.in_stage.median, inv.in_stage.mean, inv.in_stage.max) == (20.0, 50.0, 120)
    assert (inv.since_attention.median, inv.since_attention.mean,
            inv.since_attention.max) == (151.0, 181.7, 364)  # (30 + 151 + 364) / 3
    assert inv.bands == {"under_3m": 1, "3_6m": 1, "6_12m": 1, "over_12m": 0}
    assert rows["recorded"].bands == {"under_3m": 0, "3_6m": 0, "6_12m": 0, "over_12m": 1}
    everything = rows["all"]
    assert everything.count == 4
    # in stage: 10, 20, 120, 365; since attention: 30, 151, 364, 365
    assert (everything.in_stage.median, everything.in_stage.mean) == (70.0, 128.8)
    assert (everything.since_attention.median, everything.since_attention.max) == (257.5, 365)


def test_past_twelve_months_lists_only_the_ended_first_period() -> None:
    listed = past_twelve_months(matters=OPEN, as_at=AS_AT)
    assert [(o.reference, o.attention, o.days, o.periods) for o in listed] == [
        ("C", "2024-06-01", 365, 1)]


def test_days_to_finalise_with_and_without_sub_judice() -> None:
    rows = [
        {"id": 1, "reference": "M1", "kind": "complaint", "complaint_track": "sch3_investigation",
         "attention": at(2025, 4, 10, 9), "closed_at": at(2025, 6, 9, 9)},  # 60 days
        {"id": 2, "reference": "M2", "kind": "complaint", "complaint_track": "outside_sch3",
         "attention": at(2025, 5, 1, 9), "closed_at": at(2025, 5, 21, 9)},  # 20 days
        {"id": 3, "reference": "M3", "kind": "conduct_matter", "complaint_track": "",
         "attention": at(2024, 11, 1, 9), "closed_at": at(2025, 5, 20, 9)},  # 200 days
        {"id": 4, "reference": "M4", "kind": "recordable_conduct_matter", "complaint_track": "",
         "attention": at(2025, 2, 1, 9), "closed_at": at(2025, 5, 12, 9)},  # 100 days
    ]
    groups = {f.group: f for f in days_to_finalise(matters=rows, sub_judice={3: 50, 2: 0})}
    conduct = groups["conduct"]
    assert (conduct.count, conduct.refs, conduct.sub_judice_matters) == (2, ["M3", "M4"], 1)
    assert (conduct.with_sub_judice.mean, conduct.with_sub_judice.max) == (150.0, 200)
    assert (conduct.without_sub_judice.mean, conduct.without_sub_judice.max) == (125.0, 150)
    complaints = groups["complaint"]
    assert (complaints.count, complaints.with_sub_judice.mean) == (2, 40.0)
    assert complaints.without_sub_judice.mean == 40.0
    assert groups["complaint_under_sch3"].refs == ["M1"]
    assert groups["complaint_outside_sch3"].with_sub_judice.median == 20.0
    # A suspension longer than the case (counted to now) never makes days negative.
    clamped = days_to_finalise(matters=rows[3:], sub_judice={4: 120})
    assert clamped[3].without_sub_judice.max == 0


def test_workload_per_investigator() -> None:
    closures = [{"investigator_id": 7, "investigator": "Ida Vance", "closed_at": AS_AT},
                {"investigator_id": 9, "investigator": "Cy Dee", "closed_at": AS_AT},
                {"investigator_id": 9, "investigator": "Cy Dee", "closed_at": AS_AT}]
    rows = workload_by_investigator(open_matters=OPEN, closures=closures, as_at=AS_AT, weeks=52)
    assert [(w.investigator, w.open, w.oldest_days, w.closed) for w in rows] == [
        ("Ida Vance", 2, 151, 1), ("Al Burn", 1, 364, 0), ("Cy Dee", 0, None, 2),
        ("No investigator", 1, 365, 0)]
    assert rows[2].closed_per_week == round(2 / 52, 3)


def test_flow_rates_count_each_week() -> None:
    as_at = at(2025, 6, 1, 0)
    intake = [{"attention": as_at - dt.timedelta(days=d)} for d in (1, 2, 8, 364, 365)]
    closures = [{"closed_at": as_at - dt.timedelta(days=d)} for d in (3, 100)]
    rates = flow_rates(intake=intake, closures=closures, as_at=as_at, investigators=2, weeks=52)
    # 365 days back is outside the 52 weeks (364 days); 364 days back is the first instant.
    assert (rates.intake, rates.closures) == (4, 2)
    assert rates.weekly[-1]["intake"] == 2  # days 1 and 2 back
    assert rates.weekly[-2]["intake"] == 1  # day 8 back
    assert rates.weekly[0] == {"week_start": "2024-06-02", "intake": 1, "closures": 0}
    assert rates.intake_per_week == round(4 / 52, 4)
    assert rates.clearance_per_investigator == round(2 / 52 / 2, 4)
    none = flow_rates(intake=intake, closures=closures, as_at=as_at, investigators=0)
    assert none.clearance_per_investigator is None


def test_backlog_forecast_arithmetic() -> None:
    start = dt.date(2025, 6, 1)
    # 100 open, 10 in a week, 15 out: 5 fewer a week, clear in week 20.
    clears = backlog_forecast(backlog=100, intake_per_week=10, clearance_per_week=15,
                              weeks=26, start=start, staff=6)
    assert [p["backlog"] for p in clears.points[:5]] == [100.0, 95.0, 90.0, 85.0, 80.0]
    assert clears.points[20]["backlog"] == 0.0
    assert clears.points[26]["backlog"] == 0.0
    assert (clears.clears_week, clears.clears_on, clears.net_per_week) == (20, "2025-10-19", 5.0)
    # Clearing exactly the intake: the backlog stays, and never clears.
    flat = backlog_forecast(backlog=100, intake_per_week=10, clearance_per_week=10, weeks=10,
                            start=start)
    assert flat.never
    assert flat.points[-1]["backlog"] == 100.0
    assert backlog_forecast(backlog=0, intake_per_week=1, clearance_per_week=0, weeks=1,
                            start=start).clears_week == 0


def stored_rates(closures_per_week: float, investigators: int) -> dict[str, Any]:
    return {"as_at": "2025-06-01T00:00:00+01:00", "backlog": 1000,
            "rates": {"intake_per_week": 30.0, "closures_per_week": closures_per_week,
                      "investigators": investigators}}


def test_forecast_from_stored_rates_and_the_mets_90() -> None:
    # 40 investigators close 20 a week (0.5 each) against 30 in: 1,000 open never clear.
    stored = stored_rates(20.0, 40)
    measured = forecast_from_rates(stored=stored, weeks=26)
    assert measured is not None
    assert (measured.staff, measured.clearance_per_week, measured.never) == (40, 20.0, True)
    assert measured.points[1]["backlog"] == 1010.0
    assert measured.points[0]["on"] == "2025-06-01"
    # + 90: 130 x 0.5 = 65 a week, 35 more than come in: 1,000 / 35 = 28.6, so week 29
    # (beyond the 26 weeks shown, where 1,000 - 26 x 35 = 90 remain).
    more = forecast_from_rates(stored=stored, staff=130, weeks=26)
    assert more is not None
    assert (more.clearance_per_week, more.clears_week, more.clears_on) == (65.0, 29,
                                                                           "2025-12-21")
    assert more.points[-1]["backlog"] == 90.0
    # The records name no investigator: the team as it is can be forecast, not a number ...
    unknown = stored_rates(20.0, 0)
    as_is = forecast_from_rates(stored=unknown)
    assert as_is is not None
    assert (as_is.staff, as_is.clearance_per_week, as_is.never) == (None, 20.0, True)
    assert forecast_from_rates(stored=unknown, staff=130) is None
    # ... unless the reader says how many do the work now.
    told = forecast_from_rates(stored=unknown, staff=130, staff_now=40, weeks=26)
    assert told is not None
    assert (told.clearance_per_week, told.clears_week) == (65.0, 29)
