"""Timeliness: ageing at every stage, matters past the 12-month point, days to finalise (with
and without sub judice time), workload per investigator and a forecast of the backlog. Pure
functions over the plain rows the conduct selectors return (no database), so each figure can
be reproduced by hand from the records behind it.

The backlog forecast is a deliberately simple flow model; its assumptions (also shown on the
staff page, FORECAST_ASSUMPTIONS):
- intake per week = matters that came to attention in the measured window / its weeks;
- clearance per investigator per week = closures in the window / its weeks / the
  investigators doing the work now (measured: those holding an open matter or having closed
  one in the window; or the number the reader enters when the records do not say);
- each week: backlog + intake - min(backlog + intake, clearance per investigator x staff);
- the intake and each investigator's pace stay at their measured averages; added staff clear
  at that pace from their first week (no training or vetting lag); every matter takes the same
  effort whatever its stage, kind or age; no seasonality, sickness or leave.
"""

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from upright.conduct.choices import ComplaintTrack

WINDOW_WEEKS = 52  # the measured rates: the 52 weeks (364 days) before the as-at time
TWELVE_MONTHS = 12  # PCR reg 19(1), CMR reg 13: first relevant period; then every 6 months
FURTHER_PERIOD_MONTHS = 6

# Ageing bands by whole months since the matter came to attention: (code, label, from, to).
BANDS: list[tuple[str, str, int, int | None]] = [
    ("under_3m", "Under 3 months", 0, 3),
    ("3_6m", "3 to 6 months", 3, 6),
    ("6_12m", "6 to 12 months", 6, 12),
    ("over_12m", "12 months or more", 12, None),
]

FORECAST_ASSUMPTIONS = [
    "Intake per week is the number of matters that came to attention in the 52 weeks measured, "
    "divided by 52.",
    "Clearance per investigator per week is the number of closures in those 52 weeks, divided "
    "by 52 and by the investigators doing the work now: those measured (holding an open matter "
    "or having closed one in the window; if no matter records an investigator, the active "
    "investigator accounts), or the number you enter. With neither, only the team as it is can "
    "be forecast.",
    "Each week the backlog grows by the intake and falls by the clearance rate times the staff "
    "available, never below zero.",
    "The intake and each investigator's pace stay at their measured averages; added staff "
    "work at that pace from their first week (no training or vetting lag); every matter takes "
    "the same effort whatever its stage, kind or age; no seasonality, sickness or leave.",
    "It is a forecast from past rates, not a target or a promise.",
]


