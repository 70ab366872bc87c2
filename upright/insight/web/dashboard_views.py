"""The staff statistics dashboard: the public portal's headline figures, exact but flagged
when small, filtered by unit and financial year, each linking to the matters behind it; and
the drill-down from a disproportionality cell. They read stored summaries only; "Recompute"
refreshes the missing ones from the records (thin adapters over insight services)."""

from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.insight.dashboard_services import dashboard_read, dispro_drilldown
from upright.insight.disproportion import EVENT_STAGES, STAGES, SUSPENSION_STAGES
from upright.insight.selectors import DASHBOARD_SECTIONS, DashboardFigure, unit_choices
from upright.insight.summary import SUMMARIES, summary_refresh
from upright.insight.web.common import page_links, this_financial_year, view_require
from upright.insight.web.returns_views import RETURNS

SUMMARY_LABELS = {**RETURNS, "dispro": "Disproportionality (officers)",
                  "timeliness": "Timeliness"}


class DashboardFilterForm(forms.Form):
    year = forms.IntegerField(min_value=1990, max_value=2100, label="Financial year starting",
                              help_text="e.g. 2024 for 2024/25")
    unit = forms.ChoiceField(required=False, label="Unit")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = cast(forms.ChoiceField, self.fields["unit"])
        unit.choices = [("", "Whole force"), *unit_choices()]


class DisproDrillForm(forms.Form):
    year = forms.IntegerField(min_value=1990, max_value=2100)
    unit = forms.CharField(max_length=400, required=False)
    workforce = forms.CharField(max_length=20, required=False)
    stage = forms.CharField(max_length=60)
    dimension = forms.CharField(max_length=60)
    group = forms.CharField(max_length=200)
    page = forms.IntegerField(min_value=1, required=False)


def _drill_url(figure: DashboardFigure, *, year: int, unit: str) -> str:
    keys = {k: v for k, v in figure.drill.items() if k != "summary"}
    if figure.drill["summary"] == "timeliness":  # its page lists the matters past 12 months
        return f"{reverse('insight:timeliness')}?{urlencode({'year': year, 'unit': unit})}"
    if figure.drill["summary"] == "dispro":
        return (f"{reverse('insight:dispro_drill')}?"
                f"{urlencode({'year': year, 'unit': unit, 'workforce': 'officers', **keys})}")
    return (f"{reverse('insight:return_drill', args=[figure.drill['summary']])}?"
            f"{urlencode({'year': year, 'unit': unit, **keys})}")


def _optional_url(name: str) -> str:
    # the timeliness page is another helper's; link to it once it exists
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    view_require(request)
    data = request.GET.copy()
    data.setdefault("year", str(this_financial_year()))
    form = DashboardFilterForm(data)
    board = None
    # every section is listed, so "none this year" is said rather than left out
    sections: dict[str, list[dict[str, Any]]] = {s: [] for s in DASHBOARD_SECTIONS}
    if form.is_valid():
        board = dashboard_read(user=request.user, year=form.cleaned_data["year"],
                               unit=form.cleaned_data["unit"])
        for figure in board.figures:
            sections.setdefault(figure.section, []).append(
                {"f": figure, "url": _drill_url(figure, year=board.year, unit=board.unit)})
    return render(request, "insight/dashboard.html", {
        "form": form, "board": board, "sections": sections,
        "stored": [(SUMMARY_LABELS[n], s) for n, s in board.summaries.items()] if board else [],
        "timeliness_url": _optional_url("insight:timeliness")})


@require_POST
@login_required
def dashboard_refresh(request: HttpRequest) -> HttpResponse:
    """Recompute the summaries named in the form for its year and unit, then show the
    dashboard for them again."""
    view_require(request)
    unit = request.POST.get("unit", "")
    back = reverse("insight:dashboard")
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, "The year must be a whole number, e.g. 2024.")
        return redirect(back)
    names = request.POST.getlist("name")
    if not names or any(n not in SUMMARY_LABELS or n not in SUMMARIES for n in names):
        messages.error(request, "Choose which summaries to recompute.")
        return redirect(f"{back}?{urlencode({'year': year, 'unit': unit})}")
    try:
        for name in names:
            params: dict[str, Any] = {"year": year, "unit": unit}
            if name == "dispro":
                params["workforce"] = "officers"
            summary_refresh(name=name, params=params, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(f"{back}?{urlencode({'year': year, 'unit': unit})}")
    messages.success(request, f"Recomputed from the records: "
                              f"{', '.join(SUMMARY_LABELS[n] for n in names)}.")
    return redirect(f"{back}?{urlencode({'year': year, 'unit': unit})}")


@login_required
def dispro_drill(request: HttpRequest) -> HttpResponse:
    view_require(request)
    form = DisproDrillForm(request.GET)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    params = {"year": data["year"], "unit": data["unit"],
              "workforce": data["workforce"] or "officers"}
    try:
        drill = dispro_drilldown(user=request.user, params=params, stage=data["stage"],
                                 dimension=data["dimension"], group=data["group"],
                                 page=data["page"] or 1)
    except NotFound as error:
        raise Http404 from error
    except ApplicationError as error:
        raise Http404(error.message) from error
    stages = {**{k: v[0] for k, v in STAGES.items()}, **SUSPENSION_STAGES, **EVENT_STAGES}
    return render(request, "insight/dispro_drill.html", {
        "data": data, "params": params, "drill": drill,
        "stage_label": stages.get(data["stage"], data["stage"]),
        "from_other_records": data["stage"] in EVENT_STAGES,
        "back_query": urlencode(params),
        "page_links": page_links(request, page=drill.page, pages=drill.pages)})
