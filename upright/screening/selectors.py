"""Reading screening runs and hits, always through the hit policy (conflict of interest)."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import NotFound
from upright.core.history import HistoryEntry
from upright.screening import audit_events as events
from upright.screening.formats import TABLES
from upright.screening.models import Disposition, Hit, HitBand, HitStatus, RunStatus, ScreeningRun
from upright.screening.permissions import VIEW, hit_policy, screening_perm_has, screening_perm_require


def hits_visible_to(*, user: Any) -> QuerySet[Hit]:
    queryset = Hit.objects.select_related("employee", "run", "disposed_by")
    return hit_policy.instances_user_can_see(user=user, queryset=queryset)


def hit_queue(*, user: Any) -> QuerySet[Hit]:
    """The misconduct triage queue: open hits, strongest evidence first. Victim/witness-only
    hits are never here (see hit_victim_witness_queue)."""
    return hits_visible_to(user=user).filter(
        status=HitStatus.OPEN, victim_witness_only=False).order_by("-match_weight", "id")


def hit_victim_witness_queue(*, user: Any) -> QuerySet[Hit]:
    """Open hits where the employee appears only as a victim or witness: a welfare queue."""
    return hits_visible_to(user=user).filter(
        status=HitStatus.OPEN, victim_witness_only=True).order_by("-match_weight", "id")


def hit_list(*, user: Any, queue: str = "main", status: str | None = None) -> QuerySet[Hit]:
    """`queue` "main" (misconduct) or "victim_witness"; `status` one of HitStatus or None
    for every status."""
    queryset = hits_visible_to(user=user).filter(victim_witness_only=queue == "victim_witness")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-match_weight", "id")


def hit_get(*, user: Any, hit_id: int) -> Hit:
    """One hit, its read audited (a hit is sensitive: DESIGN.md "Need to know")."""
    hit = hits_visible_to(user=user).filter(id=hit_id).first()
    if hit is None:
        raise NotFound("No such screening hit.")
    with transaction.atomic():
        audit_record(action=events.HIT_VIEWED, actor=user, target=hit,
                     extra={"employee_id": hit.employee_id})
    return hit


def screening_runs_visible_to(*, user: Any) -> QuerySet[ScreeningRun]:
    if not screening_perm_has(user=user, perm=VIEW):
        return ScreeningRun.objects.none()
    return ScreeningRun.objects.order_by("-created_at", "-id")


def screening_run_get(*, user: Any, run_id: int) -> ScreeningRun:
    run = screening_runs_visible_to(user=user).filter(id=run_id).first()
    if run is None:
        raise NotFound("No such screening run.")
    return run


def screening_index_folders() -> list[str]:
    """The extract folders a person may screen: the folders directly under
    UPRIGHT_SCREENING_INDEX_ROOT that hold every required extract table."""
    root = Path(settings.UPRIGHT_SCREENING_INDEX_ROOT)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
                  and not screening_extract_tables_missing(folder=p))


def screening_extract_tables_missing(*, folder: Path) -> list[str]:
    """The required extract tables that have no file (.parquet or .csv) in `folder`."""
    return [t.name for t in TABLES if t.required and not any(
        (folder / f"{t.name}{suffix}").is_file() for suffix in (".parquet", ".csv"))]


def screening_run_quiet_for(*, run: ScreeningRun, now: dt.datetime | None = None) -> dt.timedelta:
    """How long since the run's worker (or whoever queued it) last gave a sign of life."""
    last = run.heartbeat_at or run.started_at or run.updated_at
    return (now or timezone_now()) - last


def screening_run_resume_refusal(*, run: ScreeningRun, now: dt.datetime | None = None) -> str | None:
    """None when `run` may be resumed: it failed; or it was interrupted (running, but its
    worker has been silent for UPRIGHT_SCREENING_STALE_SECONDS); or it is queued but its job
    was lost. Otherwise the reason, for a person to read."""
    stale = dt.timedelta(seconds=settings.UPRIGHT_SCREENING_STALE_SECONDS)
    if run.status == RunStatus.FAILED:
        return None
    if run.status == RunStatus.DONE:
        return f"Run {run.pk} is done: there is nothing to resume."
    quiet = screening_run_quiet_for(run=run, now=now)
    if run.status == RunStatus.RUNNING:
        if quiet >= stale:
            return None
        return (f"Run {run.pk} is running (its worker was heard from {int(quiet.total_seconds())} "
                f"seconds ago). It can be resumed once the worker has been silent for "
                f"{int(stale.total_seconds())} seconds (it was stopped), or after it fails.")
    if _job_lost(run=run, quiet=quiet, stale=stale):
        return None
    return (f"Run {run.pk} is queued: its job is waiting for a worker "
            "(`upright worker` runs the jobs).")


