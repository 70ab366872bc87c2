"""The matters API: thin adapters over conduct services and selectors."""

from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.conduct.api.serializers import (
    TRANSITION_INPUTS,
    MatterOutput,
    MatterPageOutput,
    MatterSummaryOutput,
)
from upright.conduct.models import Matter
from upright.conduct.permissions import access_matter, matter_allowed_actions
from upright.conduct.selectors import (
    complainant_days_since_update,
    deadline_is_overdue,
    matter_complainant_links,
    matter_contacts,
    matter_deadlines,
    matter_get,
    matter_history,
    matter_list_visible_to,
)
from upright.conduct.services import matter_act, matter_view_record
from upright.conduct.states import MatterStatus
from upright.core.exceptions import ValidationFailed

ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')


def matter_representation(*, matter: Matter, user: Any) -> dict[str, Any]:
    """The full matter as the API shows it to `user`."""
    data = {
        "reference": matter.reference, "kind": matter.kind, "status": matter.status,
        "version": matter.version, "regime": matter.regime,
        "came_to_attention_at": matter.came_to_attention_at, "summary": matter.summary,
        "severity_level": matter.severity_level, "severity_route": matter.severity_route,
        "investigation_mode": matter.investigation_mode,
        "investigator": matter.investigator.username if matter.investigator else None,
        "closed_at": matter.closed_at,
        "allegations": list(matter.allegations.select_related("subject", "category")
                            .order_by("id")),
        "deadlines": [
            {"code": d.code, "name": d.name, "legal_basis": d.legal_basis,
             "trigger_date": d.trigger_date, "due_date": d.due_date,
             "satisfied_at": d.satisfied_at, "verified": d.verified,
             "overdue": deadline_is_overdue(d)}
            for d in matter_deadlines(matter=matter)
        ],
        "history": [
            {"action": c.action, "from_status": c.from_status, "to_status": c.to_status,
             "actor": c.actor.username if c.actor else None, "occurred_at": c.occurred_at,
             "reason": c.reason}
            for c in matter_history(matter=matter)
        ],
        "allowed_actions": matter_allowed_actions(matter=matter, user=user),
        **_complaint_representation(matter),
    }
    return MatterOutput(data).data


def _complaint_representation(matter: Matter) -> dict[str, Any]:
    return {
        "complaint_track": matter.complaint_track, "special_procedures": matter.special_procedures,
        "complaint_outcome": matter.complaint_outcome,
        "complainant_notified_at": matter.complainant_notified_at,
        "review_body": matter.review_body, "review_body_reason": matter.review_body_reason,
        "iopc_investigator": matter.iopc_investigator,
        "days_since_complainant_update": complainant_days_since_update(matter=matter),
        "complainants": [
            {"complainant_id": link.complainant_id, "name": link.complainant.name,
             "role": link.role, "preferred_contact": link.complainant.preferred_contact}
            for link in matter_complainant_links(matter=matter)],
        "complainant_contacts": [
            {"complainant_id": c.complainant_id, "stage": c.stage, "action": c.action,
             "occurred_at": c.occurred_at, "method": c.method, "summary": c.summary,
             "letter": c.letter}
            for c in matter_contacts(matter=matter)],
    }


class MatterPagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class MatterListApi(APIView):
    @extend_schema(
        operation_id="matters_list",
        parameters=[OpenApiParameter("status", str, enum=MatterStatus.values),
                    OpenApiParameter("kind", str), OpenApiParameter("page", int)],
        responses={200: MatterPageOutput, 400: ERROR},
    )
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status") or None
        if status and status not in MatterStatus.values:
            raise ValidationFailed("Unknown status.", {"fields": {"status": "Unknown status."}})
        queryset = matter_list_visible_to(user=request.user, status=status,
                                          kind=request.query_params.get("kind") or None)
        paginator = MatterPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(MatterSummaryOutput(page, many=True).data)


class MatterDetailApi(APIView):
    @extend_schema(operation_id="matters_retrieve",
                   responses={200: MatterOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, reference: str) -> Response:
        matter = matter_get(user=request.user, reference=reference)
        matter_view_record(actor=request.user, matter=matter)
        return Response(matter_representation(matter=matter, user=request.user))


class MatterTransitionApi(APIView):
    @extend_schema(
        operation_id="matters_transition",
        description="Take one action on a matter. `action` selects the payload shape; the "
                    "allowed actions for the current status are listed in the matter's "
                    "`allowed_actions`.",
        request=PolymorphicProxySerializer(
            component_name="MatterTransitionInput",
            serializers={name: cls for name, cls in TRANSITION_INPUTS.items()},
            resource_type_field_name="action",
        ),
        responses={200: MatterOutput, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request: Request, reference: str) -> Response:
        matter = access_matter(user=request.user, reference=reference)  # 404 before anything
        data = request.data if isinstance(request.data, dict) else {}
        action = data.get("action")
        input_cls = TRANSITION_INPUTS.get(action) if isinstance(action, str) else None
        if input_cls is None:
            raise ValidationFailed("Unknown or missing action.", {"fields": {
                "action": f"Must be one of: {', '.join(TRANSITION_INPUTS)}."}})
        serializer = input_cls(data=data)
        serializer.is_valid(raise_exception=True)
        payload = dict(serializer.validated_data)
        payload.pop("action")
        expected_version = payload.pop("expected_version", None)
        matter = matter_act(reference=matter.reference, action=str(action), actor=request.user,
                            payload=payload, expected_version=expected_version)
        return Response(matter_representation(matter=matter, user=request.user))
