"""Server-rendered campaign pages (thin adapters over the campaign services and selectors)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.conduct.selectors import COHORT_OUTCOMES
from upright.core.exceptions import ActionForbidden, ApplicationError, NotFound, ValidationFailed
from upright.core.forms import form_errors_add
from upright.patterns.campaigns.choices import CampaignStatus, ItemState
from upright.patterns.campaigns.selectors import (
    campaign_dashboard,
    campaign_get,
    campaign_list,
    item_detail,
    item_get,
    items_assigned_to,
    items_visible_to,
    panel_queue,
)
from upright.patterns.campaigns.services import (
    Criteria,
    campaign_assign,
    campaign_authorise,
    campaign_build,
    campaign_create,
    campaign_effects_retry,
    cohort_preview,
    item_reassign,
    item_view_record,
    panel_claim,
    panel_submit,
    review_submit,
)
from upright.patterns.campaigns.web.forms import (
    AssignForm,
    CampaignForm,
    PanelForm,
    ReassignForm,
    ReviewForm,
)


def _require(request: HttpRequest, perm: str) -> None:
    if not user_has_perm(user=request.user, perm=perm):
        raise PermissionDenied


def _campaign(request: HttpRequest, pk: int) -> Any:
    try:
        return campaign_get(user=request.user, campaign_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def campaign_list_page(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.CAMPAIGNS_VIEW)
    return render(request, "campaigns/list.html", {
        "campaigns": campaign_list(user=request.user),
        "can_manage": user_has_perm(user=request.user, perm=Perm.CAMPAIGNS_MANAGE),
        "can_review": user_has_perm(user=request.user, perm=Perm.CAMPAIGNS_REVIEW),
        "can_panel": user_has_perm(user=request.user, perm=Perm.CAMPAIGNS_PANEL)})


@login_required
def campaign_create_page(request: HttpRequest) -> HttpResponse:
    """Criteria with a preview of the counts ("Preview") before saving ("Save")."""
    _require(request, Perm.CAMPAIGNS_MANAGE)
    form = CampaignForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            if "preview" in request.POST:
                preview = cohort_preview(actor=request.user, criteria=form.criteria())
            else:
                data = form.cleaned_data
                campaign = campaign_create(actor=request.user, name=data["name"],
                                           purpose=data["purpose"], criteria=form.criteria(),
                                           panel_rate=data["panel_rate"],
                                           panel_seed=data["panel_seed"])
                return redirect("patterns_campaigns:detail", campaign.pk)
        except ValidationFailed as exc:
            form_errors_add(form=form, exc=exc)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "campaigns/create.html",
                  {"form": form, "preview": preview}, status=status)


@login_required
def campaign_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    manage = user_has_perm(user=request.user, perm=Perm.CAMPAIGNS_MANAGE)
    preview = None
    if campaign.status == CampaignStatus.DRAFT and manage:
        preview = cohort_preview(actor=request.user, criteria=Criteria.of(campaign))
    board = campaign_dashboard(user=request.user, campaign_id=pk)
    return render(request, "campaigns/detail.html", {
        "campaign": campaign, "preview": preview, "board": board, "can_manage": manage,
        "outcome_labels": [COHORT_OUTCOMES.get(o, o) for o in campaign.outcomes],
        "can_authorise": user_has_perm(user=request.user, perm=Perm.ASSESS),
        "assign_form": AssignForm() if manage and campaign.status == CampaignStatus.BUILT
        else None,
        "items": Paginator(items_visible_to(user=request.user, campaign_id=pk), 50)
        .get_page(request.GET.get("page"))})


def _act(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    try:
        action()
    except ActionForbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        campaign = _campaign(request, pk)
        return render(request, "campaigns/error.html",
                      {"campaign": campaign, "message": exc.message}, status=exc.status_code)
    return redirect("patterns_campaigns:detail", pk)


@login_required
@require_POST
def campaign_build_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda: campaign_build(actor=request.user, campaign_id=pk))


@login_required
@require_POST
def campaign_authorise_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda: campaign_authorise(actor=request.user, campaign_id=pk))


@login_required
@require_POST
def campaign_retry_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda: campaign_effects_retry(actor=request.user, campaign_id=pk))


@login_required
@require_POST
def campaign_assign_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Perm.CAMPAIGNS_MANAGE)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return render(request, "campaigns/error.html", {
            "campaign": _campaign(request, pk),
            "message": "Choose at least one reviewer and how to balance the work."}, status=400)
    data = form.cleaned_data
    return _act(request, pk, lambda: campaign_assign(
        actor=request.user, campaign_id=pk, reviewer_ids=list(data["reviewer_ids"]),
        weight_by=data["weight_by"]))


@login_required
def dashboard_page(request: HttpRequest, pk: int) -> HttpResponse:
    _campaign(request, pk)
    return render(request, "campaigns/dashboard.html",
                  {"board": campaign_dashboard(user=request.user, campaign_id=pk)})


@login_required
def my_items_page(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.CAMPAIGNS_REVIEW)
    return render(request, "campaigns/queue.html", {
        "title": "My review items", "panel": False,
        "items": Paginator(items_assigned_to(user=request.user), 50)
        .get_page(request.GET.get("page"))})


@login_required
def panel_queue_page(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.CAMPAIGNS_PANEL)
    return render(request, "campaigns/queue.html", {
        "title": "Independent panel queue", "panel": True,
        "items": Paginator(panel_queue(user=request.user), 50).get_page(request.GET.get("page"))})


def _item(request: HttpRequest, pk: int) -> Any:
    try:
        return item_get(user=request.user, item_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The item, its matters and the review form (first or panel) where it is the reader's."""
    item = _item(request, pk)
    detail = item_detail(item=item, user=request.user)
    mine_first = item.state == ItemState.ASSIGNED and item.reviewer_id == request.user.pk
    mine_panel = (item.state == ItemState.SECOND_REVIEW_PENDING
                  and item.panel_reviewer_id == request.user.pk)
    form: Any = None
    if mine_first:
        form = ReviewForm(request.POST or None, matters=detail.matters)
    elif mine_panel:
        form = PanelForm(request.POST or None, matters=detail.matters)
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            submit = review_submit if mine_first else panel_submit
            try:
                submit(actor=request.user, item_id=pk, data=form.review_input())
                return redirect("patterns_campaigns:item", pk)
            except ValidationFailed as exc:
                form_errors_add(form=form, exc=exc)
            except ActionForbidden as exc:
                raise PermissionDenied(str(exc)) from exc
            except ApplicationError as exc:
                form.add_error(None, exc.message)
        status = 400
    else:
        item_view_record(actor=request.user, item=item, channel="page")
    manage = user_has_perm(user=request.user, perm=Perm.CAMPAIGNS_MANAGE)
    can_reassign = manage and item.state in (ItemState.UNASSIGNED, ItemState.ASSIGNED,
                                             ItemState.SECOND_REVIEW_PENDING)
    return render(request, "campaigns/item.html", {
        "item": item, "detail": detail, "form": form, "panel_form": mine_panel,
        "first": detail.reviews.get("first"), "panel": detail.reviews.get("panel"),
        "can_claim": item.state == ItemState.REVIEWED and item.reviewer_id != request.user.pk
        and user_has_perm(user=request.user, perm=Perm.CAMPAIGNS_PANEL),
        "reassign_form": ReassignForm(panel=item.state == ItemState.SECOND_REVIEW_PENDING)
        if can_reassign else None}, status=status)


@login_required
@require_POST
def item_claim_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        panel_claim(actor=request.user, item_id=pk)
    except ActionForbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        return render(request, "campaigns/error.html", {"message": exc.message},
                      status=exc.status_code)
    return redirect("patterns_campaigns:item", pk)


@login_required
@require_POST
def item_reassign_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Perm.CAMPAIGNS_MANAGE)
    item = _item(request, pk)
    form = ReassignForm(request.POST, panel=item.state == ItemState.SECOND_REVIEW_PENDING)
    message = "Choose a reviewer and give the reason."
    if form.is_valid():
        try:
            item_reassign(actor=request.user, item_id=pk,
                          reviewer_id=form.cleaned_data["reviewer_id"],
                          reason=form.cleaned_data["reason"])
            return redirect("patterns_campaigns:item", pk)
        except ActionForbidden as exc:
            message = str(exc)
        except ApplicationError as exc:
            message = exc.message
    return render(request, "campaigns/error.html", {"message": message}, status=400)
