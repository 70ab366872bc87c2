"""Server-rendered repeat-pattern pages: the alert queue, an alert with its evidence and the
decision form, and the rules with their versions (thin adapters over services/selectors)."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.core.exceptions import ApplicationError, NotFound
from upright.core.forms import form_errors_add
from upright.patterns.permissions import DECIDE, RULES, VIEW, patterns_perm_has
from upright.patterns.rules.definitions import PARAMETERS
from upright.patterns.selectors import (
    pattern_alert_evidence,
    pattern_alert_get,
    pattern_alert_list_visible_to,
    pattern_rule_list,
    pattern_rule_summary,
    pattern_rule_versions,
    pattern_runs_recent,
)
from upright.patterns.services import (
    pattern_alert_decide,
    pattern_alert_list_view_record,
    pattern_alert_view_record,
    pattern_rule_revise,
)
from upright.patterns.web.forms import AlertFilterForm, DecisionForm, RuleVersionForm


def _require(request: HttpRequest, perm: str) -> None:
    if not patterns_perm_has(user=request.user, perm=perm):
        raise PermissionDenied


@login_required
def alert_queue(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    rules = pattern_rule_list()
    filters = AlertFilterForm(request.GET or None,
                              rule_choices=[(r.code, r.name) for r in rules])
    rule = status = ""
    if filters.is_valid():
        rule, status = filters.cleaned_data["rule"], filters.cleaned_data["status"]
    queryset = pattern_alert_list_visible_to(user=request.user, rule_code=rule or None,
                                             status=status or None)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    pattern_alert_list_view_record(actor=request.user, filters={"rule": rule, "status": status},
                                   count=len(page.object_list))
    return render(request, "patterns/alert_queue.html",
                  {"page": page, "filters": filters, "rule": rule, "status": status,
                   "can_rules": patterns_perm_has(user=request.user, perm=RULES)})


def _alert_page(request: HttpRequest, alert: Any, form: DecisionForm | None,
                status: int = 200) -> HttpResponse:
    can_decide = alert.is_open and patterns_perm_has(user=request.user, perm=DECIDE)
    return render(request, "patterns/alert_detail.html", {
        "alert": alert, "evidence": pattern_alert_evidence(user=request.user, alert=alert),
        "rule_summary": pattern_rule_summary(alert.rule),
        "form": (form or DecisionForm()) if can_decide else None,
    }, status=status)


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, VIEW)
    try:
        alert = pattern_alert_get(user=request.user, alert_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    pattern_alert_view_record(actor=request.user, alert=alert)
    return _alert_page(request, alert, None)


@login_required
@require_POST
def alert_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, DECIDE)
    try:
        alert = pattern_alert_get(user=request.user, alert_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            pattern_alert_decide(actor=request.user, alert_id=pk, **form.cleaned_data)
        except ApplicationError as exc:
            form_errors_add(form=form, exc=exc)
        else:
            messages.success(request, "The decision was recorded.")
            return redirect("patterns:alert_detail", pk=pk)
    return _alert_page(request, alert, form, status=400)


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    rules = [(rule, pattern_rule_summary(rule)) for rule in pattern_rule_list()]
    return render(request, "patterns/rule_list.html",
                  {"rules": rules, "runs": pattern_runs_recent(),
                   "can_rules": patterns_perm_has(user=request.user, perm=RULES)})


@login_required
def rule_detail(request: HttpRequest, code: str) -> HttpResponse:
    _require(request, VIEW)
    try:
        versions = pattern_rule_versions(code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    current = versions[0]
    can_edit = patterns_perm_has(user=request.user, perm=RULES)
    form = None
    status = 200
    if can_edit:
        initial = {"name": current.name, "description": current.description,
                   "parameters": json.dumps(current.parameters), "active": current.active,
                   "based_on_version": current.version}
        form = RuleVersionForm(request.POST or None, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                try:
                    rule = pattern_rule_revise(actor=request.user, code=code, **form.cleaned_data)
                except ApplicationError as exc:
                    form_errors_add(form=form, exc=exc)
                else:
                    messages.success(request, f"Version {rule.version} was written.")
                    return redirect("patterns:rule_detail", code=code)
            status = 400
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "patterns/rule_detail.html", {
        "current": current, "versions": [(v, pattern_rule_summary(v)) for v in versions],
        "form": form, "parameters": PARAMETERS[current.kind],
    }, status=status)