def months_add(*, day: dt.date, months: int) -> dt.date:
    """The day `months` calendar months after `day`; where that month has no such day (31st,
    29 February) the first day of the next month, so a period of N months "beginning with"
    `day` ends the day before the result."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    try:
        return dt.date(year, month + 1, day.day)
    except ValueError:
        return dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)


def age_band(*, attention: dt.date, on: dt.date) -> str:
    """The ageing band code of a matter that came to attention on `attention`, seen on `on`."""
    for code, _, low, high in reversed(BANDS):
        if on >= months_add(day=attention, months=low) and (
                high is None or on < months_add(day=attention, months=high)):
            return code
    return BANDS[0][0]


def periods_ended(*, attention: dt.date, on: dt.date) -> int:
    """How many relevant periods (PCR reg 19, CMR reg 13) had ended by `on`: 0 within the
    first 12 months (beginning with the attention day), 1 from the day after they end, and one
    more for each further 6 months."""
    if on < months_add(day=attention, months=TWELVE_MONTHS):
        return 0
    done = 1
    while on >= months_add(day=attention,
                           months=TWELVE_MONTHS + FURTHER_PERIOD_MONTHS * done):
        done += 1
    return done


@dataclass(frozen=True)
class Spread:
    """Median, mean and maximum of whole days (None when there are none)."""

    median: float | None
    mean: float | None
    max: int | None


def _spread(days: Sequence[int]) -> Spread:
    if not days:
        return Spread(None, None, None)
    return Spread(float(statistics.median(days)), round(statistics.fmean(days), 1), max(days))


def _days(later: dt.datetime, earlier: dt.datetime) -> int:
    return (later - earlier).days


def _local_day(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    return moment.astimezone(tz).date()


@dataclass(frozen=True)
class StageAgeing:
    """One stage (matter status) of the open matters, or stage "all": how many, whole days in
    the stage and since attention, and how many in each ageing band."""

    stage: str
    label: str
    count: int
    in_stage: Spread
    since_attention: Spread
    bands: dict[str, int]


def ageing_by_stage(*, matters: Iterable[dict[str, Any]], as_at: dt.datetime,
                    stages: Sequence[tuple[str, str]]) -> list[StageAgeing]:
    """Ageing of the open matters at `as_at`, one row per stage that has any (in `stages`
    order, (value, label)) and a final "all" row. Each matter row needs status, attention and
    status_since (aware datetimes); days are whole days, bands by local calendar months."""
    tz = as_at.tzinfo or dt.UTC
    on = _local_day(as_at, tz)
    by_stage: dict[str, list[dict[str, Any]]] = {}
    for matter in matters:
        by_stage.setdefault(matter["status"], []).append(matter)

    def row(stage: str, label: str, chosen: list[dict[str, Any]]) -> StageAgeing:
        bands = {code: 0 for code, *_ in BANDS}
        for m in chosen:
            bands[age_band(attention=_local_day(m["attention"], tz), on=on)] += 1
        return StageAgeing(
            stage=stage, label=label, count=len(chosen),
            in_stage=_spread([_days(as_at, m["status_since"]) for m in chosen]),
            since_attention=_spread([_days(as_at, m["attention"]) for m in chosen]),
            bands=bands)

    labels = dict(stages)
    order = [value for value, _ in stages] + sorted(set(by_stage) - set(labels))
    out = [row(stage, labels.get(stage, stage), by_stage[stage])
           for stage in order if stage in by_stage]
    everything = [m for stage in order for m in by_stage.get(stage, [])]
    return [*out, row("all", "All open matters", everything)]


@dataclass(frozen=True)
class OverdueMatter:
    """An open matter past the 12-month point: its reference, stage, attention day, whole days
    since, how many relevant periods have ended (1 = past 12 months, 2 = past 18, ...), and
    its investigator ("" if none)."""

    reference: str
    kind: str
    status: str
    attention: str
    days: int
    periods: int
    investigator: str


def past_twelve_months(*, matters: Iterable[dict[str, Any]],
                       as_at: dt.datetime) -> list[OverdueMatter]:
    """The open matters at `as_at` whose first relevant period (12 months beginning with the
    day they came to attention, PCR reg 19 / CMR reg 13) has ended, oldest first."""
    tz = as_at.tzinfo or dt.UTC
    on = _local_day(as_at, tz)
    out = []
    for m in matters:
        attention = _local_day(m["attention"], tz)
        periods = periods_ended(attention=attention, on=on)
        if periods:
            out.append(OverdueMatter(
                reference=m["reference"], kind=m["kind"], status=m["status"],
                attention=attention.isoformat(), days=_days(as_at, m["attention"]),
                periods=periods, investigator=m.get("investigator") or ""))
    return sorted(out, key=lambda o: (o.attention, o.reference))


@dataclass(frozen=True)
class Finalised:
    """Days to finalise the matters of one group closed in the period: all days (attention to
    closing) and net of the days suspended pending criminal proceedings (sub judice)."""

    group: str
    label: str
    count: int
    with_sub_judice: Spread
    without_sub_judice: Spread
    sub_judice_matters: int
    refs: list[str]


FINALISE_GROUPS: list[tuple[str, str]] = [
    ("complaint", "Complaints"),
    ("complaint_outside_sch3", "Complaints outside Schedule 3"),
    ("complaint_under_sch3", "Complaints under Schedule 3"),
    ("conduct", "Conduct matters (incl. recordable)"),
]


# Complaint tracks as the IOPC bulletin groups them (insight.returns does the same).
_TRACK_GROUPS = {ComplaintTrack.OUTSIDE_SCH3.value: "complaint_outside_sch3",
                 ComplaintTrack.SCH3_OTHERWISE.value: "complaint_under_sch3",
                 ComplaintTrack.SCH3_INVESTIGATION.value: "complaint_under_sch3"}


def _finalise_groups(matter: dict[str, Any]) -> list[str]:
    if matter["kind"] != "complaint":
        return ["conduct"]
    track = _TRACK_GROUPS.get(matter.get("complaint_track") or "")
    return ["complaint", *([track] if track else [])]


def days_to_finalise(*, matters: Iterable[dict[str, Any]],
                     sub_judice: dict[int, int]) -> list[Finalised]:
    """Days to finalise per group (FINALISE_GROUPS), with and without sub judice time.
    `matters`: id, reference, kind, complaint_track, attention and closed_at; `sub_judice`:
    matter id -> days suspended pending criminal proceedings. A net figure below zero (a
    suspension still counted to now on a matter closed since) is taken as zero."""
    chosen: dict[str, list[dict[str, Any]]] = {code: [] for code, _ in FINALISE_GROUPS}
    for m in matters:
        for group in _finalise_groups(m):
            chosen[group].append(m)
    out = []
    for code, label in FINALISE_GROUPS:
        rows = chosen[code]
        gross = [_days(m["closed_at"], m["attention"]) for m in rows]
        net = [max(0, d - sub_judice.get(m["id"], 0)) for m, d in zip(rows, gross, strict=True)]
        out.append(Finalised(
            group=code, label=label, count=len(rows), with_sub_judice=_spread(gross),
            without_sub_judice=_spread(net),
            sub_judice_matters=sum(1 for m in rows if sub_judice.get(m["id"])),
            refs=sorted(m["reference"] for m in rows)))
    return out


@dataclass(frozen=True)
class Workload:
    """One investigator's work (investigator_id None: matters with no investigator): open
    matters, the oldest one's whole days since attention, closures in the window, and that as
    a weekly pace. No reference: the table is shown to every statistics reader, and the
    oldest matter may be one they may not see."""

    investigator_id: int | None
    investigator: str
    open: int
    oldest_days: int | None
    closed: int
    closed_per_week: float


def workload_by_investigator(*, open_matters: Iterable[dict[str, Any]],
                             closures: Iterable[dict[str, Any]], as_at: dt.datetime,
                             weeks: int = WINDOW_WEEKS) -> list[Workload]:
    """Per investigator: open matters at `as_at`, the oldest, and `closures` (those in the
    window of `weeks` weeks). Most open matters first; the unassigned row last."""
    names: dict[int | None, str] = {None: "No investigator"}
    opened: dict[int | None, list[dict[str, Any]]] = {}
    closed: dict[int | None, int] = {}
    for m in open_matters:
        opened.setdefault(m["investigator_id"], []).append(m)
        names.setdefault(m["investigator_id"], m.get("investigator") or "")
    for c in closures:
        closed[c["investigator_id"]] = closed.get(c["investigator_id"], 0) + 1
        names.setdefault(c["investigator_id"], c.get("investigator") or "")
    out = []
    for key in set(opened) | set(closed):
        mine = opened.get(key, [])
        oldest = min(mine, key=lambda m: (m["attention"], m["reference"])) if mine else None
        out.append(Workload(
            investigator_id=key, investigator=names[key], open=len(mine),
            oldest_days=_days(as_at, oldest["attention"]) if oldest else None,
            closed=closed.get(key, 0), closed_per_week=round(closed.get(key, 0) / weeks, 3)))
    return sorted(out, key=lambda w: (w.investigator_id is None, -w.open, w.investigator))


@dataclass(frozen=True)
class Rates:
    """The measured flow over the window ending at as_at: intake and closures in total and
    per week, the investigators measured, the clearance per investigator per week (None when
    no investigator was measured), and the weekly counts (oldest week first)."""

    weeks: int
    intake: int
    closures: int
    intake_per_week: float
    closures_per_week: float
    investigators: int
    clearance_per_investigator: float | None
    weekly: list[dict[str, Any]]


def flow_rates(*, intake: Iterable[dict[str, Any]], closures: Iterable[dict[str, Any]],
               as_at: dt.datetime, investigators: int,
               weeks: int = WINDOW_WEEKS) -> Rates:
    """Rates over the `weeks` weeks before `as_at` (rows outside it are ignored): `intake`
    rows need attention, `closures` rows closed_at. Week 0 is the oldest; each runs 7 days."""
    start = as_at - dt.timedelta(weeks=weeks)
    tz = as_at.tzinfo or dt.UTC
    tallies = {"intake": [0] * weeks, "closures": [0] * weeks}
    for field, rows, key in (("intake", intake, "attention"), ("closures", closures, "closed_at")):
        for r in rows:
            if start <= r[key] < as_at:
                tallies[field][(r[key] - start) // dt.timedelta(weeks=1)] += 1
    n_in, n_out = sum(tallies["intake"]), sum(tallies["closures"])
    counts = [{"week_start": _local_day(start + dt.timedelta(weeks=i), tz).isoformat(),
               "intake": tallies["intake"][i], "closures": tallies["closures"][i]}
              for i in range(weeks)]
    return Rates(
        weeks=weeks, intake=n_in, closures=n_out, intake_per_week=round(n_in / weeks, 4),
        closures_per_week=round(n_out / weeks, 4), investigators=investigators,
        clearance_per_investigator=round(n_out / weeks / investigators, 4)
        if investigators else None, weekly=counts)


@dataclass(frozen=True)
class Forecast:
    """The backlog week by week: week 0 is now. staff: the investigators assumed (None: the
    team as it is, its number unknown); clearance_per_week: what they close in a week.
    clears_week: the first week the backlog reaches zero (it may lie beyond the weeks shown),
    None when it never clears at this rate; clears_on: that week's date. net_per_week:
    clearance minus intake (negative: the backlog grows)."""

    staff: int | None
    weeks: int
    backlog: int
    intake_per_week: float
    clearance_per_week: float
    net_per_week: float
    points: list[dict[str, Any]]
    clears_week: int | None
    clears_on: str | None

    @property
    def never(self) -> bool:
        return self.clears_week is None

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def backlog_forecast(*, backlog: int, intake_per_week: float, clearance_per_week: float,
                     weeks: int, start: dt.date, staff: int | None = None) -> Forecast:
    """Forecast the backlog for `weeks` weeks from `start`: each week the intake arrives and
    up to `clearance_per_week` (the staff's combined pace) is closed (see the module
    docstring for the model)."""
    points = [{"week": 0, "on": start.isoformat(), "backlog": float(backlog)}]
    level = float(backlog)
    for week in range(1, weeks + 1):
        level = max(0.0, level + intake_per_week - min(level + intake_per_week,
                                                       clearance_per_week))
        points.append({"week": week, "on": (start + dt.timedelta(weeks=week)).isoformat(),
                       "backlog": round(level, 1)})
    net = clearance_per_week - intake_per_week
    clears: int | None
    if backlog <= 0:
        clears = 0
    elif net > 0:
        # Rounded first, so 10 / 2.0000000001 does not become week 6.
        clears = math.ceil(round(backlog / net, 9))
    else:
        clears = None
    return Forecast(
        staff=staff, weeks=weeks, backlog=backlog, intake_per_week=intake_per_week,
        clearance_per_week=round(clearance_per_week, 4), net_per_week=round(net, 4),
        points=points, clears_week=clears,
        clears_on=(start + dt.timedelta(weeks=clears)).isoformat() if clears is not None
        else None)


def forecast_from_rates(*, stored: dict[str, Any], staff: int | None = None,
                        staff_now: int | None = None, weeks: int = 104) -> Forecast | None:
    """The forecast for a stored timeliness summary with `staff` investigators (None: as
    many as now). `staff_now`: how many do the work now (None: the investigators measured);
    each clears the measured closures per week divided by it. When neither the records nor
    the reader give today's number, only the team as it is can be forecast (staff None);
    asking for a number of staff then gives None."""
    rates = stored["rates"]
    now = rates["investigators"] if staff_now is None else staff_now
    start = dt.date.fromisoformat(stored["as_at"][:10])
    if not now:
        if staff is not None:
            return None
        return backlog_forecast(backlog=stored["backlog"], intake_per_week=rates["intake_per_week"],
                                clearance_per_week=rates["closures_per_week"], weeks=weeks,
                                start=start)
    chosen = now if staff is None else staff
    return backlog_forecast(
        backlog=stored["backlog"], intake_per_week=rates["intake_per_week"],
        clearance_per_week=rates["closures_per_week"] / now * chosen, weeks=weeks, start=start,
        staff=chosen)
