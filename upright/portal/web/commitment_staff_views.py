"""Staff pages for the commitments tracker (Perm.ADMINISTER): add a commitment, record a change
of status with its evidence. Thin: the services check the permission again and audit."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ApplicationError, ValidationFailed
from upright.portal.models import CommitmentStatus
from upright.portal.selectors import commitment_public_list
from upright.portal.services import commitment_create, commitment_status_set


class CreateForm(forms.Form):
    reference = forms.SlugField(label="Reference (e.g. casey-final-2)", max_length=40)
    title = forms.CharField(label="Commitment", max_length=300)
    source = forms.CharField(label="Source (the report it comes from)", max_length=200)
    owner = forms.CharField(label="Owner (a post, not a name)", max_length=200)
    deadline = forms.DateField(label="Deadline (YYYY-MM-DD)", required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", choices=CommitmentStatus.choices)
    note = forms.CharField(label="What was done (published as evidence)",
                           widget=forms.Textarea(attrs={"rows": 2}))
    evidence_url = forms.URLField(label="Link to evidence", required=False,
                                  assume_scheme="https")


def _require(request: HttpRequest) -> None:
    if not user_has_perm(user=request.user, perm=Perm.ADMINISTER):
        raise PermissionDenied


def _page(request: HttpRequest, *, create: CreateForm | None = None,
          status: int = 200) -> HttpResponse:
    rows = [{"c": c, "form": StatusForm(auto_id=f"id_c{c.pk}_%s", initial={"status": c.status})}
            for c in commitment_public_list()]
    return render(request, "portal/commitments_manage.html",
                  {"rows": rows, "create": create or CreateForm(auto_id="id_new_%s")},
                  status=status)


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    _require(request)
    return _page(request)


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = CreateForm(request.POST, auto_id="id_new_%s")
    if form.is_valid():
        try:
            commitment_create(actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            for name, problem in exc.extra.get("fields", {}).items():
                form.add_error(name if name in form.fields else None, str(problem))
        else:
            messages.success(request, "Commitment added.")
            return redirect("portal:commitments_manage")
    return _page(request, create=form, status=400)


@login_required
@require_POST
def status_set(request: HttpRequest, commitment_id: int) -> HttpResponse:
    _require(request)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Status not changed: " + "; ".join(
            f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items()))
        return redirect("portal:commitments_manage")
    try:
        commitment_status_set(actor=request.user, commitment_id=commitment_id,
                              **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Status recorded.")
    return redirect("portal:commitments_manage")
