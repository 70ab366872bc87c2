"""Who may see and act on withdrawal assessments.

The vetting unit assesses (Perm.VETTING_WITHDRAWAL), a senior officer decides
(VETTING_WITHDRAWAL_DECIDE) and the appeal panel records appeals (VETTING_APPEAL); each may
see the assessments. On top of the role, the subject and everyone above them in the line of
command never see one (DESIGN.md "Need to know"), and the decision maker may not be the
assessor.
"""

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden, NotFound
from upright.people.selectors import person_ids_in_chain_of, user_in_conflict_with
from upright.vetting.withdrawal.models import WithdrawalAssessment

ASSESS = Perm.VETTING_WITHDRAWAL
DECIDE = Perm.VETTING_WITHDRAWAL_DECIDE
APPEAL = Perm.VETTING_APPEAL
SEE = (ASSESS, DECIDE, APPEAL)


def withdrawal_perm_has(*, user: Any, perm: str) -> bool:
    return user_has_perm(user=user, perm=perm)


def withdrawal_can_see_any(*, user: Any) -> bool:
    return any(withdrawal_perm_has(user=user, perm=p) for p in SEE)


def withdrawal_perm_require(*, user: Any, perm: str) -> None:
    if not withdrawal_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


class WithdrawalPolicy:
    def user_can_see(self, *, user: Any, instance: WithdrawalAssessment) -> bool:
        return (withdrawal_can_see_any(user=user)
                and not user_in_conflict_with(user=user, person_id=instance.person_id))

    def user_has_permission_for_instance(self, *, user: Any, action: str,
                                         instance: WithdrawalAssessment) -> bool:
        return (self.user_can_see(user=user, instance=instance)
                and withdrawal_perm_has(user=user, perm=action))

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[WithdrawalAssessment],
                               ) -> QuerySet[WithdrawalAssessment]:
        if not withdrawal_can_see_any(user=user):
            return queryset.none()
        own = getattr(user, "person_id", None)
        if own is not None:
            queryset = queryset.exclude(person_id__in=person_ids_in_chain_of(person_id=own))
        return queryset


withdrawal_policy = WithdrawalPolicy()


def access_assessment(*, user: Any, assessment_id: int) -> WithdrawalAssessment:
    """Fetch and authorise: NotFound if the assessment is invisible to `user`."""
    assessment = (WithdrawalAssessment.objects.select_related("person", "assessor", "decided_by")
                  .filter(id=assessment_id).first() if isinstance(assessment_id, int) else None)
    if assessment is None or not withdrawal_policy.user_can_see(user=user, instance=assessment):
        raise NotFound("No such withdrawal assessment.")
    return assessment
