"""Sensitive reads are audited (CMR reg 44 record-keeping; DESIGN.md "Need to know")."""

from typing import Any

from upright.audit.services import audit_record
from upright.conduct.audit_events import MATTER_VIEWED, PERSON_HISTORY_VIEWED
from upright.conduct.models import Matter


def matter_view_record(*, actor: Any, matter: Matter) -> None:
    audit_record(action=MATTER_VIEWED, actor=actor, target=matter, matter_ref=matter.reference)


def person_history_view_record(*, actor: Any, person_id: int) -> None:
    audit_record(action=PERSON_HISTORY_VIEWED, actor=actor, object_type="people.person",
                 object_id=str(person_id))
