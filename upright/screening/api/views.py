"""The screening API (hits, dashboard, runs): thin adapters over screening selectors and
services."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.exceptions import ValidationFailed
from upright.screening.models import Disposition, HitBand, HitKind, HitStatus, RunStatus, ScreeningRun
from upright.screening.selectors import (
    hit_get,
    hit_list,
    screening_dashboard,
    screening_run_get,
    screening_run_resume_refusal,
    screening_runs_visible_to,
)
from upright.screening.services import hit_dispose, screening_run_enqueue, screening_run_resume

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


class RunOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="One of: " + ", ".join(RunStatus.values))
    progress = serializers.IntegerField(help_text="Percent, of the current attempt.")
    error = serializers.CharField(help_text="Why the last attempt failed; empty otherwise.")
    attempts = serializers.IntegerField()
    resumable = serializers.SerializerMethodField(
        help_text="Failed, or interrupted (its worker silent), or its job lost.")
    resume_refusal = serializers.SerializerMethodField(
        help_text="Why it cannot be resumed now; empty when it can.")
    index_folder = serializers.CharField()
    workforce_source = serializers.CharField(help_text='"people", or the HR file screened.')
    out_dir = serializers.CharField()
    parameters = serializers.JSONField()
    input_checksums = serializers.DictField(child=serializers.CharField())
    workforce_checksum = serializers.CharField()
    model_checksum = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())
    started_by = serializers.CharField(source="started_by.username", allow_null=True,
                                       default=None)
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    heartbeat_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)

    def get_resumable(self, run: ScreeningRun) -> bool:
        return not self.get_resume_refusal(run)

    def get_resume_refusal(self, run: ScreeningRun) -> str:
        # Both fields need it, and it may ask the task backend: read it once per run.
        cache: dict[int, str] = self.__dict__.setdefault("_refusals", {})
        if run.pk not in cache:
            cache[run.pk] = screening_run_resume_refusal(run=run) or ""
        return str(cache[run.pk])


class RunStartInput(serializers.Serializer):
    index_folder = serializers.CharField(
        max_length=255, help_text="The name of an extract folder under the server's index root.")
    threshold_weight = serializers.FloatField(required=False, allow_null=True)
    review_weight = serializers.FloatField(required=False, allow_null=True)


def _invalid(data: serializers.Serializer) -> ValidationFailed:
    return ValidationFailed("Some fields are not valid.", {"fields": {
        k: " ".join(str(e) for e in v) for k, v in data.errors.items()}})


class RunListApi(APIView):
    @extend_schema(operation_id="screening_runs_list", responses={200: RunOutput(many=True)})
    def get(self, request: Request) -> Response:
        return Response(RunOutput(screening_runs_visible_to(user=request.user)[:100],
                                  many=True).data)

    @extend_schema(operation_id="screening_runs_start", request=RunStartInput,
                   responses={202: RunOutput, 400: ERROR, 403: ERROR})
    def post(self, request: Request) -> Response:
        data = RunStartInput(data=request.data)
        if not data.is_valid():
            raise _invalid(data)
        values = dict(data.validated_data)
        folder = values.pop("index_folder")
        run = screening_run_enqueue(actor=request.user, index_folder=folder, parameters={
            k: v for k, v in values.items() if v is not None})
        run.refresh_from_db()
        return Response(RunOutput(run).data, status=status.HTTP_202_ACCEPTED)


class RunDetailApi(APIView):
    @extend_schema(operation_id="screening_runs_retrieve", responses={200: RunOutput, 404: ERROR})
    def get(self, request: Request, run_id: int) -> Response:
        return Response(RunOutput(screening_run_get(user=request.user, run_id=run_id)).data)


class RunResumeApi(APIView):
    @extend_schema(operation_id="screening_runs_resume", request=None,
                   responses={202: RunOutput, 403: ERROR, 404: ERROR, 409: ERROR})
    def post(self, request: Request, run_id: int) -> Response:
        screening_run_get(user=request.user, run_id=run_id)
        run = screening_run_resume(actor=request.user, run_id=run_id)
        run.refresh_from_db()
        return Response(RunOutput(run).data, status=status.HTTP_202_ACCEPTED)


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
            raise _invalid(data)
        hit = hit_dispose(actor=request.user, hit_id=hit_id, **data.validated_data)
        return Response(HitDetailOutput(hit).data)


class DashboardApi(APIView):
    @extend_schema(operation_id="screening_dashboard", responses={200: DashboardOutput})
    def get(self, request: Request) -> Response:
        return Response(DashboardOutput(screening_dashboard(user=request.user)).data)
