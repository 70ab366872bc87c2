"""Who may prepare, review, approve and publish notices and outcomes, and handle list reports.

Role grants are in access.roles.ROLE_PERMS (Perm.PUBLICATION_*).
"""

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden, NotFound
from upright.people.selectors import person_ids_in_chain_of, user_in_conflict_with
from upright.publication.models import ListReportTask, PublicationItem

VIEW = Perm.PUBLICATION_VIEW  # see drafts, reviews and every item
PREPARE = Perm.PUBLICATION_PREPARE  # create notices, outcomes and list-report tasks (conduct side effects)
REVIEW = Perm.PUBLICATION_REVIEW  # redaction review; chair's directions
PUBLISH = Perm.PUBLICATION_PUBLISH  # approve, publish, withdraw (the appropriate authority)
LIST_REPORT = Perm.PUBLICATION_LIST_REPORT  # see and record barred/advisory-list reports


def publication_perm_has(*, user: Any, perm: str) -> bool:
    return user_has_perm(user=user, perm=perm)


def publication_perm_require(*, user: Any, perm: str) -> None:
    """Raise unless `user` holds `perm`. `user` None is the system (a CLI or task), which
    may prepare and expire but never review or publish."""
    if user is None and perm in (PREPARE,):
        return
    if not publication_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


class PublicationItemPolicy:
    def user_can_see(self, *, user: Any, instance: PublicationItem) -> bool:
        return publication_perm_has(user=user, perm=VIEW) and not user_in_conflict_with(
            user=user, person_id=instance.person_id)

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
        return publication_perm_has(user=user, perm=LIST_REPORT) and not user_in_conflict_with(
            user=user, person_id=instance.person_id)

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
