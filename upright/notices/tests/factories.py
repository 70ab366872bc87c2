"""Valid contexts for every kind of notice, so tests start from something that issues."""

import datetime as dt
from typing import Any, cast

from upright.notices.choices import NoticeKind
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory

CONTEXTS: dict[str, dict[str, Any]] = {
    NoticeKind.REG17: {
        "investigator_name": "DS Ada Investigator",
        "conduct_description": "Used a police computer to look up a neighbour.",
        "standards_breached": "Confidentiality; Discreditable Conduct.",
        "severity_assessment": "gross_misconduct",
        "likely_proceedings": "misconduct_hearing",
        "terms_of_reference": "Establish whether PNC was accessed without a policing purpose.",
    },
    NoticeKind.REG30: {
        "proceedings_type": "misconduct_hearing",
        "case_to_answer": "gross_misconduct",
        "conduct_description": "Accessed PNC without a policing purpose.",
        "documents": ["Investigator's report", "Audit trail extract"],
    },
    NoticeKind.OUTCOME: {
        "proceedings_type": "misconduct_meeting",
        "finding": "misconduct",
        "reasons": "The panel found the access was not for a policing purpose.",
        "disciplinary_action": "Written warning.",
        "appeal_route": "reg45_meeting_appeal",
        "appeal_to": "The Assistant Commissioner, Professional Standards",
    },
    NoticeKind.SUSPENSION: {
        "decision": "suspended",
        "reasons_summary": "The public interest requires suspension.",
        "effective_from": dt.date(2025, 6, 2),
    },
    NoticeKind.TIMELINESS: {
        "recipient": "lpb",
        "recipient_name": "Local policing body",
        "period_index": 1,
        "period_end": dt.date(2025, 5, 31),
        "came_to_attention": dt.date(2024, 6, 1),
        "progress": "Witnesses interviewed.",
        "estimated_conclusion": dt.date(2025, 9, 30),
        "estimated_report_date": dt.date(2025, 10, 31),
        "reason_for_time": "Awaiting digital forensics.",
        "planned_steps": "Interview the officer.",
    },
}

# The fields each kind refuses to issue without (one representative per kind is enough to
# prove the rule; every one is listed so each is tested).
REQUIRED: dict[str, list[str]] = {
    NoticeKind.REG17: ["investigator_name", "conduct_description", "standards_breached",
                       "severity_assessment", "likely_proceedings", "terms_of_reference"],
    NoticeKind.REG30: ["proceedings_type", "case_to_answer", "conduct_description", "documents"],
    NoticeKind.OUTCOME: ["proceedings_type", "finding", "reasons", "disciplinary_action",
                         "appeal_route", "appeal_to"],
    NoticeKind.SUSPENSION: ["decision", "reasons_summary", "effective_from"],
    NoticeKind.TIMELINESS: ["recipient_name", "period_index", "period_end", "came_to_attention",
                            "progress", "estimated_conclusion", "estimated_report_date",
                            "reason_for_time", "planned_steps"],
}


def context_for(kind: str, **overrides: Any) -> dict[str, Any]:
    return {**CONTEXTS[kind], **overrides}


def person_new(**kwargs: Any) -> Person:
    """A workforce person (typed, so tests read `.pk` without casts)."""
    return cast(Person, PersonFactory(**kwargs))
