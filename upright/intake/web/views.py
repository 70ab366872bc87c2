"""Staff pages: the triage queue, a report with its triage forms and mailbox, and the
confidential report form. Thin adapters over intake's services and selectors."""

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.conduct.services import AllegationInput
from upright.core.exceptions import ApplicationError, Conflict, NotFound, ValidationFailed
from upright.intake.permissions import access_report
from upright.intake.selectors import mailbox_thread, report_queue
from upright.intake.services import (
    mailbox_ask,
    report_read,
    report_submit,
    report_triage_no_action,
    report_triage_record,
)
from upright.intake.web.forms import (
    AllegationFormSet,
    ConfidentialReportForm,
    NoActionForm,
    QuestionForm,
    TriageRecordForm,
)
from upright.people.selectors import person_search

QUEUE_PAGE_SIZE = 25


def _require(request: HttpRequest, perm: str) -> None:
    if not user_has_perm(user=request.user, perm=perm):
        raise PermissionDenied


def _add_field_errors(form: Any, exc: ValidationFailed, *, renames: dict[str, str] | None = None) -> None:
    """Show a service's per-field messages on the form (unknown fields as form-wide errors)."""
    fields = exc.extra.get("fields", {})
    for name, problems in fields.items():
        target = (renames or {}).get(name, name)
        if not isinstance(problems, list):
            problems = [problems]
        for problem in problems:
            text = problem if isinstance(problem, str) else "; ".join(str(p) for p in problem.values())
            form.add_error(target if target in form.fields else None, text)
    if not fields:
        form.add_error(None, exc.message)


@login_required
def triage_queue(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.VIEW_TRIAGE)
    page = Paginator(report_queue(user=request.user), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "intake/triage_queue.html", {"page": page})


@login_required
@never_cache
def report_detail(request: HttpRequest, reference: str) -> HttpResponse:
    _require(request, Perm.VIEW_TRIAGE)
    try:
        report = report_read(actor=request.user, reference=reference)
    except NotFound as exc:
        raise Http404 from exc
    return _render_detail(request, report)


def _report_or_404(request: HttpRequest, reference: str) -> Any:
    _require(request, Perm.VIEW_TRIAGE)
    try:
        return access_report(user=request.user, reference=reference)
    except NotFound as exc:
        raise Http404 from exc


def _render_detail(request: HttpRequest, report: Any, *, status: int = 200, **forms: Any) -> HttpResponse:
    can_triage = user_has_perm(user=request.user, perm=Perm.TRIAGE)
    query = (request.GET.get("person_q") or "").strip()[:100]
    context = {
        "report": report,
        "thread": mailbox_thread(report=report),
        "can_triage": can_triage and report.status == "new",
        "can_write": can_triage and report.has_mailbox,
        "record_form": forms.get("record_form") or TriageRecordForm(),
        "allegations": forms.get("allegations") or AllegationFormSet(prefix="allegation"),
        "no_action_form": forms.get("no_action_form") or NoActionForm(),
        "question_form": forms.get("question_form") or QuestionForm(),
        "person_q": query,
        "people": list(person_search(query=query, limit=20)) if query and can_triage else [],
    }
    return render(request, "intake/report_detail.html", context, status=status)


def _allegations_from(formset: Any) -> tuple[list[AllegationInput], list[int]]:
    """Parse the filled-in rows; returns the inputs and, for each, its formset row."""
    inputs: list[AllegationInput] = []
    rows: list[int] = []
    for index, form in enumerate(formset.forms):
        if form.is_blank():
            continue
        data = form.cleaned_data
        number = data.get("subject", "").strip()
        matches = list(person_search(query=number, limit=2)) if number.isdigit() else []
        if len(matches) != 1:
            form.add_error("subject", "No one has that warrant or staff number.")
            continue
        inputs.append(AllegationInput(subject_id=matches[0].id, standard=data.get("standard", ""),
                                      category_code=data.get("category_code", "").strip().upper(),
                                      description=data.get("description", "")))
        rows.append(index)
    return inputs, rows


