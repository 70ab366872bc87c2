"""Who may ask for and carry out vetting reviews.

Role grants are in access.roles.ROLE_PERMS (Perm.VETTING_*).
"""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden
from upright.people.selectors import person_ids_in_chain_of
from upright.vetting.models import VettingReviewRequest

M = TypeVar("M", bound=Model)

REQUEST_REVIEW = Perm.VETTING_REQUEST_REVIEW  # conduct, screening and PSD raise requests
REVIEW = Perm.VETTING_REVIEW  # the vetting unit sees and works the requests
VIEW = Perm.VETTING_VIEW  # clearances, the register, declarations, integrity reviews
MANAGE = Perm.VETTING_MANAGE  # grant, renew, end; record convictions; assess declarations
SIMULATE = Perm.VETTING_SIMULATE  # policy simulations (counts only without VIEW)
DECLARE = Perm.VETTING_DECLARE  # one's own declarations
WITHDRAW = Perm.VETTING_WITHDRAWAL_DECIDE  # the withdrawal decision marks a clearance withdrawn
ADMINISTER = Perm.ADMINISTER  # reference data: renewal intervals, the re-vetting rate


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


class VettingRecordPolicy:
    """Clearances, applications, convictions, declarations and integrity reviews: a holder of
    `perm` (VIEW by default) sees every record except those about themselves or anyone they
    manage. `person_field` names the record's person column."""

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[M], perm: str = VIEW,
                               person_field: str = "person_id") -> QuerySet[M]:
        if not vetting_perm_has(user=user, perm=perm):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(
                **{f"{person_field}__in": person_ids_in_chain_of(person_id=own)})
        return queryset

    def person_is_visible(self, *, user: Any, person_id: int, perm: str = VIEW) -> bool:
        """False when `user` lacks `perm` or `person_id` is themselves or in their chain."""
        if not vetting_perm_has(user=user, perm=perm):
            return False
        own = getattr(user, "person_id", None)
        return own is None or not person_ids_in_chain_of(person_id=own).filter(
            id=person_id).exists()


record_policy = VettingRecordPolicy()
