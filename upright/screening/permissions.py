"""Who may see and dispose of screening hits (DESIGN.md "Need to know").

Role grants are in access.roles.ROLE_PERMS (Perm.SCREENING_*): analysts and the appropriate
authority view and dispose; vetting officers view; only analysts start and resume runs.
"""

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden
from upright.people.selectors import person_ids_in_chain_of
from upright.screening.models import Hit

VIEW = Perm.SCREENING_VIEW
DISPOSE = Perm.SCREENING_DISPOSE
RUN = Perm.SCREENING_RUN


def screening_perm_has(*, user: Any, perm: str) -> bool:
    return user_has_perm(user=user, perm=perm)


def screening_perm_require(*, user: Any, perm: str) -> None:
    if not screening_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


class HitPolicy:
    """Conflict of interest: nobody sees hits about themselves or anyone they manage."""

    def user_can_see(self, *, user: Any, instance: Hit) -> bool:
        return self.instances_user_can_see(
            user=user, queryset=Hit.objects.filter(id=instance.pk)).exists()

    def user_has_permission_for_instance(self, *, user: Any, action: str, instance: Hit) -> bool:
        return self.user_can_see(user=user, instance=instance) and screening_perm_has(
            user=user, perm=action)

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[Hit]) -> QuerySet[Hit]:
        if not screening_perm_has(user=user, perm=VIEW):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(employee_id__in=person_ids_in_chain_of(person_id=own))
        return queryset


hit_policy = HitPolicy()
