"""The repeat-pattern API: thin adapters over the alert and rule services and selectors."""


from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.access.permissions import perm_require
from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.patterns.api.serializers import (
    AlertDecideInput,
    AlertOutput,
    AlertPageOutput,
    AlertSummaryOutput,
    RuleCreateInput,
    RuleDetailOutput,
    RuleOutput,
    RuleReviseInput,
)
from upright.patterns.models import AlertStatus, PatternAlert
from upright.patterns.permissions import RULES, VIEW
from upright.patterns.selectors import (
    pattern_alert_evidence,
    pattern_alert_get,
    pattern_alert_list_visible_to,
    pattern_rule_list,
    pattern_rule_versions,
)
from upright.patterns.services import (
    pattern_alert_decide,
    pattern_alert_list_view_record,
    pattern_alert_view_record,
    pattern_rule_create,
    pattern_rule_revise,
)


class AlertPagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def _alert_detail(request: Request, alert: PatternAlert) -> Response:
    evidence = pattern_alert_evidence(user=request.user, alert=alert)
    alert.evidence_matters = evidence.matters  # type: ignore[attr-defined]
    alert.evidence_matters_hidden = evidence.hidden  # type: ignore[attr-defined]
    alert.evidence_hit_ids = evidence.hit_ids  # type: ignore[attr-defined]
    alert.evidence_complainant_ids = evidence.complainant_ids  # type: ignore[attr-defined]
    return Response(AlertOutput(alert).data)


class AlertListApi(APIView):
    @extend_schema(
        operation_id="pattern_alerts_list",
        parameters=[OpenApiParameter("rule", str), OpenApiParameter("person_id", int),
                    OpenApiParameter("status", str, enum=AlertStatus.values),
                    OpenApiParameter("page", int)],
        responses={200: AlertPageOutput, 400: ERROR, 403: ERROR},
    )
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=VIEW)
        params = request.query_params
        person_id = params.get("person_id")
        filters = {"rule": params.get("rule") or "", "status": params.get("status") or "",
                   "person_id": person_id or ""}
        queryset = pattern_alert_list_visible_to(
            user=request.user, rule_code=filters["rule"] or None,
            status=filters["status"] or None,
            person_id=int(person_id) if person_id and person_id.isdigit() else None)
        paginator = AlertPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        pattern_alert_list_view_record(actor=request.user, filters=filters,
                                       count=len(page or []))
        return paginator.get_paginated_response(AlertSummaryOutput(page, many=True).data)


class AlertDetailApi(APIView):
    @extend_schema(operation_id="pattern_alerts_retrieve",
                   responses={200: AlertOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, alert_id: int) -> Response:
        alert = pattern_alert_get(user=request.user, alert_id=alert_id)
        pattern_alert_view_record(actor=request.user, alert=alert)
        return _alert_detail(request, alert)


class AlertDecideApi(APIView):
    @extend_schema(
        operation_id="pattern_alerts_decide",
        description="The accountable decision: act (with action severity_assessment, "
                    "management_action or vetting_review) or no_action (reason required).",
        request=AlertDecideInput, responses={200: AlertOutput, **WRITE_ERRORS},
    )
    def post(self, request: Request, alert_id: int) -> Response:
        data = api_input_parse(serializer_cls=AlertDecideInput, request=request)
        alert = pattern_alert_decide(actor=request.user, alert_id=alert_id, **data)
        return _alert_detail(request, alert)


class RuleListApi(APIView):
    @extend_schema(operation_id="pattern_rules_list",
                   responses={200: RuleOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=VIEW)
        return Response(RuleOutput(pattern_rule_list(), many=True).data)

    @extend_schema(operation_id="pattern_rules_create", request=RuleCreateInput,
                   responses={201: RuleOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        perm_require(user=request.user, perm=RULES)
        data = api_input_parse(serializer_cls=RuleCreateInput, request=request)
        rule = pattern_rule_create(actor=request.user, **data)
        return Response(RuleOutput(rule).data, status=201)


class RuleDetailApi(APIView):
    @extend_schema(operation_id="pattern_rules_retrieve",
                   responses={200: RuleDetailOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, code: str) -> Response:
        perm_require(user=request.user, perm=VIEW)
        versions = pattern_rule_versions(code=code)
        return Response(RuleDetailOutput({"current": versions[0], "versions": versions}).data)


class RuleVersionApi(APIView):
    @extend_schema(
        operation_id="pattern_rules_revise",
        description="Write the next version of the rule (the kind stays; note says why). "
                    "based_on_version guards against overwriting a concurrent edit.",
        request=RuleReviseInput, responses={201: RuleOutput, **WRITE_ERRORS},
    )
    def post(self, request: Request, code: str) -> Response:
        perm_require(user=request.user, perm=RULES)
        data = api_input_parse(serializer_cls=RuleReviseInput, request=request)
        rule = pattern_rule_revise(actor=request.user, code=code, **data)
        return Response(RuleOutput(rule).data, status=201)
