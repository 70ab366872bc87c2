"""Early intervention staff page: model versions with their metrics and fairness audit
(train a new version in the background, activate; INSIGHT_MODEL), and the scores of the people
the user manages, each with its top factors, where a supervisor records what they did, then
what came of it (INSIGHT_SCORES). Thin over services."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.clock import local_today
from upright.core.exceptions import ApplicationError, ValidationFailed
from upright.insight.early.models import Intervention
from upright.insight.early.selectors import (
    early_models_list,
    early_scores_for_user,
    early_train_jobs_recent,
    interventions_for_user,
)
from upright.insight.early.services import (
    earlymodel_activate,
    earlymodel_train_queue,
    intervention_outcome_record,
    intervention_record,
)

OUTCOMES = [(v, label) for v, label in Intervention.Outcome.choices
            if v != Intervention.Outcome.PENDING]


def _error(request: HttpRequest, exc: ApplicationError) -> None:
    fields = exc.extra.get("fields", {})
    messages.error(request, " ".join([exc.message, *(f"{k}: {v}" for k, v in fields.items())]))


@login_required
def early_page(request: HttpRequest) -> HttpResponse:
    can_model = user_has_perm(user=request.user, perm=Perm.INSIGHT_MODEL)
    can_scores = user_has_perm(user=request.user, perm=Perm.INSIGHT_SCORES)
    if not (can_model or can_scores):
        raise PermissionDenied
    return render(request, "insight/early_page.html", {
        "models": early_models_list(user=request.user) if can_model else [],
        "jobs": early_train_jobs_recent(user=request.user) if can_model else [],
        "scores": early_scores_for_user(user=request.user) if can_scores else [],
        "interventions": interventions_for_user(user=request.user) if can_scores else [],
        "can_model": can_model, "can_scores": can_scores, "kinds": Intervention.Kind.choices,
        "outcomes": OUTCOMES, "today": local_today().isoformat(),
    })


@login_required
@require_POST
def early_train(request: HttpRequest) -> HttpResponse:
    try:
        raw = request.POST.get("cutoff", "").strip()
        try:
            cutoff = dt.date.fromisoformat(raw) if raw else None
        except ValueError as exc:
            raise ValidationFailed("Check the fields.", extra={"fields": {
                "cutoff": f"{raw!r} is not a date (YYYY-MM-DD)."}}) from exc
        earlymodel_train_queue(actor=request.user, cutoff=cutoff)
        messages.success(request, "Training queued: the new version appears here when the "
                                  "worker has finished (inactive until you activate it).")
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("insight:early")


@login_required
@require_POST
def early_outcome(request: HttpRequest, intervention_id: int) -> HttpResponse:
    try:
        intervention_outcome_record(actor=request.user, intervention_id=intervention_id,
                                    outcome=request.POST.get("outcome", ""),
                                    notes=request.POST.get("notes", ""))
        messages.success(request, "Outcome recorded.")
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("insight:early")


@login_required
@require_POST
def early_activate(request: HttpRequest, model_id: int) -> HttpResponse:
    try:
        em = earlymodel_activate(actor=request.user, model_id=model_id)
        messages.success(request, f"Model v{em.version} is now active.")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("insight:early")


@login_required
@require_POST
def early_intervention(request: HttpRequest, score_id: int) -> HttpResponse:
    try:
        intervention_record(actor=request.user, score_id=score_id,
                            kind=request.POST.get("kind", ""), notes=request.POST.get("notes", ""))
        messages.success(request, "Intervention recorded.")
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("insight:early")
