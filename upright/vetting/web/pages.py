"""Staff pages for clearances, the register, declarations, integrity reviews, applications,
policy simulations and vetting settings (thin adapters over the vetting services)."""

from collections.abc import Callable
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
from upright.people.selectors import person_get, person_search
from upright.vetting import selectors as sel
from upright.vetting import services as svc
from upright.vetting.models import ClearanceStatus
from upright.vetting.permissions import (
    ADMINISTER,
    DECLARE,
    MANAGE,
    SIMULATE,
    VIEW,
    record_policy,
    vetting_perm_has,
)
from upright.vetting.web import forms as f


def _require(request: HttpRequest, perm: str) -> None:
    if not vetting_perm_has(user=request.user, perm=perm):
        raise PermissionDenied


def _errors_to_form(form: Any, exc: ApplicationError) -> None:
    """The check findings that blocked a grant are named beside the refusal."""
    detail = "; ".join(x["summary"] for x in exc.extra.get("findings", []))
    form_errors_add(form=form, exc=exc, detail=detail)


def _attempt(form: Any, call: Callable[[], Any]) -> Any:
    """Run a service call; on a refusal put the messages on the form and return None."""
    try:
        return call()
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        _errors_to_form(form, exc)
    return None


def _person_id(form: Any, staff_number: str) -> int | None:
    matches = list(person_search(query=staff_number.strip(), limit=2))
    if len(matches) != 1 or matches[0].staff_number != staff_number.strip():
        form.add_error("staff_number", "No such staff or warrant number.")
        return None
    return matches[0].pk


# ---- Expiry queue (the vetting home page) ----------------------------------------------


