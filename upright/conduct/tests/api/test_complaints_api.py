"""Worked public-complaint scenarios through the HTTP API (PRA 2002 Sch 3; CMR 2020)."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.conduct.models import ComplainantContact, ComplaintReview, Matter
from upright.conduct.tests.factories import audit_count, matter_new, person_new
from upright.conduct.tests.process import complaint_handled_otherwise

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _post(client: Any, ref: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/matters/{ref}/transitions", body, format="json")


def _drive(client: Any, ref: str, steps: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for action, body in steps:
        events = Matter.objects.get(reference=ref)
        before = audit_count(events)
        response = _post(client, ref, {"action": action, **body})
        assert response.status_code == 200, (action, response.json())
        assert audit_count(events) == before + 1, action  # exactly one audit event per action
        data = response.json()
    return data


def _complaint(client: Any, **kwargs: Any) -> tuple[Matter, int]:
    """A complaint with a complainant recorded and linked through the API."""
    matter = matter_new(actor=client.user, kind="complaint", **kwargs)
    response = client.post("/api/v1/complainants", {
        "name": "Ms Jane Doe", "preferred_contact": "email", "email": "jane@example.org",
        "ethnicity": "black_caribbean", "sex": "female", "age_band": "35_44"}, format="json")
    assert response.status_code == 201, response.json()
    complainant_id = response.json()["complainant_id"]
    response = client.post(f"/api/v1/matters/{matter.reference}/complainants",
                           {"complainant_id": complainant_id}, format="json")
    assert response.status_code == 201, response.json()
    return matter, complainant_id


def _sent(**extra: Any) -> dict[str, Any]:
    return {"sent_at": (timezone.now() - dt.timedelta(minutes=1)).isoformat(),
            "method": "email", **extra}


def test_complaint_resolved_outside_schedule_3(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter, complainant_id = _complaint(client)
    data = client.get(f"/api/v1/matters/{matter.reference}").json()
    assert (data["status"], data["allowed_actions"]) == (
        "initial_handling",
        ["handle_outside_schedule_3", "record_under_schedule_3", "contact_complainant"])
    data = _drive(client, matter.reference, [
        ("contact_complainant", {"method": "phone", "summary": "Called to discuss."}),
        ("handle_outside_schedule_3", {"outcome": "service_acceptable",
                                       "resolution": "Explained the stop and search powers."}),
    ])
    assert (data["status"], data["complaint_track"], data["complaint_outcome"]) == (
        "closed_with_outcome", "outside_sch3", "service_acceptable")
    assert data["days_since_complainant_update"] == 0
    assert [(c["action"], c["method"], c["complainant_id"]) for c in
            data["complainant_contacts"]] == [
        ("contact_complainant", "phone", complainant_id),
        ("handle_outside_schedule_3", "email", complainant_id)]
    assert data["complainants"] == [{"complainant_id": complainant_id, "name": "Ms Jane Doe",
                                     "role": "complainant", "preferred_contact": "email"}]


@pytest.mark.parametrize(("body", "field"), [
    ({"criteria": ["serious_assault"]}, "criteria"),
    ({"complainant_wants_recorded": True}, "complainant_wants_recorded"),
    ({"proceedings_indicated": True}, "proceedings_indicated"),
])
def test_outside_schedule_3_refused_when_it_must_be_recorded(
    api_as: Any, body: dict[str, Any], field: str
) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter, _ = _complaint(client)
    events, contacts = audit_count(matter), ComplainantContact.objects.count()
    response = _post(client, matter.reference, {
        "action": "handle_outside_schedule_3", "outcome": "service_acceptable",
        "resolution": "R", **body})
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == [field]
    fresh = Matter.objects.get(pk=matter.pk)
    assert (fresh.status, fresh.version) == ("initial_handling", 1)
    assert (audit_count(matter), ComplainantContact.objects.count()) == (events, contacts)


def test_handled_otherwise_letter_review_upheld_reinvestigated(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter, _ = _complaint(client)
    data = _drive(client, matter.reference, [
        ("record_under_schedule_3", {"reason": "The complainant wants it recorded."}),
        ("referral_check", {"criteria": [], "rationale": "Nothing referable."}),
    ])
    assert data["status"] == "handling_decision_pending"
    data = _drive(client, matter.reference, [
        ("handle_otherwise", {"outcome": "service_not_acceptable",
                              "actions_taken": "Apology and words of advice to the team.",
                              "rationale": "The officer was discourteous."}),
        ("notify_complainant_outcome", _sent()),
    ])
    assert (data["status"], data["review_body"]) == ("complaint_outcome_notified",
                                                     "local_policing_body")
    last_day = TODAY() + dt.timedelta(days=28)
    letter = data["complainant_contacts"][-1]["letter"]
    assert "Local policing body" in letter
    assert "within 28 days" in letter
    assert last_day.strftime("%-d %B %Y") in letter
    assert "Apology and words of advice to the team." in letter
    review = next(d for d in data["deadlines"] if d["code"] == "complaint_review")
    assert (review["due_date"], review["legal_basis"]) == (str(last_day),
                                                          "CMR 2020 reg 29(2)-(3)")
    data = _drive(client, matter.reference, [
        ("apply_for_review", {"received_on": str(TODAY()), "grounds": "Not satisfied."}),
    ])
    assert (data["status"], data["allowed_actions"]) == ("under_review",
                                                         ["decide_review", "contact_complainant"])
    data = _drive(client, matter.reference, [
        ("decide_review", {"decision": "upheld", "consequence": "reinvestigate",
                           "special_procedures": False, "rationale": "Not proportionate."}),
    ])
    assert (data["status"], data["complaint_track"], data["complainant_notified_at"]) == (
        "investigator_appointment_pending", "sch3_investigation", None)
    review_row = ComplaintReview.objects.get(matter=matter)
    assert (review_row.decision, review_row.consequence, review_row.body) == (
        "upheld", "reinvestigate", "local_policing_body")


def test_referred_independent_investigation_special_procedures_case_to_answer(
    api_as: Any
) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter, _ = _complaint(client)
    data = _drive(client, matter.reference, [
        ("record_under_schedule_3", {"reason": "Alleges an assault."}),
        ("referral_check", {"criteria": ["serious_assault"], "rationale": "Serious assault."}),
        ("iopc_decision", {"mode": "independent", "special_procedures": True,
                           "iopc_investigator": "IOPC Lead Investigator A"}),
    ])
    assert (data["status"], data["investigation_mode"], data["iopc_investigator"]) == (
        "severity_assessment_pending", "independent", "IOPC Lead Investigator A")
    data = _drive(client, matter.reference, [
        ("assess_severity", {"level": "misconduct", "route": "investigate", "rationale": "R"}),
        ("appoint_investigator", {"iopc_investigator": "IOPC Lead Investigator A"}),
        ("serve_reg17_notice", {"served_at": (timezone.now() - dt.timedelta(minutes=1))
                                .isoformat(), "method": "in_person",
                                "terms_of_reference": "ToR"}),
        ("submit_report", {"summary": "Report."}),
    ])
    assert data["status"] == "report_submitted"
    assert "case_to_answer" not in data["allowed_actions"]
    data = _drive(client, matter.reference, [
        ("determine_complaint", {"outcome": "service_not_acceptable", "decision": "misconduct",
                                 "proceedings": True, "form": "meeting", "rationale": "R"}),
    ])
    assert (data["status"], data["complaint_outcome"]) == ("referred_to_meeting",
                                                           "service_not_acceptable")
    assert "serve_reg30_notice" in data["allowed_actions"]  # on into the conduct states


def test_review_after_28_days_is_refused_naming_the_last_day(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    with freeze_time("2025-03-03 10:00:00"):
        matter, aa = complaint_handled_otherwise(client.user)
        _drive(client, matter.reference, [("notify_complainant_outcome", _sent())])
    with freeze_time("2025-04-01 10:00:00"):  # day 29 after the letter of 3 March
        events = audit_count(matter)
        before = Matter.objects.get(pk=matter.pk)
        response = _post(client, matter.reference, {"action": "apply_for_review",
                                                    "received_on": "2025-04-01",
                                                    "grounds": "Late."})
        assert response.status_code == 400
        body = response.json()
        assert body["extra"]["last_day"] == "2025-03-31"
        assert "2025-03-31" in body["extra"]["fields"]["received_on"]
        after = Matter.objects.get(pk=matter.pk)
        assert (after.status, after.version) == (before.status, before.version)
        assert audit_count(matter) == events
        assert ComplaintReview.objects.filter(matter=matter).count() == 0
        # Time with the wrong body does not count (CMR reg 29(3)).
        data = _drive(client, matter.reference, [("apply_for_review", {
            "received_on": "2025-04-01", "received_by_wrong_body_on": "2025-03-31",
            "grounds": "Sent to the force first."})])
    assert data["status"] == "under_review"


def test_review_on_the_last_day_is_in_time(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    with freeze_time("2025-03-03 10:00:00"):
        matter, _ = complaint_handled_otherwise(client.user)
        _drive(client, matter.reference, [("notify_complainant_outcome", _sent())])
    with freeze_time("2025-03-31 16:00:00"):
        data = _drive(client, matter.reference, [("apply_for_review", {
            "received_on": "2025-03-31", "grounds": "In time."})])
    assert data["status"] == "under_review"


def _review_body(client: Any, matter: Matter, record: dict[str, Any],
                 criteria: list[str]) -> dict[str, Any]:
    return _drive(client, matter.reference, [
        ("record_under_schedule_3", {"reason": "R", **record}),
        ("referral_check", {"criteria": criteria, "rationale": "R"}),
        *([("iopc_decision", {"mode": "returned"})] if criteria else []),
        ("handle_otherwise", {"outcome": "no_further_action", "actions_taken": "None needed.",
                              "rationale": "R"}),
        ("notify_complainant_outcome", _sent()),
    ])


@pytest.mark.parametrize(("case", "body", "reason"), [
    ("default", "local_policing_body", "none of CMR reg 32(a)-(f) applies"),
    ("senior_officer", "iopc", "senior officer (CMR reg 32(a))"),
    ("aa_not_satisfied", "iopc", "(CMR reg 32(b))"),
    ("referred", "iopc", "referred to the IOPC (CMR reg 32(c))"),
    ("same_incident", "iopc", "(CMR reg 32(e))"),
])
def test_review_body_by_cmr_reg_32(api_as: Any, case: str, body: str, reason: str) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    subject = person_new(rank_or_grade="CMDR" if case == "senior_officer" else "PC")
    matter = matter_new(actor=client.user, kind="complaint", subjects=[subject])
    record: dict[str, Any] = {"aa_not_satisfied": case == "aa_not_satisfied"}
    if case == "same_incident":
        other = matter_new(actor=client.user, kind="complaint")
        _drive(client, other.reference, [
            ("record_under_schedule_3", {"reason": "R"}),
            ("referral_check", {"criteria": ["serious_assault"], "rationale": "R"})])
        record["same_incident_reference"] = other.reference
    data = _review_body(client, matter, record, ["serious_assault"] if case == "referred" else [])
    assert data["review_body"] == body
    assert reason in data["review_body_reason"]
    letter = data["complainant_contacts"][-1]["letter"]
    assert ("IOPC (Director General)" if body == "iopc" else "Local policing body") in letter


def test_only_the_iopc_directs_proceedings_on_review(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter, _ = complaint_handled_otherwise(client.user)
    _drive(client, matter.reference, [
        ("notify_complainant_outcome", _sent()),
        ("apply_for_review", {"received_on": str(TODAY()), "grounds": "G"}),
    ])
    events = audit_count(matter)
    response = _post(client, matter.reference, {
        "action": "decide_review", "decision": "upheld", "consequence": "proceedings",
        "case_decision": "misconduct", "form": "meeting", "rationale": "R"})
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["consequence"]
    assert audit_count(matter) == events


def test_close_complaint_waits_for_the_review_period(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    with freeze_time("2025-03-03 10:00:00"):
        matter, _ = complaint_handled_otherwise(client.user)
        _drive(client, matter.reference, [("notify_complainant_outcome", _sent())])
        response = _post(client, matter.reference, {"action": "close_complaint",
                                                    "rationale": "Done."})
        assert response.status_code == 409
        assert response.json()["extra"]["last_day"] == "2025-03-31"
    with freeze_time("2025-04-01 10:00:00"):
        data = _drive(client, matter.reference, [("close_complaint", {"rationale": "Done."})])
    assert data["status"] == "closed_with_outcome"


def test_complaint_steps_refused_on_a_conduct_matter(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter = matter_new(actor=client.user)
    events = audit_count(matter)
    response = _post(client, matter.reference, {"action": "contact_complainant",
                                                "method": "email", "summary": "S"})
    assert response.status_code == 409
    assert response.json()["extra"]["allowed_actions"] == ["referral_check", "close_nfa"]
    assert audit_count(matter) == events


def test_investigator_cannot_take_complaint_steps(api_as: Any) -> None:
    aa = UserFactory(role=Role.APPROPRIATE_AUTHORITY)
    matter = matter_new(actor=aa, kind="complaint")
    client = api_as(Role.INVESTIGATOR)
    events = audit_count(matter)
    response = _post(client, matter.reference, {"action": "record_under_schedule_3",
                                                "reason": "R"})
    assert response.status_code == 403
    assert Matter.objects.get(pk=matter.pk).version == 1
    assert audit_count(matter) == events


def test_complainant_link_rules(api_as: Any) -> None:
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    matter, complainant_id = _complaint(client)
    response = client.post(f"/api/v1/matters/{matter.reference}/complainants",
                           {"complainant_id": complainant_id}, format="json")
    assert response.status_code == 409
    conduct = matter_new(actor=client.user)
    response = client.post(f"/api/v1/matters/{conduct.reference}/complainants",
                           {"complainant_id": complainant_id}, format="json")
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["matter_reference"]
    response = client.post("/api/v1/complainants", {"name": "X", "preferred_contact": "post"},
                           format="json")
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["address"]
    # The same complainant can be linked to a later complaint from another channel.
    later = matter_new(actor=client.user, kind="complaint")
    response = client.post(f"/api/v1/matters/{later.reference}/complainants",
                           {"complainant_id": complainant_id,
                            "role": "interested_person"}, format="json")
    assert response.status_code == 201
    assert audit_count(later, "conduct.complainant.linked") == 1
