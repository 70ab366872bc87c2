"""The statutory steps after the severity assessment, through the services."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from upright.conduct.models import (
    Deadline,
    Matter,
    Outcome,
    PanelMember,
    RprpReport,
    ServedNotice,
)
from upright.conduct.services.warnings import person_has_live_warning, reg42_allowed
from upright.conduct.tests.factories import audit_count, matter_in, person_new
from upright.conduct.tests.process import (
    NOW,
    PANEL_2024,
    PANEL_BEFORE_2024,
    act,
    findings,
    investigation_open,
    served,
    to_listed,
    to_report,
)
from upright.core.exceptions import Conflict, TransitionNotAllowed, ValidationFailed

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _refused(matter: Matter, actor: Any, action: str, payload: dict[str, Any],
             error: type[Exception], field: str | None = None) -> Any:
    before = (matter.status, matter.version, audit_count(matter))
    with pytest.raises(error) as caught:
        act(matter, actor, action, payload)
    fresh = Matter.objects.get(pk=matter.pk)
    assert (fresh.status, fresh.version, audit_count(matter)) == before
    if field is not None:
        assert list(caught.value.extra["fields"]) == [field]  # type: ignore[attr-defined]
    return caught.value


def test_reg17_notice_records_service_and_opens_reg18_deadline() -> None:
    matter, aa = investigation_open()
    at = NOW() - dt.timedelta(minutes=5)
    matter = act(matter, aa, "serve_reg17_notice",
                 {"served_at": at, "method": "post", "terms_of_reference": "ToR"})
    assert (matter.status, matter.reg17_served_at) == ("under_investigation", at)
    notice = ServedNotice.objects.get(matter=matter)
    assert (notice.kind, notice.method, notice.served_at) == ("reg17", "post", at)
    deadline = Deadline.objects.get(matter=matter, code="reg18_representations")
    assert (deadline.legal_basis, deadline.verified) == ("PCR 2020 reg 18", False)
    assert audit_count(matter, "conduct.matter.reg17_notice_served") == 1


def test_no_interview_before_reg17_notice() -> None:
    matter, aa = investigation_open()
    error = _refused(matter, aa, "schedule_interview",
                     {"specified_at": NOW(), "place": "Room"}, TransitionNotAllowed)
    assert "reg 20(2)" in error.message
    assert "schedule_interview" not in error.extra["allowed_actions"]


@pytest.mark.parametrize(("alternative", "ok"), [
    (dt.datetime(2025, 12, 29, 10, tzinfo=LONDON), True),   # 1st WD after 24 Dec (25, 26 hols)
    (dt.datetime(2026, 1, 5, 10, tzinfo=LONDON), True),     # 5th WD (1 Jan is a holiday)
    (dt.datetime(2026, 1, 6, 10, tzinfo=LONDON), False),    # 6th WD
    (dt.datetime(2025, 12, 24, 15, tzinfo=LONDON), False),  # the same day
])
def test_interview_alternative_within_5_working_days(alternative: Any, ok: bool) -> None:
    matter, aa = investigation_open()
    matter = act(matter, aa, "serve_reg17_notice", served(terms_of_reference="ToR"))
    payload = {"specified_at": dt.datetime(2025, 12, 24, 10, tzinfo=LONDON), "place": "Room",
               "alternative_at": alternative}
    if ok:
        assert act(matter, aa, "schedule_interview", payload).status == "interview_scheduled"
    else:
        _refused(matter, aa, "schedule_interview", payload, ValidationFailed, "alternative_at")


def test_statement_sends_matter_to_special_conditions_before_case_to_answer() -> None:
    matter, aa = investigation_open(level="gross_misconduct")
    matter = to_report(matter, aa, statement="Clear CCTV evidence.")
    assert (matter.status, matter.special_conditions) == ("report_submitted", "stated")
    _refused(matter, aa, "case_to_answer", {"decision": "gross_misconduct", "proceedings": True,
                                            "form": "hearing", "rationale": "R"},
             TransitionNotAllowed)
    not_met = act(matter, aa, "certify_special_conditions",
                  {"sufficient_evidence": True, "public_interest": False, "rationale": "R"})
    assert not_met.status == "case_to_answer_determination"


@pytest.mark.parametrize(("payload", "field"), [
    ({"decision": "gross_misconduct", "proceedings": True, "form": "meeting"}, "form"),
    ({"decision": "gross_misconduct", "proceedings": False, "route": "nfa"}, "proceedings"),
    ({"decision": "misconduct", "proceedings": True, "form": "hearing"}, "form"),
    ({"decision": "misconduct", "proceedings": True, "form": "amh"}, "form"),
    ({"decision": "no_case"}, "route"),
    ({"decision": "misconduct"}, "proceedings"),
])
def test_case_to_answer_rules(payload: dict[str, Any], field: str) -> None:
    matter, aa = investigation_open()
    matter = to_report(matter, aa)
    _refused(matter, aa, "case_to_answer", {**payload, "rationale": "R"}, ValidationFailed, field)


@pytest.mark.parametrize(("payload", "status"), [
    ({"decision": "no_case", "route": "rprp"}, "rprp"),
    ({"decision": "no_case", "route": "nfa"}, "closed_nfa"),
    ({"decision": "misconduct", "proceedings": False, "route": "rprp"}, "rprp"),
    ({"decision": "misconduct", "proceedings": True, "form": "meeting"}, "referred_to_meeting"),
    ({"decision": "misconduct", "proceedings": True, "form": "hearing",
      "multiple_incidents": True}, "referred_to_hearing"),
    ({"decision": "gross_misconduct", "proceedings": True, "form": "hearing"},
     "referred_to_hearing"),
])
def test_case_to_answer_routes(payload: dict[str, Any], status: str) -> None:
    matter, aa = investigation_open()
    matter = to_report(matter, aa)
    assert act(matter, aa, "case_to_answer", {**payload, "rationale": "R"}).status == status


def test_misconduct_hearing_allowed_with_live_final_warning() -> None:
    subject = person_new()
    earlier, aa = investigation_open(subjects=[subject])
    earlier = to_listed(to_report(earlier, aa), aa, decision="misconduct", form="meeting")
    earlier = act(earlier, aa, "record_outcome", {
        "concluded_on": timezone.localdate(), "findings": findings(earlier, "misconduct"),
        "disciplinary_action": "final_written_warning"})
    act(earlier, aa, "notify_outcome", served())
    assert person_has_live_warning(person_id=subject.pk, on=timezone.localdate()) is True

    matter, aa = investigation_open(subjects=[subject], actor=aa)
    matter = to_listed(to_report(matter, aa), aa, decision="misconduct", form="hearing")
    matter = act(matter, aa, "record_outcome", {
        "concluded_on": timezone.localdate(), "findings": findings(matter, "misconduct"),
        "disciplinary_action": "dismissal_without_notice"})
    assert Outcome.objects.get(matter=matter).disciplinary_action == "dismissal_without_notice"


def test_warning_lapses_after_configured_duration() -> None:
    subject = person_new()
    matter, aa = investigation_open(subjects=[subject])
    matter = to_listed(to_report(matter, aa), aa, decision="misconduct", form="meeting")
    matter = act(matter, aa, "record_outcome", {
        "concluded_on": timezone.localdate(), "findings": findings(matter, "misconduct"),
        "disciplinary_action": "final_written_warning"})
    act(matter, aa, "notify_outcome", served())
    today = timezone.localdate()
    assert person_has_live_warning(person_id=subject.pk, on=today + dt.timedelta(days=700)) is True
    assert person_has_live_warning(person_id=subject.pk, on=today + dt.timedelta(days=800)) is False


@pytest.mark.parametrize(("forum", "finding", "former", "dismissal_open", "expected"), [
    ("meeting", "misconduct", False, True, {"written_warning", "final_written_warning"}),
    ("meeting", "gross_misconduct", False, True, set()),
    ("hearing", "misconduct", False, False, {"written_warning", "final_written_warning"}),
    ("hearing", "misconduct", False, True, {"written_warning", "final_written_warning",
                                            "reduction_in_rank", "dismissal_without_notice"}),
    ("hearing", "gross_misconduct", False, False, {"final_written_warning", "reduction_in_rank",
                                                   "dismissal_without_notice"}),
    ("amh", "gross_misconduct", True, False, {"no_action", "would_have_been_dismissed"}),
    ("hearing", "misconduct", True, False, {"no_action"}),
    ("hearing", "not_misconduct", False, False, {"no_action"}),
    ("meeting", "discontinued", False, False, {"no_action"}),
])
def test_reg42_table(forum: str, finding: str, former: bool, dismissal_open: bool,
                     expected: set[str]) -> None:
    assert reg42_allowed(forum=forum, finding=finding, former_officer=former,
                         dismissal_open=dismissal_open) == expected


def test_meeting_cannot_dismiss() -> None:
    matter, aa = investigation_open()
    matter = to_listed(to_report(matter, aa), aa, decision="misconduct", form="meeting")
    _refused(matter, aa, "record_outcome", {
        "concluded_on": timezone.localdate(), "findings": findings(matter, "misconduct"),
        "disciplinary_action": "dismissal_without_notice"}, ValidationFailed,
        "disciplinary_action")


def test_findings_must_cover_every_allegation() -> None:
    matter, aa = investigation_open(subjects=[person_new(), person_new()])
    matter = to_listed(to_report(matter, aa), aa, decision="misconduct", form="meeting")
    _refused(matter, aa, "record_outcome", {
        "concluded_on": timezone.localdate(), "findings": findings(matter, "misconduct")[:1],
        "disciplinary_action": "written_warning"}, ValidationFailed, "findings")


@pytest.mark.parametrize(("hearing_on", "panel", "ok"), [
    (dt.date(2024, 5, 6), PANEL_BEFORE_2024, True),
    (dt.date(2024, 5, 6), PANEL_2024, False),
    (dt.date(2024, 5, 7), PANEL_2024, True),
    (dt.date(2024, 5, 7), PANEL_BEFORE_2024, False),
    (dt.date(2024, 5, 7), PANEL_2024[:3], False),
])
def test_panel_composition_follows_hearing_date(hearing_on: dt.date, panel: Any, ok: bool) -> None:
    matter, aa = investigation_open(
        came_to_attention_at=dt.datetime(2023, 6, 1, 9, tzinfo=LONDON))
    matter = to_report(matter, aa)
    matter = act(matter, aa, "case_to_answer", {"decision": "gross_misconduct",
                                                "proceedings": True, "form": "hearing",
                                                "rationale": "R"})
    for action, payload in [("serve_reg30_notice", served()),
                            ("officer_response", {"response": "accept"}),
                            ("bundle_to_chair", {}),
                            ("pre_hearing", {"held_on": timezone.localdate()})]:
        matter = act(matter, aa, action, payload)
    payload = {"scheduled_on": hearing_on, "venue": "HQ", "panel": panel}
    if ok:
        matter = act(matter, aa, "list_proceedings", payload)
        assert sorted(PanelMember.objects.values_list("role", flat=True)) == sorted(
            p["role"] for p in panel)
    else:
        _refused(matter, aa, "list_proceedings", payload, ValidationFailed, "panel")


def test_meeting_has_no_pre_hearing_and_is_listed_after_documents() -> None:
    matter, aa = investigation_open()
    matter = to_report(matter, aa)
    matter = act(matter, aa, "case_to_answer", {"decision": "misconduct", "proceedings": True,
                                                "form": "meeting", "rationale": "R"})
    matter = act(matter, aa, "serve_reg30_notice", served())
    matter = act(matter, aa, "officer_response", {"response": "accept"})
    _refused(matter, aa, "list_proceedings", {"scheduled_on": timezone.localdate(),
                                              "venue": "HQ"}, TransitionNotAllowed)
    matter = act(matter, aa, "bundle_to_chair", {})
    _refused(matter, aa, "pre_hearing", {"held_on": timezone.localdate()}, TransitionNotAllowed)
    matter = act(matter, aa, "list_proceedings", {"scheduled_on": timezone.localdate(),
                                                  "venue": "HQ"})
    assert matter.status == "listed"


@pytest.mark.parametrize(("hearing_on", "agreement", "ok"), [
    (dt.date(2025, 3, 17), "", True),     # 10th WD after Mon 3 Mar 2025
    (dt.date(2025, 3, 24), "", True),     # 15th WD
    (dt.date(2025, 3, 14), "", False),    # 9th WD
    (dt.date(2025, 3, 25), "", False),    # 16th WD
    (dt.date(2025, 3, 10), "Agreed by the officer in writing", True),  # reg 48
    (dt.date(2025, 3, 25), "Agreed by the officer in writing", False),
])
def test_amh_date_window(hearing_on: dt.date, agreement: str, ok: bool) -> None:
    matter, aa = investigation_open(level="gross_misconduct",
                                    came_to_attention_at=dt.datetime(2024, 9, 1, tzinfo=LONDON))
    matter = to_report(matter, aa, statement="Statement.")
    matter = act(matter, aa, "certify_special_conditions",
                 {"sufficient_evidence": True, "public_interest": True, "rationale": "R"})
    payload = {"served_at": dt.datetime(2025, 3, 3, 10, tzinfo=LONDON), "method": "in_person",
               "hearing_date": hearing_on, "venue": "HQ", "reduction_agreement": agreement}
    if ok:
        assert act(matter, aa, "serve_amh_notice", payload).status == "amh_notice_served"
    else:
        _refused(matter, aa, "serve_amh_notice", payload, ValidationFailed, "hearing_date")


def test_former_officer_presumed_amh_under_2025_rules() -> None:
    matter, aa = investigation_open(level="gross_misconduct")
    matter = act(matter, aa, "record_resignation", {"left_on": timezone.localdate(),
                                                    "how": "resigned"})
    assert (matter.status, matter.former_officer) == ("under_investigation", True)
    matter = to_report(matter, aa)
    matter = act(matter, aa, "case_to_answer", {"decision": "gross_misconduct",
                                                "proceedings": True, "rationale": "R"})
    assert (matter.status, matter.proceedings_form) == ("amh_path", "amh")


def test_former_officer_opting_for_hearing() -> None:
    matter, aa = investigation_open(level="gross_misconduct", subjects=[person_new(status="left")])
    matter = to_report(matter, aa)
    matter = act(matter, aa, "case_to_answer", {
        "decision": "gross_misconduct", "proceedings": True, "officer_opts_for_hearing": True,
        "rationale": "R"})
    assert matter.status == "referred_to_hearing"


def test_pause_and_resume_amh_requires_fresh_determination() -> None:
    matter, aa = investigation_open(level="gross_misconduct")
    matter = to_report(matter, aa, statement="S")
    matter = act(matter, aa, "certify_special_conditions",
                 {"sufficient_evidence": True, "public_interest": True, "rationale": "R"})
    matter = act(matter, aa, "pause_for_criminal", {"rationale": "Charged."})
    assert (matter.status, matter.paused_from_status) == ("suspended_pending_criminal", "amh_path")
    _refused(matter, aa, "resume", {"rationale": "Acquitted."}, ValidationFailed,
             "special_conditions_met")
    matter = act(matter, aa, "resume", {"rationale": "Acquitted.",
                                        "special_conditions_met": False})
    assert (matter.status, matter.special_conditions, matter.paused_from_status) == (
        "case_to_answer_determination", "not_met", "")


def test_2012_matters_are_read_only() -> None:
    matter = matter_in("recorded", came_to_attention_at=dt.datetime(2019, 6, 1, tzinfo=LONDON))
    actor = matter_in.__globals__["recorder"]()
    error = _refused(matter, actor, "close_nfa", {"rationale": "R"}, TransitionNotAllowed)
    assert "2012" in error.message
    assert error.extra["allowed_actions"] == []


def test_rprp_review_only_on_or_after_review_date() -> None:
    matter, aa = investigation_open()
    matter = to_report(matter, aa)
    matter = act(matter, aa, "case_to_answer", {"decision": "no_case", "route": "rprp",
                                                "rationale": "R"})
    matter = act(matter, aa, "rprp_notify", served(reasons="Reasons."))
    matter = act(matter, aa, "rprp_fact_finding", {"summary": "Facts."})
    matter = act(matter, aa, "rprp_discussion", {"held_on": timezone.localdate(),
                                                 "summary": "Talked."})
    review_on = timezone.localdate() + dt.timedelta(days=30)
    matter = act(matter, aa, "rprp_report", {
        "issue_summary": "a", "discussion_summary": "b",
        "key_actions": [{"action": "Training", "period": "3 months"}],
        "officer_lessons": "d", "organisation_lessons": "e", "review_date": review_on})
    assert RprpReport.objects.get(matter=matter).review_date == review_on
    _refused(matter, aa, "rprp_review", {"notes": "Too early."}, Conflict)
    codes = set(Deadline.objects.filter(matter=matter).values_list("code", flat=True))
    assert {"rprp_review", "rprp_pdr"} <= codes


def test_close_refused_while_appeal_window_open() -> None:
    matter, aa = investigation_open()
    matter = to_listed(to_report(matter, aa), aa, decision="misconduct", form="meeting")
    matter = act(matter, aa, "record_outcome", {
        "concluded_on": timezone.localdate(), "findings": findings(matter, "misconduct"),
        "disciplinary_action": "written_warning"})
    matter = act(matter, aa, "notify_outcome", served())
    error = _refused(matter, aa, "close", {"rationale": "Done."}, Conflict)
    assert "appeal period" in error.message
    closed = act(matter, aa, "close", {"rationale": "Done.", "appeal_waived": True})
    assert closed.status == "closed_with_outcome"


def test_proceedings_cannot_conclude_before_their_listed_date() -> None:
    matter, aa = investigation_open()
    matter = to_report(matter, aa)
    matter = act(matter, aa, "case_to_answer", {"decision": "misconduct", "proceedings": True,
                                                "form": "meeting", "rationale": "R"})
    matter = act(matter, aa, "serve_reg30_notice", served())
    matter = act(matter, aa, "officer_response", {"response": "deny"})
    matter = act(matter, aa, "bundle_to_chair", {})
    listed_for = timezone.localdate() + dt.timedelta(days=7)
    matter = act(matter, aa, "list_proceedings", {"scheduled_on": listed_for, "venue": "HQ"})
    error = _refused(matter, aa, "record_outcome", {
        "concluded_on": timezone.localdate(), "findings": findings(matter, "misconduct"),
        "disciplinary_action": "written_warning"}, ValidationFailed)
    assert "concluded_on" in error.extra["fields"]
