"""The append-only, hash-chained event log (CMR reg 44 record-keeping, and our own need to know).

Every change, and every read of a sensitive record, writes one AuditEvent in the same database
transaction as the thing it records. Events form a chain: each row's `hash` covers its own
content and the previous row's hash, so altering, removing or reordering any row breaks the
chain at that point (`upright audit verify`). Triggers (migration 0002) reject UPDATE and DELETE.
"""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One thing that happened. Columns:

    seq: gapless position in the chain (1, 2, 3 ...), allocated under the chain-head lock.
    occurred_at: when it happened (aware datetime, stored UTC).
    actor: who did it; null for the system (CLI jobs, the public, imports).
    actor_label: the actor's username at the time, kept even if the user is renamed.
    action: registered, namespaced verb, e.g. "conduct.matter.severity_assessed".
    object_type / object_id: what it was done to ("conduct.matter", "4711").
    matter_ref: the matter it belongs to, for case timelines (blank if none).
    extra: JSON details ("old"/"new" values, reasons); never secrets.
    correlation_id: ties together the events of one request or job.
    prev_hash / hash: the chain (hex SHA-256).
    """

    seq = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    matter_ref = models.CharField(max_length=32, blank=True, db_index=True)
    extra = models.JSONField(default=dict, blank=True)
    correlation_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class ChainHead(models.Model):
    """A single row holding the tip of the chain. Locking it serialises appends, so two
    transactions can never both extend the same predecessor."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_single_head")]

    def __str__(self) -> str:
        return f"chain head at #{self.last_seq}"
