"""Who may see and decide register entries.

The appropriate authority decides (reg 11); PSD assessors and investigators may read
(access.roles.ROLE_PERMS grants Perm.SUSPENSIONS_VIEW / SUSPENSIONS_DECIDE).

On top of the role: an entry made under a matter in a compartment is invisible outside it, and
an entry is invisible to its subject and to anyone in the subject's line-management chain
(DESIGN.md "Need to know").
"""

from typing import Any

from django.db.models import Q, QuerySet

from upright.access.permissions import user_has_perm, user_in_compartment
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden, NotFound
from upright.people.selectors import person_ids_in_chain_of, user_in_conflict_with
from upright.suspensions.models import Suspension


class SuspensionPerm:
    VIEW = Perm.SUSPENSIONS_VIEW  # see the register and its entries
    DECIDE = Perm.SUSPENSIONS_DECIDE  # impose, review, convert, end; record representations


def suspension_user_has_perm(*, user: Any, perm: str) -> bool:
    return user_has_perm(user=user, perm=perm)


def suspension_perm_require(*, user: Any, perm: str) -> None:
    if not suspension_user_has_perm(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


class SuspensionPolicy:
    def user_can_see(self, *, user: Any, instance: Suspension) -> bool:
        return (suspension_user_has_perm(user=user, perm=SuspensionPerm.VIEW)
                and user_in_compartment(user=user, code=instance.compartment)
                and not user_in_conflict_with(user=user, person_id=instance.person_id))

    def user_has_permission_for_instance(self, *, user: Any, action: str,
                                         instance: Suspension) -> bool:
        return (self.user_can_see(user=user, instance=instance)
                and suspension_user_has_perm(user=user, perm=action))

    def instances_user_can_see(self, *, user: Any,
                               queryset: QuerySet[Suspension]) -> QuerySet[Suspension]:
        if not suspension_user_has_perm(user=user, perm=SuspensionPerm.VIEW):
            return queryset.none()
        queryset = queryset.filter(Q(compartment="") | Q(compartment__in=user.compartment_codes()))
        person_id = getattr(user, "person_id", None)
        if person_id is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=person_id))
        return queryset


suspension_policy = SuspensionPolicy()


def access_suspension(*, user: Any, suspension_id: int,
                      perm: str = SuspensionPerm.VIEW) -> Suspension:
    """Fetch and authorise: NotFound if invisible, ActionForbidden if visible but `perm` is not
    the user's."""
    entry = Suspension.objects.select_related("person", "decided_by").filter(
        id=suspension_id).first()
    if entry is None or not suspension_policy.user_can_see(user=user, instance=entry):
        raise NotFound("No such register entry.")
    if not suspension_user_has_perm(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")
    return entry
