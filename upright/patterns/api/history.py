"""`GET /api/v1/people/{id}/history`: one person's history (thin adapter; audited read)."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.history import HISTORY_KINDS
from upright.patterns.api.history_serializers import PersonHistoryInput, PersonHistoryOutput
from upright.patterns.history import PersonHistory, entry_is_closed
from upright.patterns.history_services import person_history_view

ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')


def _output(history: PersonHistory) -> dict[str, Any]:
    return {
        "person_id": history.person_id, "person_name": history.person_name,
        "total": history.total, "counts": history.counts,
        "sources_unavailable": list(history.skipped),
        "entries": [{
            "occurred_at": e.occurred_at, "kind": e.kind, "ref": e.ref, "title": e.title,
            "status": e.status, "closed": entry_is_closed(e), "closed_at": e.closed_at,
            "url": e.url, "categories": list(e.categories),
        } for e in history.entries],
    }


class PersonHistoryApi(APIView):
    @extend_schema(
        operation_id="people_history",
        summary="A person's history from every source, most recent first",
        description=(
            "Complaints and conduct matters (closed ones included), suspensions, vetting, "
            "withdrawal, screening hits, convictions and cautions, declarations, list checks, "
            "records from previous forces and pattern alerts, each filtered by its owner's "
            "permission policy. Needs people.view_history; never the reader's own history or "
            "that of anyone they manage. Every read is audited."),
        parameters=[
            OpenApiParameter("kind", str, enum=list(HISTORY_KINDS), many=True,
                             description="Only these kinds (repeat, or separate with commas)."),
            OpenApiParameter("date_from", str, description="YYYY-MM-DD, inclusive"),
            OpenApiParameter("date_to", str, description="YYYY-MM-DD, inclusive"),
        ],
        responses={200: PersonHistoryOutput, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def get(self, request: Request, person_id: int) -> Response:
        kinds = [k for value in request.query_params.getlist("kind") for k in value.split(",")
                 if k]
        data: dict[str, Any] = {"kind": kinds}
        for name in ("date_from", "date_to"):
            if request.query_params.get(name):
                data[name] = request.query_params[name]
        params = PersonHistoryInput(data=data)
        params.is_valid(raise_exception=True)
        history = person_history_view(
            actor=request.user, person_id=person_id, channel="api",
            kinds=params.validated_data.get("kind") or None,
            date_from=params.validated_data.get("date_from"),
            date_to=params.validated_data.get("date_to"))
        return Response(PersonHistoryOutput(_output(history)).data)
