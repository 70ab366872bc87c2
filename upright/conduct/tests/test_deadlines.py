"""Statutory deadlines opened by the steps, counted in E&W working days across weekends, bank
holidays and the year end (the "first working day after" rule)."""

import datetime as dt

import pytest
from freezegun import freeze_time

from upright.conduct.models import Deadline, Matter
from upright.conduct.tests.process import act, findings, investigation_open, served, to_report

pytestmark = pytest.mark.django_db


def _due(matter: Matter, code: str) -> tuple[dt.date, dt.date, str, bool]:
    d = Deadline.objects.get(matter=matter, code=code)
    return d.trigger_date, d.due_date, d.legal_basis, d.verified


def _referred_to_meeting() -> tuple[Matter, object]:
    matter, aa = investigation_open()
    matter = to_report(matter, aa)
    matter = act(matter, aa, "case_to_answer", {"decision": "misconduct", "proceedings": True,
                                                "form": "meeting", "rationale": "R"})
    return matter, aa


def test_reg31_response_over_christmas_and_new_year() -> None:
    with freeze_time("2025-12-22 15:00:00"):  # Monday
        matter, aa = _referred_to_meeting()
        matter = act(matter, aa, "serve_reg30_notice", served())
    # 23, 24, 29, 30, 31 Dec, 2, 5-9, 12-15 Jan (25, 26 Dec and 1 Jan are bank holidays)
    assert _due(matter, "reg31_response") == (
        dt.date(2025, 12, 22), dt.date(2026, 1, 15), "PCR 2020 reg 31(1)-(3)", True)


def test_reg31_response_satisfied_and_witness_lists_opened_on_response() -> None:
    with freeze_time("2025-12-22 15:00:00"):
        matter, aa = _referred_to_meeting()
        matter = act(matter, aa, "serve_reg30_notice", served())
    with freeze_time("2026-01-09 11:00:00"):  # Friday
        matter = act(matter, aa, "officer_response", {"response": "accept"})
    assert Deadline.objects.get(matter=matter, code="reg31_response").satisfied_at is not None
    assert _due(matter, "reg31_witness_lists")[:2] == (dt.date(2026, 1, 9), dt.date(2026, 1, 14))
    assert _due(matter, "reg32_documents")[:2] == (dt.date(2026, 1, 9), dt.date(2026, 1, 23))
    with freeze_time("2026-01-12 11:00:00"):
        matter = act(matter, aa, "bundle_to_chair", {})
    open_codes = set(Deadline.objects.filter(matter=matter, satisfied_at__isnull=True)
                     .values_list("code", flat=True))
    assert {"reg31_witness_lists", "reg32_documents"}.isdisjoint(open_codes)


def test_outcome_report_over_the_may_bank_holiday_and_appeal_over_easter() -> None:
    with freeze_time("2025-04-10 10:00:00"):
        matter, aa = _referred_to_meeting()
        for action, payload in [("serve_reg30_notice", served()),
                                ("officer_response", {"response": "deny"}),
                                ("bundle_to_chair", {}),
                                ("list_proceedings", {"scheduled_on": "2025-04-17",
                                                      "venue": "HQ"})]:
            matter = act(matter, aa, action, payload)
    with freeze_time("2025-04-17 16:00:00"):  # Thursday before Good Friday
        matter = act(matter, aa, "record_outcome", {
            "concluded_on": "2025-04-17", "findings": findings(matter, "misconduct"),
            "disciplinary_action": "written_warning"})
        # Good Friday 18 Apr, Easter Monday 21 Apr: 22, 23, 24, 25, 28 Apr
        assert _due(matter, "reg43_outcome_report")[:2] == (dt.date(2025, 4, 17),
                                                            dt.date(2025, 4, 28))
        matter = act(matter, aa, "notify_outcome", served())
    assert _due(matter, "reg45_appeal") == (dt.date(2025, 4, 17), dt.date(2025, 4, 30),
                                            "PCR 2020 reg 45(3)", True)


def test_pre_hearing_deadline_from_documents_to_chair_over_a_weekend() -> None:
    with freeze_time("2025-06-06 10:00:00"):  # Friday
        matter, aa = investigation_open(level="gross_misconduct")
        matter = to_report(matter, aa)
        matter = act(matter, aa, "case_to_answer", {"decision": "gross_misconduct",
                                                    "proceedings": True, "form": "hearing",
                                                    "rationale": "R"})
        for action, payload in [("serve_reg30_notice", served()),
                                ("officer_response", {"response": "deny"}),
                                ("bundle_to_chair", {})]:
            matter = act(matter, aa, action, payload)
    # 15 WD from Fri 6 Jun 2025: 9-13, 16-20, 23-27 Jun
    assert _due(matter, "reg33_pre_hearing")[:2] == (dt.date(2025, 6, 6), dt.date(2025, 6, 27))
