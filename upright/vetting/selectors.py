"""Reading vetting review requests, always through the permission policy."""

from typing import Any

from django.db.models import QuerySet

from upright.core.exceptions import NotFound
from upright.vetting.models import ReviewStatus, VettingReviewRequest
from upright.vetting.permissions import review_policy


def vetting_review_requests_visible_to(*, user: Any, status: str | None = None,
                                       ) -> QuerySet[VettingReviewRequest]:
    queryset = VettingReviewRequest.objects.select_related("person", "assigned_to")
    if status:
        queryset = queryset.filter(status=status)
    return review_policy.instances_user_can_see(user=user, queryset=queryset)


def vetting_review_requests_open(*, user: Any) -> QuerySet[VettingReviewRequest]:
    """Requests not yet closed (open or in review), oldest first: the vetting unit's queue."""
    return vetting_review_requests_visible_to(user=user).exclude(status=ReviewStatus.CLOSED)


def vetting_review_request_get(*, user: Any, request_id: int) -> VettingReviewRequest:
    request = vetting_review_requests_visible_to(user=user).filter(id=request_id).first()
    if request is None:
        raise NotFound("No such vetting review request.")
    return request
