"""Audited read of the stored timeliness summary, with the forecast for a staff number the
reader enters (computed from the stored rates, no query over the records) and the matters
past 12 months that the reader may see (MatterPolicy)."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from upright.audit.registry import action_register
from upright.audit.services import audit_record
from upright.core.exceptions import ValidationFailed
from upright.insight.models import SummaryTable
from upright.insight.returns_services import insight_perm_require
from upright.insight.selectors import figure_matters_visible_to, summary_get
from upright.insight.summary import summary_params_clean
from upright.insight.timeliness import Forecast, forecast_from_rates

# Registered here rather than in audit_events.py, next to the only code that records it.
TIMELINESS_VIEWED = action_register("insight.timeliness.viewed",
                                    "The timeliness figures (ageing, workload, forecast) were read")

MAX_STAFF = 100_000
MAX_WEEKS = 520
# A Met-sized force has hundreds of matters past 12 months; a page lists this many, oldest
# first, so the page stays quick and the reader can still reach every one.
PAGE_SIZE = 100


@dataclass(frozen=True)
class TimelinessView:
    """What a reader sees: the stored summary (None: not computed yet for these params), the
    forecast for the staff asked for (None without a summary or a measured clearance rate),
    the matters past 12 months the reader may see on page `page` of `pages` (each stored
    entry, with its matter), how many the reader may see in all (`visible`) and how many are
    hidden from this reader."""

    params: dict[str, Any]
    summary: SummaryTable | None
    staff: int | None
    staff_now: int | None
    weeks: int
    forecast: Forecast | None
    past_12_months: list[dict[str, Any]]
    visible: int
    hidden: int
    page: int = 1
    pages: int = 1


def _check_forecast_input(*, staff: int | None, staff_now: int | None, weeks: int) -> None:
    for field, value in (("staff", staff), ("staff_now", staff_now)):
        if value is not None and not 0 <= value <= MAX_STAFF:
            raise ValidationFailed(f"{field} must be a whole number from 0 to {MAX_STAFF:,}.",
                                   extra={"fields": {field: "out of range"}})
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationFailed(f"weeks must be from 1 to {MAX_WEEKS}.",
                               extra={"fields": {"weeks": "out of range"}})


def timeliness_read(*, user: Any, year: int, unit: str = "", staff: int | None = None,
                    staff_now: int | None = None, weeks: int = 104,
                    page: int = 1) -> TimelinessView:
    """The stored timeliness figures for (year, unit), the forecast with `staff`
    investigators (None: as many as now) over `weeks` weeks, where `staff_now` do the work
    now (None: those measured from the records), and the visible matters past 12 months.
    Needs INSIGHT_VIEW; bad input raises ValidationFailed naming the field before anything is
    read or recorded; every read is audited."""
    insight_perm_require(user=user)
    clean = summary_params_clean(name="timeliness", params={"year": year, "unit": unit})
    _check_forecast_input(staff=staff, staff_now=staff_now, weeks=weeks)
    if page < 1:
        raise ValidationFailed("page must be 1 or more.", extra={"fields": {"page": "invalid"}})
    summary = summary_get(name="timeliness", params=clean)
    forecast = None
    seen: list[dict[str, Any]] = []
    listed: list[dict[str, Any]] = []
    shown: list[dict[str, Any]] = []
    if summary is not None:
        forecast = forecast_from_rates(stored=summary.rows, staff=staff, staff_now=staff_now,
                                       weeks=weeks)
        listed = summary.rows["past_12_months"]
        refs = [o["reference"] for o in listed]
        visible = set(figure_matters_visible_to(user=user, refs=refs)
                      .values_list("reference", flat=True))
        seen = [o for o in listed if o["reference"] in visible]
        # A page past the end (the list shrank since the link was made) shows the last one.
        page = min(page, max(1, -(-len(seen) // PAGE_SIZE)))
        chunk = seen[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
        matters = {m.reference: m for m in figure_matters_visible_to(
            user=user, refs=[o["reference"] for o in chunk])}
        shown = [{**o, "matter": matters[o["reference"]]} for o in chunk
                 if o["reference"] in matters]
    pages = max(1, -(-len(seen) // PAGE_SIZE))
    with transaction.atomic():
        audit_record(action=TIMELINESS_VIEWED, actor=user, target=summary, extra={
            "params": clean, "staff": staff, "staff_now": staff_now, "weeks": weeks,
            "computed": summary is not None, "past_12_months": len(listed), "shown": len(seen),
            "page": page, "listed": [o["reference"] for o in shown]})
    return TimelinessView(params=clean, summary=summary, staff=staff, staff_now=staff_now,
                          weeks=weeks, forecast=forecast, past_12_months=shown, visible=len(seen),
                          hidden=len(listed) - len(seen), page=min(page, pages), pages=pages)
