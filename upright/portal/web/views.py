"""The public site: home page, report form, confirmation, and the anonymous follow-up mailbox.

No log-in anywhere. Only intake's services and selectors are used (never its models).
"""

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from upright.core.clock import timezone_now
from upright.core.exceptions import ApplicationError, ValidationFailed
from upright.core.views import rate_limited
from upright.intake.selectors import mailbox_report_get, mailbox_thread
from upright.intake.services import (
    MAILBOX_GROUP,
    MailboxAccessDenied,
    intake_rate_limited,
    mailbox_open,
    mailbox_reply,
    report_submit,
)
from upright.portal.web.forms import FollowUpForm, PublicReportForm, ReplyForm

FORM_STAMP_NAMESPACE = "upright.portal.report-form"
FORM_STAMP_MAX_AGE = 2 * 60 * 60
SESSION_MAILBOX = "portal.mailbox_reference"
MAILBOX_SESSION_SECONDS = 30 * 60
REFUSED_BOT = "We could not accept this submission. Please check your report and send it again."
REFUSED_FAST = ("That was quicker than a person can fill in this form. Please check your "
                "report and send it again.")
REFUSED_OLD = "This form was open for too long. Please check your report and send it again."
TOO_LARGE = ("Your report is too large to accept: what happened may be at most 10,000 "
             "characters. Nothing was saved.")


class FormRefused(Exception):
    """The anti-spam checks refused a submission; `message` is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def form_token_new() -> str:
    return signing.dumps({"t": timezone_now().timestamp(), "k": uuid.uuid4().hex}, salt=FORM_STAMP_NAMESPACE)


def form_token_check(value: str) -> str:
    """The submission's idempotency key, or FormRefused if the form is forged, early or stale."""
    try:
        data = signing.loads(value or "", salt=FORM_STAMP_NAMESPACE, max_age=FORM_STAMP_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise FormRefused(REFUSED_OLD) from exc
    except signing.BadSignature as exc:
        raise FormRefused(REFUSED_BOT) from exc
    if not isinstance(data, dict) or not isinstance(data.get("t"), float | int):
        raise FormRefused(REFUSED_BOT)
    if timezone_now().timestamp() - data["t"] < settings.UPRIGHT_FORM_MIN_SECONDS:
        raise FormRefused(REFUSED_FAST)
    return str(data.get("k", ""))


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def _form_page(
    request: HttpRequest, form: PublicReportForm, *, status: int = 200, error: str = ""
) -> HttpResponse:
    context = {"form": form, "form_token": form_token_new(), "error": error}
    return render(request, "portal/report_form.html", context, status=status)


@never_cache
def report(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, PublicReportForm())
    try:
        post = request.POST
    except RequestDataTooBig:
        return _form_page(request, PublicReportForm(), status=413, error=TOO_LARGE)
    if intake_rate_limited(request=request):
        return rate_limited(request)
    form = PublicReportForm(post)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        if form.cleaned_data[PublicReportForm.HONEYPOT]:
            raise FormRefused(REFUSED_BOT)
        key = form_token_check(form.cleaned_data["form_token"])
    except FormRefused as exc:
        form.add_error(None, exc.message)
        return _form_page(request, form, status=400)
    data = {name: form.cleaned_data[name] for name in PublicReportForm.SERVICE_FIELDS}
    try:
        result = report_submit(data=data, channel="web", idempotency_key=f"web:{key}" if key else None)
    except ValidationFailed as exc:
        _add_field_errors(form, exc)
        return _form_page(request, form, status=400)
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _form_page(request, form, status=exc.status_code)
    # Rendered, not redirected: the passphrase is never stored, so it cannot survive a redirect.
    return render(request, "portal/report_received.html", {"result": result})


def _add_field_errors(form: Any, exc: ValidationFailed) -> None:
    for name, problems in exc.extra.get("fields", {}).items():
        for problem in problems if isinstance(problems, list) else [problems]:
            form.add_error(name if name in form.fields else None, str(problem))


@never_cache
def follow_up(request: HttpRequest) -> HttpResponse:
    """Open a mailbox with reference + passphrase; the session then remembers it for 30 min."""
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if intake_rate_limited(request=request, group=MAILBOX_GROUP):
            return rate_limited(request)
        if form.is_valid():
            try:
                opened = mailbox_open(reference=form.cleaned_data["reference"],
                                      passphrase=form.cleaned_data["passphrase"])
            except MailboxAccessDenied as exc:
                form.add_error(None, exc.message)
            else:
                request.session.cycle_key()  # a fresh session id for the opened mailbox
                request.session[SESSION_MAILBOX] = opened.reference
                request.session.set_expiry(MAILBOX_SESSION_SECONDS)
                return redirect("portal:follow_up_thread")
        return render(request, "portal/follow_up.html", {"form": form}, status=400)
    return render(request, "portal/follow_up.html", {"form": form})


def _opened_report(request: HttpRequest) -> Any:
    reference = request.session.get(SESSION_MAILBOX)
    return mailbox_report_get(reference=reference) if isinstance(reference, str) else None


@never_cache
def follow_up_thread(request: HttpRequest) -> HttpResponse:
    opened = _opened_report(request)
    if opened is None:
        return redirect("portal:follow_up")
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mailbox_reply(report=opened, body=form.cleaned_data["body"])
        except ValidationFailed as exc:
            _add_field_errors(form, exc)
        else:
            messages.success(request, "Your reply has been sent.")
            return redirect("portal:follow_up_thread")
    status = 400 if request.method == "POST" else 200
    context = {"report": opened, "thread": mailbox_thread(report=opened), "form": form}
    return render(request, "portal/follow_up_thread.html", context, status=status)


@require_POST
def follow_up_close(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_MAILBOX, None)
    request.session.cycle_key()
    return redirect("portal:home")
