"""Staff pages for the vetting unit: the queue of review requests (thin adapters)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.vetting.models import ReviewOutcome
from upright.vetting.permissions import REVIEW, vetting_perm_has
from upright.vetting.selectors import vetting_review_request_get, vetting_review_requests_open
from upright.vetting.services import vetting_review_close, vetting_review_start


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=ReviewOutcome.choices)
    notes = forms.CharField(label="Notes", required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


def _require(request: HttpRequest) -> None:
    if not vetting_perm_has(user=request.user, perm=REVIEW):
        raise PermissionDenied


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _require(request)
    rows = [{"r": r, "form": CloseForm(auto_id=f"id_r{r.pk}_%s")}
            for r in vetting_review_requests_open(user=request.user)[:200]]
    return render(request, "vetting/review_queue.html", {"rows": rows})


@login_required
def review_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    """One request with the person's history beside it (the vetting-review decision point)."""
    _require(request)
    try:
        review = vetting_review_request_get(user=request.user, request_id=request_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "vetting/review_detail.html",
                  {"r": review, "form": CloseForm(auto_id="id_close_%s")})


@login_required
@require_POST
def review_start(request: HttpRequest, request_id: int) -> HttpResponse:
    _require(request)
    try:
        vetting_review_start(actor=request.user, request_id=request_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("vetting:review_queue")


@login_required
@require_POST
def review_close(request: HttpRequest, request_id: int) -> HttpResponse:
    _require(request)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an outcome.")
        return redirect("vetting:review_queue")
    try:
        vetting_review_close(actor=request.user, request_id=request_id, **form.cleaned_data)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        fields = exc.extra.get("fields", {})
        messages.error(request, " ".join(f"{k}: {v}" for k, v in fields.items()) or exc.message)
    return redirect("vetting:review_queue")
