"""Redaction review, the chair's directions, approval, publication, withdrawal and expiry.

Each verb: permission, lock, state-table check, guards, write, audit, in one transaction. A
refused action changes nothing and writes no audit event.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import ActionForbidden, Conflict, ValidationFailed
from upright.publication import audit_events as events
from upright.publication.models import PublicationItem, PublicationKind
from upright.publication.models import PublicationStatus as S
from upright.publication.permissions import PUBLISH, REVIEW, item_require, publication_perm_has
from upright.publication.services._common import action_check, item_lock, text_check
from upright.publication.services.rules import OUTCOME_DISPLAY, OUTCOME_MIN_DISPLAY, rule_days


def _save(item: PublicationItem, fields: list[str]) -> None:
    item.version += 1
    item.save(update_fields=[*fields, "version", "updated_at"])


def publication_item_directions_record(
    *, actor: Any, item_id: int, officer_not_named: bool, other_names_withheld: bool,
    restricted: bool, notes: str = "", expected_version: int | None = None,
) -> PublicationItem:
    """Record the chair's directions (reg 39(3); AMH reg 62(8)-(9)) on naming the officer and
    others, and any national-security direction or prohibition on publication (`restricted`).
    An approved item goes back for review, since what the public would see has changed."""
    text = text_check({"notes": notes}, limits={"notes": 4000})
    with transaction.atomic():
        item = item_lock(item_id=item_id)
        item_require(user=actor, item=item, perm=REVIEW)
        action_check(item=item, action="directions", expected_version=expected_version)
        old = {"officer_not_named": item.officer_not_named, "restricted": item.restricted,
               "other_names_withheld": item.other_names_withheld}
        item.officer_not_named = bool(officer_not_named)
        item.other_names_withheld = bool(other_names_withheld)
        item.restricted = bool(restricted)
        item.direction_notes = text["notes"]
        fields = ["officer_not_named", "other_names_withheld", "restricted", "direction_notes"]
        if item.status == S.APPROVED:
            item.status, item.approved_by, item.approved_at = S.REDACTION_REVIEW, None, None
            fields += ["status", "approved_by", "approved_at"]
        _save(item, fields)
        audit_record(action=events.ITEM_DIRECTIONS, actor=actor, target=item,
                     matter_ref=item.matter_ref, extra={"old": old, "new": {
                         "officer_not_named": item.officer_not_named,
                         "other_names_withheld": item.other_names_withheld,
                         "restricted": item.restricted}, "status": item.status})
    return item


def publication_item_review(
    *, actor: Any, item_id: int, public_summary: str, public_finding: str = "",
    public_action: str = "", notes: str = "", expected_version: int | None = None,
) -> PublicationItem:
    """Record the redaction review: the exact text the public will see. Reviewing again
    (including after approval) replaces it and needs a fresh approval."""
    with transaction.atomic():
        item = item_lock(item_id=item_id)
        item_require(user=actor, item=item, perm=REVIEW)
        action_check(item=item, action="review", expected_version=expected_version)
        required: tuple[str, ...] = ("public_summary",)
        if item.kind == PublicationKind.OUTCOME:
            required += ("public_finding", "public_action")
        text = text_check({"public_summary": public_summary, "public_finding": public_finding,
                           "public_action": public_action, "notes": notes}, required=required,
                          limits={"notes": 4000})
        item.public_summary = text["public_summary"]
        item.public_finding = text["public_finding"]
        item.public_action = text["public_action"]
        item.review_notes = text["notes"]
        item.reviewer, item.reviewed_at = actor, timezone_now()
        item.status, item.approved_by, item.approved_at = S.REDACTION_REVIEW, None, None
        _save(item, ["public_summary", "public_finding", "public_action", "review_notes",
                     "reviewer", "reviewed_at", "status", "approved_by", "approved_at"])
        audit_record(action=events.ITEM_REVIEWED, actor=actor, target=item,
                     matter_ref=item.matter_ref, extra={"notes": item.review_notes})
    return item


def publication_item_approve(*, actor: Any, item_id: int,
                             expected_version: int | None = None) -> PublicationItem:
    """The appropriate authority approves the reviewed text for publication."""
    with transaction.atomic():
        item = item_lock(item_id=item_id)
        item_require(user=actor, item=item, perm=PUBLISH)
        action_check(item=item, action="approve", expected_version=expected_version)
        item.status, item.approved_by, item.approved_at = S.APPROVED, actor, timezone_now()
        _save(item, ["status", "approved_by", "approved_at"])
        audit_record(action=events.ITEM_APPROVED, actor=actor, target=item,
                     matter_ref=item.matter_ref)
    return item


def _day_end(day: dt.date) -> dt.datetime:
    """Midnight at the end of `day` in Europe/London."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def _publish_guard(*, item: PublicationItem, today: dt.date, override_reason: str) -> None:
    if item.restricted:
        raise Conflict("A direction of the chair or the Secretary of State prohibits "
                       "publishing this item.", {"restricted": True})
    if item.kind == PublicationKind.HEARING_NOTICE and item.hearing_date is not None \
            and today > item.hearing_date:
        # A notice of a hearing that has taken place informs nobody (reg 36).
        raise Conflict("The hearing has taken place; its notice can no longer be published.",
                       {"hearing_date": item.hearing_date})
    outside = not item.publish_window_start <= today <= item.publish_window_end
    if outside and not override_reason:
        raise ValidationFailed(
            f"Today is outside the publication window ({item.publish_window_start} to "
            f"{item.publish_window_end}); give a reason to publish anyway.",
            {"fields": {"override_reason": "Required outside the publication window."},
             "window": [item.publish_window_start, item.publish_window_end]})


