"""The notices API: thin adapters over notices services and selectors."""

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.notices.api.serializers import NoticeOutput, NoticeServeInput, NoticeSummaryOutput
from upright.notices.models import Notice
from upright.notices.selectors import (
    notice_get,
    notice_is_intact,
    notice_list_visible_to,
    notice_withholdings,
)
from upright.notices.services import notice_pdf, notice_read_record, notice_serve

ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')
MAX_LIST = 500


def _summary(notice: Notice) -> dict[str, Any]:
    return {"id": notice.pk, "reference": notice.reference, "kind": notice.kind,
            "matter_ref": notice.matter_ref, "person_id": notice.person_id,
            "recipient": notice.recipient, "title": notice.title,
            "issued_at": notice.issued_at, "served_at": notice.served_at,
            "service_method": notice.service_method, "deemed_served_at": notice.deemed_served_at}


def notice_representation(notice: Notice) -> dict[str, Any]:
    data = {**_summary(notice), "legal_basis": notice.legal_basis, "html": notice.html,
            "html_sha256": notice.html_sha256, "intact": notice_is_intact(notice=notice),
            "email_service_allowed": notice.email_service_allowed,
            "deemed_rule": notice.deemed_rule,
            "withheld": [{"disclosure_id": w.disclosure_id, "ground": w.ground}
                         for w in notice_withholdings(notice=notice)]}
    return NoticeOutput(data).data


class NoticeListApi(APIView):
    @extend_schema(operation_id="notices_list",
                   parameters=[OpenApiParameter("matter_ref", str)],
                   responses={200: NoticeSummaryOutput(many=True)})
    def get(self, request: Request) -> Response:
        notices = notice_list_visible_to(user=request.user,
                                         matter_ref=request.query_params.get("matter_ref"))
        return Response(NoticeSummaryOutput([_summary(n) for n in notices[:MAX_LIST]],
                                            many=True).data)


class NoticeDetailApi(APIView):
    @extend_schema(operation_id="notices_retrieve", responses={200: NoticeOutput, 404: ERROR})
    def get(self, request: Request, notice_id: int) -> Response:
        notice = notice_get(user=request.user, notice_id=notice_id)
        notice_read_record(actor=request.user, notice=notice)
        return Response(notice_representation(notice))


class PdfRenderer(BaseRenderer):
    """Lets a client ask for application/pdf; errors still go out as JSON bytes."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: str | None = None,
               renderer_context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else JSONRenderer().render(data)


class NoticePdfApi(APIView):
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(operation_id="notices_pdf",
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: ERROR})
    def get(self, request: Request, notice_id: int) -> HttpResponse:
        notice = notice_get(user=request.user, notice_id=notice_id)
        pdf = notice_pdf(notice=notice)
        notice_read_record(actor=request.user, notice=notice, as_pdf=True)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{notice.reference}.pdf"'
        return response


class NoticeServeApi(APIView):
    @extend_schema(operation_id="notices_serve", request=NoticeServeInput,
                   responses={200: NoticeOutput, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR})
    def post(self, request: Request, notice_id: int) -> Response:
        serializer = NoticeServeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        notice = notice_serve(actor=request.user, notice_id=notice_id,
                              method=serializer.validated_data["method"],
                              served_at=serializer.validated_data["served_at"])
        return Response(notice_representation(notice))
