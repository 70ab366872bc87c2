"""Server-rendered list pages (thin adapters over the services and selectors)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.lists.permissions import lists_perm_has
from upright.lists.selectors import list_check_get, list_checks_visible_to, list_imports_current
from upright.lists.services import (
    CheckRequest,
    ListImportRejected,
    list_candidate_resolve,
    list_check_run,
    list_check_view_record,
    list_import,
)
from upright.lists.web.forms import CheckForm, ImportForm, ResolveForm

MAX_UPLOAD = 50 * 1024 * 1024


def _require(request: HttpRequest) -> None:
    if not lists_perm_has(user=request.user):
        raise PermissionDenied


def _home(request: HttpRequest, *, import_form: ImportForm | None = None,
          check_form: CheckForm | None = None, import_errors: list[str] | None = None,
          status: int = 200) -> HttpResponse:
    return render(request, "lists/home.html", {
        "current": list_imports_current(user=request.user),
        "checks": list_checks_visible_to(user=request.user)[:50],
        "import_form": import_form or ImportForm(), "check_form": check_form or CheckForm(),
        "import_errors": import_errors or []}, status=status)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    _require(request)
    return _home(request)


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _home(request, import_form=form, status=400)
    upload_file = form.cleaned_data["file"]
    if upload_file.size > MAX_UPLOAD:
        form.add_error("file", "The file is larger than 50 MB.")
        return _home(request, import_form=form, status=400)
    try:
        list_import(actor=request.user, list_kind=form.cleaned_data["list_kind"],
                    data=upload_file.read(), file_name=upload_file.name)
    except ListImportRejected as exc:
        form.add_error(None, exc.message)
        return _home(request, import_form=form, import_errors=[str(e) for e in exc.errors],
                     status=400)
    return redirect("lists:home")


@login_required
@require_POST
def check(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = CheckForm(request.POST)
    if not form.is_valid():
        return _home(request, check_form=form, status=400)
    data = form.cleaned_data
    try:
        result = list_check_run(actor=request.user, request=CheckRequest(
            subject_ref=data["subject_ref"], names=form.names(),
            date_of_birth=data["date_of_birth"], person_id=data.get("person_id"),
            sex=data.get("sex") or "",
            postcodes=tuple(p.strip().upper() for p in (data.get("postcodes") or "").split(",")
                            if p.strip())))
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _home(request, check_form=form, status=exc.status_code)
    return redirect("lists:check_detail", pk=result.pk)


def _detail(request: HttpRequest, pk: int, *, bound: tuple[int, ResolveForm] | None = None,
            status: int = 200) -> HttpResponse:
    try:
        result = list_check_get(user=request.user, check_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    candidates = [(c, bound[1] if bound and bound[0] == c.pk
                   else ResolveForm(auto_id=f"id_{c.pk}_%s"))
                  for c in result.candidates.select_related("entry", "resolved_by")]
    return render(request, "lists/check_detail.html",
                  {"check": result, "candidates": candidates}, status=status)


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    try:
        result = list_check_get(user=request.user, check_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    list_check_view_record(actor=request.user, check=result)
    return _detail(request, pk)


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int, candidate_id: int) -> HttpResponse:
    _require(request)
    form = ResolveForm(request.POST, auto_id=f"id_{candidate_id}_%s")
    if not form.is_valid():
        return _detail(request, pk, bound=(candidate_id, form), status=400)
    try:
        list_candidate_resolve(actor=request.user, candidate_id=candidate_id,
                               resolution=form.cleaned_data["resolution"],
                               reason=form.cleaned_data["reason"])
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _detail(request, pk, bound=(candidate_id, form), status=exc.status_code)
    return redirect("lists:check_detail", pk=pk)
