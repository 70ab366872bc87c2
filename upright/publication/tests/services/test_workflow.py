import datetime as dt
from typing import Any

import pytest
from freezegun import freeze_time

from upright.access.roles import Role
from upright.core.exceptions import (
    ActionForbidden,
    Conflict,
    NotFound,
    StaleVersion,
    TransitionNotAllowed,
    ValidationFailed,
)
from upright.publication.models import PublicationItem
from upright.publication.services import (
    publication_item_approve,
    publication_item_directions_record,
    publication_item_publish,
    publication_item_review,
    publication_item_withdraw,
    publication_items_expire,
)
from upright.publication.tests.factories import (
    aa,
    audit_count,
    notice_new,
    outcome_new,
    published,
    reviewed,
)

pytestmark = pytest.mark.django_db
IN_WINDOW = "2025-03-13 10:00:00+00:00"  # concluded Mon 3 Mar 2025: window 12 to 19 Mar


def _unchanged(item: PublicationItem, *, events: int) -> None:
    fresh = PublicationItem.objects.get(pk=item.pk)
    assert (fresh.status, fresh.version) == (item.status, item.version)
    assert audit_count(object_id=str(item.pk), object_type="publication.publicationitem") == events


@freeze_time(IN_WINDOW)
def test_review_approve_publish_sets_display_periods() -> None:
    actor = aa()
    item = outcome_new(actor=actor)
    assert (item.publish_window_start, item.publish_window_end) == (
        dt.date(2025, 3, 12), dt.date(2025, 3, 19))
    item = published(item, actor=actor)
    assert (item.status, item.version, item.publish_override_reason) == ("published", 4, "")
    assert item.published_at == dt.datetime(2025, 3, 13, 10, tzinfo=dt.UTC)
    assert item.min_display_until == dt.datetime(2025, 4, 10, 10, tzinfo=dt.UTC)
    assert item.expires_at == dt.datetime(2025, 4, 10, 10, tzinfo=dt.UTC)
    assert [audit_count(a) for a in ("publication.item.reviewed", "publication.item.approved",
                                     "publication.item.published")] == [1, 1, 1]


@freeze_time(IN_WINDOW)
def test_cannot_publish_before_review_and_approval() -> None:
    actor = aa()
    item = outcome_new(actor=actor)
    with pytest.raises(TransitionNotAllowed) as exc:
        publication_item_publish(actor=actor, item_id=item.pk)
    assert exc.value.extra == {"status": "draft", "allowed_actions": [
        "directions", "review", "withdraw"]}
    reviewed(item, actor=actor)
    item.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):
        publication_item_publish(actor=actor, item_id=item.pk)
    _unchanged(item, events=2)


@freeze_time(IN_WINDOW)
def test_review_requires_every_public_text_of_an_outcome() -> None:
    item = outcome_new()
    with pytest.raises(ValidationFailed) as exc:
        publication_item_review(actor=aa(), item_id=item.pk, public_summary="S")
    assert exc.value.extra == {"fields": {"public_finding": "This field is required.",
                                          "public_action": "This field is required."}}
    _unchanged(item, events=1)


def test_publish_outside_window_needs_a_reason() -> None:
    actor = aa()
    with freeze_time("2025-03-05 10:00:00+00:00"):
        item = outcome_new(actor=actor)
        reviewed(item, actor=actor)
        item = publication_item_approve(actor=actor, item_id=item.pk)
        with pytest.raises(ValidationFailed) as exc:
            publication_item_publish(actor=actor, item_id=item.pk)
        assert exc.value.extra["fields"] == {
            "override_reason": "Required outside the publication window."}
        _unchanged(item, events=3)
        item = publication_item_publish(actor=actor, item_id=item.pk,
                                        override_reason="Chair asked for early publication.")
    assert (item.status, item.publish_override_reason) == (
        "published", "Chair asked for early publication.")


def test_hearing_notice_cannot_be_published_after_the_hearing() -> None:
    actor = aa()
    with freeze_time("2025-04-14 10:00:00+01:00"):
        item = notice_new(actor=actor, hearing_date=dt.date(2025, 5, 6))
        reviewed(item, actor=actor)
        item = publication_item_approve(actor=actor, item_id=item.pk)
    with freeze_time("2025-05-07 09:00:00+01:00"), pytest.raises(Conflict) as exc:
        publication_item_publish(actor=actor, item_id=item.pk, override_reason="Late.")
    assert exc.value.message == ("The hearing has taken place; its notice can no longer be "
                                 "published.")
    _unchanged(item, events=3)


