"""Server-rendered pages for matters, a person's history and search (thin adapters)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.conduct.models import Matter
from upright.conduct.permissions import access_matter, matter_allowed_actions
from upright.conduct.selectors import (
    complainant_days_since_update,
    deadline_is_overdue,
    investigator_candidates,
    matter_complainant_links,
    matter_contacts,
    matter_deadlines,
    matter_get,
    matter_list_visible_to,
    matter_search_visible_to,
    matter_timeline,
    person_matters_visible_to,
)
from upright.conduct.services import matter_act, matter_view_record, person_history_view_record
from upright.conduct.states import ACTIONS
from upright.conduct.web.forms import (
    ACTION_FORMS,
    AppointInvestigatorForm,
    MatterFilterForm,
    SearchForm,
)
from upright.core.exceptions import ApplicationError, NotFound
from upright.core.forms import form_errors_add
from upright.people.selectors import person_get, person_search


def _require(request: HttpRequest, perm: str) -> None:
    if not user_has_perm(user=request.user, perm=perm):
        raise PermissionDenied


@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.VIEW_MATTER)
    filters = MatterFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else None
    queryset = matter_list_visible_to(user=request.user, status=status or None)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(request, "conduct/matter_list.html",
                  {"page": page, "filters": filters, "status": status or ""})


def _auto_id(action: str) -> str:
    # Several action forms share field names (rationale...); unique ids keep labels correct.
    return f"id_{action}_%s"


def _blank_form(action: str, matter: Matter) -> Any:
    initial = {"expected_version": matter.version}
    if action == "appoint_investigator":
        return AppointInvestigatorForm(initial=initial, auto_id=_auto_id(action),
                                       investigators=investigator_candidates(matter=matter))
    return ACTION_FORMS[action](initial=initial, auto_id=_auto_id(action))


def _matter_page(request: HttpRequest, matter: Matter, *, bound: tuple[str, Any] | None = None,
                 status: int = 200) -> HttpResponse:
    forms = []
    for action in matter_allowed_actions(matter=matter, user=request.user):
        form = bound[1] if bound and bound[0] == action else _blank_form(action, matter)
        forms.append({"action": action, "label": ACTIONS[action].label,
                      "legal_basis": ACTIONS[action].legal_basis, "form": form})
    deadlines = [{"d": d, "overdue": deadline_is_overdue(d)}
                 for d in matter_deadlines(matter=matter)]
    context = {"matter": matter, "allegations": matter.allegations.all(),
               "deadlines": deadlines, "timeline": matter_timeline(matter=matter),
               "action_forms": forms, "complaint": matter.kind == "complaint",
               "complainants": matter_complainant_links(matter=matter),
               "contacts": matter_contacts(matter=matter),
               "days_since_update": complainant_days_since_update(matter=matter)}
    return render(request, "conduct/matter_detail.html", context, status=status)


@login_required
def matter_detail(request: HttpRequest, reference: str) -> HttpResponse:
    matter = matter_get(user=request.user, reference=reference)
    matter_view_record(actor=request.user, matter=matter)
    return _matter_page(request, matter)


@login_required
@require_POST
def matter_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    if action not in ACTION_FORMS:
        raise Http404("No such action.")
    matter = access_matter(user=request.user, reference=reference)
    kwargs: dict[str, Any] = {}
    if action == "appoint_investigator":
        kwargs["investigators"] = investigator_candidates(matter=matter)
    form = ACTION_FORMS[action](request.POST, auto_id=_auto_id(action), **kwargs)
    if form.is_valid():
        try:
            matter_act(reference=matter.reference, action=action, actor=request.user,
                       payload=form.payload(),
                       expected_version=form.cleaned_data.get("expected_version"))
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except ApplicationError as exc:
            form_errors_add(form=form, exc=exc)
            return _matter_page(request, matter_get(user=request.user, reference=reference),
                                bound=(action, form), status=exc.status_code)
        return redirect("conduct:matter_detail", reference=matter.reference)
    return _matter_page(request, matter_get(user=request.user, reference=reference),
                        bound=(action, form), status=400)


@login_required
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    _require(request, Perm.VIEW_HISTORY)
    person = person_get(person_id=person_id)
    if person is None:
        raise Http404("No such person.")
    matters = person_matters_visible_to(user=request.user, person_id=person_id)
    person_history_view_record(actor=request.user, person_id=person_id)
    return render(request, "conduct/person_history.html", {
        "person": person, "names": person.names.order_by("valid_from", "id"),
        "matters": matters.prefetch_related("allegations__category"),
    })


@login_required
def search(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.VIEW_PERSON)
    form = SearchForm(request.GET or None)
    people: list[Any] = []
    matter = None
    if form.is_valid():
        query = form.cleaned_data["q"]
        if user_has_perm(user=request.user, perm=Perm.VIEW_MATTER):
            matter = matter_search_visible_to(user=request.user, reference=query)
        people = list(person_search(query=query, limit=50))
    return render(request, "conduct/search.html",
                  {"form": form, "people": people, "matter": matter,
                   "searched": form.is_bound and form.is_valid()})
