"""Public pages for misconduct hearing notices and outcomes (PCR 2020 regs 36, 53 and 62).

No log-in. Only publication selectors are used: they return published, current items, with
the approved redacted text and the chair's anonymity directions already applied.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from upright.core.exceptions import NotFound
from upright.publication.selectors import publication_public_get, publication_public_list

HEARING_NOTICE = "hearing_notice"
OUTCOME = "outcome"


def hearing_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/hearing_list.html",
                  {"notices": publication_public_list(kind=HEARING_NOTICE)})


def hearing_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    try:
        notice = publication_public_get(item_id=item_id, kind=HEARING_NOTICE)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "portal/hearing_detail.html", {"notice": notice})


def outcome_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/outcome_list.html",
                  {"notices": publication_public_list(kind=OUTCOME)})


def outcome_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    try:
        notice = publication_public_get(item_id=item_id, kind=OUTCOME)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "portal/outcome_detail.html", {"notice": notice})
