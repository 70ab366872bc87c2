"""Reading publication items and list-report tasks: staff reads through the permission
policies; public reads return only published, current items, as approved and anonymised."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import NotFound
from upright.publication.models import (
    ListReportStatus,
    ListReportTask,
    PublicationItem,
    PublicationKind,
    PublicationStatus,
)
from upright.publication.permissions import item_policy, publication_perm_has, task_policy
from upright.publication.states import actions_from

ANONYMOUS_OFFICER = "An officer"
_PERMS_FOR = {"directions": "publication.review", "review": "publication.review",
              "approve": "publication.publish", "publish": "publication.publish",
              "withdraw": "publication.publish"}

# ---- staff -----------------------------------------------------------------------------


def publication_items_visible_to(*, user: Any, status: str | None = None,
                                 kind: str | None = None) -> QuerySet[PublicationItem]:
    queryset = PublicationItem.objects.select_related("person")
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    return item_policy.instances_user_can_see(user=user, queryset=queryset)


def publication_queue(*, user: Any) -> QuerySet[PublicationItem]:
    """Items awaiting review, approval or publication, by window end (most urgent first)."""
    return publication_items_visible_to(user=user).filter(status__in=[
        PublicationStatus.DRAFT, PublicationStatus.REDACTION_REVIEW, PublicationStatus.APPROVED,
    ]).order_by("publish_window_end", "id")


def publication_item_get(*, user: Any, item_id: int) -> PublicationItem:
    item = publication_items_visible_to(user=user).filter(id=item_id).first()
    if item is None:
        raise NotFound("No such publication item.")
    return item


def publication_allowed_actions(*, item: PublicationItem, user: Any) -> list[str]:
    """The actions the state table allows now that `user` may take (for forms and the API);
    expiry is the system's."""
    return [action for action in actions_from(item.status)
            if action in _PERMS_FOR and publication_perm_has(user=user,
                                                             perm=_PERMS_FOR[action])]


def list_report_tasks_visible_to(*, user: Any, status: str | None = None,
                                 ) -> QuerySet[ListReportTask]:
    queryset = ListReportTask.objects.select_related("person")
    if status:
        queryset = queryset.filter(status=status)
    return task_policy.instances_user_can_see(user=user, queryset=queryset)


def list_report_tasks_open(*, user: Any) -> QuerySet[ListReportTask]:
    return list_report_tasks_visible_to(user=user, status=ListReportStatus.OPEN)


def list_report_task_is_overdue(task: ListReportTask, *, today: dt.date | None = None) -> bool:
    return task.status == ListReportStatus.OPEN and task.due_on < (today or local_today())


# ---- public ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicNotice:
    """What the public site shows: only approved text, with the chair's directions applied."""

    id: int
    kind: str
    officer: str
    rank: str
    hearing_date: dt.date | None
    hearing_time: dt.time | None
    venue: str
    accelerated: bool
    concluded_on: dt.date | None
    summary: str
    finding: str
    disciplinary_action: str
    published_at: dt.datetime
    other_names_withheld: bool


def _public_queryset(*, kind: str) -> QuerySet[PublicationItem]:
    queryset = PublicationItem.objects.published().filter(kind=kind, restricted=False).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=timezone_now()))
    if kind == PublicationKind.HEARING_NOTICE:
        queryset = queryset.filter(hearing_date__gte=local_today()).order_by("hearing_date", "id")
    else:
        queryset = queryset.order_by("-published_at", "-id")
    return queryset


def _unname(text: str, item: PublicationItem) -> str:
    # The reviewer redacts; this is the safety net when the chair directed anonymity: any
    # leftover full name or surname becomes "the officer".
    for name in (item.officer_name, item.person.surname):
        if name.strip():
            text = re.sub(re.escape(name.strip()), "the officer", text, flags=re.IGNORECASE)
    return text


def publication_public_view(item: PublicationItem) -> PublicNotice:
    hidden = item.officer_not_named

    def shown(text: str) -> str:
        return _unname(text, item) if hidden else text

    assert item.published_at is not None  # noqa: S101  (only published items get here)
    return PublicNotice(
        id=item.pk, kind=item.kind,
        officer=ANONYMOUS_OFFICER if hidden else item.officer_name,
        rank="" if hidden else item.officer_rank,
        hearing_date=item.hearing_date, hearing_time=item.hearing_time, venue=item.venue,
        accelerated=item.accelerated, concluded_on=item.concluded_on,
        summary=shown(item.public_summary), finding=shown(item.public_finding),
        disciplinary_action=shown(item.public_action), published_at=item.published_at,
        other_names_withheld=item.other_names_withheld)


def publication_public_list(*, kind: str) -> list[PublicNotice]:
    """Published, current items of `kind`: upcoming hearings soonest first; outcomes newest
    first. Withdrawn, expired and restricted items never appear."""
    return [publication_public_view(item)
            for item in _public_queryset(kind=kind).select_related("person")]


def publication_public_get(*, item_id: int, kind: str | None = None) -> PublicNotice:
    kinds = [kind] if kind else list(PublicationKind.values)
    for each in kinds:
        item = _public_queryset(kind=each).select_related("person").filter(id=item_id).first()
        if item is not None:
            return publication_public_view(item)
    raise NotFound("No such published notice.")
