"""Audited reads of the staff dashboard and of the matters behind a disproportionality cell.
The dashboard shows exact counts to the appropriate authority and oversight, so each read is
recorded; a drill-down lists only the matters the reader may see (MatterPolicy)."""

from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.exceptions import NotFound
from upright.insight.audit_events import DASHBOARD_VIEWED, FIGURE_DRILLED
from upright.insight.returns_services import Drilldown, drilldown_page, insight_perm_require
from upright.insight.selectors import Dashboard, dashboard_figures, dispro_cell_refs, summary_get
from upright.insight.summary import summary_params_clean


def dashboard_read(*, user: Any, year: int, unit: str = "") -> Dashboard:
    """The dashboard's figures for `year` and `unit` from the stored summaries; audited."""
    insight_perm_require(user=user)
    clean = summary_params_clean(name="home_office_return", params={"year": year, "unit": unit})
    dashboard = dashboard_figures(year=clean["year"], unit=clean["unit"])
    with transaction.atomic():
        audit_record(action=DASHBOARD_VIEWED, actor=user, extra={
            "params": clean, "figures": len(dashboard.figures),
            "missing": [m["name"] for m in dashboard.missing]})
    return dashboard


def dispro_drilldown(*, user: Any, params: dict[str, Any], stage: str, dimension: str,
                     group: str, page: int = 1) -> Drilldown:
    """The matters behind one stored disproportionality cell, filtered by MatterPolicy, a page
    at a time; audited like a return's drill-down."""
    insight_perm_require(user=user)
    clean = summary_params_clean(name="dispro", params=params)
    summary = summary_get(name="dispro", params=clean)
    refs = None if summary is None else dispro_cell_refs(
        summary=summary, stage=stage, dimension=dimension, group=group)
    if refs is None:
        raise NotFound("No such cell in the stored disproportionality table.")
    drill = drilldown_page(user=user, refs=refs, page=page)
    with transaction.atomic():
        audit_record(action=FIGURE_DRILLED, actor=user, target=summary, extra={
            "name": "dispro", "params": clean, "stage": stage, "dimension": dimension,
            "group": group, "count": len(refs), "shown": drill.visible, "page": drill.page,
            "listed": [m.reference for m in drill.matters]})
    return drill