@login_required
def expiry_queue(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    filters = f.ExpiryFilterForm(request.GET or None)
    within = 90
    if filters.is_valid() and filters.cleaned_data["within_days"] is not None:
        within = filters.cleaned_data["within_days"]
    queryset = sel.clearance_expiry_queue(user=request.user, within_days=within)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(request, "vetting/expiry_queue.html",
                  {"page": page, "filters": filters, "within": within})


# ---- One person's vetting records -------------------------------------------------------


def _person_page(request: HttpRequest, person_id: int, *, bound: dict[str, Any] | None = None,
                 status: int = 200) -> HttpResponse:
    person = person_get(person_id=person_id)
    if person is None or not record_policy.person_is_visible(user=request.user,
                                                             person_id=person_id):
        raise Http404("No such person.")
    bound = bound or {}
    clearances = list(sel.clearances_visible_to(user=request.user, person_id=person_id)
                      .order_by("-granted_at"))
    can_manage = vetting_perm_has(user=request.user, perm=MANAGE)
    rows = [{"c": c, "conditions": bound.get(f"conditions{c.pk}") or f.ConditionsForm(
                 initial={"conditions": c.conditions}, auto_id=f"id_c{c.pk}_%s"),
             "terminate": bound.get(f"terminate{c.pk}") or f.TerminateForm(
                 auto_id=f"id_t{c.pk}_%s"),
             "renew_error": bound.get(f"renew{c.pk}")}
            for c in clearances]
    return render(request, "vetting/person.html", {
        "person": person, "rows": rows, "can_manage": can_manage,
        "active": ClearanceStatus.ACTIVE,
        "grant": bound.get("grant") or f.GrantForm(auto_id="id_grant_%s"),
        "convictions": sel.convictions_visible_to(user=request.user, person_id=person_id),
        "declarations": sel.declarations_visible_to(user=request.user, person_id=person_id),
        "integrity": sel.integrity_reviews_visible_to(user=request.user, person_id=person_id),
    }, status=status)


@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    _require(request, VIEW)
    response = _person_page(request, person_id)
    svc.vetting_records_view_record(actor=request.user, person_id=person_id, what="person")
    return response


@login_required
@require_POST
def clearance_grant(request: HttpRequest, person_id: int) -> HttpResponse:
    _require(request, MANAGE)
    form = f.GrantForm(request.POST, auto_id="id_grant_%s")
    if form.is_valid() and _attempt(form, lambda: svc.clearance_grant(
            actor=request.user, person_id=person_id, **form.cleaned_data)):
        messages.success(request, "Clearance granted.")
        return redirect("vetting:person", person_id)
    return _person_page(request, person_id, bound={"grant": form}, status=400)


def _clearance_person(request: HttpRequest, clearance_id: int) -> int:
    try:
        clearance = sel.clearance_get(user=request.user, clearance_id=clearance_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if clearance.person_id is None:
        raise Http404("The clearance belongs to an applicant: see the application.")
    return clearance.person_id


@login_required
@require_POST
def clearance_renew(request: HttpRequest, clearance_id: int) -> HttpResponse:
    _require(request, MANAGE)
    person_id = _clearance_person(request, clearance_id)
    form = f.ConditionsForm()
    if _attempt(form, lambda: svc.clearance_renew(actor=request.user,
                                                  clearance_id=clearance_id)):
        messages.success(request, "Clearance renewed.")
        return redirect("vetting:person", person_id)
    return _person_page(request, person_id, bound={f"renew{clearance_id}": form.non_field_errors()},
                        status=400)


@login_required
@require_POST
def clearance_conditions(request: HttpRequest, clearance_id: int) -> HttpResponse:
    _require(request, MANAGE)
    person_id = _clearance_person(request, clearance_id)
    form = f.ConditionsForm(request.POST, auto_id=f"id_c{clearance_id}_%s")
    if form.is_valid() and _attempt(form, lambda: svc.clearance_conditions_set(
            actor=request.user, clearance_id=clearance_id, **form.cleaned_data)):
        messages.success(request, "Conditions saved.")
        return redirect("vetting:person", person_id)
    return _person_page(request, person_id, bound={f"conditions{clearance_id}": form},
                        status=400)


@login_required
@require_POST
def clearance_terminate(request: HttpRequest, clearance_id: int) -> HttpResponse:
    _require(request, MANAGE)
    person_id = _clearance_person(request, clearance_id)
    form = f.TerminateForm(request.POST, auto_id=f"id_t{clearance_id}_%s")
    if form.is_valid() and _attempt(form, lambda: svc.clearance_terminate(
            actor=request.user, clearance_id=clearance_id, **form.cleaned_data)):
        messages.success(request, "Clearance terminated.")
        return redirect("vetting:person", person_id)
    return _person_page(request, person_id, bound={f"terminate{clearance_id}": form},
                        status=400)


# ---- The convictions and cautions register ----------------------------------------------


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    form = None
    if request.method == "POST":
        _require(request, MANAGE)
        form = f.ConvictionForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            person_id = _person_id(form, data.pop("staff_number"))
            if person_id is not None and _attempt(form, lambda: svc.conviction_record(
                    actor=request.user, person_id=person_id, **data)):
                messages.success(request, "Recorded; a vetting review has been requested.")
                return redirect("vetting:register")
    queryset = sel.convictions_visible_to(user=request.user,
                                          category=request.GET.get("category") or None)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    svc.vetting_records_view_record(actor=request.user, person_id=None, what="register")
    can_manage = vetting_perm_has(user=request.user, perm=MANAGE)
    return render(request, "vetting/register.html", {
        "page": page, "form": form or (f.ConvictionForm() if can_manage else None)},
        status=400 if form is not None else 200)


# ---- Declarations -----------------------------------------------------------------------


@login_required
def declarations_mine(request: HttpRequest) -> HttpResponse:
    _require(request, DECLARE)
    form = f.DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _attempt(
            form, lambda: svc.declaration_make(actor=request.user, **form.cleaned_data)):
        messages.success(request, "Thank you: your declaration has been sent to the vetting "
                                  "unit.")
        return redirect("vetting:declarations_mine")
    return render(request, "vetting/declarations_mine.html", {
        "declarations": sel.declarations_mine(user=request.user), "form": form,
        "linked": getattr(request.user, "person_id", None) is not None},
        status=400 if request.method == "POST" else 200)


@login_required
def declarations_queue(request: HttpRequest) -> HttpResponse:
    _require(request, MANAGE)
    rows = [{"d": d, "form": f.AssessForm(auto_id=f"id_d{d.pk}_%s")}
            for d in sel.declarations_to_assess(user=request.user)[:200]]
    return render(request, "vetting/declarations_queue.html", {"rows": rows})


@login_required
@require_POST
def declaration_assess(request: HttpRequest, declaration_id: int) -> HttpResponse:
    _require(request, MANAGE)
    form = f.AssessForm(request.POST)
    if form.is_valid() and _attempt(form, lambda: svc.declaration_assess(
            actor=request.user, declaration_id=declaration_id, **form.cleaned_data)):
        messages.success(request, "Declaration assessed.")
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values()
                                         for e in errs) or "Not assessed.")
    return redirect("vetting:declarations_queue")


