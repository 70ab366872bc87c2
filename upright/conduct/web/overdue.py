"""The overdue-deadlines queue: every statutory step past its due date on a matter the reader
may see, oldest first, with its legal basis."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from upright.access.roles import Perm
from upright.conduct.selectors import deadlines_overdue_visible_to
from upright.core.clock import local_today


@login_required
def overdue_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role_perm(Perm.VIEW_MATTER):  # type: ignore[union-attr]
        raise PermissionDenied
    today = local_today()
    page = Paginator(deadlines_overdue_visible_to(user=request.user, today=today), 50)
    return render(request, "conduct/overdue.html",
                  {"page": page.get_page(request.GET.get("page")), "today": today})
