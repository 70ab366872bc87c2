"""Who may import, check and read the lists: the vetting unit (Perm.VETTING_LISTS). A check
about a person is invisible to that person and to anyone above them in the line of command
(DESIGN.md "Need to know")."""

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden
from upright.lists.models import ListCheck
from upright.people.selectors import person_ids_in_chain_of

LISTS = Perm.VETTING_LISTS


def lists_perm_has(*, user: Any) -> bool:
    return user_has_perm(user=user, perm=LISTS)


def lists_perm_require(*, user: Any) -> None:
    """`user` None is the system (the CLI, or vetting's grant flow run by the system)."""
    if user is not None and not lists_perm_has(user=user):
        raise ActionForbidden(f"Your role does not allow this ({LISTS}).")


class ListCheckPolicy:
    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[ListCheck],
                               ) -> QuerySet[ListCheck]:
        if not lists_perm_has(user=user):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=own))
        return queryset

    def user_can_see(self, *, user: Any, instance: ListCheck) -> bool:
        return self.instances_user_can_see(
            user=user, queryset=ListCheck.objects.filter(id=instance.pk)).exists()


check_policy = ListCheckPolicy()
