"""Writing workforce records."""

from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.exceptions import NotFound, ValidationFailed
from upright.people.audit_events import PERSON_STATUS_CHANGED
from upright.people.choices import ORG_KIND_BY_DEPTH, EmploymentStatus
from upright.people.models import OrgUnit, Person


def org_unit_ensure_path(*, codes: list[str], names: list[str] | None = None) -> OrgUnit:
    """Create (or find) each unit along a force/command/BCU/team path; return the last one."""
    parent: OrgUnit | None = None
    path = "/"
    for depth, code in enumerate(codes):
        path = f"{path}{code}/"
        name = names[depth] if names else code
        kind = ORG_KIND_BY_DEPTH[min(depth, len(ORG_KIND_BY_DEPTH) - 1)]
        unit, _ = OrgUnit.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": parent, "path": path}
        )
        parent = unit
    if parent is None:
        raise ValueError("an org unit path needs at least one code")
    return parent


def person_mgmt_paths_rebuild() -> int:
    """Recompute every `mgmt_path` (the chain of managers above each person) from the
    line-manager links. Returns how many rows changed. One pass over an in-memory map: cheap
    even for a national workforce, and it cannot loop on a cycle."""
    managers: dict[int, int | None] = dict(Person.objects.values_list("id", "line_manager_id"))
    current = dict(Person.objects.values_list("id", "mgmt_path"))
    changed = []
    for pid in managers:
        new_path = _chain_path(pid, managers)
        if current[pid] != new_path:
            changed.append(Person(id=pid, mgmt_path=new_path))
    with transaction.atomic():
        Person.objects.bulk_update(changed, ["mgmt_path"], batch_size=2000)
    return len(changed)


def _chain_path(pid: int, managers: dict[int, int | None]) -> str:
    chain: list[int] = []
    cursor = managers.get(pid)
    while cursor is not None and cursor not in chain and cursor != pid:
        chain.append(cursor)
        cursor = managers.get(cursor)
    return "/" + "".join(f"{m}/" for m in reversed(chain))


def person_status_set(*, person_id: int, status: str, actor: Any, reason: str) -> None:
    """Set a person's employment status (serving, suspended, restricted, left) and audit it.

    Called by the services that own the decision (the suspension register), inside their own
    transaction and after their own permission check; this function validates, locks the row
    and records the change. Setting the status the person already has changes nothing and
    writes no event.
    """
    if status not in EmploymentStatus.values:
        message = f"Must be one of: {', '.join(EmploymentStatus.values)}."
        raise ValidationFailed(f"status: {message}", {"fields": {"status": message}})
    if not reason.strip():
        raise ValidationFailed("reason: This field is required.",
                               {"fields": {"reason": "This field is required."}})
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(id=person_id).first()
        if person is None:
            raise NotFound("No such person.")
        old = person.status
        if old == status:
            return
        person.status = status
        person.save(update_fields=["status", "updated_at"])
        audit_record(action=PERSON_STATUS_CHANGED, actor=actor, target=person,
                     extra={"old": old, "new": status, "reason": reason.strip()})
