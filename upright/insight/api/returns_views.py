"""The statistics API: read a stored summary (a return or the disproportionality table),
recompute one from the records, and list the matters behind a figure (thin adapters)."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.core.exceptions import NotFound, ValidationFailed
from upright.insight.api.returns_serializers import (
    DrillOutput,
    DrillQueryInput,
    SummaryOutput,
    SummaryQueryInput,
)
from upright.insight.returns_services import insight_perm_require, return_drilldown
from upright.insight.selectors import summary_get
from upright.insight.summary import SUMMARIES, summary_params_clean, summary_refresh

QUERY = [OpenApiParameter("year", int, required=True), OpenApiParameter("unit", str),
         OpenApiParameter("workforce", str, enum=["officers", "staff"])]


def _params(name: str, data: Any) -> dict[str, Any]:
    serializer = SummaryQueryInput(data=data)
    serializer.is_valid(raise_exception=True)
    params = dict(serializer.validated_data)
    if name != "dispro":
        params.pop("workforce", None)
    if name not in SUMMARIES:
        raise NotFound(f"No summary called {name!r}.")
    return summary_params_clean(name=name, params=params)


class SummaryApi(APIView):
    @extend_schema(operation_id="insight_summary_get", parameters=QUERY,
                   responses={200: SummaryOutput, 400: ERROR, 403: ERROR, 404: ERROR})
    def get(self, request: Request, name: str) -> Response:
        insight_perm_require(user=request.user)
        summary = summary_get(name=name, params=_params(name, request.query_params))
        if summary is None:
            raise NotFound("Not computed yet for these parameters: POST .../refresh/.")
        return Response(SummaryOutput(summary).data)


class SummaryRefreshApi(APIView):
    @extend_schema(operation_id="insight_summary_refresh", request=SummaryQueryInput,
                   responses={200: SummaryOutput, **WRITE_ERRORS})
    def post(self, request: Request, name: str) -> Response:
        insight_perm_require(user=request.user)
        data = api_input_parse(serializer_cls=SummaryQueryInput, request=request)
        if name != "dispro" and "workforce" in data:
            raise ValidationFailed("workforce applies only to dispro.",
                                   extra={"fields": {"workforce": "not allowed"}})
        if name not in SUMMARIES:
            raise NotFound(f"No summary called {name!r}.")
        summary = summary_refresh(name=name, params=data, actor=request.user)
        return Response(SummaryOutput(summary).data)


class ReturnDrillApi(APIView):
    @extend_schema(operation_id="insight_return_drill", parameters=[
        *QUERY[:2], OpenApiParameter("dimension", str, required=True),
        OpenApiParameter("category", str, required=True),
        OpenApiParameter("person_type", str, required=True), OpenApiParameter("period", str),
        OpenApiParameter("page", int)],
        responses={200: DrillOutput, 400: ERROR, 403: ERROR, 404: ERROR})
    def get(self, request: Request, name: str) -> Response:
        insight_perm_require(user=request.user)
        serializer = DrillQueryInput(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        drill = return_drilldown(
            user=request.user, name=name, params={"year": data["year"], "unit": data["unit"]},
            dimension=data["dimension"], category=data["category"],
            person_type=data["person_type"], period=data["period"], page=data["page"])
        return Response(DrillOutput(drill).data)
