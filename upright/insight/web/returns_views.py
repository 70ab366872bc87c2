"""Staff statistics pages: the official returns (with CSV/ODS export and drill-down to the
matters behind each figure) and the disproportionality table. They read stored summary
tables; "Recompute" refreshes one from the records (thin adapters over insight services)."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.insight.disproportion import EVENT_STAGES, STAGES, SUSPENSION_STAGES
from upright.insight.returns_export import cells_to_csv, cells_to_ods
from upright.insight.returns_services import return_drilldown, return_export_record
from upright.insight.selectors import dispro_trend, summaries_list, summary_get
from upright.insight.summary import summary_refresh
from upright.insight.web.common import page_links, this_financial_year, view_require
from upright.insight.web.returns_forms import DisproFilterForm, DrillForm, ReturnFilterForm

RETURNS = {"home_office_return": "Home Office police misconduct annual data requirement",
           "iopc_bulletin": "IOPC complaints information bulletin"}


def _filters(request: HttpRequest, form_cls: type[ReturnFilterForm]) -> tuple[Any, dict[str, Any]]:
    data = request.GET.copy()
    data.setdefault("year", str(this_financial_year()))
    form = form_cls(data)
    if not form.is_valid():
        return form, {}
    params = {"year": form.cleaned_data["year"], "unit": form.cleaned_data["unit"]}
    if "workforce" in form.cleaned_data:
        params["workforce"] = form.cleaned_data["workforce"] or "officers"
    return form, params


@login_required
def index(request: HttpRequest) -> HttpResponse:
    view_require(request)
    return render(request, "insight/returns_index.html",
                  {"summaries": summaries_list(), "returns": RETURNS, "year": this_financial_year()})


@login_required
def return_page(request: HttpRequest, name: str) -> HttpResponse:
    view_require(request)
    if name not in RETURNS:
        raise Http404
    form, params = _filters(request, ReturnFilterForm)
    summary = summary_get(name=name, params=params) if params else None
    return render(request, "insight/returns_page.html", {
        "name": name, "title": RETURNS[name], "form": form, "params": params,
        "summary": summary, "query": request.GET.urlencode()})


@login_required
def return_export(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    view_require(request)
    form, params = _filters(request, ReturnFilterForm)
    summary = summary_get(name=name, params=params) if name in RETURNS and params else None
    if summary is None or fmt not in ("csv", "ods"):
        raise Http404
    return_export_record(user=request.user, name=name, params=params, fmt=fmt)
    filename = f"{name}_{params['year']}"
    if fmt == "csv":
        response = HttpResponse(cells_to_csv(cells=summary.rows), content_type="text/csv")
    else:
        response = HttpResponse(cells_to_ods(cells=summary.rows, title=name),
                                content_type="application/vnd.oasis.opendocument.spreadsheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
def return_drill(request: HttpRequest, name: str) -> HttpResponse:
    view_require(request)
    form = DrillForm(request.GET)
    if name not in RETURNS or not form.is_valid():
        raise Http404
    data = form.cleaned_data
    try:
        drill = return_drilldown(
            user=request.user, name=name, params={"year": data["year"], "unit": data["unit"]},
            dimension=data["dimension"], category=data["category"],
            person_type=data["person_type"], period=data["period"], page=data["page"] or 1)
    except NotFound as error:
        raise Http404 from error
    return render(request, "insight/returns_drill.html",
                  {"name": name, "title": RETURNS[name], "data": data, "drill": drill,
                   "page_links": page_links(request, page=drill.page, pages=drill.pages)})


@login_required
def dispro_page(request: HttpRequest) -> HttpResponse:
    view_require(request)
    form, params = _filters(request, DisproFilterForm)
    summary = summary_get(name="dispro", params=params) if params else None
    stages = {**{k: v[0] for k, v in STAGES.items()}, **SUSPENSION_STAGES, **EVENT_STAGES}
    tables: dict[str, list[dict[str, Any]]] = {}
    if summary is not None:
        for cell in summary.rows["cells"]:
            tables.setdefault(cell["dimension"], []).append(
                {**cell, "stage_label": stages.get(cell["stage"], cell["stage"])})
    trend = dispro_trend(years=list(range(params["year"] - 9, params["year"] + 1)),
                         unit=params["unit"], workforce=params["workforce"]) if params else []
    return render(request, "insight/dispro_page.html", {
        "form": form, "params": params, "summary": summary, "tables": tables, "trend": trend})


@require_POST
@login_required
def refresh(request: HttpRequest) -> HttpResponse:
    view_require(request)
    name = request.POST.get("name", "")
    pages = {"dispro": reverse("insight:dispro"), "timeliness": reverse("insight:timeliness"),
             **{r: reverse("insight:return", args=[r]) for r in RETURNS}}
    back = pages.get(name, reverse("insight:index"))
    try:
        params: dict[str, Any] = {"year": int(request.POST.get("year", "")),
                                  "unit": request.POST.get("unit", "")}
        if name == "dispro":
            params["workforce"] = request.POST.get("workforce") or "officers"
        summary = summary_refresh(name=name, params=params, actor=request.user)
    except (ValueError, ApplicationError) as error:
        messages.error(request, str(error) if isinstance(error, ApplicationError)
                       else "The year must be a whole number, e.g. 2024.")
        return redirect(back)
    messages.success(request, f"Recomputed from the records at "
                              f"{timezone.localtime(summary.computed_at):%H:%M:%S}.")
    return redirect(f"{back}?{urlencode(summary.params)}")
