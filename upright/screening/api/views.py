"""The screening hits API: thin adapters over screening selectors and services."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.exceptions import ValidationFailed
from upright.screening.models import Disposition, HitBand, HitKind, HitStatus
from upright.screening.selectors import hit_get, hit_list, screening_dashboard
from upright.screening.services import hit_dispose

ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')
QUEUES = ("main", "victim_witness")


class HitOutput(serializers.Serializer):
    id = serializers.IntegerField()
    run_id = serializers.IntegerField()
    employee_id = serializers.CharField(source="employee.staff_number")
    person_id = serializers.IntegerField(source="employee.id")
    record_id = serializers.CharField()
    kind = serializers.CharField(help_text="One of: " + ", ".join(HitKind.values))
    probability = serializers.FloatField()
    match_weight = serializers.FloatField()
    band = serializers.CharField(help_text="One of: " + ", ".join(HitBand.values))
    victim_witness_only = serializers.BooleanField()
    status = serializers.CharField(help_text="One of: " + ", ".join(HitStatus.values))
    disposition = serializers.CharField(help_text="One of: " + ", ".join(Disposition.values)
                                        + "; empty while open.")
    matter_reference = serializers.CharField()
    vetting_request_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()


class HitDetailOutput(HitOutput):
    explanation = serializers.JSONField()
    evidence_fingerprint = serializers.CharField()
    rationale = serializers.CharField()
    disposed_by = serializers.CharField(source="disposed_by.username", allow_null=True,
                                        default=None)
    disposed_at = serializers.DateTimeField(allow_null=True)


class DispositionInput(serializers.Serializer):
    disposition = serializers.ChoiceField(choices=Disposition.choices)
    rationale = serializers.CharField(max_length=5000)


class DashboardOutput(serializers.Serializer):
    dispositions = serializers.DictField(child=serializers.IntegerField())
    open_by_band = serializers.DictField(child=serializers.IntegerField())
    victim_witness_open = serializers.IntegerField()
    superseded = serializers.IntegerField()


class HitListApi(APIView):
    @extend_schema(operation_id="screening_hits_list",
                   parameters=[OpenApiParameter("queue", str, enum=list(QUEUES)),
                               OpenApiParameter("status", str, enum=HitStatus.values)],
                   responses={200: HitOutput(many=True), 400: ERROR})
    def get(self, request: Request) -> Response:
        queue = request.query_params.get("queue") or "main"
        status = request.query_params.get("status") or HitStatus.OPEN
        errors = {}
        if queue not in QUEUES:
            errors["queue"] = f"Must be one of: {', '.join(QUEUES)}."
        if status not in HitStatus.values:
            errors["status"] = f"Must be one of: {', '.join(HitStatus.values)}."
        if errors:
            raise ValidationFailed("Some parameters are not valid.", {"fields": errors})
        hits = hit_list(user=request.user, queue=queue, status=status)
        return Response(HitOutput(hits[:500], many=True).data)


class HitDetailApi(APIView):
    @extend_schema(operation_id="screening_hits_retrieve",
                   responses={200: HitDetailOutput, 404: ERROR})
    def get(self, request: Request, hit_id: int) -> Response:
        return Response(HitDetailOutput(hit_get(user=request.user, hit_id=hit_id)).data)


class HitDispositionApi(APIView):
    @extend_schema(operation_id="screening_hits_disposition", request=DispositionInput,
                   responses={200: HitDetailOutput, 400: ERROR, 403: ERROR, 404: ERROR,
                              409: ERROR})
    def post(self, request: Request, hit_id: int) -> Response:
        data = DispositionInput(data=request.data)
        if not data.is_valid():
            raise ValidationFailed("Some fields are not valid.", {"fields": {
                k: " ".join(str(e) for e in v) for k, v in data.errors.items()}})
        hit = hit_dispose(actor=request.user, hit_id=hit_id, **data.validated_data)
        return Response(HitDetailOutput(hit).data)


class DashboardApi(APIView):
    @extend_schema(operation_id="screening_dashboard", responses={200: DashboardOutput})
    def get(self, request: Request) -> Response:
        return Response(DashboardOutput(screening_dashboard(user=request.user)).data)
