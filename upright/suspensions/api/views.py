"""The suspensions API: thin adapters over the register's services and selectors."""


from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.suspensions.api.serializers import (
    SuspensionConfirmInput,
    SuspensionEndInput,
    SuspensionImposeInput,
    SuspensionOutput,
    SuspensionPageOutput,
    SuspensionRepresentationInput,
    SuspensionReviewInput,
    SuspensionSummaryOutput,
)
from upright.suspensions.choices import Kind
from upright.suspensions.models import Suspension
from upright.suspensions.selectors import (
    STATES,
    suspension_get,
    suspension_list_visible_to,
)
from upright.suspensions.services import (
    Conversion,
    grounds_from,
    notification_from,
    restriction_impose,
    suspension_confirm_in_writing,
    suspension_end,
    suspension_impose,
    suspension_representation_record,
    suspension_review,
    suspension_view_record,
    terms_from,
)


class SuspensionPagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def _detail(entry: Suspension) -> Response:
    return Response(SuspensionOutput(entry).data)


class SuspensionListApi(APIView):
    @extend_schema(
        operation_id="suspensions_list",
        parameters=[OpenApiParameter("state", str, enum=list(STATES)),
                    OpenApiParameter("kind", str, enum=Kind.values),
                    OpenApiParameter("person_id", int), OpenApiParameter("page", int)],
        responses={200: SuspensionPageOutput, 400: ERROR, 403: ERROR},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        person_id = params.get("person_id")
        queryset = suspension_list_visible_to(
            user=request.user, state=params.get("state") or None, kind=params.get("kind") or None,
            person_id=int(person_id) if person_id and person_id.isdigit() else None)
        paginator = SuspensionPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(SuspensionSummaryOutput(page, many=True).data)

    @extend_schema(
        operation_id="suspensions_impose",
        description="Suspend (kind suspended: reg 11(4) grounds required) or restrict (kind "
                    "restricted: restriction terms required) the subject of an open matter.",
        request=SuspensionImposeInput, responses={201: SuspensionOutput, **WRITE_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=SuspensionImposeInput, request=request)
        common = {"actor": request.user, "person_id": data["person_id"],
                  "matter_ref": data["matter_ref"], "narrative": data["narrative"],
                  "notification": notification_from(data),
                  "review_interval_days": data.get("review_interval_days")}
        if data["kind"] == Kind.SUSPENDED:
            entry = suspension_impose(grounds=grounds_from(data), **common)
        else:
            entry = restriction_impose(terms=terms_from(data), **common)
        response = _detail(entry)
        response.status_code = 201
        return response


class SuspensionDetailApi(APIView):
    @extend_schema(operation_id="suspensions_retrieve",
                   responses={200: SuspensionOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, suspension_id: int) -> Response:
        entry = suspension_get(user=request.user, suspension_id=suspension_id)
        suspension_view_record(actor=request.user, suspension=entry)
        return _detail(entry)


class SuspensionReviewApi(APIView):
    @extend_schema(
        operation_id="suspensions_review",
        description="Record a review. Outcome convert needs the new entry's notification and "
                    "either reg 11(4) grounds (to a suspension) or restriction terms.",
        request=SuspensionReviewInput, responses={201: SuspensionOutput, **WRITE_ERRORS},
    )
    def post(self, request: Request, suspension_id: int) -> Response:
        data = api_input_parse(serializer_cls=SuspensionReviewInput, request=request)
        conversion = Conversion(notification_from(data), grounds=grounds_from(data),
                                terms=terms_from(data))
        suspension_review(actor=request.user, suspension_id=suspension_id,
                          outcome=data["outcome"], reasons=data["reasons"],
                          reviewed_on=data.get("reviewed_on"),
                          representations_response=data.get("representations_response", ""),
                          conversion=conversion)
        response = _detail(suspension_get(user=request.user, suspension_id=suspension_id))
        response.status_code = 201
        return response


class SuspensionRepresentationApi(APIView):
    @extend_schema(operation_id="suspensions_representation", request=SuspensionRepresentationInput,
                   responses={201: SuspensionOutput, **WRITE_ERRORS})
    def post(self, request: Request, suspension_id: int) -> Response:
        data = api_input_parse(serializer_cls=SuspensionRepresentationInput, request=request)
        suspension_representation_record(actor=request.user, suspension_id=suspension_id,
                                         made_by=data["made_by"], summary=data["summary"],
                                         received_on=data.get("received_on"))
        response = _detail(suspension_get(user=request.user, suspension_id=suspension_id))
        response.status_code = 201
        return response


class SuspensionEndApi(APIView):
    @extend_schema(operation_id="suspensions_end", request=SuspensionEndInput,
                   responses={200: SuspensionOutput, **WRITE_ERRORS})
    def post(self, request: Request, suspension_id: int) -> Response:
        data = api_input_parse(serializer_cls=SuspensionEndInput, request=request)
        entry = suspension_end(actor=request.user, suspension_id=suspension_id,
                               reason=data["reason"], reasons=data["reasons"],
                               ended_on=data.get("ended_on"))
        return _detail(entry)


class SuspensionConfirmApi(APIView):
    @extend_schema(operation_id="suspensions_confirm_in_writing", request=SuspensionConfirmInput,
                   responses={200: SuspensionOutput, **WRITE_ERRORS})
    def post(self, request: Request, suspension_id: int) -> Response:
        data = api_input_parse(serializer_cls=SuspensionConfirmInput, request=request)
        entry = suspension_confirm_in_writing(actor=request.user, suspension_id=suspension_id,
                                              confirmed_at=data.get("confirmed_at"))
        return _detail(entry)
