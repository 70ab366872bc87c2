"""The review campaigns API: thin adapters over the campaign services and selectors."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.patterns.campaigns.api.serializers import (
    CHOICES_HELP,
    AssignInput,
    AssignOutput,
    CampaignCreateInput,
    CampaignDashboardOutput,
    CampaignOutput,
    CountsOutput,
    CriteriaInput,
    ItemOutput,
    ItemSummaryOutput,
    PanelReviewInput,
    ReassignInput,
    ReviewInputSerializer,
)
from upright.patterns.campaigns.choices import ItemState
from upright.patterns.campaigns.models import Item
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
    ReviewInput,
    campaign_assign,
    campaign_authorise,
    campaign_build,
    campaign_create,
    cohort_preview,
    item_reassign,
    item_view_record,
    panel_claim,
    panel_submit,
    review_submit,
)

_CRITERIA = ("category_codes", "attention_from", "attention_to", "outcomes",
             "employment_statuses")


class ItemPagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def _criteria(data: dict[str, Any]) -> Criteria:
    return Criteria(**{k: data[k] for k in _CRITERIA})


def _item_out(item: Item, user: Any) -> dict[str, Any]:
    detail = item_detail(item=item, user=user)
    data = ItemOutput({**{f: getattr(item, f) for f in (
        "id", "campaign_id", "person_id", "person", "state", "matters_count", "reviewer",
        "final_outcome", "panel_reviewer", "disagreement")},
        "matters": detail.matters, "reviews": list(detail.reviews.values()),
        "effects": detail.effects}).data
    return dict(data)


def _page(view: APIView, request: Request, queryset: Any) -> Response:
    paginator = ItemPagination()
    page: Any = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(ItemSummaryOutput(page, many=True).data)


class CampaignListApi(APIView):
    @extend_schema(operation_id="campaigns_list", responses={200: CampaignOutput(many=True),
                                                             403: ERROR})
    def get(self, request: Request) -> Response:
        return Response(CampaignOutput(campaign_list(user=request.user), many=True).data)

    @extend_schema(operation_id="campaigns_create", request=CampaignCreateInput,
                   description="Save a draft campaign with its cohort criteria (outcomes: "
                               "conduct COHORT_OUTCOMES codes) and panel sampling.",
                   responses={201: CampaignOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=CampaignCreateInput, request=request)
        campaign = campaign_create(actor=request.user, name=data["name"],
                                   purpose=data["purpose"], criteria=_criteria(data),
                                   panel_rate=data["panel_rate"], panel_seed=data["panel_seed"])
        return Response(CampaignOutput(campaign).data, status=201)


class CampaignPreviewApi(APIView):
    @extend_schema(operation_id="campaigns_preview", request=CriteriaInput,
                   description="Count the people, matters and allegations the criteria "
                               "select, writing nothing.",
                   responses={200: CountsOutput, 400: ERROR, 403: ERROR})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=CriteriaInput, request=request)
        return Response(cohort_preview(actor=request.user, criteria=_criteria(data)))


class CampaignDetailApi(APIView):
    @extend_schema(operation_id="campaigns_retrieve",
                   responses={200: CampaignOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, campaign_id: int) -> Response:
        return Response(CampaignOutput(campaign_get(user=request.user,
                                                    campaign_id=campaign_id)).data)


class CampaignBuildApi(APIView):
    @extend_schema(operation_id="campaigns_build", request=None,
                   description="Build the cohort: one item per person with all their matching "
                               "matters attached.",
                   responses={200: CampaignOutput, **WRITE_ERRORS})
    def post(self, request: Request, campaign_id: int) -> Response:
        return Response(CampaignOutput(campaign_build(actor=request.user,
                                                      campaign_id=campaign_id)).data)


class CampaignAuthoriseApi(APIView):
    @extend_schema(operation_id="campaigns_authorise", request=None,
                   description="An appropriate authority takes responsibility for the "
                               "campaign's outcomes; waiting effects then run.",
                   responses={200: CampaignOutput, **WRITE_ERRORS})
    def post(self, request: Request, campaign_id: int) -> Response:
        return Response(CampaignOutput(campaign_authorise(actor=request.user,
                                                          campaign_id=campaign_id)).data)


class CampaignAssignApi(APIView):
    @extend_schema(operation_id="campaigns_assign", request=AssignInput,
                   description="Assign every unassigned item, balanced (by matters or items), "
                               "never to a reviewer in conflict.",
                   responses={200: AssignOutput, **WRITE_ERRORS})
    def post(self, request: Request, campaign_id: int) -> Response:
        data = api_input_parse(serializer_cls=AssignInput, request=request)
        result = campaign_assign(actor=request.user, campaign_id=campaign_id,
                                 reviewer_ids=data["reviewer_ids"], weight_by=data["weight_by"])
        return Response({"assigned": {str(k): v for k, v in result.assigned.items()},
                         "unassignable": result.unassignable})


class CampaignDashboardApi(APIView):
    @extend_schema(operation_id="campaigns_dashboard",
                   responses={200: CampaignDashboardOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, campaign_id: int) -> Response:
        board = campaign_dashboard(user=request.user, campaign_id=campaign_id)
        return Response(CampaignDashboardOutput(board).data)


class CampaignItemListApi(APIView):
    @extend_schema(operation_id="campaigns_items_list",
                   parameters=[OpenApiParameter("state", str, enum=ItemState.values),
                               OpenApiParameter("page", int)],
                   responses={200: ItemSummaryOutput(many=True), 403: ERROR})
    def get(self, request: Request, campaign_id: int) -> Response:
        campaign_get(user=request.user, campaign_id=campaign_id)  # 403 / 404 first
        return _page(self, request, items_visible_to(
            user=request.user, campaign_id=campaign_id,
            state=request.query_params.get("state") or None))


class MyItemsApi(APIView):
    @extend_schema(operation_id="campaigns_my_items",
                   responses={200: ItemSummaryOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        return _page(self, request, items_assigned_to(user=request.user))


class PanelQueueApi(APIView):
    @extend_schema(operation_id="campaigns_panel_queue",
                   responses={200: ItemSummaryOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        return _page(self, request, panel_queue(user=request.user))


class ItemDetailApi(APIView):
    @extend_schema(operation_id="campaigns_item_retrieve",
                   description="One person's item with their matters (an audited read).",
                   responses={200: ItemOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, item_id: int) -> Response:
        item = item_get(user=request.user, item_id=item_id)
        item_view_record(actor=request.user, item=item, channel="api")
        return Response(_item_out(item, request.user))


def _review_input(data: dict[str, Any]) -> ReviewInput:
    return ReviewInput(**data)


class ItemReviewApi(APIView):
    @extend_schema(operation_id="campaigns_item_review", request=ReviewInputSerializer,
                   description="Record the first review and its one outcome. " + CHOICES_HELP,
                   responses={201: ItemOutput, **WRITE_ERRORS})
    def post(self, request: Request, item_id: int) -> Response:
        data = api_input_parse(serializer_cls=ReviewInputSerializer, request=request)
        item = review_submit(actor=request.user, item_id=item_id, data=_review_input(data))
        return Response(_item_out(item_get(user=request.user, item_id=item.pk), request.user),
                        status=201)


class ItemReassignApi(APIView):
    @extend_schema(operation_id="campaigns_item_reassign", request=ReassignInput,
                   responses={200: ItemSummaryOutput, **WRITE_ERRORS})
    def post(self, request: Request, item_id: int) -> Response:
        data = api_input_parse(serializer_cls=ReassignInput, request=request)
        item = item_reassign(actor=request.user, item_id=item_id,
                             reviewer_id=data["reviewer_id"], reason=data["reason"])
        return Response(ItemSummaryOutput(item).data)


class ItemPanelClaimApi(APIView):
    @extend_schema(operation_id="campaigns_item_panel_claim", request=None,
                   responses={200: ItemSummaryOutput, **WRITE_ERRORS})
    def post(self, request: Request, item_id: int) -> Response:
        return Response(ItemSummaryOutput(panel_claim(actor=request.user, item_id=item_id)).data)


class ItemPanelReviewApi(APIView):
    @extend_schema(operation_id="campaigns_item_panel_review", request=PanelReviewInput,
                   description="The panel agrees, or disagrees with a reason and its own "
                               "outcome, which prevails. " + CHOICES_HELP,
                   responses={201: ItemOutput, **WRITE_ERRORS})
    def post(self, request: Request, item_id: int) -> Response:
        data = api_input_parse(serializer_cls=PanelReviewInput, request=request)
        item = panel_submit(actor=request.user, item_id=item_id, data=_review_input(data))
        return Response(_item_out(item_get(user=request.user, item_id=item.pk), request.user),
                        status=201)
