"""Writing the audit log. Services call `audit_record` inside their own transaction."""

import json
import uuid
from contextvars import ContextVar
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F

from upright.audit.chain import event_digest
from upright.audit.models import AuditEvent, ChainHead
from upright.audit.registry import action_is_registered
from upright.core.clock import timezone_now

# Set per request or job by the adapters, so events of one action can be found together.
correlation_id_var: ContextVar[str] = ContextVar("audit_correlation_id", default="")


def correlation_id_new() -> str:
    value = uuid.uuid4().hex
    correlation_id_var.set(value)
    return value


def _normalise(extra: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON so the hash covers exactly what the database will hold.
    return json.loads(json.dumps(extra or {}, cls=DjangoJSONEncoder))


def audit_record(
    *,
    action: str,
    actor: Any | None,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    matter_ref: str = "",
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    `actor` is a User or None (the system or an anonymous member of the public). Passing
    `target` fills object_type/object_id from a model instance.
    """
    if not action_is_registered(action):
        raise ValueError(f"audit action {action!r} is not registered")
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    actor_label = getattr(actor, "username", "") if actor_id is not None else ""
    payload = _normalise(extra)
    with transaction.atomic():
        # Bumping the counter first takes the head's write lock before anything is read, so
        # appends are serialised on PostgreSQL and SQLite alike.
        ChainHead.objects.filter(id=1).update(last_seq=F("last_seq") + 1)
        head = ChainHead.objects.get(id=1)
        occurred_at = timezone_now()
        digest = event_digest(
            seq=head.last_seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            matter_ref=matter_ref,
            extra=payload,
            correlation_id=correlation_id_var.get(),
            prev_hash=head.last_hash,
        )
        event = AuditEvent.objects.create(
            seq=head.last_seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            matter_ref=matter_ref,
            extra=payload,
            correlation_id=correlation_id_var.get(),
            prev_hash=head.last_hash,
            hash=digest,
        )
        ChainHead.objects.filter(id=1).update(last_hash=digest)
    return event
