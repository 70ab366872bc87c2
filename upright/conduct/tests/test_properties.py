"""Property-based: random action sequences with random payloads, through the services, never
leave the state table, never skip a required step and never give an outcome reg 42 forbids."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upright.conduct.choices import (
    CaseToAnswer,
    DisciplinaryAction,
    Finding,
    ProceedingsForm,
)
from upright.conduct.models import Matter, MatterStatusChange, Outcome
from upright.conduct.services import matter_act
from upright.conduct.services.warnings import reg42_allowed
from upright.conduct.states import ACTIONS, TRANSITIONS, MatterStatus
from upright.conduct.tests.factories import audit_count
from upright.conduct.tests.process import PANEL_2024, PANEL_BEFORE_2024, investigation_open
from upright.core.exceptions import ApplicationError

S = MatterStatus
_NOW = timezone.now


def _payload(draw: Any, action: str, matter: Matter) -> dict[str, Any]:
    today = timezone.localdate()
    served = {"served_at": _NOW() - dt.timedelta(minutes=1), "method": "in_person"}
    allegations = list(matter.allegations.values_list("id", flat=True))
    finding = draw(st.sampled_from(Finding.values))
    table: dict[str, dict[str, Any]] = {
        "serve_reg17_notice": {**served, "terms_of_reference": "ToR"},
        "schedule_interview": {"specified_at": _NOW() + dt.timedelta(days=3), "place": "R",
                               "alternative_at": draw(st.sampled_from(
                                   [None, _NOW() + dt.timedelta(days=4),
                                    _NOW() + dt.timedelta(days=30)]))},
        "record_interview": {"held_at": _NOW()},
        "submit_report": {"summary": "S", "special_conditions_statement":
                          draw(st.sampled_from(["", "Statement"]))},
        "record_resignation": {"left_on": today, "how": "resigned"},
        "certify_special_conditions": {"sufficient_evidence": draw(st.booleans()),
                                       "public_interest": draw(st.booleans()), "rationale": "R"},
        "serve_amh_notice": {**served, "venue": "HQ", "hearing_date": today + dt.timedelta(
            days=draw(st.integers(min_value=0, max_value=25)))},
        "case_to_answer": {"decision": draw(st.sampled_from(CaseToAnswer.values)),
                           "proceedings": draw(st.sampled_from([True, False, None])),
                           "form": draw(st.sampled_from(ProceedingsForm.values)),
                           "route": draw(st.sampled_from(["rprp", "nfa"])),
                           "multiple_incidents": draw(st.booleans()), "rationale": "R"},
        "serve_reg30_notice": served,
        "officer_response": {"response": draw(st.sampled_from(["accept", "deny"]))},
        "bundle_to_chair": {},
        "pre_hearing": {"held_on": today},
        "list_proceedings": {"scheduled_on": today + dt.timedelta(days=10), "venue": "HQ",
                             "panel": draw(st.sampled_from([PANEL_2024, PANEL_BEFORE_2024]))},
        "record_outcome": {"concluded_on": today, "disciplinary_action": draw(
            st.sampled_from(DisciplinaryAction.values)), "multiple_incidents": draw(st.booleans()),
            "findings": [{"allegation_id": a, "finding": finding} for a in allegations]},
        "notify_outcome": served,
        "appeal": {"lodged_on": today, "grounds": ["a"]},
        "decide_appeal": {"decision": draw(st.sampled_from(["upheld", "dismissed"])),
                          "substituted_action": draw(st.sampled_from(DisciplinaryAction.values)),
                          "rationale": "R"},
        "close": {"rationale": "R", "appeal_waived": draw(st.booleans())},
        "resume": {"rationale": "R", "special_conditions_met": draw(st.booleans())},
        "rprp_notify": {**served, "reasons": "R"},
        "rprp_fact_finding": {"summary": "S"},
        "rprp_discussion": {"held_on": today, "summary": "S"},
        "rprp_report": {"issue_summary": "a", "discussion_summary": "b", "officer_lessons": "d",
                        "organisation_lessons": "e", "review_date": today,
                        "key_actions": [{"action": "x", "period": "1 month"}]},
        "rprp_review": {"notes": "N"},
    }
    return table.get(action, {"rationale": "R"})


def _history(matter: Matter) -> list[str]:
    return list(MatterStatusChange.objects.filter(matter=matter).order_by("id")
                .values_list("action", flat=True))


def _check_invariants(matter: Matter) -> None:
    history = _history(matter)
    if "schedule_interview" in history:  # reg 20(2)
        assert history.index("serve_reg17_notice") < history.index("schedule_interview")
    if {"serve_reg30_notice", "list_proceedings"} & set(history):  # reg 23 before proceedings
        assert "case_to_answer" in history
    if "record_outcome" in history:  # no outcome before listing (or the AMH notice)
        first = history.index("record_outcome")
        assert {"list_proceedings", "serve_amh_notice"} & set(history[:first])
    for outcome in Outcome.objects.filter(matter=matter, superseded=False):
        if _history(matter)[-1] == "decide_appeal":
            continue  # a substituted outcome is the appeal body's, checked in its own test
        allowed = reg42_allowed(forum=outcome.forum, finding=outcome.finding,
                                former_officer=matter.former_officer, dismissal_open=True)
        assert outcome.disciplinary_action in allowed


@pytest.mark.django_db
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), level=st.sampled_from(["misconduct", "gross_misconduct"]))
def test_random_action_sequences_respect_the_law(data: Any, level: str) -> None:
    matter, actor = investigation_open(level=level)
    for _ in range(data.draw(st.integers(min_value=5, max_value=25))):
        before = Matter.objects.get(pk=matter.pk)
        events = audit_count(matter)
        # Mostly pick an action the table allows, sometimes any action at all.
        allowed = [n for n in ACTIONS if before.status in ACTIONS[n].sources]
        pool = allowed if allowed and data.draw(st.integers(0, 4)) else list(ACTIONS)
        action = data.draw(st.sampled_from(pool))
        try:
            matter = matter_act(reference=matter.reference, action=action, actor=actor,
                                payload=_payload(data.draw, action, before))
        except ApplicationError:
            after = Matter.objects.get(pk=matter.pk)
            assert (after.status, after.version) == (before.status, before.version)
            assert audit_count(matter) == events
            continue
        assert S(matter.status) in TRANSITIONS[S(before.status)]
        assert matter.version == before.version + 1
        assert audit_count(matter) == events + 1
        _check_invariants(matter)


# ---- public complaints -----------------------------------------------------------------------

def _complaint_payload(draw: Any, action: str, matter: Matter) -> dict[str, Any]:
    today = timezone.localdate()
    outcome = draw(st.sampled_from(["service_acceptable", "service_not_acceptable",
                                    "no_further_action", "bogus"]))
    received = today - dt.timedelta(days=draw(st.integers(min_value=0, max_value=3)))
    wrong = draw(st.sampled_from([None, received - dt.timedelta(days=draw(
        st.integers(min_value=0, max_value=40)))]))
    table: dict[str, dict[str, Any]] = {
        "handle_outside_schedule_3": {"outcome": outcome, "resolution": "R",
                                      "criteria": draw(st.sampled_from(
                                          [[], ["serious_assault"], ["voluntary_gravity"]])),
                                      "complainant_wants_recorded": draw(st.booleans())},
        "record_under_schedule_3": {"reason": "R", "aa_not_satisfied": draw(st.booleans())},
        "referral_check": {"criteria": draw(st.sampled_from([[], ["serious_assault"]])),
                           "rationale": "R"},
        "iopc_call_in": {"notified_on": today, "reason": "R",
                         "treated_as_referred": draw(st.booleans())},
        "iopc_decision": {"mode": draw(st.sampled_from(["local", "directed", "independent",
                                                        "returned"])),
                          "special_procedures": draw(st.booleans()),
                          "iopc_investigator": "IOPC lead"},
        "handle_otherwise": {"outcome": outcome, "actions_taken": "A", "rationale": "R"},
        "investigate_locally": {"special_procedures": draw(st.booleans())},
        "assess_severity": {"level": "misconduct", "route": draw(st.sampled_from(
            ["investigate", "nfa"])), "rationale": "R"},
        "appoint_investigator": {"iopc_investigator": "IOPC lead"},
        "dg_investigator_decision": {"decision": "approve"},
        "determine_complaint": {"outcome": outcome, "rationale": "R", "rprp": draw(st.booleans()),
                                "decision": draw(st.sampled_from(["no_case", "misconduct"])),
                                "proceedings": draw(st.sampled_from([True, False, None])),
                                "form": "meeting", "route": "nfa"},
        "dg_direct_proceedings": {"direction": draw(st.sampled_from(["recommend", "direct"])),
                                  "decision": "misconduct", "form": "meeting", "rationale": "R"},
        "notify_complainant_outcome": {
            "sent_at": _NOW() - dt.timedelta(days=draw(st.integers(min_value=0, max_value=50)),
                                          minutes=1), "method": "post"},
        "apply_for_review": {"received_on": received, "received_by_wrong_body_on": wrong,
                             "grounds": "G"},
        "decide_review": {"decision": draw(st.sampled_from(["upheld", "not_upheld"])),
                          "consequence": draw(st.sampled_from(
                              ["recommendations", "rehandle", "reinvestigate", "proceedings"])),
                          "recommendations": "R", "special_procedures": draw(st.booleans()),
                          "case_decision": "misconduct", "form": "meeting", "rationale": "R"},
        "close_complaint": {"rationale": "R", "review_waived": draw(st.booleans())},
        "contact_complainant": {"method": "phone", "summary": "S"},
    }
    return table[action] if action in table else _payload(draw, action, matter)


def _check_complaint_invariants(matter: Matter) -> None:
    from upright.conduct.models import ComplaintReview

    history = _history(matter)
    for index, action in enumerate(history):
        if action == "apply_for_review":  # never before the outcome was given (reg 29(2))
            since = history[:index]
            notified = max(i for i, a in enumerate(since) if a == "notify_complainant_outcome")
            assert "decide_review" not in since[notified:]
    for review in ComplaintReview.objects.filter(matter=matter):  # never after 28 days
        made_on = review.received_by_wrong_body_on or review.received_on
        assert made_on <= review.last_day


@pytest.mark.django_db
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_complaint_sequences_respect_the_law(data: Any) -> None:
    from upright.conduct.tests.process import complaint_new

    matter, actor = complaint_new(came_to_attention_at=_NOW() - dt.timedelta(days=60))
    for _ in range(data.draw(st.integers(min_value=5, max_value=25))):
        before = Matter.objects.get(pk=matter.pk)
        events = audit_count(matter)
        allowed = [n for n in ACTIONS if before.status in ACTIONS[n].sources]
        pool = allowed if allowed and data.draw(st.integers(0, 4)) else list(ACTIONS)
        action = data.draw(st.sampled_from(pool))
        try:
            matter = matter_act(reference=matter.reference, action=action, actor=actor,
                                payload=_complaint_payload(data.draw, action, before))
        except ApplicationError:
            after = Matter.objects.get(pk=matter.pk)
            assert (after.status, after.version) == (before.status, before.version)
            assert audit_count(matter) == events
            continue
        assert S(matter.status) in TRANSITIONS[S(before.status)]
        assert matter.version == before.version + 1
        assert audit_count(matter) == events + 1
        _check_complaint_invariants(matter)
