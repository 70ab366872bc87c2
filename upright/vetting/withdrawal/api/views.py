"""The withdrawal API: thin adapters over the services and selectors."""


from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.vetting.withdrawal.api.serializers import (
    STEP_INPUTS,
    FromReviewInput,
    OpenInput,
    WithdrawalDetailOutput,
    WithdrawalSummaryOutput,
)
from upright.vetting.withdrawal.selectors import withdrawal_get, withdrawals_visible_to
from upright.vetting.withdrawal.services import (
    withdrawal_act,
    withdrawal_open,
    withdrawal_open_from_review,
    withdrawal_view_record,
)
from upright.vetting.withdrawal.states import ACTIONS, WithdrawalStatus


class _Pages(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def _detail(request: Request, pk: int, status: int = 200) -> Response:
    return Response(WithdrawalDetailOutput(withdrawal_get(user=request.user, assessment_id=pk)).data,
                    status=status)


class WithdrawalListApi(APIView):
    @extend_schema(operation_id="withdrawals_list",
                   parameters=[OpenApiParameter("status", str,
                                                enum=["open", *WithdrawalStatus.values]),
                               OpenApiParameter("person_id", int), OpenApiParameter("page", int)],
                   responses={200: WithdrawalSummaryOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        person = request.query_params.get("person_id") or ""
        queryset = withdrawals_visible_to(user=request.user,
                                          status=request.query_params.get("status") or None,
                                          person_id=int(person) if person.isdigit() else None)
        paginator = _Pages()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(WithdrawalSummaryOutput(page, many=True).data)

    @extend_schema(operation_id="withdrawals_open", request=OpenInput,
                   responses={201: WithdrawalDetailOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=OpenInput, request=request)
        a = withdrawal_open(actor=request.user, person_id=data["person_id"],
                            trigger_kind=data["trigger_kind"],
                            trigger_summary=data["trigger_summary"],
                            trigger_ref=data.get("trigger_ref", ""),
                            clearance_id=data.get("clearance_id"))
        return _detail(request, a.pk, 201)


class WithdrawalFromReviewApi(APIView):
    @extend_schema(operation_id="withdrawals_open_from_review", request=FromReviewInput,
                   description="Open the assessment a vetting review closed with the outcome "
                               "withdrawal_assessment decided on (idempotent).",
                   responses={201: WithdrawalDetailOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=FromReviewInput, request=request)
        a = withdrawal_open_from_review(actor=request.user,
                                        review_request_id=data["review_request_id"],
                                        clearance_id=data.get("clearance_id"))
        return _detail(request, a.pk, 201)


class WithdrawalDetailApi(APIView):
    @extend_schema(operation_id="withdrawals_retrieve",
                   responses={200: WithdrawalDetailOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, assessment_id: int) -> Response:
        a = withdrawal_get(user=request.user, assessment_id=assessment_id)
        withdrawal_view_record(actor=request.user, assessment=a)
        return Response(WithdrawalDetailOutput(a).data)


def _step_view(step: str) -> type[APIView]:
    """One APIView per step, each with its own input shape and operation id."""
    input_cls = STEP_INPUTS[step]
    label = ACTIONS[step].label if step in ACTIONS else f"Record: {step}"

    class StepApi(APIView):
        @extend_schema(operation_id=f"withdrawals_{step}", request=input_cls, description=label,
                       responses={200: WithdrawalDetailOutput, **WRITE_ERRORS})
        def post(self, request: Request, assessment_id: int) -> Response:
            data = api_input_parse(serializer_cls=input_cls, request=request)
            withdrawal_act(actor=request.user, assessment_id=assessment_id, step=step, data=data)
            return _detail(request, assessment_id)

    StepApi.__name__ = StepApi.__qualname__ = f"Withdrawal_{step}_Api"
    return StepApi


STEP_VIEWS = {step: _step_view(step) for step in STEP_INPUTS}