def test_hearing_notice_displays_until_the_end_of_the_hearing_day() -> None:
    actor = aa()
    with freeze_time("2025-04-14 10:00:00+01:00"):
        item = published(notice_new(actor=actor, hearing_date=dt.date(2025, 5, 6)), actor=actor)
    london_midnight = dt.datetime(2025, 5, 6, 23, tzinfo=dt.UTC)
    assert (item.min_display_until, item.expires_at) == (london_midnight, london_midnight)
    assert publication_items_expire(now=london_midnight - dt.timedelta(seconds=1)) == 0
    assert publication_items_expire(now=london_midnight) == 1
    item.refresh_from_db()
    assert (item.status, item.expired_at) == ("expired", london_midnight)
    assert audit_count("publication.item.expired") == 1


def test_withdrawal_before_28_days_needs_a_direction() -> None:
    actor = aa()
    with freeze_time(IN_WINDOW):
        item = published(outcome_new(actor=actor), actor=actor)
    with freeze_time("2025-04-10 09:59:59+00:00"), pytest.raises(Conflict) as exc:
        publication_item_withdraw(actor=actor, item_id=item.pk, reason="Officer asked.")
    assert exc.value.extra["fields"] == {
        "direction": "Required before the minimum display period ends."}
    _unchanged(item, events=4)
    with freeze_time("2025-04-10 10:00:00+00:00"):
        item = publication_item_withdraw(actor=actor, item_id=item.pk, reason="Period over.")
    assert (item.status, item.withdrawal_reason, item.withdrawal_direction) == (
        "withdrawn", "Period over.", "")
    assert audit_count("publication.item.withdrawn") == 1


@freeze_time(IN_WINDOW)
def test_early_withdrawal_with_a_recorded_direction() -> None:
    actor = aa()
    item = published(outcome_new(actor=actor), actor=actor)
    item = publication_item_withdraw(actor=actor, item_id=item.pk, reason="Appeal allowed.",
                                     direction="PAT direction of 12 March 2025")
    assert (item.status, item.withdrawal_direction) == (
        "withdrawn", "PAT direction of 12 March 2025")


@freeze_time(IN_WINDOW)
def test_restriction_blocks_publication_and_sends_approved_item_back_to_review() -> None:
    actor = aa()
    item = outcome_new(actor=actor)
    reviewed(item, actor=actor)
    publication_item_approve(actor=actor, item_id=item.pk)
    item = publication_item_directions_record(actor=actor, item_id=item.pk,
                                              officer_not_named=True, other_names_withheld=True,
                                              restricted=True, notes="s.39(3) direction")
    assert (item.status, item.approved_by, item.restricted) == ("redaction_review", None, True)
    item = publication_item_approve(actor=actor, item_id=item.pk)
    with pytest.raises(Conflict) as exc:
        publication_item_publish(actor=actor, item_id=item.pk)
    assert exc.value.extra == {"restricted": True}
    _unchanged(item, events=5)


@freeze_time(IN_WINDOW)
def test_stale_version_refused() -> None:
    actor = aa()
    item = outcome_new(actor=actor)
    with pytest.raises(StaleVersion):
        publication_item_review(actor=actor, item_id=item.pk, public_summary="S",
                                public_finding="F", public_action="A", expected_version=7)
    _unchanged(item, events=1)


@freeze_time(IN_WINDOW)
@pytest.mark.parametrize(("role", "verb"), [
    (Role.ASSESSOR, "approve"), (Role.ASSESSOR, "publish"), (Role.ASSESSOR, "withdraw"),
    (Role.INVESTIGATOR, "review"), (Role.PANEL, "review"), (Role.STAFF, "approve"),
])
def test_denied_actions_change_nothing_and_write_no_audit(make_user: Any, role: str,
                                                          verb: str) -> None:
    owner = aa()
    item = outcome_new(actor=owner)
    if verb in ("approve", "publish", "withdraw"):
        reviewed(item, actor=owner)
    if verb in ("publish", "withdraw"):
        publication_item_approve(actor=owner, item_id=item.pk)
    item.refresh_from_db()
    events = audit_count(object_id=str(item.pk))
    calls: dict[str, Any] = {
        "review": lambda u: reviewed(item, actor=u),
        "approve": lambda u: publication_item_approve(actor=u, item_id=item.pk),
        "publish": lambda u: publication_item_publish(actor=u, item_id=item.pk),
        "withdraw": lambda u: publication_item_withdraw(actor=u, item_id=item.pk, reason="R"),
    }
    with pytest.raises(ActionForbidden):
        calls[verb](make_user(role))
    _unchanged(item, events=events)


@freeze_time(IN_WINDOW)
def test_subject_of_the_item_cannot_act_on_it(make_user: Any) -> None:
    item = outcome_new()
    subject_aa = make_user(Role.APPROPRIATE_AUTHORITY, person=item.person)
    with pytest.raises(NotFound):
        reviewed(item, actor=subject_aa)
    _unchanged(item, events=1)