# ---- Annual integrity reviews -----------------------------------------------------------


@login_required
def integrity_reviews(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    questions = [(q.code, q.text) for q in sel.integrity_questions_active()]
    form = None
    if vetting_perm_has(user=request.user, perm=MANAGE):
        form = f.IntegrityReviewForm(request.POST or None, questions=questions)
    if request.method == "POST":
        _require(request, MANAGE)
        assert form is not None  # noqa: S101  (MANAGE was required just above)
        if form.is_valid():
            data = form.cleaned_data
            person_id = _person_id(form, data["staff_number"])
            answers = {code: data[f"answer_{code}"] for code, _ in questions}
            if person_id is not None and _attempt(form, lambda: svc.integrity_review_record(
                    actor=request.user, person_id=person_id, year=data["year"],
                    answers=answers, outcome=data["outcome"], notes=data["notes"])):
                messages.success(request, "Integrity review recorded.")
                return redirect("vetting:integrity_reviews")
    page = Paginator(sel.integrity_reviews_visible_to(user=request.user), 50).get_page(
        request.GET.get("page"))
    return render(request, "vetting/integrity_reviews.html", {"page": page, "form": form},
                  status=400 if request.method == "POST" else 200)


# ---- Policy simulation -----------------------------------------------------------------


@login_required
def simulations(request: HttpRequest) -> HttpResponse:
    _require(request, SIMULATE)
    form = f.SimulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        simulation = _attempt(form, lambda: svc.policy_simulation_run(
            actor=request.user, name=form.cleaned_data["name"], rule=form.rule()))
        if simulation is not None:
            return redirect("vetting:simulation", simulation.pk)
    return render(request, "vetting/simulations.html", {
        "form": form, "previous": sel.simulations_visible_to(user=request.user)[:50]},
        status=400 if request.method == "POST" else 200)


@login_required
def simulation(request: HttpRequest, simulation_id: int) -> HttpResponse:
    _require(request, SIMULATE)
    found = sel.simulations_visible_to(user=request.user).filter(id=simulation_id).first()
    if found is None:
        raise Http404("No such simulation.")
    people = None
    if vetting_perm_has(user=request.user, perm=VIEW):
        people = list(sel.simulation_affected_people(user=request.user, simulation=found)[:200])
        svc.vetting_records_view_record(actor=request.user, person_id=None,
                                        what="simulation_people", object_id=str(found.pk))
    return render(request, "vetting/simulation.html", {"s": found, "people": people})


# ---- Vetting applications --------------------------------------------------------------


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    _require(request, MANAGE)
    form = f.ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person_id = _person_id(form, data["staff_number"]) if data["staff_number"] else None
        if not form.errors:
            created = _attempt(form, lambda: svc.vetting_application_create(
                actor=request.user, kind=data["kind"], level=data["level"],
                forenames=data["forenames"], surname=data["surname"],
                date_of_birth=data["date_of_birth"], person_id=person_id,
                other_names=form.other_name_pairs(), postcodes=form.postcode_list()))
            if created is not None:
                return redirect("vetting:application", created.pk)
    return render(request, "vetting/applications.html", {
        "form": form, "open": sel.applications_visible_to(user=request.user, status="open")},
        status=400 if request.method == "POST" else 200)


def _application_page(request: HttpRequest, application_id: int, *,
                      decide: Any = None, status: int = 200) -> HttpResponse:
    try:
        application = sel.application_get(user=request.user, application_id=application_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    findings = [{"x": x, "form": f.ResolveForm(auto_id=f"id_x{x.pk}_%s")}
                for x in application.findings.all()]
    return render(request, "vetting/application.html", {
        "a": application, "findings": findings,
        "decide": decide or f.DecideForm(auto_id="id_decide_%s")}, status=status)


@login_required
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    _require(request, MANAGE)
    return _application_page(request, application_id)


@login_required
@require_POST
def application_checks(request: HttpRequest, application_id: int) -> HttpResponse:
    _require(request, MANAGE)
    try:
        found = svc.vetting_application_checks_run(actor=request.user,
                                                   application_id=application_id)
        messages.success(request, f"Checks run: {len(found)} finding(s).")
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("vetting:application", application_id)


@login_required
@require_POST
def finding_resolve(request: HttpRequest, finding_id: int) -> HttpResponse:
    _require(request, MANAGE)
    form = f.ResolveForm(request.POST)
    application_id = int(request.POST.get("application_id", "0") or 0)
    if form.is_valid() and _attempt(form, lambda: svc.application_finding_resolve(
            actor=request.user, finding_id=finding_id, **form.cleaned_data)):
        messages.success(request, "Resolution recorded.")
    else:
        messages.error(request, "Say how the finding was resolved.")
    return redirect("vetting:application", application_id)


@login_required
@require_POST
def application_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    _require(request, MANAGE)
    form = f.DecideForm(request.POST, auto_id="id_decide_%s")
    if form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "grant":
            call: Callable[[], Any] = lambda: svc.vetting_application_grant(  # noqa: E731
                actor=request.user, application_id=application_id,
                conditions=data["conditions"], notes=data["notes"])
        else:
            call = lambda: svc.vetting_application_refuse(  # noqa: E731
                actor=request.user, application_id=application_id, notes=data["notes"],
                discontinue=data["decision"] == "discontinue")
        if _attempt(form, call):
            messages.success(request, "Decision recorded.")
            return redirect("vetting:application", application_id)
    return _application_page(request, application_id, decide=form, status=400)


# ---- Settings: renewal intervals, re-vetting rate and draws ------------------------------


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    can_admin = vetting_perm_has(user=request.user, perm=ADMINISTER)
    can_manage = vetting_perm_has(user=request.user, perm=MANAGE)
    if not (can_admin or can_manage):
        raise PermissionDenied
    interval = f.RenewalIntervalForm(request.POST if "months" in request.POST else None)
    rate = f.RevettingRateForm(request.POST if "percent" in request.POST else None)
    draw = f.DrawForm(request.POST if "draw" in request.POST else None)
    if request.method == "POST":
        done = None
        if "months" in request.POST and can_admin and interval.is_valid():
            done = _attempt(interval, lambda: svc.renewal_interval_set(
                actor=request.user, **interval.cleaned_data))
        elif "percent" in request.POST and can_admin and rate.is_valid():
            done = _attempt(rate, lambda: svc.revetting_rate_set(
                actor=request.user, **rate.cleaned_data))
        elif "draw" in request.POST and can_manage and draw.is_valid():
            done = _attempt(draw, lambda: svc.revetting_draw(
                actor=request.user, seed=draw.cleaned_data["seed"]))
        elif not (can_admin or "draw" in request.POST):
            raise PermissionDenied
        if done is not None:
            messages.success(request, "Saved.")
            return redirect("vetting:settings")
    return render(request, "vetting/settings.html", {
        "intervals": sel.renewal_intervals_current(), "rate": svc.revetting_rate_current(),
        "draws": sel.revetting_draws_visible_to(user=request.user)[:20],
        "interval_form": interval if can_admin else None, "rate_form": rate if can_admin else None,
        "draw_form": draw if can_manage else None},
        status=400 if request.method == "POST" else 200)
