"""Reads for early intervention. A supervisor sees the scores of the people they manage (below
them in the line-management chain), never their own, and always with the top factors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.insight.early import audit_events as ev
from upright.insight.early.models import EarlyModel, EarlyScore, Intervention


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


def interventions_for_user(*, user: Any, limit: int = 200) -> list[Intervention]:
    """Interventions on the people `user` manages (never on themselves), newest first, with
    the score each was recorded against: the supervisor's list where outcomes are recorded.
    Audited, as the scores are."""
    own = getattr(user, "person_id", None)
    if own is None or not user_has_perm(user=user, perm=Perm.INSIGHT_SCORES):
        return []
    rows = list(Intervention.objects.filter(person__mgmt_path__contains=f"/{own}/")
                .exclude(person_id=own).select_related("person", "score__model", "recorded_by")
                .order_by("-created_at", "-id")[:limit])
    audit_record(action=ev.INTERVENTIONS_VIEWED, actor=user, object_type="intervention",
                 extra={"count": len(rows), "ids": [r.pk for r in rows]})
    return rows


def early_models_exist() -> bool:
    """Whether any version was ever trained (system check, no reader)."""
    return EarlyModel.objects.exists()


TRAIN_TASK = "upright.insight.early.tasks.early_train_job"


@dataclass(frozen=True)
class TrainJob:
    """One queued training job as the early page shows it. status: the task backend's READY,
    RUNNING, SUCCESSFUL or FAILED; version: the version it trained; error: why it failed."""

    status: str
    enqueued_at: dt.datetime
    finished_at: dt.datetime | None
    version: int | None
    error: str


def early_train_jobs_recent(*, user: Any, limit: int = 5) -> list[TrainJob]:
    """The latest training jobs (INSIGHT_MODEL only), newest first. A job that failed in the
    worker says why here (the last line of its traceback): nobody else would tell the user."""
    from django_tasks_db.models import DBTaskResult

    if not user_has_perm(user=user, perm=Perm.INSIGHT_MODEL):
        return []
    rows = DBTaskResult.objects.filter(task_path=TRAIN_TASK).order_by("-enqueued_at")[:limit]
    return [TrainJob(status=str(r.status), enqueued_at=r.enqueued_at, finished_at=r.finished_at,
                     version=(r.return_value or {}).get("version"),
                     error=([ln for ln in r.traceback.splitlines() if ln.strip()] or [""])[-1])
            for r in rows]
