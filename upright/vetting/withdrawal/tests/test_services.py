
"""The withdrawal process end to end: dismissal, both appeal stages, retention, leaving."""

import datetime as dt
from typing import cast

import pytest
from django.apps import apps
from freezegun import freeze_time

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.clock import local_today
from upright.core.exceptions import ActionForbidden, Conflict, NotFound, ValidationFailed
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.vetting.models import VettingReviewRequest
from upright.vetting.services import vetting_review_close, vetting_review_request
from upright.vetting.withdrawal import services as svc
from upright.vetting.withdrawal.models import WithdrawalAssessment, WithdrawalStepRule
from upright.vetting.withdrawal.selectors import withdrawal_history_entries, withdrawals_visible_to
from upright.vetting.withdrawal.states import CloseReason
from upright.vetting.withdrawal.states import WithdrawalStatus as S
from upright.vetting.withdrawal.tests.conftest import decision


def _tasks(person):
    # publication sits beside vetting in the layers, so its model is looked up, not imported.
    model = apps.get_model("publication", "ListReportTask")
    return list(model.objects.filter(person=person).order_by("id")
                .values_list("list_kind", "matter_ref"))


def _clearance_status(clearance):
    clearance.refresh_from_db()
    return clearance.status


def test_withdrawal_dismisses_and_reports_to_the_barred_list(walk, subject, clearance,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = walk(S.DISMISSED, clearance_id=clearance.pk)
    assert a.decision == "withdraw"
    assert a.dismissed_on is not None
    assert _clearance_status(clearance) == "withdrawn"
    assert clearance.withdrawal_ref == a.reference
    assert Person.objects.get(pk=subject.pk).status == "left"
    assert a.employment_left_recorded is True
    assert _tasks(subject) == [("barred", a.reference)]
    assert a.notices.count() == 2
    assert a.due_step == WithdrawalStepRule.APPEAL


def test_appeal_panel_upholds_reinstates_and_makes_the_further_report(walk, subject, clearance,
                                                                      panel,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = walk(S.APPEAL_PANEL, clearance_id=clearance.pk)
        done = svc.withdrawal_appeal_decide(actor=panel, assessment_id=a.pk, outcome="upheld",
                                            reasons="Procedural unfairness")
    assert (done.status, done.close_reason) == (S.CLOSED, CloseReason.APPEAL_UPHELD)
    assert Person.objects.get(pk=subject.pk).status == "serving"
    assert _tasks(subject) == [("barred", a.reference), ("barred", f"{a.reference}/reg5")]
    review = VettingReviewRequest.objects.get(person=subject)
    assert review.source_ref == f"{a.reference}/appeal panel"
    assert "reinstate the clearance" in review.reason


def test_appeal_dismissed_then_pat_upholds(walk, subject, panel,
                                           django_capture_on_commit_callbacks):
    a = walk(S.APPEAL_PANEL)
    svc.withdrawal_appeal_decide(actor=panel, assessment_id=a.pk, outcome="dismissed",
                                 reasons="No error")
    at_pat = svc.withdrawal_pat_lodge(actor=panel, assessment_id=a.pk)
    assert at_pat.status == S.PAT
    with django_capture_on_commit_callbacks(execute=True):
        done = svc.withdrawal_pat_decide(actor=panel, assessment_id=a.pk, outcome="upheld",
                                         reasons="Decision unreasonable")
    assert (done.status, done.close_reason) == (S.CLOSED, CloseReason.PAT_UPHELD)
    assert Person.objects.get(pk=subject.pk).status == "serving"
    assert _tasks(subject) == [("barred", f"{a.reference}/reg5")]


def test_pat_dismissal_closes_and_dismissal_stands(walk, subject):
    a = walk(S.CLOSED)
    assert a.close_reason == CloseReason.PAT_DISMISSED
    assert (a.appeal_outcome, a.pat_outcome) == ("dismissed", "dismissed")
    assert Person.objects.get(pk=subject.pk).status == "left"


def test_appeal_outcome_is_recorded_once(walk, panel):
    a = walk(S.APPEAL_PANEL)
    svc.withdrawal_appeal_decide(actor=panel, assessment_id=a.pk, outcome="dismissed", reasons="r")
    with pytest.raises(Conflict):
        svc.withdrawal_appeal_decide(actor=panel, assessment_id=a.pk, outcome="upheld",
                                     reasons="r")
    closed = svc.withdrawal_close_no_pat(actor=panel, assessment_id=a.pk)
    assert closed.close_reason == CloseReason.APPEAL_DISMISSED


@pytest.mark.parametrize(("kind", "reason"), [("retain", CloseReason.RETAINED),
                                              ("retain_with_conditions",
                                               CloseReason.RETAINED_WITH_CONDITIONS)])
def test_retain_closes_and_leaves_the_clearance(walk, subject, clearance, decider, kind, reason):
    a = walk(S.DECISION, clearance_id=clearance.pk)
    done = svc.withdrawal_decide(actor=decider, assessment_id=a.pk, data=decision(kind))
    assert (done.status, done.close_reason, done.decision) == (S.CLOSED, reason, kind)
    assert _clearance_status(clearance) == "active"
    assert Person.objects.get(pk=subject.pk).status == "serving"
    assert _tasks(subject) == []


@pytest.mark.parametrize("state", [S.TRIGGER, S.INFO_GATHERING, S.DECISION])
def test_resignation_mid_process_closes_and_reports_to_the_advisory_list(
        walk, subject, vetting_officer, state, django_capture_on_commit_callbacks):
    a = walk(state)
    with django_capture_on_commit_callbacks(execute=True):
        done = svc.withdrawal_leaving_record(actor=vetting_officer, assessment_id=a.pk,
                                             how="resigned", left_on=local_today())
    assert (done.status, done.close_reason, done.left_how) == (S.CLOSED, CloseReason.RESIGNED,
                                                              "resigned")
    assert Person.objects.get(pk=subject.pk).status == "left"
    assert _tasks(subject) == [("advisory", a.reference)]


def test_the_assessor_may_not_decide(walk, make_user, subject):
    a = walk(S.DECISION)
    both = make_user(Role.APPROPRIATE_AUTHORITY)
    a.assessor = both
    a.save(update_fields=["assessor"])
    with pytest.raises(ActionForbidden):
        svc.withdrawal_decide(actor=both, assessment_id=a.pk, data=decision())
    assert WithdrawalAssessment.objects.get(pk=a.pk).status == S.DECISION


def test_a_vetting_officer_cannot_decide(walk, vetting_officer):
    a = walk(S.DECISION)
    events = AuditEvent.objects.count()
    with pytest.raises(ActionForbidden):
        svc.withdrawal_decide(actor=vetting_officer, assessment_id=a.pk, data=decision())
    assert AuditEvent.objects.count() == events


def test_the_subject_and_their_line_managers_never_see_it(walk, subject, make_user, decider):
    a = walk(S.DECISION)
    manager = cast(Person, PersonFactory())
    subject.line_manager, subject.mgmt_path = manager, f"/{manager.pk}/"
    subject.save(update_fields=["line_manager", "mgmt_path"])
    for person in (subject, manager):
        user = make_user(Role.APPROPRIATE_AUTHORITY, person=person)
        assert list(withdrawals_visible_to(user=user)) == []
        assert withdrawal_history_entries(user=user, person_id=subject.pk) == []
        with pytest.raises(NotFound):
            svc.withdrawal_decide(actor=user, assessment_id=a.pk, data=decision())
    assert [e.ref for e in withdrawal_history_entries(user=decider, person_id=subject.pk)] == [
        a.reference]


def test_roles_without_withdrawal_permissions_see_nothing(walk, subject, make_user):
    walk(S.TRIGGER)
    for role in (Role.ASSESSOR, Role.INVESTIGATOR, Role.ANALYST, Role.STAFF):
        assert withdrawal_history_entries(user=make_user(role), person_id=subject.pk) == []


def test_every_step_is_audited(walk):
    a = walk(S.DISMISSED)
    actions = list(AuditEvent.objects.filter(object_id=str(a.pk),
                                             object_type="vetting_withdrawal.withdrawalassessment")
                   .values_list("action", flat=True))
    assert actions == ["vetting_withdrawal.assessment.opened"] + [
        "vetting_withdrawal.assessment.transitioned"] * 4 + [
        "vetting_withdrawal.list_report.requested", "vetting_withdrawal.assessment.transitioned"]
    assert list(a.status_changes.values_list("to_status", flat=True)) == [
        S.NOTICE, S.INFO_GATHERING, S.REPRESENTATIONS, S.DECISION, S.DISMISSED]


@freeze_time("2026-03-02 10:00:00")
def test_due_dates_come_from_the_editable_step_table(walk, vetting_officer):
    a = walk(S.INFO_GATHERING)
    # 10 working days after Monday 2 March 2026: Monday 16 March.
    invited = svc.withdrawal_representations_invite(actor=vetting_officer, assessment_id=a.pk)
    assert (invited.due_step, invited.due_on) == ("representations", dt.date(2026, 3, 16))
    WithdrawalStepRule.objects.filter(code="decision").update(working_days=3)
    referred = svc.withdrawal_refer_for_decision(actor=vetting_officer, assessment_id=a.pk)
    assert referred.due_on == dt.date(2026, 3, 5)


def test_decision_input_is_validated_and_nothing_is_written(walk, decider):
    a = walk(S.DECISION)
    with pytest.raises(ValidationFailed) as exc:
        svc.withdrawal_decide(actor=decider, assessment_id=a.pk, data=decision(
            "retain_with_conditions", conditions="", reasons="",
            harm_test=svc.HarmTest(applied=True, grounds=("nonsense",)),
            service_method="pigeon"))
    assert set(exc.value.extra["fields"]) == {"conditions", "reasons", "harm_test_reasons",
                                              "harm_test_grounds", "service_method"}
    assert WithdrawalAssessment.objects.get(pk=a.pk).status == S.DECISION
    assert a.notices.count() == 1


def test_harm_test_is_recorded_with_the_decision(walk, decider):
    a = walk(S.DECISION)
    done = svc.withdrawal_decide(actor=decider, assessment_id=a.pk, data=decision(
        "retain", harm_test=svc.HarmTest(applied=True, grounds=("c_crime_prevention",),
                                         reasons="Live intelligence operation")))
    assert (done.harm_test_applied, done.harm_test_grounds) == (True, ["c_crime_prevention"])


def test_records_along_the_way(walk, vetting_officer):
    a = walk(S.INFO_GATHERING)
    svc.withdrawal_representative_record(actor=vetting_officer, assessment_id=a.pk,
                                         kind="police_friend", name="Sgt J Bell")
    svc.withdrawal_interview_record(actor=vetting_officer, assessment_id=a.pk,
                                    held_on=local_today(), notes="Interview under reg 9")
    with pytest.raises(Conflict):  # representations only once invited
        svc.withdrawal_representation_record(actor=vetting_officer, assessment_id=a.pk,
                                             received_on=local_today(), made_by="Officer",
                                             summary="s")
    svc.withdrawal_representations_invite(actor=vetting_officer, assessment_id=a.pk)
    rep = svc.withdrawal_representation_record(actor=vetting_officer, assessment_id=a.pk,
                                               received_on=local_today(), made_by="Officer",
                                               summary="I declared it to my sergeant")
    assert rep.received_on == local_today()
    assert (a.representatives.count(), a.interviews.count()) == (1, 1)


def test_one_open_assessment_per_person(walk, subject, vetting_officer):
    walk(S.TRIGGER)
    with pytest.raises(Conflict):
        svc.withdrawal_open(actor=vetting_officer, person_id=subject.pk,
                            trigger_kind="re_vetting", trigger_summary="again")


def test_open_from_a_vetting_review(subject, vetting_officer, clearance):
    review = vetting_review_request(actor=None, person_id=subject.pk, source_kind="conduct",
                                    source_ref="CM-1", reason="Misconduct short of dismissal")
    with pytest.raises(Conflict):  # still open
        svc.withdrawal_open_from_review(actor=vetting_officer, review_request_id=review.pk)
    vetting_review_close(actor=vetting_officer, request_id=review.pk,
                         outcome="withdrawal_assessment", notes="Serious: assess withdrawal")
    a = svc.withdrawal_open_from_review(actor=vetting_officer, review_request_id=review.pk)
    assert (a.trigger_kind, a.trigger_ref, a.clearance_id) == ("review_request", "conduct:CM-1",
                                                               clearance.pk)
    assert a.trigger_summary == "Serious: assess withdrawal"
    again = svc.withdrawal_open_from_review(actor=vetting_officer, review_request_id=review.pk)
    assert again.pk == a.pk
