"""Reading the register. Every list and read goes through SuspensionPolicy."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from upright.core.clock import local_today
from upright.core.exceptions import ValidationFailed
from upright.core.history import HistoryEntry
from upright.suspensions.choices import Kind
from upright.suspensions.models import Representation, Suspension, SuspensionReview, SuspensionRule
from upright.suspensions.permissions import access_suspension, suspension_policy

STATES = ("active", "ended")


def suspension_list_visible_to(*, user: Any, state: str | None = None, kind: str | None = None,
                               person_id: int | None = None,
                               matter_ref: str | None = None) -> QuerySet[Suspension]:
    """The register as the user may see it, newest decision first. state: active or ended."""
    if state and state not in STATES:
        raise ValidationFailed("Unknown state.", {"fields": {"state": "Must be active or ended."}})
    if kind and kind not in Kind.values:
        raise ValidationFailed("Unknown kind.", {"fields": {"kind": "Must be suspended or restricted."}})
    queryset = Suspension.objects.select_related("person", "decided_by")
    if state == "active":
        queryset = queryset.active()
    elif state == "ended":
        queryset = queryset.ended()
    if kind:
        queryset = queryset.filter(kind=kind)
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    if matter_ref:
        queryset = queryset.filter(matter_ref=matter_ref)
    return suspension_policy.instances_user_can_see(user=user, queryset=queryset).order_by(
        "-decided_at", "-id")


def suspensions_review_overdue_visible_to(*, user: Any,
                                          today: dt.date | None = None) -> QuerySet[Suspension]:
    """Active entries whose next review was due before today, most overdue first."""
    return suspension_list_visible_to(user=user, state="active").filter(
        next_review_due__lt=today or local_today()).order_by("next_review_due", "id")


def suspensions_confirmation_overdue_visible_to(
    *, user: Any, today: dt.date | None = None,
) -> QuerySet[Suspension]:
    """Active entries notified orally and not confirmed in writing by the due date."""
    return suspension_list_visible_to(user=user, state="active").filter(
        confirmed_at__isnull=True, confirmation_due__lt=today or local_today(),
    ).order_by("confirmation_due", "id")


def person_suspensions_visible_to(*, user: Any, person_id: int) -> QuerySet[Suspension]:
    """A person's entries, ended ones included."""
    return suspension_list_visible_to(user=user, person_id=person_id)


def suspension_get(*, user: Any, suspension_id: int) -> Suspension:
    """One entry; NotFound if the user may not see it."""
    return access_suspension(user=user, suspension_id=suspension_id)


def suspension_reviews(*, suspension: Suspension) -> QuerySet[SuspensionReview]:
    return SuspensionReview.objects.filter(suspension=suspension).select_related(
        "reviewed_by").order_by("reviewed_on", "id")


def suspension_representations(*, suspension: Suspension) -> QuerySet[Representation]:
    return Representation.objects.filter(suspension=suspension).select_related(
        "recorded_by", "considered_in").order_by("received_on", "id")


def suspension_is_review_overdue(entry: Suspension, *, today: dt.date | None = None) -> bool:
    return (entry.is_active and entry.next_review_due is not None
            and entry.next_review_due < (today or local_today()))


def suspension_is_confirmation_overdue(entry: Suspension, *, today: dt.date | None = None) -> bool:
    return (entry.is_active and entry.confirmed_at is None and entry.confirmation_due is not None
            and entry.confirmation_due < (today or local_today()))


def suspension_rules() -> QuerySet[SuspensionRule]:
    return SuspensionRule.objects.order_by("code")


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def suspension_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """The person's suspensions and restricted-duties placements, ended ones included, as the
    user may see them under SuspensionPolicy (patterns, issue 5). One query."""
    entries = []
    # Only the columns the entry shows: the register's joins triple the SQL to compile.
    visible = person_suspensions_visible_to(user=user, person_id=person_id).select_related(
        None).only("id", "kind", "decided_at", "matter_ref", "restriction_type", "ended_on",
                   "end_reason")
    url = reverse("suspensions:detail", args=[0]).replace("/0/", "/{}/")
    for entry in visible:
        if entry.kind == Kind.RESTRICTED:
            title = f"Restricted duties: {entry.get_restriction_type_display()}"
        else:
            title = "Suspended (PCR reg 11)"
        if entry.ended_on is None:
            status = "active"
        else:
            status = f"ended {entry.ended_on:%d %b %Y}: {entry.get_end_reason_display().lower()}"
        entries.append(HistoryEntry(
            occurred_at=entry.decided_at, kind="suspension", ref=f"suspension:{entry.pk}",
            title=f"{title}, under {entry.matter_ref}", status=status,
            url=url.format(entry.pk),
            closed_at=_day_start(entry.ended_on) if entry.ended_on else None,
        ))
    return entries


def insight_suspension_facts(*, decided_from: dt.datetime | None = None,
                             decided_to: dt.datetime | None = None) -> QuerySet[Suspension, Any]:
    """Every suspension and restriction as a plain row (id, person_id, matter_ref, kind,
    decided_at, ended_on) for statistics. Not filtered by a reader: statistics are system
    work; whoever lists the entries behind a figure reads them through the register's policy."""
    queryset = Suspension.objects.all()
    if decided_from is not None:
        queryset = queryset.filter(decided_at__gte=decided_from)
    if decided_to is not None:
        queryset = queryset.filter(decided_at__lt=decided_to)
    return queryset.values("id", "person_id", "matter_ref", "kind", "decided_at",
                           "ended_on").order_by("id")


def insight_source_stamp() -> dict[str, Any]:
    """How many register entries there are and the highest id."""
    from django.db.models import Count, Max

    entries = Suspension.objects.aggregate(n=Count("id"), max_id=Max("id"))
    return {"suspensions": entries["n"], "suspensions_max_id": entries["max_id"]}