def _attention_at(report: Any, day: dt.date | None) -> dt.datetime | None:
    if day is None or day == timezone.localdate(report.created_at):
        return None  # the service defaults to when the report was received
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@login_required
@require_POST
def report_triage_record_view(request: HttpRequest, reference: str) -> HttpResponse:
    report = _report_or_404(request, reference)
    form = TriageRecordForm(request.POST)
    formset = AllegationFormSet(request.POST, prefix="allegation")
    if form.is_valid() and formset.is_valid():
        inputs, rows = _allegations_from(formset)
        if not inputs and not any(f.errors for f in formset.forms):
            form.add_error(None, "Add at least one allegation.")
        elif not any(f.errors for f in formset.forms):
            try:
                recorded = report_triage_record(
                    actor=request.user, reference=report.reference, kind=form.cleaned_data["kind"],
                    summary=form.cleaned_data["summary"], allegations=inputs,
                    came_to_attention_at=_attention_at(report, form.cleaned_data["came_to_attention_on"]),
                )
            except ValidationFailed as exc:
                _map_matter_errors(form, formset, rows, exc)
            except Conflict as exc:
                messages.error(request, exc.message)
                return redirect("intake:report_detail", reference=report.reference)
            else:
                messages.success(request, f"Report {recorded.reference} recorded as matter "
                                          f"{recorded.matter_reference}.")
                # Straight on to the matter: the referral check and severity assessment are next.
                return redirect("conduct:matter_detail", reference=recorded.matter_reference)
    return _render_detail(request, report, status=400, record_form=form, allegations=formset)


def _map_matter_errors(form: Any, formset: Any, rows: list[int], exc: ValidationFailed) -> None:
    renames = {"subject_id": "subject"}
    top: dict[str, Any] = {}
    for name, problem in exc.extra.get("fields", {}).items():
        if name.startswith("allegations[") and isinstance(problem, dict):
            row = formset.forms[rows[int(name[len("allegations["):-1])]]
            for field, text in problem.items():
                row.add_error(renames.get(field, field), text)
        else:
            top[name] = problem
    _add_field_errors(form, ValidationFailed(exc.message, {"fields": top}),
                      renames={"came_to_attention_at": "came_to_attention_on"})


@login_required
@require_POST
def report_triage_no_action_view(request: HttpRequest, reference: str) -> HttpResponse:
    report = _report_or_404(request, reference)
    form = NoActionForm(request.POST)
    if form.is_valid():
        try:
            report_triage_no_action(actor=request.user, reference=report.reference,
                                    reason=form.cleaned_data["reason"])
        except ValidationFailed as exc:
            _add_field_errors(form, exc)
        except Conflict as exc:
            messages.error(request, exc.message)
            return redirect("intake:report_detail", reference=report.reference)
        else:
            messages.success(request, f"Report {report.reference} closed with no further action.")
            return redirect("intake:triage")
    return _render_detail(request, report, status=400, no_action_form=form)


@login_required
@require_POST
def report_question_view(request: HttpRequest, reference: str) -> HttpResponse:
    report = _report_or_404(request, reference)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            mailbox_ask(actor=request.user, report=report, body=form.cleaned_data["body"])
        except ValidationFailed as exc:
            _add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Your message is in the reporter's mailbox.")
            return redirect("intake:report_detail", reference=report.reference)
    return _render_detail(request, report, status=400, question_form=form)


@login_required
@never_cache
def confidential_report(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.REPORT_CONFIDENTIAL)
    if request.method != "POST":
        return render(request, "intake/confidential_form.html",
                      {"form": ConfidentialReportForm(), "submission_key": uuid.uuid4().hex})
    form = ConfidentialReportForm(request.POST)
    key = (request.POST.get("submission_key") or "")[:100] or None
    if form.is_valid():
        try:
            result = report_submit(data=form.cleaned_data, channel="staff_confidential",
                                   actor=request.user, idempotency_key=key)
        except ValidationFailed as exc:
            _add_field_errors(form, exc)
        except ApplicationError as exc:  # e.g. a reused submission key with changed text
            form.add_error(None, exc.message)
        else:
            return render(request, "intake/confidential_received.html", {"result": result})
    return render(request, "intake/confidential_form.html",
                  {"form": form, "submission_key": uuid.uuid4().hex}, status=400)
