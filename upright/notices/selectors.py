"""Reads of notices and timeliness reports, every one through the permission policies."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from upright.notices.choices import TimelinessStatus
from upright.notices.models import Notice, TimelinessReport
from upright.notices.permissions import (
    access_notice,
    access_timeliness_report,
    notice_policy,
    timeliness_policy,
)
from upright.notices.services.notices import html_digest


def notice_list_visible_to(*, user: Any, matter_ref: str | None = None) -> QuerySet[Notice]:
    queryset = Notice.objects.select_related("person", "issued_by").order_by("-issued_at", "-id")
    if matter_ref:
        queryset = queryset.filter(matter_ref=matter_ref.strip())
    return notice_policy.instances_user_can_see(user=user, queryset=queryset)


def notice_get(*, user: Any, notice_id: int) -> Notice:
    """The notice if `user` may see it; NotFound otherwise."""
    return access_notice(user=user, notice_id=notice_id)


def notice_is_intact(*, notice: Notice) -> bool:
    """Whether the stored document still matches the digest taken when it was issued."""
    return html_digest(notice.html) == notice.html_sha256


def notice_withholdings(*, notice: Notice) -> QuerySet[Any]:
    return notice.withholdings.select_related("disclosure").order_by("id")


def timeliness_report_list_visible_to(*, user: Any, matter_ref: str | None = None
                                      ) -> QuerySet[TimelinessReport]:
    queryset = TimelinessReport.objects.order_by("due_date", "id")
    if matter_ref:
        queryset = queryset.filter(matter_ref=matter_ref.strip())
    return timeliness_policy.instances_user_can_see(user=user, queryset=queryset)


def timeliness_report_get(*, user: Any, report_id: int) -> TimelinessReport:
    return access_timeliness_report(user=user, report_id=report_id)


def timeliness_reports_delivered(*, matter_refs: set[str]) -> set[tuple[str, dt.date]]:
    """(matter reference, due date) of every timeliness report sent, or lawfully not sent under
    the prejudice exemption, for these matters. For the conduct deadlines job: no user reads
    report content through it."""
    rows = TimelinessReport.objects.filter(
        matter_ref__in=matter_refs, status__in=[TimelinessStatus.SENT, TimelinessStatus.EXEMPT]
    ).values_list("matter_ref", "due_date")
    return set(rows)
