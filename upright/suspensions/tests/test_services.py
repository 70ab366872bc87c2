import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, Conflict, ValidationFailed
from upright.suspensions.models import Representation, Suspension, SuspensionReview, SuspensionRule
from upright.suspensions.selectors import (
    suspensions_confirmation_overdue_visible_to,
    suspensions_review_overdue_visible_to,
)
from upright.suspensions.services import (
    Conversion,
    Notification,
    SuspensionGrounds,
    restriction_impose,
    suspension_confirm_in_writing,
    suspension_convert,
    suspension_end,
    suspension_impose,
    suspension_representation_record,
    suspension_review,
)
from upright.suspensions.tests.factories import (
    GROUNDS,
    TERMS,
    aa,
    person_status,
    restricted,
    subject_with_matter,
    suspended,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


# ---- reg 11(4): both conditions ------------------------------------------------------------

@pytest.mark.parametrize(("grounds", "fields"), [
    (SuspensionGrounds(False, "Considered.", ("public_interest",)), ["redeployment_considered"]),
    (SuspensionGrounds(True, "", ("public_interest",)), ["redeployment_rejected_reason"]),
    (SuspensionGrounds(True, "Not appropriate.", ()), ["limbs"]),
    (SuspensionGrounds(True, "Not appropriate.", ("vibes",)), ["limbs"]),
    (SuspensionGrounds(False, "", ()),
     ["redeployment_considered", "redeployment_rejected_reason", "limbs"]),
])
def test_suspension_needs_both_reg_11_4_conditions(grounds, fields):
    officer, ref = subject_with_matter()
    actor = aa()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        suspension_impose(actor=actor, person_id=officer.id, matter_ref=ref, grounds=grounds,
                          narrative="Reasons.", notification=Notification("written"))
    assert sorted(exc.value.extra["fields"]) == sorted(fields)
    assert Suspension.objects.count() == 0
    assert person_status(officer) == "serving"
    assert AuditEvent.objects.count() == events


def test_both_limbs_may_be_relied_on():
    officer, ref = subject_with_matter()
    entry = suspension_impose(
        actor=aa(), person_id=officer.id, matter_ref=ref,
        grounds=SuspensionGrounds(True, "No post away from the witnesses.",
                                  ("prejudice_investigation", "public_interest")),
        narrative="Serious allegation.", notification=Notification("written"))
    assert entry.limbs == ["prejudice_investigation", "public_interest"]
    assert entry.pay_status == "full_pay"


def test_impose_records_the_entry_status_and_audit():
    entry = suspended()
    assert entry.kind == "suspended"
    assert entry.is_active
    assert entry.redeployment_considered is True
    assert entry.confirmation_due is None
    assert entry.confirmed_at == entry.notified_at
    assert entry.review_interval_days == 28
    assert entry.next_review_due == entry.decided_at.astimezone(LONDON).date() + dt.timedelta(28)
    assert person_status(entry) == "suspended"
    actions = list(AuditEvent.objects.filter(matter_ref=entry.matter_ref)
                   .values_list("action", flat=True).order_by("seq"))
    assert actions[-1] == "suspensions.suspension.imposed"
    status_event = AuditEvent.objects.get(action="people.person.status_changed")
    assert status_event.extra["old"] == "serving"
    assert status_event.extra["new"] == "suspended"


def test_the_matter_must_be_visible_open_and_about_the_person():
    officer, _ = subject_with_matter()
    _, other_ref = subject_with_matter()
    with pytest.raises(ValidationFailed) as exc:
        suspension_impose(actor=aa(), person_id=officer.id, matter_ref=other_ref,
                          grounds=GROUNDS, narrative="R.", notification=Notification("written"))
    assert exc.value.extra["fields"] == {
        "person_id": "This person is not the subject of an allegation in the matter."}
    with pytest.raises(ValidationFailed) as exc:
        suspension_impose(actor=aa(), person_id=officer.id, matter_ref="M-NOPE",
                          grounds=GROUNDS, narrative="R.", notification=Notification("written"))
    assert list(exc.value.extra["fields"]) == ["matter_ref"]


def test_only_officers_can_be_suspended_but_staff_can_be_restricted():
    officer, ref = subject_with_matter(employment_kind="staff")
    with pytest.raises(ValidationFailed) as exc:
        suspension_impose(actor=aa(), person_id=officer.id, matter_ref=ref, grounds=GROUNDS,
                          narrative="R.", notification=Notification("written"))
    assert list(exc.value.extra["fields"]) == ["person_id"]
    entry = restriction_impose(actor=aa(), person_id=officer.id, matter_ref=ref, terms=TERMS,
                               narrative="R.", notification=Notification("written"))
    assert person_status(entry) == "restricted"


# ---- notification ----------------------------------------------------------------------------

def test_oral_notification_is_confirmed_within_3_working_days_across_a_bank_holiday():
    # Fri 22 Aug 2025; Mon 25 Aug is the summer bank holiday: Tue, Wed, Thu 28 Aug.
    entry = suspended(method="oral", notified_at=dt.datetime(2025, 8, 22, 16, 0, tzinfo=LONDON))
    assert entry.confirmation_due == dt.date(2025, 8, 28)
    assert entry.confirmed_at is None


def test_the_confirmation_period_is_reference_data():
    SuspensionRule.objects.filter(code="written_confirmation").update(amount=5)
    entry = suspended(method="oral", notified_at=dt.datetime(2025, 8, 22, 16, 0, tzinfo=LONDON))
    assert entry.confirmation_due == dt.date(2025, 9, 1)


def test_confirmation_overdue_queue_and_confirming():
    actor = aa()
    entry = suspended(actor=actor, method="oral",
                      notified_at=dt.datetime(2025, 8, 22, 16, 0, tzinfo=LONDON))
    suspended(actor=actor)  # written: nothing to confirm
    queue = suspensions_confirmation_overdue_visible_to(user=actor, today=dt.date(2025, 8, 29))
    assert list(queue) == [entry]
    assert list(suspensions_confirmation_overdue_visible_to(
        user=actor, today=dt.date(2025, 8, 28))) == []
    suspension_confirm_in_writing(actor=actor, suspension_id=entry.id)
    entry.refresh_from_db()
    assert entry.confirmed_at is not None
    event = AuditEvent.objects.get(action="suspensions.suspension.confirmed_in_writing")
    assert event.extra["late"] is True
    assert list(suspensions_confirmation_overdue_visible_to(
        user=actor, today=dt.date(2025, 8, 29))) == []
    with pytest.raises(Conflict):
        suspension_confirm_in_writing(actor=actor, suspension_id=entry.id)


# ---- reviews ---------------------------------------------------------------------------------

def test_reviews_every_28_days_and_the_overdue_queue():
    actor = aa()
    with freeze_time("2025-03-03 10:00"):
        entry = suspended(actor=actor)
    assert entry.next_review_due == dt.date(2025, 3, 31)
    assert list(suspensions_review_overdue_visible_to(user=actor, today=dt.date(2025, 3, 31))) == []
    assert list(suspensions_review_overdue_visible_to(user=actor, today=dt.date(2025, 4, 1))) == [entry]
    with freeze_time("2025-04-02 10:00"):
        review = suspension_review(actor=actor, suspension_id=entry.id, outcome="continue",
                                   reasons="Witnesses not yet interviewed.")
    entry.refresh_from_db()
    assert review.reviewed_on == dt.date(2025, 4, 2)
    assert review.next_review_due == dt.date(2025, 4, 30)
    assert entry.next_review_due == dt.date(2025, 4, 30)
    assert list(suspensions_review_overdue_visible_to(user=actor, today=dt.date(2025, 4, 2))) == []
    assert person_status(entry) == "suspended"


def test_the_review_interval_is_configurable():
    SuspensionRule.objects.filter(code="review_interval").update(amount=14)
    with freeze_time("2025-03-03 10:00"):
        default = suspended()
        chosen = suspended(review_interval_days=7)
    assert default.next_review_due == dt.date(2025, 3, 17)
    assert chosen.next_review_due == dt.date(2025, 3, 10)


def test_representations_are_recorded_and_considered_by_the_next_review():
    actor = aa()
    entry = suspended(actor=actor)
    rep = suspension_representation_record(actor=actor, suspension_id=entry.id,
                                           made_by="The officer's police friend",
                                           summary="Could work from home.")
    assert rep.considered_in is None
    assert AuditEvent.objects.filter(action="suspensions.representation.recorded",
                                     object_id=str(rep.id)).count() == 1
    with pytest.raises(ValidationFailed) as exc:
        suspension_review(actor=actor, suspension_id=entry.id, outcome="continue",
                          reasons="Still needed.")
    assert exc.value.extra["fields"] == {"representations_response": "This field is required."}
    review = suspension_review(actor=actor, suspension_id=entry.id, outcome="continue",
                               reasons="Still needed.",
                               representations_response="Home working gives system access.")
    rep.refresh_from_db()
    assert rep.considered_in == review
    assert list(review.representations_considered.all()) == [rep]


def test_lift_on_review_ends_the_entry_and_the_person_serves_again():
    actor = aa()
    entry = suspended(actor=actor)
    suspension_review(actor=actor, suspension_id=entry.id, outcome="lift", reasons="Interviewed.")
    entry.refresh_from_db()
    assert entry.ended_on is not None
    assert entry.end_reason == "lifted_on_review"
    assert entry.next_review_due is None
    assert person_status(entry) == "serving"


# ---- conversion and end: the person's status follows ------------------------------------------

def test_convert_suspension_to_restriction_and_back():
    actor = aa()
    entry = suspended(actor=actor)
    restriction = suspension_convert(
        actor=actor, suspension_id=entry.id, reasons="Witnesses interviewed.",
        conversion=Conversion(Notification("written"), terms=TERMS))
    entry.refresh_from_db()
    assert entry.end_reason == "converted_to_restriction"
    assert restriction.kind == "restricted"
    assert restriction.converted_from == entry
    assert restriction.restriction_type == "non_public_facing"
    assert person_status(entry) == "restricted"
    assert SuspensionReview.objects.get(suspension=entry).outcome == "convert"
    again = suspension_convert(
        actor=actor, suspension_id=restriction.id, reasons="New evidence of interference.",
        conversion=Conversion(Notification("oral"), grounds=GROUNDS))
    assert again.kind == "suspended"
    assert again.confirmation_due is not None
    assert person_status(entry) == "suspended"
    assert Suspension.objects.active().filter(person_id=entry.person_id).count() == 1


def test_converting_to_a_suspension_needs_both_conditions():
    actor = aa()
    entry = restricted(actor=actor)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        suspension_convert(actor=actor, suspension_id=entry.id, reasons="R.",
                           conversion=Conversion(Notification("written"),
                                                 grounds=SuspensionGrounds(False, "", ())))
    assert sorted(exc.value.extra["fields"]) == [
        "limbs", "redeployment_considered", "redeployment_rejected_reason"]
    entry.refresh_from_db()
    assert entry.is_active
    assert person_status(entry) == "restricted"
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("reason", "status"), [
    ("no_proceedings", "serving"), ("proceedings_concluded", "serving"), ("left_force", "left"),
])
def test_end_returns_the_person_to_serving_or_left(reason, status):
    actor = aa()
    entry = restricted(actor=actor)
    suspension_end(actor=actor, suspension_id=entry.id, reason=reason, reasons="Decided.")
    entry.refresh_from_db()
    assert entry.end_reason == reason
    assert entry.ended_by == actor
    assert person_status(entry) == status
    with pytest.raises(Conflict):
        suspension_end(actor=actor, suspension_id=entry.id, reason=reason, reasons="Again.")


