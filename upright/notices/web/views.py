"""Staff pages for notices and timeliness reports (thin adapters over services/selectors)."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.core.forms import form_errors_add
from upright.notices.models import Notice
from upright.notices.permissions import NoticePerm, notice_perm_has
from upright.notices.selectors import (
    notice_get,
    notice_is_intact,
    notice_list_visible_to,
    notice_withholdings,
    timeliness_report_get,
    timeliness_report_list_visible_to,
)
from upright.notices.services import (
    notice_pdf,
    notice_read_record,
    notice_serve,
    timeliness_report_create,
    timeliness_report_read_record,
    timeliness_report_send,
)
from upright.notices.web.forms import MatterFilterForm, ServeForm, TimelinessReportForm


def _require(request: HttpRequest, *perms: str) -> None:
    if not any(notice_perm_has(user=request.user, perm=p) for p in perms):
        raise PermissionDenied


def _get_notice(request: HttpRequest, notice_id: int) -> Notice:
    try:
        return notice_get(user=request.user, notice_id=notice_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    _require(request, NoticePerm.VIEW, NoticePerm.VIEW_TIMELINESS)
    filters = MatterFilterForm(request.GET or None)
    matter_ref = filters.cleaned_data["matter_ref"] if filters.is_valid() else ""
    notices = notice_list_visible_to(user=request.user, matter_ref=matter_ref or None)[:200]
    return render(request, "notices/notice_list.html",
                  {"filters": filters, "matter_ref": matter_ref, "notices": notices})


def _notice_page(request: HttpRequest, notice: Notice, form: ServeForm | None = None,
                 status: int = 200) -> HttpResponse:
    can_serve = notice_perm_has(user=request.user, perm=NoticePerm.SERVE) and not notice.is_served
    return render(request, "notices/notice_detail.html", {
        "notice": notice, "intact": notice_is_intact(notice=notice),
        "withholdings": notice_withholdings(notice=notice),
        "serve_form": (form or ServeForm()) if can_serve else None,
    }, status=status)


@login_required
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = _get_notice(request, notice_id)
    notice_read_record(actor=request.user, notice=notice)
    return _notice_page(request, notice)


@login_required
def notice_pdf_download(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = _get_notice(request, notice_id)
    pdf = notice_pdf(notice=notice)
    notice_read_record(actor=request.user, notice=notice, as_pdf=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{notice.reference}.pdf"'
    return response


@login_required
@require_POST
def notice_serve_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = _get_notice(request, notice_id)
    form = ServeForm(request.POST)
    if form.is_valid():
        try:
            notice_serve(actor=request.user, notice_id=notice.pk,
                         method=form.cleaned_data["method"],
                         served_at=form.cleaned_data["served_at"])
        except ApplicationError as exc:
            form_errors_add(form=form, exc=exc)
            return _notice_page(request, notice, form, status=exc.status_code)
        return redirect("notices:notice_detail", notice_id=notice.pk)
    return _notice_page(request, notice, form, status=400)


@login_required
def timeliness_list(request: HttpRequest) -> HttpResponse:
    _require(request, NoticePerm.VIEW_TIMELINESS)
    can_issue = notice_perm_has(user=request.user, perm=NoticePerm.ISSUE)
    form = None
    status = 200
    if request.method == "POST":
        _require(request, NoticePerm.ISSUE)
        form = TimelinessReportForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                report = timeliness_report_create(actor=request.user, **data)
            except ApplicationError as exc:
                form_errors_add(form=form, exc=exc)
                status = exc.status_code
            else:
                return redirect("notices:timeliness_detail", report_id=report.pk)
        else:
            status = 400
    elif can_issue:
        form = TimelinessReportForm()
    filters = MatterFilterForm(request.GET or None)
    matter_ref = filters.cleaned_data["matter_ref"] if filters.is_valid() else ""
    reports = timeliness_report_list_visible_to(user=request.user, matter_ref=matter_ref or None)
    return render(request, "notices/timeliness_list.html",
                  {"reports": reports[:200], "filters": filters, "form": form}, status=status)


@login_required
def timeliness_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        report = timeliness_report_get(user=request.user, report_id=report_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    timeliness_report_read_record(actor=request.user, report=report)
    return render(request, "notices/timeliness_detail.html", {
        "report": report, "notices": report.notices.order_by("id"),
        "can_send": notice_perm_has(user=request.user, perm=NoticePerm.ISSUE)})


@login_required
@require_POST
def timeliness_send(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        report = timeliness_report_send(actor=request.user, report_id=report_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("notices:timeliness_detail", report_id=report_id)
    return redirect("notices:timeliness_detail", report_id=report.pk)
