"""Actors and a helper that walks an assessment to any state."""

import datetime as dt

import pytest

from upright.access.roles import Role
from upright.people.tests.factories import PersonFactory
from upright.vetting.services import clearance_grant
from upright.vetting.withdrawal import services as svc
from upright.vetting.withdrawal.models import WithdrawalAssessment
from upright.vetting.withdrawal.states import WithdrawalStatus as S


@pytest.fixture
def vetting_officer(make_user):
    return make_user(Role.VETTING_OFFICER)


@pytest.fixture
def decider(make_user):
    return make_user(Role.APPROPRIATE_AUTHORITY)


@pytest.fixture
def panel(make_user):
    return make_user(Role.PANEL)


@pytest.fixture
def subject(db):
    return PersonFactory(forenames="Alex", surname="Marsh")


@pytest.fixture
def clearance(subject, vetting_officer):
    return clearance_grant(actor=vetting_officer, person_id=subject.pk, level="RV",
                           checks_done=True)


def decision(kind: str = "withdraw", **kwargs) -> svc.DecisionInput:
    values = {"decision": kind, "reasons": "The adverse information is made out.",
              "notice_summary": "Decision notice with reasons", "service_method": "email",
              "conditions": "Supervised access only" if kind == "retain_with_conditions" else ""}
    return svc.DecisionInput(**{**values, **kwargs})


@pytest.fixture
def walk(subject, vetting_officer, decider, panel):
    """walk(status) -> an assessment of `subject` moved to `status` by the right people."""

    def to(status: str, *, clearance_id: int | None = None) -> WithdrawalAssessment:
        a = svc.withdrawal_open(actor=vetting_officer, person_id=subject.pk,
                                trigger_kind="adverse_information",
                                trigger_summary="Intelligence report of undeclared association",
                                clearance_id=clearance_id)
        steps = [
            (S.NOTICE, lambda: svc.withdrawal_notice_serve(
                actor=vetting_officer, assessment_id=a.pk, summary="Notice and grounds",
                service_method="in_person")),
            (S.INFO_GATHERING, lambda: svc.withdrawal_info_gathering_start(
                actor=vetting_officer, assessment_id=a.pk)),
            (S.REPRESENTATIONS, lambda: svc.withdrawal_representations_invite(
                actor=vetting_officer, assessment_id=a.pk)),
            (S.DECISION, lambda: svc.withdrawal_refer_for_decision(
                actor=vetting_officer, assessment_id=a.pk)),
            (S.DISMISSED, lambda: svc.withdrawal_decide(actor=decider, assessment_id=a.pk,
                                                        data=decision())),
            (S.APPEAL_PANEL, lambda: svc.withdrawal_appeal_lodge(actor=panel, assessment_id=a.pk)),
        ]
        if status == S.TRIGGER:
            return a
        for state, step in steps:
            step()
            if state == status:
                return WithdrawalAssessment.objects.get(pk=a.pk)
        if status in (S.PAT, S.CLOSED):
            svc.withdrawal_appeal_decide(actor=panel, assessment_id=a.pk, outcome="dismissed",
                                         reasons="No error in the decision")
            svc.withdrawal_pat_lodge(actor=panel, assessment_id=a.pk)
            if status == S.CLOSED:
                svc.withdrawal_pat_decide(actor=panel, assessment_id=a.pk, outcome="dismissed",
                                          reasons="Appeal dismissed")
        return WithdrawalAssessment.objects.get(pk=a.pk)

    return to


TODAY = dt.date(2026, 3, 2)