def publication_item_publish(*, actor: Any, item_id: int, override_reason: str = "",
                             expected_version: int | None = None) -> PublicationItem:
    """Put an approved item on the public site. Refused while a restriction stands, for a
    hearing notice once the hearing date has passed, and outside the window unless a reason
    is given. Outcomes stay up at least the configured minimum (28 days); notices until the
    end of the hearing day."""
    text = text_check({"override_reason": override_reason},
                      limits={"override_reason": 2000})
    with transaction.atomic():
        item = item_lock(item_id=item_id)
        item_require(user=actor, item=item, perm=PUBLISH)
        action_check(item=item, action="publish", expected_version=expected_version)
        now, today = timezone_now(), local_today()
        _publish_guard(item=item, today=today, override_reason=text["override_reason"])
        outside = not item.publish_window_start <= today <= item.publish_window_end
        item.status, item.published_at, item.published_by = S.PUBLISHED, now, actor
        item.publish_override_reason = text["override_reason"] if outside else ""
        if item.kind == PublicationKind.OUTCOME:
            minimum = rule_days(code=OUTCOME_MIN_DISPLAY)
            item.min_display_until = now + minimum
            item.expires_at = now + max(minimum, rule_days(code=OUTCOME_DISPLAY))
        else:
            assert item.hearing_date is not None  # noqa: S101  (a database constraint)
            item.min_display_until = item.expires_at = _day_end(item.hearing_date)
        _save(item, ["status", "published_at", "published_by", "publish_override_reason",
                     "min_display_until", "expires_at"])
        audit_record(action=events.ITEM_PUBLISHED, actor=actor, target=item,
                     matter_ref=item.matter_ref, extra={
                         "override_reason": item.publish_override_reason,
                         "min_display_until": item.min_display_until,
                         "expires_at": item.expires_at})
    return item


def publication_item_withdraw(*, actor: Any, item_id: int, reason: str, direction: str = "",
                              expected_version: int | None = None) -> PublicationItem:
    """Take an item down (or abandon it before publication). A published item must stay up
    until min_display_until unless a chair's or court's `direction` is recorded."""
    text = text_check({"reason": reason, "direction": direction}, required=("reason",),
                      limits={"reason": 2000, "direction": 2000})
    with transaction.atomic():
        item = item_lock(item_id=item_id)
        item_require(user=actor, item=item, perm=PUBLISH)
        action_check(item=item, action="withdraw", expected_version=expected_version)
        now = timezone_now()
        if (item.status == S.PUBLISHED and item.min_display_until is not None
                and now < item.min_display_until and not text["direction"]):
            raise Conflict(
                f"This item must stay published until {item.min_display_until:%d %B %Y %H:%M}"
                " unless a chair's or court's direction is recorded.",
                {"min_display_until": item.min_display_until,
                 "fields": {"direction": "Required before the minimum display period ends."}})
        old_status = item.status
        item.status, item.withdrawn_at = S.WITHDRAWN, now
        item.withdrawal_reason, item.withdrawal_direction = text["reason"], text["direction"]
        _save(item, ["status", "withdrawn_at", "withdrawal_reason", "withdrawal_direction"])
        audit_record(action=events.ITEM_WITHDRAWN, actor=actor, target=item,
                     matter_ref=item.matter_ref, extra={
                         "from_status": old_status, "reason": item.withdrawal_reason,
                         "direction": item.withdrawal_direction})
    return item


def publication_items_expire(*, actor: Any = None, now: dt.datetime | None = None) -> int:
    """Mark every published item whose display period is over as expired; returns how many.
    `actor` None is the system (the `publication_expire` command)."""
    if actor is not None and not publication_perm_has(user=actor, perm=PUBLISH):
        raise ActionForbidden(f"Your role does not allow this ({PUBLISH}).")
    now = now or timezone_now()
    due = list(PublicationItem.objects.published().filter(expires_at__lte=now)
               .values_list("id", flat=True))
    count = 0
    for item_id in due:
        with transaction.atomic():
            item = item_lock(item_id=item_id)
            if item.status != S.PUBLISHED or item.expires_at is None or item.expires_at > now:
                continue  # withdrawn or re-dated meanwhile
            item.status, item.expired_at = S.EXPIRED, now
            _save(item, ["status", "expired_at"])
            audit_record(action=events.ITEM_EXPIRED, actor=actor, target=item,
                         matter_ref=item.matter_ref, extra={"expires_at": item.expires_at})
            count += 1
    return count
