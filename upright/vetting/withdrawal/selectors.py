"""Reading withdrawal assessments, always through the permission policy."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from upright.core.history import HistoryEntry
from upright.vetting.withdrawal.models import WithdrawalAssessment
from upright.vetting.withdrawal.permissions import access_assessment, withdrawal_policy
from upright.vetting.withdrawal.states import WithdrawalStatus


def withdrawals_visible_to(*, user: Any, status: str | None = None,
                           person_id: int | None = None) -> QuerySet[WithdrawalAssessment]:
    queryset = WithdrawalAssessment.objects.select_related("person", "assessor")
    if status == "open":
        queryset = queryset.open()
    elif status:
        queryset = queryset.filter(status=status)
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    return withdrawal_policy.instances_user_can_see(user=user, queryset=queryset)


def withdrawal_get(*, user: Any, assessment_id: int) -> WithdrawalAssessment:
    return access_assessment(user=user, assessment_id=assessment_id)


def _aware(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _status_text(a: WithdrawalAssessment) -> str:
    if a.status == WithdrawalStatus.CLOSED:
        return f"closed: {a.get_close_reason_display().lower()}"
    return WithdrawalStatus(a.status).label


def withdrawal_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """One entry per withdrawal assessment of `person_id` the reader may see, oldest first."""
    entries = []
    for a in withdrawals_visible_to(user=user, person_id=person_id).order_by("created_at", "id"):
        decision = f"; decision: {a.get_decision_display().lower()}" if a.decision else ""
        entries.append(HistoryEntry(
            occurred_at=a.created_at, kind="withdrawal", ref=a.reference,
            title=f"Withdrawal assessment ({a.get_trigger_kind_display().lower()}){decision}",
            status=_status_text(a),
            url=reverse("vetting_withdrawal:detail", args=[a.pk]),
            categories=tuple(c for c in (a.decision, a.close_reason) if c),
            closed_at=a.closed_at))
    return entries


def insight_withdrawal_facts(*, decided_from: dt.datetime,
                             decided_to: dt.datetime) -> QuerySet[WithdrawalAssessment, Any]:
    """(id, person_id) of every assessment decided "withdraw" in the period, for statistics
    (disproportionality). System work, in aggregate; no reader's policy applies."""
    return (WithdrawalAssessment.objects.filter(decision="withdraw", decided_at__gte=decided_from,
                                                decided_at__lt=decided_to)
            .values("id", "person_id").order_by("id"))
