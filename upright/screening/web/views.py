"""Staff pages for integrity screening: the two queues, hit triage, dashboard and runs
(thin adapters over screening selectors and services)."""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.screening.models import VICTIM_WITNESS_DISPOSITIONS, Disposition, Hit, HitKind
from upright.screening.permissions import DISPOSE, VIEW, screening_perm_has
from upright.screening.selectors import (
    hit_get,
    hit_queue,
    hit_victim_witness_queue,
    screening_dashboard,
    screening_runs_visible_to,
)
from upright.screening.services import hit_dispose

QUEUE_LIMIT = 200


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label="Disposition", choices=Disposition.choices)
    rationale = forms.CharField(label="Rationale", max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, victim_witness_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if victim_witness_only:
            field = cast(forms.ChoiceField, self.fields["disposition"])
            field.choices = [
                c for c in Disposition.choices if c[0] in VICTIM_WITNESS_DISPOSITIONS]


def _require(request: HttpRequest) -> None:
    if not screening_perm_has(user=request.user, perm=VIEW):
        raise PermissionDenied


@login_required
def hit_queue_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    return render(request, "screening/hit_queue.html", {
        "title": "Screening hits", "victim_witness": False,
        "hits": hit_queue(user=request.user)[:QUEUE_LIMIT]})


@login_required
def victim_witness_queue_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    return render(request, "screening/hit_queue.html", {
        "title": "Victim and witness hits (welfare)", "victim_witness": True,
        "hits": hit_victim_witness_queue(user=request.user)[:QUEUE_LIMIT]})


def _explanation_rows(hit: Hit) -> list[dict[str, Any]]:
    rows = []
    for part in hit.explanation.get("comparisons") or []:
        if isinstance(part, dict):
            rows.append({"field": part.get("comparison", ""), "level": part.get("level", ""),
                         "weight": part.get("match_weight", ""),
                         "employee": part.get("employee") or {},
                         "index": part.get("index") or {}})
    return rows


def _path_steps(hit: Hit) -> list[dict[str, Any]]:
    path = hit.explanation.get("path") or []
    return [step for step in path if isinstance(step, dict)] if isinstance(path, list) else []


def _detail(request: HttpRequest, hit: Hit, form: DisposeForm | None = None) -> HttpResponse:
    can_dispose = hit.status == "open" and screening_perm_has(user=request.user, perm=DISPOSE)
    if form is None and can_dispose:
        form = DisposeForm(victim_witness_only=hit.victim_witness_only)
    return render(request, "screening/hit_detail.html", {
        "hit": hit, "form": form if can_dispose else None,
        "comparisons": _explanation_rows(hit), "steps": _path_steps(hit),
        "is_association": hit.kind == HitKind.ASSOCIATION,
        "evidence": hit.explanation.get("evidence")})


@login_required
def hit_detail_page(request: HttpRequest, hit_id: int) -> HttpResponse:
    _require(request)
    try:
        hit = hit_get(user=request.user, hit_id=hit_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return _detail(request, hit)


@login_required
@require_POST
def hit_dispose_action(request: HttpRequest, hit_id: int) -> HttpResponse:
    _require(request)
    try:
        hit = hit_get(user=request.user, hit_id=hit_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = DisposeForm(request.POST, victim_witness_only=hit.victim_witness_only)
    if not form.is_valid():
        return _detail(request, hit, form)
    try:
        hit_dispose(actor=request.user, hit_id=hit_id, **form.cleaned_data)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        for name, message in exc.extra.get("fields", {}).items():
            form.add_error(name if name in form.fields else None, str(message))
        if not exc.extra.get("fields"):
            form.add_error(None, exc.message)
        return _detail(request, hit, form)
    messages.success(request, f"Hit {hit_id} disposed of.")
    return redirect("screening:victim_witness_queue" if hit.victim_witness_only
                    else "screening:hit_queue")


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    dashboard = screening_dashboard(user=request.user)
    labels = dict(Disposition.choices)
    return render(request, "screening/dashboard.html", {
        "dashboard": dashboard,
        "dispositions": [(labels[k], v) for k, v in dashboard.dispositions.items()]})


@login_required
def run_list_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    return render(request, "screening/run_list.html",
                  {"runs": screening_runs_visible_to(user=request.user)[:100]})
