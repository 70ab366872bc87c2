"""Worked scenarios per route through POST /api/v1/matters/{ref}/transitions."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from upright.access.roles import Role
from upright.conduct.models import Deadline, Matter, Outcome
from upright.conduct.tests.factories import audit_count, matter_in
from upright.conduct.tests.process import PANEL_2024

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _post(client: Any, ref: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/matters/{ref}/transitions", body, format="json")


def _drive(client: Any, ref: str, steps: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for action, body in steps:
        response = _post(client, ref, {"action": action, **body})
        assert response.status_code == 200, (action, response.json())
        data = response.json()
    return data


def _served(**extra: Any) -> dict[str, Any]:
    return {"served_at": (timezone.now() - dt.timedelta(minutes=1)).isoformat(),
            "method": "in_person", **extra}


def _investigation(client: Any, level: str, statement: str = "") -> Matter:
    matter = matter_in("severity_assessment_pending", actor=client.user)
    from upright.access.tests.factories import UserFactory

    investigator: Any = UserFactory(role=Role.INVESTIGATOR)
    _drive(client, matter.reference, [
        ("assess_severity", {"level": level, "route": "investigate", "rationale": "R"}),
        ("appoint_investigator", {"investigator_id": investigator.pk}),
        ("serve_reg17_notice", _served(terms_of_reference="ToR")),
        ("schedule_interview", {"specified_at": (timezone.now() + dt.timedelta(days=7))
                                .isoformat(), "place": "Room 1"}),
        ("record_interview", {"held_at": timezone.now().isoformat()}),
        ("submit_report", {"summary": "Report.", "special_conditions_statement": statement}),
    ])
    return Matter.objects.get(pk=matter.pk)


def _findings(matter: Matter, finding: str) -> list[dict[str, Any]]:
    return [{"allegation_id": a.pk, "finding": finding} for a in matter.allegations.all()]


def test_misconduct_meeting_written_warning_opens_appeal_window(
    api_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = _investigation(client, "misconduct")
    with django_capture_on_commit_callbacks(execute=True):
        data = _drive(client, matter.reference, [
            ("case_to_answer", {"decision": "misconduct", "proceedings": True, "form": "meeting",
                                "rationale": "R"}),
            ("serve_reg30_notice", _served()),
            ("officer_response", {"response": "deny"}),
            ("bundle_to_chair", {}),
            ("list_proceedings", {"scheduled_on": str(TODAY()), "venue": "HQ"}),
            ("record_outcome", {"concluded_on": str(TODAY()),
                                "findings": _findings(matter, "misconduct"),
                                "disciplinary_action": "written_warning"}),
            ("notify_outcome", _served()),
        ])
    assert data["status"] == "outcome_notified"
    assert data["allowed_actions"] == ["appeal", "close"]
    appeal = next(d for d in data["deadlines"] if d["code"] == "reg45_appeal")
    assert (appeal["legal_basis"], appeal["verified"], appeal["satisfied_at"]) == (
        "PCR 2020 reg 45(3)", True, None)
    assert Deadline.objects.get(matter=matter, code="reg43_outcome_report").satisfied_at
    from upright.notices.models import Notice
    from upright.vetting.models import VettingReviewRequest

    assert sorted(Notice.objects.filter(matter_ref=matter.reference)
                  .values_list("kind", flat=True)) == ["outcome_notice", "reg30_referral"]
    assert list(VettingReviewRequest.objects.filter(source_ref=matter.reference)
                .values_list("source_kind", flat=True)) == ["conduct"]
    data = _drive(client, matter.reference, [
        ("appeal", {"lodged_on": str(TODAY()), "grounds": ["a", "c"]}),
        ("decide_appeal", {"decision": "dismissed", "rationale": "Reasonable."}),
    ])
    assert data["status"] == "closed_with_outcome"


def test_gross_misconduct_hearing_dismissal_creates_barred_list_task(
    api_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from upright.publication.models import ListReportTask

    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = _investigation(client, "gross_misconduct")
    with django_capture_on_commit_callbacks(execute=True):
        data = _drive(client, matter.reference, [
            ("case_to_answer", {"decision": "gross_misconduct", "proceedings": True,
                                "form": "hearing", "rationale": "R"}),
            ("serve_reg30_notice", _served()),
            ("officer_response", {"response": "deny"}),
            ("bundle_to_chair", {}),
            ("pre_hearing", {"held_on": str(TODAY())}),
            ("list_proceedings", {"scheduled_on": str(TODAY()),
                                  "venue": "HQ", "panel": PANEL_2024}),
            ("record_outcome", {"concluded_on": str(TODAY()),
                                "findings": _findings(matter, "gross_misconduct"),
                                "disciplinary_action": "dismissal_without_notice"}),
            ("notify_outcome", _served()),
        ])
    assert data["status"] == "outcome_notified"
    assert any(d["code"] == "pat_appeal" and d["verified"] is False for d in data["deadlines"])
    subject_id = matter.allegations.get().subject_id
    assert list(ListReportTask.objects.filter(matter_ref=matter.reference)
                .values_list("person_id", "list_kind")) == [(subject_id, "barred")]


def test_amh_to_dismissal(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = _investigation(client, "gross_misconduct", statement="CCTV and admissions.")
    served_at = timezone.now() - dt.timedelta(minutes=1)
    from upright.core.workdays import workdays_add

    hearing_on = workdays_add(trigger=timezone.localdate(served_at), n=10)
    data = _drive(client, matter.reference, [
        ("certify_special_conditions", {"sufficient_evidence": True, "public_interest": True,
                                        "rationale": "Both met."}),
        ("serve_amh_notice", {"served_at": served_at.isoformat(), "method": "in_person",
                              "hearing_date": str(hearing_on), "venue": "HQ"}),
    ])
    assert data["status"] == "amh_notice_served"
    from freezegun import freeze_time

    # The AMH is held on its listed date (reg 52: 10-15 working days after the notice).
    with freeze_time(dt.datetime.combine(hearing_on, dt.time(15)).replace(tzinfo=dt.UTC)):
        data = _drive(client, matter.reference, [
            ("record_outcome", {"concluded_on": str(hearing_on),
                                "findings": _findings(matter, "gross_misconduct"),
                                "disciplinary_action": "dismissal_without_notice"}),
            ("notify_outcome", _served()),
        ])
    assert data["status"] == "outcome_notified"
    assert Outcome.objects.get(matter=matter).forum == "amh"


def test_rprp_report_review_closed(api_as: Any) -> None:
    from freezegun import freeze_time

    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = matter_in("severity_assessment_pending", actor=client.user)
    review_on = TODAY() + dt.timedelta(days=14)
    _drive(client, matter.reference, [
        ("assess_severity", {"level": "practice_requiring_improvement", "route": "rprp",
                             "rationale": "PRI"}),
        ("rprp_notify", _served(reasons="Reasons.")),
        ("rprp_fact_finding", {"summary": "Facts."}),
        ("rprp_discussion", {"held_on": str(TODAY()), "summary": "Talked."}),
        ("rprp_report", {"issue_summary": "a", "discussion_summary": "b",
                         "key_actions": [{"action": "Course", "period": "1 month"}],
                         "officer_lessons": "d", "organisation_lessons": "e",
                         "review_date": str(review_on)}),
    ])
    with freeze_time(review_on.isoformat() + " 12:00:00"):
        data = _drive(client, matter.reference, [("rprp_review", {"notes": "Done."})])
    assert data["status"] == "closed_with_outcome"
    pdr = next(d for d in data["deadlines"] if d["code"] == "rprp_pdr")
    assert pdr["satisfied_at"] is None  # still owed at the PDR (reg 70(6))


def test_pause_and_resume_to_the_same_state(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = _investigation(client, "misconduct")
    data = _drive(client, matter.reference, [
        ("case_to_answer", {"decision": "misconduct", "proceedings": True, "form": "meeting",
                            "rationale": "R"}),
        ("serve_reg30_notice", _served()),
        ("pause_for_criminal", {"rationale": "Charged."}),
    ])
    assert (data["status"], data["allowed_actions"]) == ("suspended_pending_criminal", ["resume"])
    data = _drive(client, matter.reference, [("resume", {"rationale": "Concluded."})])
    assert data["status"] == "notice_of_referral_served"


# ---- bad input changes nothing ---------------------------------------------------------------

def _unchanged(matter: Matter, events: int) -> None:
    fresh = Matter.objects.get(pk=matter.pk)
    assert (fresh.status, fresh.version) == (matter.status, matter.version)
    assert audit_count(matter) == events


def test_illegal_action_is_409_with_allowed_actions(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = matter_in("recorded", actor=client.user)
    events = audit_count(matter)
    response = _post(client, matter.reference, {"action": "record_outcome",
                                                "concluded_on": str(TODAY()), "findings": [],
                                                "disciplinary_action": "no_action"})
    assert response.status_code == 409  # the state is checked before the payload
    assert response.json()["extra"]["allowed_actions"] == ["referral_check", "close_nfa"]
    response = _post(client, matter.reference, {"action": "withdraw", "rationale": "R"})
    assert response.status_code == 409
    assert response.json()["extra"]["allowed_actions"] == ["referral_check", "close_nfa"]
    _unchanged(matter, events)


def test_stale_version_is_409(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = matter_in("recorded", actor=client.user)
    events = audit_count(matter)
    response = _post(client, matter.reference, {"action": "close_nfa", "rationale": "R",
                                                "expected_version": 9})
    assert response.status_code == 409
    assert response.json()["extra"] == {"current_version": 1}
    _unchanged(matter, events)


def test_missing_field_is_400_naming_it(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = _investigation(client, "misconduct")
    events = audit_count(matter)
    response = _post(client, matter.reference, {"action": "case_to_answer",
                                                "decision": "misconduct"})
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["rationale"]
    response = _post(client, matter.reference, {"action": "case_to_answer",
                                                "decision": "misconduct", "rationale": "R"})
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["proceedings"]
    _unchanged(matter, events)
