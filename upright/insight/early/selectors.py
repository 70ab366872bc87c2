"""Reads for early intervention. A supervisor sees the scores of the people they manage (below
them in the line-management chain), never their own, and always with the top factors."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.insight.early import audit_events as ev
from upright.insight.early.models import EarlyModel, EarlyScore


def _managed(user: Any, queryset: QuerySet[EarlyScore]) -> QuerySet[EarlyScore]:
    own = getattr(user, "person_id", None)
    if own is None or not user_has_perm(user=user, perm=Perm.INSIGHT_SCORES):
        return queryset.none()
    return queryset.filter(person__mgmt_path__contains=f"/{own}/").exclude(person_id=own)


def early_score_visible_to(*, user: Any, score_id: int) -> EarlyScore | None:
    return _managed(user, EarlyScore.objects.select_related("model", "person")
                    .filter(id=score_id)).first()


def early_scores_for_user(*, user: Any, limit: int = 100) -> list[EarlyScore]:
    """Scores from the active version for the people `user` manages, highest first. Audited."""
    active = EarlyModel.objects.filter(active=True).first()
    if active is None:
        return []
    rows = list(_managed(user, EarlyScore.objects.filter(model=active))
                .select_related("person").order_by("-score")[:limit])
    audit_record(action=ev.SCORES_VIEWED, actor=user, target=active,
                 extra={"count": len(rows), "person_ids": [r.person_id for r in rows]})
    return rows


def early_models_list(*, user: Any) -> list[EarlyModel]:
    if not user_has_perm(user=user, perm=Perm.INSIGHT_MODEL):
        return []
    return list(EarlyModel.objects.all()[:50])
