"""Who may see and act on a matter (Wagtail-style policy; conventions §6).

On top of the role's permissions: a matter in a compartment is invisible outside it, and a matter
is invisible to anyone in conflict with it: a subject of any of its allegations, or anyone in a
subject's line-management chain (DESIGN.md "Need to know").
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from upright.access.permissions import user_has_perm, user_in_compartment
from upright.access.roles import Perm
from upright.conduct.models import Allegation, Matter
from upright.conduct.states import ACTIONS, actions_open
from upright.core.exceptions import ActionForbidden
from upright.core.references import reference_normalise
from upright.people.selectors import person_ids_in_chain_of


def _conflict_q(person_id: int) -> Q:
    # The people the user is in conflict with (themselves and everyone they manage, however
    # far down) as an uncorrelated subquery: the database resolves it once per query instead
    # of pattern-matching every allegation's subject in the table.
    return Q(subject_id__in=person_ids_in_chain_of(person_id=person_id))


class MatterPolicy:
    """The permission policy for Matter. Every read and list goes through it."""

    def user_can_see(self, *, user: Any, instance: Matter) -> bool:
        if not user_has_perm(user=user, perm=Perm.VIEW_MATTER):
            return False
        if not user_in_compartment(user=user, code=instance.compartment):
            return False
        person_id = getattr(user, "person_id", None)
        if person_id is None:
            return True
        return not Allegation.objects.filter(matter_id=instance.pk).filter(
            _conflict_q(person_id)
        ).exists()

    def user_has_permission_for_instance(self, *, user: Any, action: str, instance: Matter) -> bool:
        """`action` is a role permission (Perm value) the user needs on this visible matter."""
        return self.user_can_see(user=user, instance=instance) and user_has_perm(
            user=user, perm=action
        )

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[Matter]) -> QuerySet[Matter]:
        """The same rules as a queryset filter, so lists stay one query at any size."""
        if not user_has_perm(user=user, perm=Perm.VIEW_MATTER):
            return queryset.none()
        queryset = queryset.filter(Q(compartment="") | Q(compartment__in=user.compartment_codes()))
        person_id = getattr(user, "person_id", None)
        if person_id is not None:
            conflicted = Allegation.objects.filter(matter_id=OuterRef("pk")).filter(
                _conflict_q(person_id)
            )
            queryset = queryset.exclude(Exists(conflicted))
        return queryset


matter_policy = MatterPolicy()


def matter_reference_normalise(reference: str) -> str | None:
    return reference_normalise(value=reference, prefix="M")


def access_matter(*, user: Any, reference: str, perm: str = Perm.VIEW_MATTER) -> Matter:
    """Fetch and authorise in one step: Http404 if invisible, ActionForbidden if visible but
    `perm` is not the user's."""
    canonical = matter_reference_normalise(reference)
    matter = Matter.objects.filter(reference=canonical).first() if canonical else None
    if matter is None or not matter_policy.user_can_see(user=user, instance=matter):
        raise Http404("No such matter.")
    if not user_has_perm(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")
    return matter


def matter_allowed_actions(*, matter: Matter, user: Any) -> list[str]:
    """Actions open on the matter (regime, status, guards) that the user's role may take."""
    return [name for name in actions_open(matter)
            if user_has_perm(user=user, perm=ACTIONS[name].perm)]
