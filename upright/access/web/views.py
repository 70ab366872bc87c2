"""Log-in, log-out, the staff home page and the auditor's view of the log."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from upright.access.roles import Perm
from upright.access.services import user_login_record
from upright.audit.models import AuditEvent
from upright.audit.selectors import audit_chain_verify
from upright.core.ratelimit import rate_limit_hit
from upright.core.views import rate_limited

LOGIN_RATE = "20/m"  # per client address and per username: slows password guessing


class LoginView(auth_views.LoginView):
    template_name = "access/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        by_address = rate_limit_hit(scope="access.login.ip", client=request.META.get("REMOTE_ADDR", ""),
                                    rate=LOGIN_RATE)
        by_user = rate_limit_hit(scope="access.login.user",
                                 client=request.POST.get("username", "")[:150].lower(), rate=LOGIN_RATE)
        if by_address or by_user:
            return rate_limited(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user_login_record(user=form.get_user(), username=form.get_user().username, succeeded=True)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        user_login_record(user=None, username=form.data.get("username", ""), succeeded=False)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "access/home.html")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role_perm(Perm.VIEW_AUDIT):  # type: ignore[union-attr]
        raise PermissionDenied
    context = {
        "events": AuditEvent.objects.select_related("actor").order_by("-seq")[:100],
        "report": audit_chain_verify() if request.GET.get("verify") else None,
    }
    return render(request, "access/audit.html", context)