def test_end_refuses_reasons_that_belong_to_a_review():
    actor = aa()
    entry = suspended(actor=actor)
    with pytest.raises(ValidationFailed) as exc:
        suspension_end(actor=actor, suspension_id=entry.id, reason="lifted_on_review",
                       reasons="R.")
    assert list(exc.value.extra["fields"]) == ["reason"]


# ---- one active entry per person ------------------------------------------------------------

def test_one_active_entry_per_person():
    actor = aa()
    officer, ref = subject_with_matter()
    suspension_impose(actor=actor, person_id=officer.id, matter_ref=ref, grounds=GROUNDS,
                      narrative="R.", notification=Notification("written"))
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict):
        restriction_impose(actor=actor, person_id=officer.id, matter_ref=ref, terms=TERMS,
                           narrative="R.", notification=Notification("written"))
    assert Suspension.objects.filter(person=officer).count() == 1
    assert AuditEvent.objects.count() == events


def test_the_database_refuses_a_second_active_entry():
    from django.db import IntegrityError, transaction

    entry = suspended()
    clone = Suspension.objects.get(id=entry.id)
    clone.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_the_database_refuses_a_suspension_without_the_conditions():
    from django.db import IntegrityError, transaction

    entry = suspended()
    with pytest.raises(IntegrityError), transaction.atomic():
        Suspension.objects.filter(id=entry.id).update(redeployment_considered=False)


