"""Who may prepare, review, approve and publish notices and outcomes, and handle list reports.

The permissions are named like access.roles.Perm values. Until the lead adds them to
access.roles, the role grants below apply; once a name is a Perm, the role table there wins.
"""

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm, Role
from upright.core.exceptions import ActionForbidden, NotFound
from upright.people.selectors import person_ids_in_chain_of
from upright.publication.models import ListReportTask, PublicationItem

VIEW = "publication.view"  # see drafts, reviews and every item
PREPARE = "publication.prepare"  # create notices, outcomes and list-report tasks (conduct side effects)
REVIEW = "publication.review"  # redaction review; chair's directions
PUBLISH = "publication.publish"  # approve, publish, withdraw (the appropriate authority)
LIST_REPORT = "publication.list_report"  # see and record barred/advisory-list reports

_FALLBACK: dict[str, frozenset[str]] = {
    VIEW: frozenset({Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY}),
    PREPARE: frozenset({Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY, Role.PANEL}),
    REVIEW: frozenset({Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY}),
    PUBLISH: frozenset({Role.APPROPRIATE_AUTHORITY}),
    LIST_REPORT: frozenset({Role.APPROPRIATE_AUTHORITY, Role.VETTING_OFFICER}),
}


def publication_perm_has(*, user: Any, perm: str) -> bool:
    if perm in Perm.values:
        return user_has_perm(user=user, perm=perm)
    return (bool(getattr(user, "is_authenticated", False)) and bool(user.is_active)
            and user.role in _FALLBACK[perm])


def publication_perm_require(*, user: Any, perm: str) -> None:
    """Raise unless `user` holds `perm`. `user` None is the system (a CLI or task), which
    may prepare and expire but never review or publish."""
    if user is None and perm in (PREPARE,):
        return
    if not publication_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


def _in_conflict(user: Any, person_id: int) -> bool:
    # Nobody handles the publication about themselves or anyone they manage (DESIGN.md).
    own = getattr(user, "person_id", None)
    if own is None:
        return False
    return person_ids_in_chain_of(person_id=own).filter(id=person_id).exists()


class PublicationItemPolicy:
    def user_can_see(self, *, user: Any, instance: PublicationItem) -> bool:
        return publication_perm_has(user=user, perm=VIEW) and not _in_conflict(
            user, instance.person_id)

    def user_has_permission_for_instance(self, *, user: Any, action: str,
                                         instance: PublicationItem) -> bool:
        return self.user_can_see(user=user, instance=instance) and publication_perm_has(
            user=user, perm=action)

    def instances_user_can_see(self, *, user: Any,
                               queryset: QuerySet[PublicationItem]) -> QuerySet[PublicationItem]:
        if not publication_perm_has(user=user, perm=VIEW):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=own))
        return queryset


class ListReportTaskPolicy:
    def user_can_see(self, *, user: Any, instance: ListReportTask) -> bool:
        return publication_perm_has(user=user, perm=LIST_REPORT) and not _in_conflict(
            user, instance.person_id)

    def instances_user_can_see(self, *, user: Any,
                               queryset: QuerySet[ListReportTask]) -> QuerySet[ListReportTask]:
        if not publication_perm_has(user=user, perm=LIST_REPORT):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=own))
        return queryset


item_policy = PublicationItemPolicy()
task_policy = ListReportTaskPolicy()


def item_require(*, user: Any, item: PublicationItem, perm: str) -> None:
    """For services: the item must be visible and the action the user's (defence in depth)."""
    if user is None and perm == PREPARE:
        return
    if not item_policy.user_can_see(user=user, instance=item):
        if publication_perm_has(user=user, perm=perm):
            raise NotFound("No such publication item.")  # in conflict: it does not exist for them
        raise ActionForbidden(f"Your role does not allow this ({perm}).")
    if not publication_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")
