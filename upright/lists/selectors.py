"""Reading the lists and the checks, always through the permission policy."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from upright.core.exceptions import NotFound
from upright.core.history import HistoryEntry
from upright.lists.models import CheckOutcome, ListCheck, ListImport, ListKind
from upright.lists.permissions import check_policy, lists_perm_has


def list_imports_visible_to(*, user: Any) -> QuerySet[ListImport]:
    if not lists_perm_has(user=user):
        return ListImport.objects.none()
    return ListImport.objects.select_related("imported_by")


def list_imports_current(*, user: Any) -> dict[str, ListImport | None]:
    visible = list_imports_visible_to(user=user)
    return {kind: visible.filter(list_kind=kind).first() for kind in ListKind.values}


def list_checks_visible_to(*, user: Any, person_id: int | None = None,
                           outcome: str | None = None) -> QuerySet[ListCheck]:
    queryset = ListCheck.objects.select_related("person", "requested_by")
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    return check_policy.instances_user_can_see(user=user, queryset=queryset)


def list_check_get(*, user: Any, check_id: int) -> ListCheck:
    check = list_checks_visible_to(user=user).filter(id=check_id).first()
    if check is None:
        raise NotFound("No such list check.")
    return check


def list_check_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """The checks of `person_id` that found a possible or probable match (HISTORY_KINDS:
    "a barred or advisory list check that found a possible match"), oldest first."""
    entries = []
    for check in (list_checks_visible_to(user=user, person_id=person_id)
                  .exclude(outcome=CheckOutcome.NO_MATCH).order_by("created_at", "id")):
        kinds = tuple(sorted(set(check.candidates.values_list("list_kind", flat=True))))
        entries.append(HistoryEntry(
            occurred_at=check.created_at, kind="list_check", ref=f"listcheck:{check.pk}",
            title=f"Barred/advisory list check: {check.get_outcome_display().lower()}",
            status=check.get_outcome_display(), url=reverse("lists:check_detail", args=[check.pk]),
            categories=kinds))
    return entries
