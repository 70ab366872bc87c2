"""The full history page of one person (thin adapter over history_services)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from upright.core.exceptions import NotFound
from upright.patterns.history import KIND_LABELS, KIND_NAMES, entry_is_closed
from upright.patterns.history_services import person_history_view
from upright.patterns.web.history_forms import HistoryFilterForm


@login_required
def person_history_page(request: HttpRequest, person_id: int) -> HttpResponse:
    filters = HistoryFilterForm(request.GET or None)
    kinds, date_from, date_to = None, None, None
    if filters.is_bound and not filters.is_valid():
        # Bad filters read nothing (and so audit nothing): the form shows what is wrong.
        return render(request, "patterns/history_page.html",
                      {"filters": filters, "person_id": person_id, "history": None}, status=400)
    if filters.is_bound:
        kinds = filters.cleaned_data["kind"] or None
        date_from, date_to = filters.cleaned_data["date_from"], filters.cleaned_data["date_to"]
    # ActionForbidden is a PermissionDenied: Django answers 403.
    try:
        history = person_history_view(actor=request.user, person_id=person_id, channel="page",
                                      kinds=kinds, date_from=date_from, date_to=date_to)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "patterns/history_page.html", {
        "filters": filters, "person_id": person_id, "history": history,
        "counts": [(KIND_LABELS.get(kind, kind), n) for kind, n in history.counts.items()],
        "rows": [(entry, entry_is_closed(entry), KIND_NAMES.get(entry.kind, entry.kind))
                 for entry in history.entries],
    })
