"""Staff pages: the publication queue, an item with its forms, and the list-report queue."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.core.forms import form_errors_add
from upright.publication.models import PublicationItem
from upright.publication.permissions import LIST_REPORT, VIEW, publication_perm_has
from upright.publication.selectors import (
    list_report_task_is_overdue,
    list_report_tasks_visible_to,
    publication_allowed_actions,
    publication_item_get,
    publication_queue,
)
from upright.publication.services import (
    list_report_task_mark_reported,
    publication_item_approve,
    publication_item_directions_record,
    publication_item_publish,
    publication_item_review,
    publication_item_withdraw,
)
from upright.publication.web.forms import ACTION_FORMS, ACTION_LABELS, MarkReportedForm

SERVICES: dict[str, Any] = {
    "directions": publication_item_directions_record, "review": publication_item_review,
    "approve": publication_item_approve, "publish": publication_item_publish,
    "withdraw": publication_item_withdraw,
}


def _require(request: HttpRequest, perm: str) -> None:
    if not publication_perm_has(user=request.user, perm=perm):
        raise PermissionDenied


def _get(request: HttpRequest, item_id: int) -> PublicationItem:
    try:
        return publication_item_get(user=request.user, item_id=item_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    return render(request, "publication/queue.html",
                  {"items": publication_queue(user=request.user)[:200]})


def _initial(item: PublicationItem, action: str) -> dict[str, Any]:
    initial: dict[str, Any] = {"expected_version": item.version}
    if action == "review":
        initial.update(public_summary=item.public_summary or item.conduct_summary,
                       public_finding=item.public_finding or item.finding,
                       public_action=item.public_action or item.disciplinary_action,
                       notes=item.review_notes)
    if action == "directions":
        initial.update(officer_not_named=item.officer_not_named, restricted=item.restricted,
                       other_names_withheld=item.other_names_withheld,
                       notes=item.direction_notes)
    return initial


def _item_page(request: HttpRequest, item: PublicationItem, *,
               bound: tuple[str, Any] | None = None, status: int = 200) -> HttpResponse:
    forms = []
    for action in publication_allowed_actions(item=item, user=request.user):
        form = bound[1] if bound and bound[0] == action else ACTION_FORMS[action](
            initial=_initial(item, action), auto_id=f"id_{action}_%s")
        forms.append({"action": action, "label": ACTION_LABELS[action], "form": form})
    return render(request, "publication/item_detail.html",
                  {"item": item, "action_forms": forms}, status=status)


@login_required
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    return _item_page(request, _get(request, item_id))


@login_required
@require_POST
def item_action(request: HttpRequest, item_id: int, action: str) -> HttpResponse:
    if action not in ACTION_FORMS:
        raise Http404("No such action.")
    item = _get(request, item_id)
    form = ACTION_FORMS[action](request.POST, auto_id=f"id_{action}_%s")
    if not form.is_valid():
        return _item_page(request, item, bound=(action, form), status=400)
    data = dict(form.cleaned_data)
    try:
        SERVICES[action](actor=request.user, item_id=item.pk, **data)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        form_errors_add(form=form, exc=exc)
        return _item_page(request, _get(request, item_id), bound=(action, form),
                          status=exc.status_code)
    return redirect("publication:item_detail", item_id=item.pk)


def _task_page(request: HttpRequest, *, bound: tuple[int, Any] | None = None,
               status: int = 200) -> HttpResponse:
    rows = []
    for task in list_report_tasks_visible_to(user=request.user).exclude(status="closed")[:200]:
        form = bound[1] if bound and bound[0] == task.pk else MarkReportedForm(
            auto_id=f"id_task{task.pk}_%s")
        rows.append({"task": task, "overdue": list_report_task_is_overdue(task),
                     "form": form if task.status == "open" else None})
    return render(request, "publication/list_reports.html", {"rows": rows}, status=status)


@login_required
def list_reports(request: HttpRequest) -> HttpResponse:
    _require(request, LIST_REPORT)
    return _task_page(request)


@login_required
@require_POST
def list_report_mark_reported(request: HttpRequest, task_id: int) -> HttpResponse:
    _require(request, LIST_REPORT)
    form = MarkReportedForm(request.POST, auto_id=f"id_task{task_id}_%s")
    if not form.is_valid():
        return _task_page(request, bound=(task_id, form), status=400)
    try:
        list_report_task_mark_reported(actor=request.user, task_id=task_id,
                                       **form.cleaned_data)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        form_errors_add(form=form, exc=exc)
        return _task_page(request, bound=(task_id, form), status=exc.status_code)
    return redirect("publication:list_reports")
