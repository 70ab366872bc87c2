"""Staff pages for integrity screening: the two queues, hit triage, dashboard and runs
(thin adapters over screening selectors and services)."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.screening.linkage.run import DEFAULT_REVIEW_WEIGHT, DEFAULT_THRESHOLD_WEIGHT
from upright.screening.models import (
    VICTIM_WITNESS_DISPOSITIONS,
    Disposition,
    Hit,
    HitKind,
    RunStatus,
    ScreeningRun,
)
from upright.screening.permissions import DISPOSE, RUN, VIEW, screening_perm_has
from upright.screening.selectors import (
    hit_get,
    hit_queue,
    hit_victim_witness_queue,
    screening_dashboard,
    screening_index_folders,
    screening_run_get,
    screening_run_quiet_for,
    screening_run_resume_refusal,
    screening_runs_visible_to,
)
from upright.screening.services import hit_dispose, screening_run_enqueue, screening_run_resume

QUEUE_LIMIT = 200
# A working run's page reloads itself this often (a plain refresh: no script is needed).
RUN_REFRESH_SECONDS = 10


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


class RunStartForm(forms.Form):
    index_folder = forms.ChoiceField(label="Index extract (folder on the server)", choices=[])
    threshold_weight = forms.FloatField(
        label=f"Evidence weight for a match (default {DEFAULT_THRESHOLD_WEIGHT:g})", required=False)
    review_weight = forms.FloatField(
        label=f"Evidence weight for review (default {DEFAULT_REVIEW_WEIGHT:g})", required=False)

    def __init__(self, *args: Any, folders: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["index_folder"]).choices = [(f, f) for f in folders]


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
        "dispositions": [(labels[k], v) for k, v in dashboard.dispositions.items()],
        "runs": screening_runs_visible_to(user=request.user)[:5]})


def _run_list(request: HttpRequest, form: RunStartForm | None = None,
              status: int = 200) -> HttpResponse:
    can_run = screening_perm_has(user=request.user, perm=RUN)
    if form is None and can_run:
        form = RunStartForm(folders=screening_index_folders())
    return render(request, "screening/run_list.html", {
        "runs": screening_runs_visible_to(user=request.user)[:100],
        "form": form if can_run else None, "index_root": settings.UPRIGHT_SCREENING_INDEX_ROOT,
    }, status=status)


@login_required
def run_list_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    return _run_list(request)


def _form_errors(form: forms.Form, exc: ApplicationError) -> None:
    for name, message in exc.extra.get("fields", {}).items():
        form.add_error(name if name in form.fields else None, str(message))
    if not exc.extra.get("fields"):
        form.add_error(None, exc.message)


@login_required
@require_POST
def run_start_action(request: HttpRequest) -> HttpResponse:
    _require(request)
    if not screening_perm_has(user=request.user, perm=RUN):
        raise PermissionDenied
    form = RunStartForm(request.POST, folders=screening_index_folders())
    if not form.is_valid():
        return _run_list(request, form, status=400)
    data = form.cleaned_data
    try:
        run = screening_run_enqueue(actor=request.user, index_folder=data["index_folder"],
                                    parameters={k: data[k] for k in ("threshold_weight",
                                                                     "review_weight")
                                                if data[k] is not None})
    except ApplicationError as exc:
        _form_errors(form, exc)
        return _run_list(request, form, status=400)
    messages.success(request, f"Run {run.pk} queued.")
    return redirect("screening:run_detail", run_id=run.pk)


def _run_page(request: HttpRequest, run: ScreeningRun) -> HttpResponse:
    working = run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
    refusal = screening_run_resume_refusal(run=run)
    return render(request, "screening/run_detail.html", {
        "run": run, "refresh": RUN_REFRESH_SECONDS if working and "norefresh" not in request.GET
        else None,
        "quiet_seconds": int(screening_run_quiet_for(run=run).total_seconds()),
        "can_resume": refusal is None and screening_perm_has(user=request.user, perm=RUN),
        "resume_refusal": refusal if run.status != RunStatus.DONE else None,
    })


@login_required
def run_detail_page(request: HttpRequest, run_id: int) -> HttpResponse:
    _require(request)
    try:
        run = screening_run_get(user=request.user, run_id=run_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return _run_page(request, run)


@login_required
@require_POST
def run_resume_action(request: HttpRequest, run_id: int) -> HttpResponse:
    _require(request)
    try:
        screening_run_get(user=request.user, run_id=run_id)
        run = screening_run_resume(actor=request.user, run_id=run_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("screening:run_detail", run_id=run_id)
    messages.success(request, f"Run {run.pk} queued again (attempt {run.attempts}).")
    return redirect("screening:run_detail", run_id=run.pk)
