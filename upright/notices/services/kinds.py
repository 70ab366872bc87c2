"""What each kind of notice must say: its template, title, legal basis and required fields.

A required entry is a field name, or a tuple of names of which at least one must be given
(reg 17: the terms of reference, or the reasons they are not included).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from upright.notices.choices import NoticeKind

Requirement = str | tuple[str, ...]

_FINDINGS_WITH_APPEAL = {"misconduct", "gross_misconduct"}


@dataclass(frozen=True)
class KindSpec:
    template: str
    title: str
    legal_basis: str
    required: tuple[Requirement, ...]
    date_fields: tuple[str, ...] = ()
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Fields required only for some values of others (e.g. the appeal route after a finding).
    conditional: Callable[[Mapping[str, Any]], tuple[str, ...]] | None = None


def _outcome_conditional(context: Mapping[str, Any]) -> tuple[str, ...]:
    # Reg 43(3)-(4): notice of the right of appeal, naming the person it goes to, where
    # misconduct or gross misconduct was found.
    if context.get("finding") in _FINDINGS_WITH_APPEAL:
        return ("appeal_route", "appeal_to")
    return ()


def _suspension_conditional(context: Mapping[str, Any]) -> tuple[str, ...]:
    return ("restrictions",) if context.get("decision") == "restricted" else ()


KIND_SPECS: dict[str, KindSpec] = {
    NoticeKind.REG17: KindSpec(
        template="notices/kinds/reg17_notice.html",
        title="Notice of investigation",
        legal_basis="Police (Conduct) Regulations 2020, reg 17",
        required=("officer_name", "investigator_name", "conduct_description",
                  "standards_breached", "severity_assessment", "likely_proceedings",
                  ("terms_of_reference", "terms_of_reference_withheld_reason")),
        date_fields=("issued_on",),
        choices={"severity_assessment": ("misconduct", "gross_misconduct"),
                 "likely_proceedings": ("misconduct_meeting", "misconduct_hearing")},
    ),
    NoticeKind.REG30: KindSpec(
        template="notices/kinds/reg30_referral.html",
        title="Notice of referral to misconduct proceedings",
        legal_basis="Police (Conduct) Regulations 2020, regs 30 and 31",
        required=("officer_name", "proceedings_type", "case_to_answer", "conduct_description",
                  "documents"),
        choices={"proceedings_type": ("misconduct_meeting", "misconduct_hearing"),
                 "case_to_answer": ("misconduct", "gross_misconduct")},
    ),
    NoticeKind.OUTCOME: KindSpec(
        template="notices/kinds/outcome_notice.html",
        title="Notice of the outcome of misconduct proceedings",
        legal_basis="Police (Conduct) Regulations 2020, reg 43",
        required=("officer_name", "proceedings_type", "finding", "reasons",
                  "disciplinary_action"),
        date_fields=("proceedings_completed_on",),
        choices={"proceedings_type": ("misconduct_meeting", "misconduct_hearing",
                                      "accelerated_hearing"),
                 "finding": ("not_misconduct", "misconduct", "gross_misconduct",
                             "discontinued"),
                 "appeal_route": ("reg45_meeting_appeal", "PAT")},
        conditional=_outcome_conditional,
    ),
    NoticeKind.SUSPENSION: KindSpec(
        template="notices/kinds/suspension_notice.html",
        title="Notice of suspension or restriction",
        legal_basis="Police (Conduct) Regulations 2020, reg 11",
        required=("officer_name", "decision", "reasons_summary", "effective_from"),
        date_fields=("effective_from",),
        choices={"decision": ("suspended", "restricted")},
        conditional=_suspension_conditional,
    ),
    NoticeKind.TIMELINESS: KindSpec(
        template="notices/kinds/timeliness_report.html",
        title="Investigation timeliness report",
        legal_basis="PCR 2020 reg 19 / CMR 2020 reg 13",
        required=("recipient_name", "period_index", "period_end", "came_to_attention",
                  "progress", "estimated_conclusion", "estimated_report_date",
                  "reason_for_time", "planned_steps"),
        date_fields=("period_start", "period_end", "came_to_attention", "reg17_notice_date",
                     "estimated_conclusion", "estimated_report_date"),
    ),
}
