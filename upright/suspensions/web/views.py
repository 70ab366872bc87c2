"""Server-rendered register pages (thin adapters over the register's services)."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.core.forms import form_errors_add
from upright.suspensions.choices import Kind
from upright.suspensions.permissions import SuspensionPerm, suspension_user_has_perm
from upright.suspensions.selectors import (
    suspension_get,
    suspension_is_confirmation_overdue,
    suspension_is_review_overdue,
    suspension_list_visible_to,
    suspension_representations,
    suspension_reviews,
    suspensions_confirmation_overdue_visible_to,
    suspensions_review_overdue_visible_to,
)
from upright.suspensions.services import (
    Conversion,
    grounds_from,
    notification_from,
    restriction_impose,
    suspension_confirm_in_writing,
    suspension_convert,
    suspension_end,
    suspension_impose,
    suspension_representation_record,
    suspension_review,
    suspension_view_record,
    terms_from,
)
from upright.suspensions.web.forms import (
    ConfirmForm,
    ConvertForm,
    EndForm,
    ImposeForm,
    RegisterFilterForm,
    RepresentationForm,
    ReviewForm,
)


def _require(request: HttpRequest, perm: str) -> None:
    if not suspension_user_has_perm(user=request.user, perm=perm):
        raise PermissionDenied


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require(request, SuspensionPerm.VIEW)
    filters = RegisterFilterForm(request.GET or None)
    state = kind = ""
    if filters.is_valid():
        state, kind = filters.cleaned_data["state"], filters.cleaned_data["kind"]
    queryset = suspension_list_visible_to(user=request.user, state=state or None,
                                          kind=kind or None)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(request, "suspensions/register.html",
                  {"page": page, "filters": filters, "state": state, "kind": kind,
                   "can_decide": suspension_user_has_perm(user=request.user,
                                                          perm=SuspensionPerm.DECIDE)})


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _require(request, SuspensionPerm.VIEW)
    return render(request, "suspensions/review_queue.html", {
        "reviews": suspensions_review_overdue_visible_to(user=request.user),
        "confirmations": suspensions_confirmation_overdue_visible_to(user=request.user),
    })


def _get(request: HttpRequest, pk: int) -> Any:
    try:
        return suspension_get(user=request.user, suspension_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


_FORMS: dict[str, type[Any]] = {"review": ReviewForm, "convert": ConvertForm,
                                "representation": RepresentationForm, "end": EndForm,
                                "confirm": ConfirmForm}


def _detail_page(request: HttpRequest, entry: Any, *, bound: tuple[str, Any] | None = None,
                 status: int = 200) -> HttpResponse:
    forms: dict[str, Any] = {}
    if entry.is_active and suspension_user_has_perm(user=request.user,
                                                    perm=SuspensionPerm.DECIDE):
        for name, form_cls in _FORMS.items():
            if name == "confirm" and (entry.notification_method != "oral" or entry.confirmed_at):
                continue
            forms[name] = (bound[1] if bound and bound[0] == name
                           else form_cls(auto_id=f"id_{name}_%s"))
    return render(request, "suspensions/detail.html", {
        "entry": entry, "reviews": suspension_reviews(suspension=entry),
        "representations": suspension_representations(suspension=entry),
        "review_overdue": suspension_is_review_overdue(entry),
        "confirmation_overdue": suspension_is_confirmation_overdue(entry),
        "converts_to": Kind.RESTRICTED.label if entry.kind == Kind.SUSPENDED else Kind.SUSPENDED.label,
        "forms": forms,
    }, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _get(request, pk)
    suspension_view_record(actor=request.user, suspension=entry)
    return _detail_page(request, entry)


def _act(request: HttpRequest, pk: int, cleaned: dict[str, Any], name: str) -> None:
    actor = request.user
    if name == "review":
        suspension_review(actor=actor, suspension_id=pk, outcome=cleaned["outcome"],
                          reasons=cleaned["reasons"], reviewed_on=cleaned.get("reviewed_on"),
                          representations_response=cleaned.get("representations_response", ""))
    elif name == "convert":
        suspension_convert(actor=actor, suspension_id=pk, reasons=cleaned["reasons"],
                           representations_response=cleaned.get("representations_response", ""),
                           conversion=Conversion(notification_from(cleaned),
                                                 grounds=grounds_from(cleaned),
                                                 terms=terms_from(cleaned)))
    elif name == "representation":
        suspension_representation_record(actor=actor, suspension_id=pk,
                                         made_by=cleaned["made_by"], summary=cleaned["summary"],
                                         received_on=cleaned.get("received_on"))
    elif name == "end":
        suspension_end(actor=actor, suspension_id=pk, reason=cleaned["reason"],
                       reasons=cleaned["reasons"], ended_on=cleaned.get("ended_on"))
    else:
        suspension_confirm_in_writing(actor=actor, suspension_id=pk,
                                      confirmed_at=cleaned.get("confirmed_at"))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in _FORMS:
        raise Http404("No such action.")
    entry = _get(request, pk)
    _require(request, SuspensionPerm.DECIDE)
    form = _FORMS[action](request.POST, auto_id=f"id_{action}_%s")
    if not form.is_valid():
        return _detail_page(request, entry, bound=(action, form), status=400)
    try:
        _act(request, pk, form.cleaned_data, action)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        form_errors_add(form=form, exc=exc)
        return _detail_page(request, _get(request, pk), bound=(action, form),
                            status=exc.status_code)
    successor = getattr(_get(request, pk), "converted_to", None)
    return redirect("suspensions:detail", pk=successor.pk if successor else pk)


_IMPOSERS: dict[str, Callable[..., Any]] = {
    Kind.SUSPENDED: lambda data, **kw: suspension_impose(grounds=grounds_from(data), **kw),
    Kind.RESTRICTED: lambda data, **kw: restriction_impose(terms=terms_from(data), **kw),
}


@login_required
def impose(request: HttpRequest) -> HttpResponse:
    """The impose form, reached from a person (?person=) or a matter (?matter=)."""
    _require(request, SuspensionPerm.DECIDE)
    if request.method != "POST":
        form = ImposeForm(initial={"person_id": request.GET.get("person"),
                                   "matter_ref": request.GET.get("matter"),
                                   "kind": request.GET.get("kind") or Kind.SUSPENDED})
        return render(request, "suspensions/impose.html", {"form": form})
    form = ImposeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = _IMPOSERS[data["kind"]](
                data, actor=request.user, person_id=data["person_id"],
                matter_ref=data["matter_ref"], narrative=data["narrative"],
                notification=notification_from(data),
                review_interval_days=data.get("review_interval_days"))
        except ApplicationError as exc:
            form_errors_add(form=form, exc=exc)
            return render(request, "suspensions/impose.html", {"form": form},
                          status=exc.status_code)
        return redirect("suspensions:detail", pk=entry.pk)
    return render(request, "suspensions/impose.html", {"form": form}, status=400)