def _job_lost(*, run: ScreeningRun, quiet: dt.timedelta, stale: dt.timedelta) -> bool:
    """A queued run whose job will never start it: the job is gone or already finished, or it
    was never enqueued at all (the process stopped between the commit and the enqueue)."""
    if not run.task_id:
        return quiet >= stale
    try:
        result = default_task_backend.get_result(run.task_id)
    except TaskResultDoesNotExist:
        return True
    except NotImplementedError:  # a backend that keeps no results (the immediate one)
        return quiet >= stale
    return result.status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL)


@dataclass(frozen=True)
class Dashboard:
    dispositions: dict[str, int] = field(default_factory=dict)  # every category, zeros kept
    open_by_band: dict[str, int] = field(default_factory=dict)  # the misconduct queue
    victim_witness_open: int = 0
    superseded: int = 0


def screening_dashboard(*, user: Any) -> Dashboard:
    """Counts over the hits `user` may see; a role without screening access is refused."""
    screening_perm_require(user=user, perm=VIEW)
    visible = hits_visible_to(user=user)
    disposed = dict(visible.filter(status=HitStatus.DISPOSED).values_list("disposition")
                    .annotate(n=Count("id")).order_by())
    bands = dict(visible.filter(status=HitStatus.OPEN, victim_witness_only=False)
                 .values_list("band").annotate(n=Count("id")).order_by())
    return Dashboard(
        dispositions={d: disposed.get(d, 0) for d in Disposition.values},
        open_by_band={b: bands.get(b, 0) for b in HitBand.values},
        victim_witness_open=visible.filter(status=HitStatus.OPEN,
                                           victim_witness_only=True).count(),
        superseded=visible.filter(status=HitStatus.SUPERSEDED).count(),
    )


def screening_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """The person's screening hits as the user may see them under HitPolicy (patterns, issue
    5). Victim/witness-only hits are left out: the person is not suspected of anything there,
    and they belong to the welfare queue, not to a history read at conduct and vetting
    decisions. Hits replaced by changed evidence are left out too (their successor is in).
    One query."""
    hits = (hits_visible_to(user=user)
            .filter(employee_id=person_id, victim_witness_only=False)
            .exclude(status=HitStatus.SUPERSEDED)
            .select_related(None)
            .only("id", "created_at", "kind", "band", "status", "disposition", "disposed_at")
            .order_by("-created_at", "-id"))
    url = reverse("screening:hit_detail", args=[0]).replace("/0/", "/{}/")
    entries = []
    for hit in hits:
        if hit.status == HitStatus.DISPOSED:
            status = f"disposed: {hit.get_disposition_display().lower()}"
        else:
            status = "open"
        entries.append(HistoryEntry(
            occurred_at=hit.created_at, kind="screening_hit", ref=f"hit:{hit.pk}",
            title=f"Screening hit ({hit.get_kind_display()}, {hit.get_band_display().lower()})",
            status=status, url=url.format(hit.pk),
            categories=(hit.kind,), closed_at=hit.disposed_at,
        ))
    return entries


def pattern_hit_facts(*, employee_ids: list[int] | None = None) -> QuerySet[Hit, Any]:
    """(id, employee_id, created_at) of every hit that says something about the employee's
    own conduct, for the repeat-pattern rules (patterns, issue 5): not victim/witness-only,
    not superseded by changed evidence, and not disposed of with no further action (a hit
    looked at and found to be nothing is not a risk signal). System work: no reader's policy
    applies; whoever shows an alert reads the hits through HitPolicy."""
    queryset = (Hit.objects.filter(victim_witness_only=False)
                .exclude(status=HitStatus.SUPERSEDED)
                .exclude(status=HitStatus.DISPOSED, disposition=Disposition.NO_FURTHER_ACTION))
    if employee_ids is not None:
        queryset = queryset.filter(employee_id__in=employee_ids)
    return queryset.values("id", "employee_id", "created_at").order_by()


def insight_hit_facts(*, created_from: dt.datetime,
                      created_to: dt.datetime) -> QuerySet[Hit, Any]:
    """(id, employee_id) of every hit raised in the period about the employee's own conduct
    (the same filter as pattern_hit_facts), for statistics. System work, in aggregate."""
    return (pattern_hit_facts().filter(created_at__gte=created_from, created_at__lt=created_to)
            .values("id", "employee_id"))
