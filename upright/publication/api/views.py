"""The publications and list-report APIs: thin adapters over publication services/selectors.

GET /publications is public: anyone sees published, current items as the public does; staff
with publication.view see every item they may see.
"""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.exceptions import ValidationFailed
from upright.publication.api.serializers import (
    ApproveInput,
    DirectionsInput,
    ListReportTaskOutput,
    MarkReportedInput,
    PublicationItemOutput,
    PublicNoticeOutput,
    PublishInput,
    ReviewInput,
    WithdrawInput,
)
from upright.publication.models import ListReportStatus, PublicationItem, PublicationKind
from upright.publication.models import PublicationStatus as S
from upright.publication.permissions import VIEW, publication_perm_has
from upright.publication.selectors import (
    list_report_tasks_visible_to,
    publication_allowed_actions,
    publication_item_get,
    publication_items_visible_to,
    publication_public_get,
    publication_public_list,
)
from upright.publication.services import (
    list_report_task_mark_reported,
    publication_item_approve,
    publication_item_directions_record,
    publication_item_publish,
    publication_item_review,
    publication_item_withdraw,
)

ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')


def _choice(request: Request, name: str, values: list[str]) -> str | None:
    value = request.query_params.get(name) or None
    if value is not None and value not in values:
        raise ValidationFailed(f"Unknown {name}.", {"fields": {
            name: f"Must be one of: {', '.join(values)}."}})
    return value


def item_representation(*, item: PublicationItem, user: Any) -> dict[str, Any]:
    names = [str(name) for name in PublicationItemOutput().fields]
    data = {name: getattr(item, name) for name in names if name != "allowed_actions"}
    data["allowed_actions"] = publication_allowed_actions(item=item, user=user)
    return PublicationItemOutput(data).data


class PublicationListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="publications_list",
        description="Published, current notices and outcomes (public). Staff with "
                    "publication.view get every item in the staff shape and may filter by "
                    "status.",
        parameters=[OpenApiParameter("kind", str, enum=PublicationKind.values),
                    OpenApiParameter("status", str, enum=S.values)],
        responses={200: PublicNoticeOutput(many=True), 400: ERROR},
    )
    def get(self, request: Request) -> Response:
        kind = _choice(request, "kind", PublicationKind.values)
        if publication_perm_has(user=request.user, perm=VIEW):
            status = _choice(request, "status", S.values)
            items = publication_items_visible_to(user=request.user, status=status, kind=kind)
            return Response([item_representation(item=item, user=request.user)
                             for item in items[:500]])
        notices = [n for k in ([kind] if kind else PublicationKind.values)
                   for n in publication_public_list(kind=k)]
        return Response(PublicNoticeOutput(notices, many=True).data)


class PublicationDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="publications_retrieve",
                   responses={200: PublicNoticeOutput, 404: ERROR})
    def get(self, request: Request, item_id: int) -> Response:
        if publication_perm_has(user=request.user, perm=VIEW):
            item = publication_item_get(user=request.user, item_id=item_id)
            return Response(item_representation(item=item, user=request.user))
        return Response(PublicNoticeOutput(publication_public_get(item_id=item_id)).data)


def _action_view(name: str, input_cls: type[serializers.Serializer], call: Any) -> type[APIView]:
    class ActionApi(APIView):
        @extend_schema(operation_id=f"publications_{name}", request=input_cls,
                       responses={200: PublicationItemOutput, 400: ERROR, 403: ERROR,
                                  404: ERROR, 409: ERROR})
        def post(self, request: Request, item_id: int) -> Response:
            publication_item_get(user=request.user, item_id=item_id)  # 404 if invisible
            serializer = input_cls(data=request.data)
            serializer.is_valid(raise_exception=True)
            item = call(actor=request.user, item_id=item_id, **serializer.validated_data)
            return Response(item_representation(item=item, user=request.user))

    ActionApi.__name__ = f"Publication{name.title()}Api"
    return ActionApi


PublicationReviewApi = _action_view("review", ReviewInput, publication_item_review)
PublicationDirectionsApi = _action_view("directions", DirectionsInput,
                                        publication_item_directions_record)
PublicationApproveApi = _action_view("approve", ApproveInput, publication_item_approve)
PublicationPublishApi = _action_view("publish", PublishInput, publication_item_publish)
PublicationWithdrawApi = _action_view("withdraw", WithdrawInput, publication_item_withdraw)


class ListReportTaskListApi(APIView):
    @extend_schema(operation_id="list_report_tasks_list",
                   parameters=[OpenApiParameter("status", str, enum=ListReportStatus.values)],
                   responses={200: ListReportTaskOutput(many=True), 400: ERROR})
    def get(self, request: Request) -> Response:
        status = _choice(request, "status", ListReportStatus.values)
        tasks = list_report_tasks_visible_to(user=request.user, status=status)
        return Response(ListReportTaskOutput(tasks[:500], many=True).data)


class ListReportTaskReportedApi(APIView):
    @extend_schema(operation_id="list_report_tasks_mark_reported", request=MarkReportedInput,
                   responses={200: ListReportTaskOutput, 400: ERROR, 403: ERROR, 404: ERROR,
                              409: ERROR})
    def post(self, request: Request, task_id: int) -> Response:
        serializer = MarkReportedInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = list_report_task_mark_reported(actor=request.user, task_id=task_id,
                                              **serializer.validated_data)
        return Response(ListReportTaskOutput(task).data)
