import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from freezegun import freeze_time

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.models import Allegation, AllegationCategory, Deadline, Matter, MatterStatusChange
from upright.conduct.services import AllegationInput, matter_record, regime_for
from upright.conduct.tests.factories import matter_new, person_new
from upright.core.exceptions import ActionForbidden, ValidationFailed

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def test_record_creates_matter_allegations_history_deadlines_and_one_audit_event(assessor: Any) -> None:
    subject = person_new()
    matter = matter_record(
        actor=assessor, kind="complaint", summary="Rude.",
        came_to_attention_at=timezone.now() - dt.timedelta(hours=1),
        allegations=[AllegationInput(subject.id, "authority_respect_courtesy", "G1", "Swore")],
        source_report_reference="R-1",
    )
    assert matter.reference.startswith("M-")
    assert matter.status == "initial_handling"  # a complaint: P1 (Sch 3 para 2(6A))
    assert matter.version == 1
    assert Allegation.objects.filter(matter=matter, subject=subject).count() == 1
    change = MatterStatusChange.objects.get(matter=matter)
    assert (change.from_status, change.to_status, change.action) == (
        "allegation_received", "initial_handling", "record")
    # the referral decision falls due only once it is recorded under Schedule 3
    assert set(Deadline.objects.filter(matter=matter).values_list("code", flat=True)) == {
        "timeliness_report"}
    events = AuditEvent.objects.filter(matter_ref=matter.reference)
    assert list(events.values_list("action", flat=True)) == ["conduct.matter.recorded"]


@pytest.mark.parametrize(("payload", "field"), [
    ({"allegations": []}, "allegations"),
    ({"summary": "  "}, "summary"),
    ({"summary": "x" * 20001}, "summary"),
    ({"kind": "gossip"}, "kind"),
])
def test_record_validation(assessor: Any, payload: Any, field: Any) -> None:
    subject = person_new()
    kwargs = {"actor": assessor, "kind": "conduct_matter", "summary": "S",
              "came_to_attention_at": timezone.now(),
              "allegations": [AllegationInput(subject.id, "use_of_force", "A1")], **payload}
    with pytest.raises(ValidationFailed) as caught:
        matter_record(**kwargs)
    assert field in caught.value.extra["fields"]
    assert Matter.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_record_validates_each_allegation(assessor: Any) -> None:
    AllegationCategory.objects.filter(code="L1").update(active=False)
    with pytest.raises(ValidationFailed) as caught:
        matter_record(actor=assessor, kind="conduct_matter", summary="S",
                      came_to_attention_at=timezone.now(),
                      allegations=[AllegationInput(999999, "nonsense", "L1")])
    assert caught.value.extra["fields"]["allegations[0]"] == {
        "subject_id": "No such person.",
        "standard": "Not one of the Standards of Professional Behaviour.",
        "category_code": "No such active allegation category.",
    }
    assert Matter.objects.count() == 0


def test_record_refuses_future_attention_date(assessor: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        matter_new(actor=assessor, came_to_attention_at=timezone.now() + dt.timedelta(days=1))
    assert "came_to_attention_at" in caught.value.extra["fields"]


@pytest.mark.parametrize("role", [Role.STAFF, Role.INVESTIGATOR, Role.ANALYST, Role.OVERSIGHT])
def test_record_needs_record_permission(make_user: Any, role: Any) -> None:
    with pytest.raises(ActionForbidden):
        matter_new(actor=make_user(role))
    assert Matter.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(("when", "regime"), [
    (dt.datetime(2020, 1, 31, 23, 30, tzinfo=LONDON), "2012"),
    (dt.datetime(2020, 2, 1, 0, 0, tzinfo=LONDON), "2020"),
    (dt.datetime(2025, 5, 27, 23, 59, tzinfo=LONDON), "2020"),
    # 23:30 UTC on 27 May is 00:30 on 28 May in London (BST): the London day decides.
    (dt.datetime(2025, 5, 27, 23, 30, tzinfo=dt.UTC), "2020_amended_2025"),
    (dt.datetime(2025, 5, 28, 9, 0, tzinfo=LONDON), "2020_amended_2025"),
])
def test_regime_for(when: Any, regime: Any) -> None:
    assert regime_for(when) == regime


def test_timeliness_report_due_at_twelve_months(assessor: Any) -> None:
    matter = matter_new(actor=assessor,
                        came_to_attention_at=dt.datetime(2024, 3, 15, 10, tzinfo=LONDON))
    deadline = Deadline.objects.get(matter=matter, code="timeliness_report")
    assert deadline.trigger_date == dt.date(2024, 3, 15)
    assert deadline.due_date == dt.date(2025, 3, 15)
    assert deadline.legal_basis == "PCR 2020 reg 19 / CMR 2020 reg 13"
    assert deadline.verified is True


@freeze_time("2025-08-22 15:00:00+01:00")  # Friday before the August bank holiday (25 Aug)
def test_referral_deadline_is_one_working_day_across_a_bank_holiday(assessor: Any) -> None:
    matter = matter_new(actor=assessor)
    deadline = Deadline.objects.get(matter=matter, code="iopc_referral")
    assert deadline.trigger_date == dt.date(2025, 8, 22)
    assert deadline.due_date == dt.date(2025, 8, 26)  # Sat, Sun, bank holiday Monday skipped
    assert deadline.verified is False
