"""Audited reads of the returns: the matters behind a figure (drill-down) and exports.
Every figure can be traced to its records (DESIGN.md "Honest numbers"), but each matter is
still read through MatterPolicy, so a reader sees only the matters they may see."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.core.exceptions import NotFound
from upright.insight.audit_events import FIGURE_DRILLED, RETURN_EXPORTED
from upright.insight.selectors import figure_matters_visible_to, return_cell_refs, summary_get
from upright.insight.summary import summary_params_clean


def insight_perm_require(*, user: Any) -> None:
    perm_require(user=user, perm=Perm.INSIGHT_VIEW)


# A figure for a Met-sized force can stand on thousands of matters: a page lists this many.
DRILL_PAGE_SIZE = 100


@dataclass(frozen=True)
class Drilldown:
    """The matters behind one figure: `total` in all, `visible` of them the reader may see
    (`hidden` not), and page `page` of `pages` of those visible (`matters`)."""

    total: int
    matters: list[Any]
    hidden: int
    visible: int = 0
    page: int = 1
    pages: int = 1


def drilldown_page(*, user: Any, refs: list[str], page: int) -> Drilldown:
    """Page `page` (past the end: the last) of the matters in `refs` that `user` may see."""
    visible = figure_matters_visible_to(user=user, refs=refs)
    count = visible.count()
    pages = max(1, -(-count // DRILL_PAGE_SIZE))
    page = min(max(page, 1), pages)
    matters = list(visible[(page - 1) * DRILL_PAGE_SIZE:page * DRILL_PAGE_SIZE])
    return Drilldown(total=len(refs), matters=matters, hidden=len(refs) - count, visible=count,
                     page=page, pages=pages)


def return_drilldown(*, user: Any, name: str, params: dict[str, Any], dimension: str,
                     category: str, person_type: str, period: str = "",
                     page: int = 1) -> Drilldown:
    """The matters behind a stored figure, filtered by MatterPolicy, a page at a time;
    audited with the references listed."""
    insight_perm_require(user=user)
    clean = summary_params_clean(name=name, params=params)
    summary = summary_get(name=name, params=clean)
    refs = None if summary is None else return_cell_refs(
        summary=summary, dimension=dimension, category=category, person_type=person_type,
        period=period)
    if refs is None:
        raise NotFound("No such figure in the stored return.")
    drill = drilldown_page(user=user, refs=refs, page=page)
    with transaction.atomic():
        audit_record(action=FIGURE_DRILLED, actor=user, target=summary, extra={
            "name": name, "params": clean, "dimension": dimension, "category": category,
            "person_type": person_type, "period": period, "count": len(refs),
            "shown": drill.visible, "page": drill.page,
            "listed": [m.reference for m in drill.matters]})
    return drill


def return_export_record(*, user: Any, name: str, params: dict[str, Any], fmt: str) -> None:
    insight_perm_require(user=user)
    with transaction.atomic():
        audit_record(action=RETURN_EXPORTED, actor=user, extra={
            "name": name, "params": params, "format": fmt})
