"""Who may see and decide repeat-pattern alerts, and who writes the rules.

Role grants are in access.roles.ROLE_PERMS: PATTERNS_VIEW (PSD assessors, the appropriate
authority, vetting officers, analysts), PATTERNS_DECIDE (the appropriate authority: the
accountable decision, act or record why not), PATTERNS_RULES (analysts, administrators).

On top of the role: an alert is invisible to the person it is about and to anyone in their
line-management chain (DESIGN.md "Need to know"). The evidence matters are read through
conduct's MatterPolicy as well, so a matter in a compartment the reader is outside of is
counted but never listed.
"""

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden, NotFound
from upright.patterns.models import PatternAlert
from upright.people.selectors import person_ids_in_chain_of, user_in_conflict_with

VIEW = Perm.PATTERNS_VIEW
DECIDE = Perm.PATTERNS_DECIDE
RULES = Perm.PATTERNS_RULES


def patterns_perm_has(*, user: Any, perm: str) -> bool:
    return user_has_perm(user=user, perm=perm)


def patterns_perm_require(*, user: Any, perm: str) -> None:
    if not patterns_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


class AlertPolicy:
    def user_can_see(self, *, user: Any, instance: PatternAlert) -> bool:
        return (patterns_perm_has(user=user, perm=VIEW)
                and not user_in_conflict_with(user=user, person_id=instance.person_id))

    def user_has_permission_for_instance(self, *, user: Any, action: str,
                                         instance: PatternAlert) -> bool:
        return self.user_can_see(user=user, instance=instance) and patterns_perm_has(
            user=user, perm=action)

    def instances_user_can_see(self, *, user: Any,
                               queryset: QuerySet[PatternAlert]) -> QuerySet[PatternAlert]:
        if not patterns_perm_has(user=user, perm=VIEW):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=own))
        return queryset


alert_policy = AlertPolicy()


def access_alert(*, user: Any, alert_id: Any, perm: str = VIEW,
                 for_update: bool = False) -> PatternAlert:
    """Fetch and authorise in one step: NotFound if invisible, ActionForbidden if visible but
    `perm` is not the user's. `for_update` locks the row (inside the caller's transaction)."""
    queryset = PatternAlert.objects.select_related("person", "rule", "decided_by")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    alert = queryset.filter(id=alert_id).first() if isinstance(alert_id, int) else None
    if alert is None or not alert_policy.user_can_see(user=user, instance=alert):
        raise NotFound("No such alert.")
    if not patterns_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")
    return alert