# ---- denied actions change nothing ---------------------------------------------------------

@pytest.mark.parametrize("role", [Role.STAFF, Role.OVERSIGHT, Role.ASSESSOR, Role.INVESTIGATOR])
def test_denied_roles_change_nothing_and_write_no_audit(role, make_user):
    actor = aa()
    entry = suspended(actor=actor)
    officer, ref = subject_with_matter()
    denied = make_user(role)
    events = AuditEvent.objects.count()
    attempts = [
        lambda: suspension_impose(actor=denied, person_id=officer.id, matter_ref=ref,
                                  grounds=GROUNDS, narrative="R.",
                                  notification=Notification("written")),
        lambda: restriction_impose(actor=denied, person_id=officer.id, matter_ref=ref,
                                   terms=TERMS, narrative="R.",
                                   notification=Notification("written")),
        lambda: suspension_review(actor=denied, suspension_id=entry.id, outcome="lift",
                                  reasons="R."),
        lambda: suspension_representation_record(actor=denied, suspension_id=entry.id,
                                                 made_by="Officer", summary="S."),
        lambda: suspension_convert(actor=denied, suspension_id=entry.id, reasons="R.",
                                   conversion=Conversion(Notification("written"), terms=TERMS)),
        lambda: suspension_end(actor=denied, suspension_id=entry.id, reason="no_proceedings",
                               reasons="R."),
        lambda: suspension_confirm_in_writing(actor=denied, suspension_id=entry.id),
    ]
    for attempt in attempts:
        with pytest.raises(ActionForbidden):
            attempt()
    entry.refresh_from_db()
    assert entry.is_active
    assert person_status(entry) == "suspended"
    assert person_status(officer) == "serving"
    assert Suspension.objects.count() == 1
    assert Representation.objects.count() == 0
    assert SuspensionReview.objects.count() == 0
    assert AuditEvent.objects.count() == events
