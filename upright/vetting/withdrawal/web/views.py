"""Server-rendered withdrawal pages (thin adapters over the services and selectors)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.core.forms import form_errors_add
from upright.vetting.withdrawal.models import WithdrawalAssessment
from upright.vetting.withdrawal.permissions import (
    ASSESS,
    withdrawal_can_see_any,
    withdrawal_perm_has,
)
from upright.vetting.withdrawal.selectors import withdrawal_get, withdrawals_visible_to
from upright.vetting.withdrawal.services import (
    withdrawal_act,
    withdrawal_open,
    withdrawal_open_from_review,
    withdrawal_view_record,
)
from upright.vetting.withdrawal.states import ACTIONS, WithdrawalStatus, actions_from
from upright.vetting.withdrawal.web.forms import STEP_FORMS, OpenForm

S = WithdrawalStatus
# Records that do not move the assessment: the states each may be made in, and the label.
RECORDS = {
    "representative": (frozenset(S.values) - {S.CLOSED}, "Record a police friend or lawyer"),
    "interview": (frozenset({S.INFO_GATHERING}), "Record an interview"),
    "representation": (frozenset({S.REPRESENTATIONS, S.DECISION}), "Record representations"),
}


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    if not withdrawal_can_see_any(user=request.user):
        raise PermissionDenied
    status = request.GET.get("status") or "open"
    if status not in {"open", "all", *S.values}:
        status = "open"
    queryset = withdrawals_visible_to(user=request.user,
                                      status=None if status == "all" else status)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(request, "vetting_withdrawal/list.html", {
        "page": page, "status": status, "statuses": S.choices,
        "can_open": withdrawal_perm_has(user=request.user, perm=ASSESS)})


def _get(request: HttpRequest, pk: int) -> WithdrawalAssessment:
    try:
        return withdrawal_get(user=request.user, assessment_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _steps_for(user: Any, a: WithdrawalAssessment) -> list[tuple[str, str]]:
    steps = [(name, ACTIONS[name].label) for name in actions_from(a.status)
             if withdrawal_perm_has(user=user, perm=ACTIONS[name].perm)]
    if withdrawal_perm_has(user=user, perm=ASSESS):
        steps += [(name, label) for name, (states, label) in RECORDS.items() if a.status in states]
    return steps


def _detail_page(request: HttpRequest, a: WithdrawalAssessment, *,
                 bound: tuple[str, Any] | None = None, status: int = 200) -> HttpResponse:
    forms = [(name, label, bound[1] if bound and bound[0] == name
              else STEP_FORMS[name](auto_id=f"id_{name}_%s"))
             for name, label in _steps_for(request.user, a)]
    return render(request, "vetting_withdrawal/detail.html", {
        "a": a, "forms": forms, "notices": a.notices.all(),
        "representatives": a.representatives.all(), "interviews": a.interviews.all(),
        "representations": a.representations.all(),
        "changes": a.status_changes.select_related("actor")}, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    a = _get(request, pk)
    withdrawal_view_record(actor=request.user, assessment=a)
    return _detail_page(request, a)


@login_required
@require_POST
def act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEP_FORMS:
        raise Http404("No such step.")
    a = _get(request, pk)
    if step not in dict(_steps_for(request.user, a)):
        raise PermissionDenied
    form = STEP_FORMS[step](request.POST, auto_id=f"id_{step}_%s")
    if not form.is_valid():
        return _detail_page(request, a, bound=(step, form), status=400)
    try:
        withdrawal_act(actor=request.user, assessment_id=pk, step=step, data=form.cleaned_data)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        form_errors_add(form=form, exc=exc)
        return _detail_page(request, _get(request, pk), bound=(step, form),
                            status=exc.status_code)
    return redirect("vetting_withdrawal:detail", pk=pk)


@login_required
def open_assessment(request: HttpRequest) -> HttpResponse:
    if not withdrawal_perm_has(user=request.user, perm=ASSESS):
        raise PermissionDenied
    if request.method != "POST":
        form = OpenForm(initial={"person_id": request.GET.get("person")})
        return render(request, "vetting_withdrawal/open.html", {"form": form})
    form = OpenForm(request.POST)
    if not form.is_valid():
        return render(request, "vetting_withdrawal/open.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        a = withdrawal_open(actor=request.user, person_id=data["person_id"],
                            trigger_kind=data["trigger_kind"], trigger_ref=data["trigger_ref"],
                            trigger_summary=data["trigger_summary"],
                            clearance_id=data.get("clearance_id"))
    except ApplicationError as exc:
        form_errors_add(form=form, exc=exc)
        return render(request, "vetting_withdrawal/open.html", {"form": form},
                      status=exc.status_code)
    return redirect("vetting_withdrawal:detail", pk=a.pk)


@login_required
@require_POST
def open_from_review(request: HttpRequest, review_id: int) -> HttpResponse:
    """The button on a vetting review closed with the outcome "withdrawal assessment"."""
    if not withdrawal_perm_has(user=request.user, perm=ASSESS):
        raise PermissionDenied
    try:
        a = withdrawal_open_from_review(actor=request.user, review_request_id=review_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("vetting_withdrawal:list")
    return redirect("vetting_withdrawal:detail", pk=a.pk)
