import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, Conflict, ValidationFailed
from upright.notices.choices import NoticeKind
from upright.notices.models import Notice, ServiceRule
from upright.notices.services import notice_issue, notice_serve
from upright.notices.tests.factories import context_for, person_new

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _issue(actor, **context):
    notice = notice_issue(actor=actor, kind=NoticeKind.REG17, matter_ref="M-1",
                          person_id=person_new().pk,
                          context=context_for(NoticeKind.REG17, **context))
    # Issued well before any service time a test uses.
    Notice.objects.filter(pk=notice.pk).update(issued_at=dt.datetime(2025, 1, 1, tzinfo=LONDON))
    notice.refresh_from_db()
    return notice


def _at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, 0, tzinfo=LONDON)


def test_seeded_rules():
    assert sorted(ServiceRule.objects.values_list("method", "working_days", "verified")) == [
        ("email", 1, False), ("hand", 0, False), ("oral_then_written", 0, False),
        ("post", 2, False)]


@freeze_time("2025-08-20 09:00:00")
def test_hand_service_is_deemed_at_once(investigator):
    notice = _issue(investigator, regime="2020_amended_2025")

    served = notice_serve(actor=investigator, notice_id=notice.pk, method="hand",
                          served_at=_at(2025, 8, 20))

    assert served.deemed_served_at == _at(2025, 8, 20)
    assert served.service_method == "hand"


@freeze_time("2025-08-29 12:00:00")
def test_email_on_friday_before_a_bank_holiday_is_deemed_served_on_tuesday(investigator):
    # Friday 22 Aug 2025; Monday 25 Aug 2025 is the summer bank holiday.
    notice = _issue(investigator, regime="2020_amended_2025")

    served = notice_serve(actor=investigator, notice_id=notice.pk, method="email",
                          served_at=_at(2025, 8, 22, 16))

    assert served.deemed_served_at == _at(2025, 8, 26, 0)


@freeze_time("2025-08-29 12:00:00")
def test_post_on_thursday_is_deemed_served_on_the_second_working_day(investigator):
    # Thursday 21 Aug: Friday 22 is the first working day, Tuesday 26 (after the weekend and
    # the bank holiday) the second.
    notice = _issue(investigator)

    served = notice_serve(actor=investigator, notice_id=notice.pk, method="post",
                          served_at=_at(2025, 8, 21))

    assert served.deemed_served_at == _at(2025, 8, 26, 0)


@freeze_time("2025-08-29 12:00:00")
def test_rule_table_is_data(investigator):
    ServiceRule.objects.filter(method="post").update(working_days=5)
    notice = _issue(investigator)

    served = notice_serve(actor=investigator, notice_id=notice.pk, method="post",
                          served_at=_at(2025, 8, 21))

    assert served.deemed_served_at == _at(2025, 8, 29, 0)


@freeze_time("2025-05-20 12:00:00")
def test_email_refused_before_28_may_2025(investigator):
    notice = _issue(investigator, email_service_allowed=True)

    with pytest.raises(ValidationFailed) as caught:
        notice_serve(actor=investigator, notice_id=notice.pk, method="email",
                     served_at=_at(2025, 5, 20))

    assert list(caught.value.extra["fields"]) == ["method"]
    notice.refresh_from_db()
    assert notice.served_at is None
    assert AuditEvent.objects.filter(action="notices.notice.served").count() == 0


@freeze_time("2025-07-01 12:00:00")
@pytest.mark.parametrize("context", [{"regime": "2020"}, {"came_to_attention": "2025-05-27"},
                                     {}, {"email_service_allowed": False}])
def test_email_refused_for_a_matter_under_the_earlier_regime(investigator, context):
    notice = _issue(investigator, **context)

    with pytest.raises(ValidationFailed) as caught:
        notice_serve(actor=investigator, notice_id=notice.pk, method="email",
                     served_at=_at(2025, 7, 1))

    assert list(caught.value.extra["fields"]) == ["method"]
    assert notice.email_service_allowed is False


@freeze_time("2025-07-01 12:00:00")
def test_email_allowed_for_a_matter_from_28_may_2025(investigator):
    notice = _issue(investigator, came_to_attention="2025-05-28")

    served = notice_serve(actor=investigator, notice_id=notice.pk, method="email",
                          served_at=_at(2025, 7, 1))

    assert served.deemed_served_at == _at(2025, 7, 2, 0)


@freeze_time("2025-07-01 12:00:00")
def test_service_before_issue_is_refused(investigator):
    notice = _issue(investigator)

    with pytest.raises(ValidationFailed) as caught:
        notice_serve(actor=investigator, notice_id=notice.pk, method="hand",
                     served_at=_at(2024, 12, 31))

    assert list(caught.value.extra["fields"]) == ["served_at"]


@freeze_time("2025-07-01 12:00:00")
def test_a_notice_is_served_once(investigator):
    notice = _issue(investigator)
    notice_serve(actor=investigator, notice_id=notice.pk, method="hand",
                 served_at=_at(2025, 7, 1))

    with pytest.raises(Conflict):
        notice_serve(actor=investigator, notice_id=notice.pk, method="post",
                     served_at=_at(2025, 7, 1))

    assert AuditEvent.objects.filter(action="notices.notice.served").count() == 1


@freeze_time("2025-07-01 12:00:00")
def test_oral_service_only_for_suspension(investigator):
    notice = _issue(investigator)

    with pytest.raises(ValidationFailed) as caught:
        notice_serve(actor=investigator, notice_id=notice.pk, method="oral_then_written",
                     served_at=_at(2025, 7, 1))

    assert list(caught.value.extra["fields"]) == ["method"]


@freeze_time("2025-07-01 12:00:00")
def test_naive_or_future_times_are_refused(investigator):
    notice = _issue(investigator)

    for served_at in (dt.datetime(2025, 7, 1, 10), _at(2025, 7, 2)):  # noqa: DTZ001
        with pytest.raises(ValidationFailed) as caught:
            notice_serve(actor=investigator, notice_id=notice.pk, method="hand",
                         served_at=served_at)
        assert list(caught.value.extra["fields"]) == ["served_at"]


@freeze_time("2025-07-01 12:00:00")
@pytest.mark.parametrize("role", [Role.STAFF, Role.OVERSIGHT, Role.PANEL, Role.AUDITOR])
def test_denied_serve_changes_nothing(make_user, investigator, role):
    notice = _issue(investigator)
    before = AuditEvent.objects.count()

    with pytest.raises(ActionForbidden):
        notice_serve(actor=make_user(role), notice_id=notice.pk, method="hand",
                     served_at=_at(2025, 7, 1))

    notice.refresh_from_db()
    assert (notice.served_at, notice.service_method, notice.deemed_served_at) == (None, "", None)
    assert AuditEvent.objects.count() == before
