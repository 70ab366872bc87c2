"""The shape every app's permission policy takes (after Wagtail's policies), and the checks
they share. Apps define a policy per sensitive model in their own `permissions.py`."""

from typing import Any, Protocol, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet

from upright.access.models import User
from upright.core.exceptions import ActionForbidden

M = TypeVar("M", bound=Model)
AnyUser = User | AnonymousUser


class PermissionPolicy(Protocol[M]):
    def user_can_see(self, *, user: AnyUser, instance: M) -> bool: ...

    def user_has_permission_for_instance(self, *, user: AnyUser, action: str, instance: M) -> bool:
        ...

    def instances_user_can_see(self, *, user: AnyUser, queryset: QuerySet[M]) -> QuerySet[M]: ...


def user_has_perm(*, user: Any, perm: str) -> bool:
    """Role-level check; False for anonymous users."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_role_perm(perm)


def perm_require(*, user: Any, perm: str) -> None:
    """Defence in depth for services: raise unless the role grants `perm`."""
    if not user_has_perm(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


def user_in_compartment(*, user: Any, code: str | None) -> bool:
    if not code:
        return True
    return bool(getattr(user, "is_authenticated", False)) and code in user.compartment_codes()
