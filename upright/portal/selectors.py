"""Reading the commitments tracker (public: every commitment and its history is published)."""

from django.db.models import Prefetch, QuerySet

from upright.portal.models import Commitment, CommitmentStatusChange


def commitment_public_list() -> QuerySet[Commitment]:
    """Every commitment, with its status history (oldest first) in one extra query."""
    return Commitment.objects.prefetch_related(Prefetch(
        "status_changes", queryset=CommitmentStatusChange.objects.order_by("changed_at", "id")))
