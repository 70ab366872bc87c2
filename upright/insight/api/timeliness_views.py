"""The timeliness API: the stored figures (ageing, past 12 months, days to finalise,
workload, rates) with the forecast for an entered staff number (thin over
insight.timeliness_services). The list of matters past 12 months holds only those the caller
may see; `hidden` says how many others there are."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.api import ERROR
from upright.core.exceptions import NotFound
from upright.insight.returns_services import insight_perm_require
from upright.insight.timeliness_services import MAX_STAFF, MAX_WEEKS, timeliness_read


class TimelinessQueryInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    unit = serializers.CharField(max_length=400, required=False, allow_blank=True, default="")
    staff = serializers.IntegerField(min_value=0, max_value=MAX_STAFF, required=False,
                                     allow_null=True, default=None)
    staff_now = serializers.IntegerField(min_value=0, max_value=MAX_STAFF, required=False,
                                         allow_null=True, default=None)
    weeks = serializers.IntegerField(min_value=1, max_value=MAX_WEEKS, required=False,
                                     default=104)


class TimelinessOutput(serializers.Serializer):
    params = serializers.DictField()
    computed_at = serializers.DateTimeField()
    source = serializers.DictField()  # type: ignore[assignment]  # a field named "source"
    figures = serializers.JSONField()
    forecast = serializers.JSONField(allow_null=True)
    past_12_months = serializers.JSONField()
    hidden = serializers.IntegerField()


class TimelinessApi(APIView):
    @extend_schema(operation_id="insight_timeliness_get", parameters=[
        OpenApiParameter("year", int, required=True), OpenApiParameter("unit", str),
        OpenApiParameter("staff", int, description="investigators available (default: those "
                                                   "now)"),
        OpenApiParameter("staff_now", int, description="investigators doing the work now "
                                                       "(default: measured from the records)"),
        OpenApiParameter("weeks", int, description="weeks to forecast (default 104)")],
        responses={200: TimelinessOutput, 400: ERROR, 403: ERROR, 404: ERROR})
    def get(self, request: Request) -> Response:
        insight_perm_require(user=request.user)
        serializer = TimelinessQueryInput(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        view = timeliness_read(user=request.user, year=data["year"], unit=data["unit"],
                               staff=data["staff"], staff_now=data["staff_now"],
                               weeks=data["weeks"])
        if view.summary is None:
            raise NotFound("Not computed yet for these parameters: POST "
                           "/api/v1/insight/summaries/timeliness/refresh/.")
        figures = {k: v for k, v in view.summary.rows.items()
                   if k not in ("past_12_months", "forecast")}
        return Response(TimelinessOutput({
            "params": view.params, "computed_at": view.summary.computed_at,
            "source": view.summary.source, "figures": figures,
            "forecast": view.forecast.as_row() if view.forecast else None,
            "past_12_months": [{k: v for k, v in o.items() if k != "matter"}
                               for o in view.past_12_months],
            "hidden": view.hidden}).data)
