"""Who may ask for and carry out vetting reviews.

Role grants are in access.roles.ROLE_PERMS (Perm.VETTING_*).
"""

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden
from upright.people.selectors import person_ids_in_chain_of
from upright.vetting.models import VettingReviewRequest

REQUEST_REVIEW = Perm.VETTING_REQUEST_REVIEW  # conduct, screening and PSD raise requests
REVIEW = Perm.VETTING_REVIEW  # the vetting unit sees and works the requests


def vetting_perm_has(*, user: Any, perm: str) -> bool:
    return user_has_perm(user=user, perm=perm)


def vetting_perm_require(*, user: Any, perm: str) -> None:
    """Raise unless `user` holds `perm`; `user` None (the system) may only raise requests."""
    if user is None and perm == REQUEST_REVIEW:
        return
    if not vetting_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


class VettingReviewRequestPolicy:
    """Vetting officers see every request except those about themselves or anyone they
    manage (DESIGN.md "Need to know")."""

    def user_can_see(self, *, user: Any, instance: VettingReviewRequest) -> bool:
        return self.instances_user_can_see(
            user=user, queryset=VettingReviewRequest.objects.filter(id=instance.pk)).exists()

    def instances_user_can_see(
        self, *, user: Any, queryset: QuerySet[VettingReviewRequest],
    ) -> QuerySet[VettingReviewRequest]:
        if not vetting_perm_has(user=user, perm=REVIEW):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=own))
        return queryset


review_policy = VettingReviewRequestPolicy()
