"""Reading screening runs and hits, always through the hit policy (conflict of interest)."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet

from upright.audit.services import audit_record
from upright.core.exceptions import NotFound
from upright.screening import audit_events as events
from upright.screening.models import Disposition, Hit, HitBand, HitStatus, ScreeningRun
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
