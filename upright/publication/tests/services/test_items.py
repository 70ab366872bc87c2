import datetime as dt
from typing import Any

import pytest
from freezegun import freeze_time

from upright.access.roles import Role
from upright.core.exceptions import ActionForbidden, ValidationFailed
from upright.publication.models import PublicationItem, PublicationRule
from upright.publication.services import hearing_notice_prepare, outcome_publication_prepare
from upright.publication.tests.factories import aa, audit_count, notice_new, outcome_new, person_new

pytestmark = pytest.mark.django_db


@freeze_time("2025-04-25 10:00:00+01:00")
def test_outcome_window_runs_7th_to_12th_working_day_across_easter_and_may_day() -> None:
    # Concluded Thu 17 Apr 2025: Good Friday, Easter Monday and 5 May are bank holidays.
    item = outcome_new(concluded_on=dt.date(2025, 4, 17))
    assert (item.publish_window_start, item.publish_window_end) == (
        dt.date(2025, 4, 30), dt.date(2025, 5, 8))
    assert (item.status, item.kind, item.version) == ("draft", "outcome", 1)
    assert audit_count("publication.item.prepared", object_id=str(item.pk)) == 1


@freeze_time("2025-04-25 10:00:00+01:00")
def test_outcome_window_follows_the_configured_rule() -> None:
    PublicationRule.objects.filter(code="outcome_window_end").update(amount=15)
    item = outcome_new(concluded_on=dt.date(2025, 4, 17))
    assert item.publish_window_end == dt.date(2025, 5, 13)


@freeze_time("2025-04-14 10:00:00+01:00")
def test_hearing_notice_window_ends_five_working_days_before_the_hearing() -> None:
    # Hearing Tue 6 May 2025: 29 Apr, 30 Apr, 1 May, 2 May and 6 May are the five working days.
    item = notice_new(hearing_date=dt.date(2025, 5, 6))
    assert (item.publish_window_start, item.publish_window_end) == (
        dt.date(2025, 4, 14), dt.date(2025, 4, 28))


@freeze_time("2025-12-01 10:00:00+00:00")
def test_hearing_notice_lead_time_skips_christmas_and_new_year() -> None:
    item = notice_new(hearing_date=dt.date(2026, 1, 2))
    assert item.publish_window_end == dt.date(2025, 12, 23)


@freeze_time("2025-04-30 10:00:00+01:00")
def test_late_notice_window_starts_at_its_end_and_amh_notice_has_no_lead_time() -> None:
    late = notice_new(hearing_date=dt.date(2025, 5, 6), matter_ref="M-LATE")
    amh = notice_new(hearing_date=dt.date(2025, 5, 6), accelerated=True, matter_ref="M-AMH")
    assert (late.publish_window_start, late.publish_window_end) == (
        dt.date(2025, 4, 28), dt.date(2025, 4, 28))
    assert (amh.publish_window_start, amh.publish_window_end) == (
        dt.date(2025, 4, 30), dt.date(2025, 5, 5))


@freeze_time("2025-04-14 10:00:00+01:00")
def test_prepare_is_idempotent_and_refreshes_only_a_draft() -> None:
    actor, person = aa(), person_new(forenames="Jane", surname="Doe", rank_or_grade="PS")
    first = notice_new(actor=actor, person=person, hearing_date=dt.date(2025, 5, 6))
    again = notice_new(actor=actor, person=person, hearing_date=dt.date(2025, 5, 6))
    moved = notice_new(actor=actor, person=person, hearing_date=dt.date(2025, 5, 7))
    assert first.pk == again.pk == moved.pk
    assert (moved.hearing_date, moved.version, moved.officer_name, moved.officer_rank) == (
        dt.date(2025, 5, 7), 2, "Jane Doe", "Sergeant")
    assert PublicationItem.objects.count() == 1
    assert audit_count("publication.item.prepared") == 1
    assert audit_count("publication.item.refreshed") == 1


@freeze_time("2025-04-14 10:00:00+01:00")
def test_prepare_names_each_bad_field_and_writes_nothing() -> None:
    with pytest.raises(ValidationFailed) as exc:
        hearing_notice_prepare(actor=aa(), matter_ref=" ", person_id=person_new().pk,
                               hearing_date=dt.date(2025, 5, 6), venue="",
                               conduct_summary="x")
    assert exc.value.extra == {"fields": {"matter_ref": "This field is required.",
                                          "venue": "This field is required."}}
    with pytest.raises(ValidationFailed) as exc:
        notice_new(hearing_date=dt.date(2025, 4, 11))
    assert exc.value.extra == {"fields": {"hearing_date": "The hearing date has passed."}}
    with pytest.raises(ValidationFailed) as exc:
        outcome_publication_prepare(actor=aa(), matter_ref="M-1", person_id=999_999,
                                    concluded_on=dt.date(2025, 4, 1), conduct_summary="c",
                                    finding="f", disciplinary_action="d")
    assert exc.value.extra == {"fields": {"person_id": "No such person."}}
    assert PublicationItem.objects.count() == 0
    assert audit_count() == 0


@freeze_time("2025-04-14 10:00:00+01:00")
@pytest.mark.parametrize("role", [Role.STAFF, Role.INVESTIGATOR, Role.AUDITOR, Role.OVERSIGHT])
def test_prepare_refused_for_roles_without_permission(make_user: Any, role: str) -> None:
    with pytest.raises(ActionForbidden):
        notice_new(actor=make_user(role), hearing_date=dt.date(2025, 5, 6))
    assert PublicationItem.objects.count() == 0
    assert audit_count() == 0


@freeze_time("2025-04-14 10:00:00+01:00")
def test_system_may_prepare() -> None:
    item = hearing_notice_prepare(actor=None, matter_ref="M-SYS", person_id=person_new().pk,
                                  hearing_date=dt.date(2025, 5, 6), venue="V",
                                  conduct_summary="C")
    assert item.status == "draft"
