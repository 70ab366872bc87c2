"""The intake API: submit a report (no log-in), read the triage queue, open and triage a report.

Thin adapters: parse, call one service or selector, render. Errors take the one API shape
{"message", "extra"}; bad input is a 400 naming the fields, never a 500.

Idempotency (POST /reports): send an `Idempotency-Key` header (e.g. a UUID) and retry freely.
The first submission answers 201 with the reference and, for an anonymous report, the mailbox
passphrase. A retry with the same key and the same payload answers 200 with the same reference
and `replayed: true` but WITHOUT the passphrase: only its hash is stored, so it cannot be shown
twice. The same key with a different payload answers 409.
"""

from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.conduct.services import AllegationInput
from upright.core.views import rate_limited
from upright.intake.selectors import report_queue
from upright.intake.services import (
    intake_rate_limited,
    report_read,
    report_submit,
    report_triage_no_action,
    report_triage_record,
)

QUEUE_PAGE_SIZE = 50
ERROR = inline_serializer("Error", {"message": serializers.CharField(), "extra": serializers.DictField()})


def _too_large(request: Request) -> Response | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        return Response(
            {"message": f"The request is too large: reports are limited to {limit // 1024} KiB. "
                        "Nothing was saved.", "extra": {"limit_bytes": limit}},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    return None


class ReportSubmitApi(APIView):
    authentication_classes: list[Any] = []  # anyone may report; nobody is identified
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        # Types only; content rules (lengths, control characters, contact details) are the
        # service's, so the API and the web form give the same messages.
        what_happened = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
        occurred_on = serializers.DateField(required=False, allow_null=True)
        occurred_text = serializers.CharField(required=False, allow_blank=True)
        location = serializers.CharField(required=False, allow_blank=True)
        people_involved = serializers.CharField(required=False, allow_blank=True)
        anonymous = serializers.BooleanField(required=False, default=False)
        reporter_name = serializers.CharField(required=False, allow_blank=True)
        reporter_email = serializers.CharField(required=False, allow_blank=True)
        reporter_phone = serializers.CharField(required=False, allow_blank=True)

        class Meta:
            ref_name = "ReportSubmitInput"

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()
        passphrase = serializers.CharField(required=False,
                                           help_text="Anonymous reports, first response only.")
        follow_up_url = serializers.CharField()
        replayed = serializers.BooleanField()

        class Meta:
            ref_name = "ReportSubmitOutput"

    @extend_schema(
        operation_id="report_submit",
        request=InputSerializer,
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
                                     description="Retry-safe key; same key + same payload = same report.")],
        responses={201: OutputSerializer, 200: OutputSerializer, 400: ERROR, 409: ERROR, 413: ERROR,
                   429: ERROR},
        auth=[],
    )
    def post(self, request: Request) -> Response | HttpResponse:
        too_large = _too_large(request)
        if too_large is not None:
            return too_large
        if intake_rate_limited(request=request._request):
            return rate_limited(request._request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = report_submit(
            data=serializer.validated_data, channel="api",
            idempotency_key=request.headers.get("Idempotency-Key"),
        )
        body: dict[str, Any] = {
            "reference": result.report.reference,
            "follow_up_url": request.build_absolute_uri(reverse("portal:follow_up")),
            "replayed": result.replayed,
        }
        if result.passphrase:
            body["passphrase"] = result.passphrase
        code = status.HTTP_200_OK if result.replayed else status.HTTP_201_CREATED
        return Response(self.OutputSerializer(body).data, status=code)


class ReportSummarySerializer(serializers.Serializer):
    reference = serializers.CharField()
    received_at = serializers.DateTimeField(source="created_at")
    channel = serializers.CharField()
    status = serializers.CharField()
    anonymous = serializers.BooleanField()
    confidential = serializers.BooleanField()


class ReportDetailSerializer(ReportSummarySerializer):
    what_happened = serializers.CharField()
    occurred_on = serializers.DateField(allow_null=True)
    occurred_text = serializers.CharField()
    location = serializers.CharField()
    people_involved = serializers.CharField()
    reporter_name = serializers.CharField()
    reporter_email = serializers.CharField()
    reporter_phone = serializers.CharField()
    matter_reference = serializers.CharField()
    triage_reason = serializers.CharField()
    triaged_at = serializers.DateTimeField(allow_null=True)


class TriageQueueApi(APIView):
    """New reports, oldest first. Contents are not listed: open a report to read it (a read of a
    confidential report is audited)."""

    @extend_schema(
        operation_id="report_triage_queue",
        parameters=[OpenApiParameter("page", int, description="1-based page number")],
        responses={200: inline_serializer("TriageQueue", {
            "count": serializers.IntegerField(), "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(), "results": ReportSummarySerializer(many=True)}),
            403: ERROR},
    )
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=Perm.VIEW_TRIAGE)
        paginator = Paginator(report_queue(user=request.user), QUEUE_PAGE_SIZE)
        try:
            page = paginator.page(request.query_params.get("page") or 1)
        except (EmptyPage, ValueError, TypeError):
            page = paginator.page(paginator.num_pages)
        return Response({
            "count": paginator.count, "page": page.number, "pages": paginator.num_pages,
            "results": ReportSummarySerializer(page.object_list, many=True).data,
        })


class ReportDetailApi(APIView):
    @extend_schema(operation_id="report_get", responses={200: ReportDetailSerializer, 404: ERROR})
    def get(self, request: Request, reference: str) -> Response:
        perm_require(user=request.user, perm=Perm.VIEW_TRIAGE)
        report = report_read(actor=request.user, reference=reference)
        return Response(ReportDetailSerializer(report).data)


class AllegationSerializer(serializers.Serializer):
    subject_id = serializers.IntegerField(help_text="A person's id (people search)")
    standard = serializers.CharField(help_text="A Standard of Professional Behaviour code")
    category_code = serializers.CharField(help_text="An IOPC allegation category, e.g. H1")
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ReportTriageApi(APIView):
    """decision "record": kind, summary, allegations (and came_to_attention_at, which defaults
    to when the report was received) record a matter through conduct. decision "no_action":
    reason closes the report."""

    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(choices=["record", "no_action"])
        reason = serializers.CharField(required=False, allow_blank=True, default="")
        kind = serializers.CharField(required=False, allow_blank=True, default="")
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        came_to_attention_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        allegations = AllegationSerializer(many=True, required=False, max_length=50)  # type: ignore[call-arg]

        class Meta:
            ref_name = "ReportTriageInput"

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()
        status = serializers.CharField()
        matter_reference = serializers.CharField()
        triaged_at = serializers.DateTimeField()

        class Meta:
            ref_name = "ReportTriageOutput"

    @extend_schema(
        operation_id="report_triage",
        request=InputSerializer,
        responses={200: OutputSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request: Request, reference: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["decision"] == "no_action":
            report = report_triage_no_action(actor=request.user, reference=reference,
                                             reason=data["reason"])
        else:
            report = report_triage_record(
                actor=request.user, reference=reference, kind=data["kind"], summary=data["summary"],
                came_to_attention_at=data["came_to_attention_at"],
                allegations=[AllegationInput(**a) for a in data.get("allegations", [])],
            )
        return Response(self.OutputSerializer(report).data)
