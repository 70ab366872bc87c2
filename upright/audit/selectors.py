"""Reading and verifying the audit log."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from upright.audit.chain import GENESIS, event_digest
from upright.audit.models import AuditEvent, ChainHead


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    events_checked: int
    problem: ChainProblem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


def _events_in_order(batch: int = 5000) -> Iterator[AuditEvent]:
    # Ordered by primary key, not seq: rows are inserted in chain order, so renumbering or
    # swapping seq values shows up as a break instead of being silently sorted away.
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def audit_chain_verify() -> ChainReport:
    """Recompute every hash from the first event. Independent of the database triggers."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for event in _events_in_order():
        problem = _check_event(event, expected_seq=expected_seq, expected_prev=expected_prev)
        if problem:
            return ChainReport(checked, problem)
        expected_prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = ChainHead.objects.filter(id=1).first()
    if head is not None and (head.last_seq, head.last_hash) != (expected_seq - 1, expected_prev):
        reason = (
            f"the chain ends at event #{expected_seq - 1} but the head records "
            f"#{head.last_seq}: events after #{expected_seq - 1} were removed"
        )
        return ChainReport(checked, ChainProblem(expected_seq, None, reason))
    return ChainReport(checked, None)


def _check_event(event: AuditEvent, *, expected_seq: int, expected_prev: str) -> ChainProblem | None:
    if event.seq != expected_seq:
        return ChainProblem(
            event.seq, event.id, f"expected event #{expected_seq} here: removed or reordered"
        )
    if event.prev_hash != expected_prev:
        return ChainProblem(event.seq, event.id, "does not link to the event before it")
    digest = event_digest(
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        matter_ref=event.matter_ref,
        extra=event.extra,
        correlation_id=event.correlation_id,
        prev_hash=event.prev_hash,
    )
    if digest != event.hash:
        return ChainProblem(event.seq, event.id, "its content was altered after it was written")
    return None


def audit_events_for_matter(*, matter_ref: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(matter_ref=matter_ref).select_related("actor").order_by("seq")


def audit_events_for_object(*, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("seq")
