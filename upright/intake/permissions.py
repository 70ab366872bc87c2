"""Who may see and act on reports: role permissions, then compartments (need to know).

A confidential report lives in a compartment (anti-corruption); to everyone outside it the
report does not exist, so every miss is a 404 and never a 403.
"""

from typing import Any

from django.db.models import Q, QuerySet

from upright.access.permissions import user_has_perm, user_in_compartment
from upright.access.roles import Perm
from upright.core.exceptions import NotFound
from upright.core.references import reference_normalise
from upright.intake.models import Report

REPORT_PREFIX = "R"


class ReportPolicy:
    """Role perms (VIEW_TRIAGE to see, TRIAGE to act) plus compartment membership."""

    def user_can_see(self, *, user: Any, instance: Report) -> bool:
        return user_has_perm(user=user, perm=Perm.VIEW_TRIAGE) and user_in_compartment(
            user=user, code=instance.compartment
        )

    def user_has_permission_for_instance(self, *, user: Any, action: str, instance: Report) -> bool:
        return self.user_can_see(user=user, instance=instance) and user_has_perm(user=user, perm=action)

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[Report]) -> QuerySet[Report]:
        if not user_has_perm(user=user, perm=Perm.VIEW_TRIAGE):
            return queryset.none()
        return queryset.filter(Q(compartment="") | Q(compartment__in=user.compartment_codes()))


report_policy = ReportPolicy()


def access_report(*, user: Any, reference: str) -> Report:
    """Fetch and authorise in one step: NotFound (404) when missing or invisible to `user`."""
    canonical = reference_normalise(value=reference or "", prefix=REPORT_PREFIX)
    report = Report.objects.filter(reference=canonical).first() if canonical else None
    if report is None or not report_policy.user_can_see(user=user, instance=report):
        raise NotFound("Report not found.")
    return report
