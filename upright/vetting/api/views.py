"""The vetting review-request API: thin adapters over vetting selectors."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.exceptions import ValidationFailed
from upright.vetting.models import ReviewOutcome, ReviewSource, ReviewStatus
from upright.vetting.selectors import vetting_review_requests_visible_to

ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')


class ReviewRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    source_kind = serializers.ChoiceField(choices=ReviewSource.choices)
    source_ref = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    assigned_to = serializers.CharField(source="assigned_to.username", allow_null=True,
                                        default=None)
    outcome = serializers.CharField(help_text="One of: " + ", ".join(ReviewOutcome.values)
                                    + "; empty until closed.")
    outcome_notes = serializers.CharField()
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class ReviewRequestListApi(APIView):
    @extend_schema(operation_id="vetting_review_requests_list",
                   parameters=[OpenApiParameter("status", str, enum=ReviewStatus.values)],
                   responses={200: ReviewRequestOutput(many=True), 400: ERROR})
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status") or None
        if status is not None and status not in ReviewStatus.values:
            raise ValidationFailed("Unknown status.", {"fields": {
                "status": f"Must be one of: {', '.join(ReviewStatus.values)}."}})
        requests = vetting_review_requests_visible_to(user=request.user, status=status)
        return Response(ReviewRequestOutput(requests[:500], many=True).data)
