"""Early intervention staff page: model versions with their metrics and fairness audit
(activate, INSIGHT_MODEL), and the scores of the people the user manages, each with its top
factors, where a supervisor records what they did (INSIGHT_SCORES). Thin over services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ApplicationError
from upright.insight.early.models import Intervention
from upright.insight.early.selectors import early_models_list, early_scores_for_user
from upright.insight.early.services import earlymodel_activate, intervention_record


@login_required
def early_page(request: HttpRequest) -> HttpResponse:
    can_model = user_has_perm(user=request.user, perm=Perm.INSIGHT_MODEL)
    can_scores = user_has_perm(user=request.user, perm=Perm.INSIGHT_SCORES)
    if not (can_model or can_scores):
        raise PermissionDenied
    return render(request, "insight/early_page.html", {
        "models": early_models_list(user=request.user) if can_model else [],
        "scores": early_scores_for_user(user=request.user) if can_scores else [],
        "can_model": can_model, "can_scores": can_scores, "kinds": Intervention.Kind.choices,
    })


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
        fields = exc.extra.get("fields", {})
        messages.error(request, " ".join([exc.message, *fields.values()]))
    return redirect("insight:early")
