"""Staff timeliness page: ageing at every stage, matters past 12 months (linked where the
reader may see them), days to finalise, workload per investigator and the backlog forecast
with a staff number the reader enters. Reads the stored "timeliness" summary (thin over
insight.timeliness_services); "Recompute" refreshes it from the records."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from upright.core.charts import Point, line_chart
from upright.core.exceptions import ApplicationError
from upright.insight.selectors import unit_choices
from upright.insight.timeliness import FORECAST_ASSUMPTIONS
from upright.insight.timeliness_services import MAX_STAFF, MAX_WEEKS, timeliness_read
from upright.insight.web.common import page_links, this_financial_year, view_require

# The forecast table shows every 4th week (and the last), so two years fit on a screen.
FORECAST_STEP = 4


class TimelinessForm(forms.Form):
    year = forms.IntegerField(min_value=1990, max_value=2100, label="Financial year starting",
                              help_text="e.g. 2024 for 2024/25")
    unit = forms.ChoiceField(required=False, label="Unit", choices=[])
    staff_now = forms.IntegerField(required=False, min_value=0, max_value=MAX_STAFF,
                                   label="Investigators doing the work now",
                                   help_text="blank: as measured from the records")
    staff = forms.IntegerField(required=False, min_value=0, max_value=MAX_STAFF,
                               label="Investigators available",
                               help_text="blank: as many as now; e.g. now + 90")
    weeks = forms.IntegerField(required=False, min_value=1, max_value=MAX_WEEKS,
                               label="Weeks to forecast", initial=104)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        if isinstance(unit, forms.ChoiceField):  # always; narrows the type for mypy
            unit.choices = [("", "Whole force"), *unit_choices()]


def _forecast_rows(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for p in points if p["week"] % FORECAST_STEP == 0 or p is points[-1]]


def _forecast_chart(rows: list[dict[str, Any]]) -> Any:
    """The forecast table's rows as a line (the table beside it holds the same figures)."""
    if not rows:
        return None
    return line_chart(
        title="Forecast backlog of open matters", x_label="Week", y_label="Open matters",
        desc=f"Forecast number of open matters every {FORECAST_STEP} weeks from now, for "
             f"{rows[-1]['week']} weeks. The same figures are in the table below the chart.",
        points=[Point(label=str(p["week"]), value=float(p["backlog"])) for p in rows],
        chart_id="chart-forecast", threshold=0)


@login_required
def timeliness_page(request: HttpRequest) -> HttpResponse:
    view_require(request)
    data = request.GET.copy()
    data.setdefault("year", str(this_financial_year()))
    form = TimelinessForm(data)
    view = None
    if form.is_valid():
        try:
            view = timeliness_read(user=request.user, year=form.cleaned_data["year"],
                                   unit=form.cleaned_data["unit"],
                                   staff=form.cleaned_data["staff"],
                                   staff_now=form.cleaned_data["staff_now"],
                                   weeks=form.cleaned_data["weeks"] or 104,
                                   page=_page_number(request))
        except ApplicationError as error:
            form.add_error(None, error.message)
    forecast_rows = _forecast_rows(view.forecast.points) if view and view.forecast else []
    return render(request, "insight/timeliness_page.html", {
        "form": form, "view": view, "rows": view.summary.rows if view and view.summary else None,
        "forecast_rows": forecast_rows, "forecast_chart": _forecast_chart(forecast_rows),
        "assumptions": FORECAST_ASSUMPTIONS, "step": FORECAST_STEP,
        "page_links": page_links(request, page=view.page, pages=view.pages) if view else {}})


def _page_number(request: HttpRequest) -> int:
    """The ?page= of the past-12-months list; anything but a whole number is page 0, which
    the service refuses with a message."""
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() else 0

