"""Auditing reads of a person's vetting records (DESIGN.md: every sensitive read is audited)."""

from typing import Any

from upright.audit.services import audit_record
from upright.vetting import audit_events as events


def vetting_records_view_record(*, actor: Any, person_id: int | None, what: str,
                                object_id: str = "") -> None:
    """One audit event for a read of `what` ("person", "clearance", "register", ...)."""
    audit_record(action=events.RECORDS_VIEWED, actor=actor, object_type=f"vetting.{what}",
                 object_id=object_id or str(person_id or ""),
                 extra={"person_id": person_id, "what": what})
