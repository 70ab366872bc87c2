"""`list_import`: load a whole list, all or nothing, as a new version."""

import hashlib
from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.exceptions import ValidationFailed
from upright.lists import audit_events as events
from upright.lists.listfile import RowError, list_rows_parse
from upright.lists.models import ListEntry, ListImport, ListKind
from upright.lists.permissions import lists_perm_require


class ListImportRejected(ValidationFailed):
    """The file has errors; nothing was written. `errors` lists every one, by line and field."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            f"The file was not imported: {len(errors)} problem(s) found. Nothing was written.",
            extra={"errors": [e.__dict__ for e in errors]})
        self.errors = errors


def list_import(*, actor: Any, list_kind: str, data: bytes, file_name: str) -> ListImport:
    """Import `data` (a CSV file, UTF-8) as the new version of `list_kind`. The previous
    versions are kept (checks record the version they used); the newest is checked."""
    lists_perm_require(user=actor)
    if list_kind not in ListKind.values:
        raise ValidationFailed("Some fields are not valid: list_kind.", {"fields": {
            "list_kind": f"Must be one of: {', '.join(ListKind.values)}."}})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListImportRejected([RowError(1, "file", f"is not UTF-8 text ({exc.reason})")]) \
            from exc
    rows, errors = list_rows_parse(text, list_kind=list_kind)
    if errors:
        raise ListImportRejected(errors)
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        version = ListImport.objects.create(list_kind=list_kind, file_name=file_name[:255],
                                            sha256=sha256, row_count=len(rows),
                                            imported_by=actor)
        ListEntry.objects.bulk_create([ListEntry(
            list_import=version, list_kind=list_kind, line=r.line, entry_ref=r.entry_ref,
            forenames=r.forenames, surname=r.surname, other_names=r.other_names,
            date_of_birth=r.date_of_birth, sex=r.sex, postcode=r.postcode,
            former_force=r.former_force, rank_or_role=r.rank_or_role, listed_on=r.listed_on,
            reason=r.reason, published=r.published) for r in rows], batch_size=2000)
        audit_record(action=events.IMPORTED, actor=actor, target=version, extra={
            "list_kind": list_kind, "file_name": file_name, "sha256": sha256,
            "rows": len(rows)})
    return version
