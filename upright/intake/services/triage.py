"""Triage: record a report as a complaint or conduct matter, or close it with no action.

Each decision locks the report, checks it is still new, and writes the report change, the
matter (through conduct's services) and the audit events in one transaction.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.conduct.selectors import complainant_for_report
from upright.conduct.services import AllegationInput, matter_record
from upright.conduct.services.complainants import complainant_link, complainant_record
from upright.core.clock import timezone_now
from upright.core.exceptions import ActionForbidden, Conflict
from upright.intake import audit_events
from upright.intake.models import Report, ReportStatus
from upright.intake.permissions import access_report, report_policy
from upright.intake.services.cleaning import FieldErrors, text_clean

REASON_MAX = 5000


def _report_for_triage(*, actor: Any, reference: str) -> Report:
    """Lock the report (inside the caller's transaction) and check it may be triaged now."""
    perm_require(user=actor, perm=Perm.TRIAGE)
    report = access_report(user=actor, reference=reference)  # NotFound if invisible
    if not report_policy.user_has_permission_for_instance(user=actor, action=Perm.TRIAGE,
                                                          instance=report):
        raise ActionForbidden("Your role does not allow triaging this report.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.NEW:
        raise Conflict(
            f"This report was already triaged ({report.get_status_display()}).",
            {"status": report.status},
        )
    return report


def report_triage_record(
    *,
    actor: Any,
    reference: str,
    kind: str,
    summary: str,
    allegations: list[AllegationInput],
    came_to_attention_at: dt.datetime | None = None,
) -> Report:
    """Record the report as a matter in conduct and mark it triaged.

    came_to_attention_at defaults to when the report was received. Conduct validates the
    matter (ValidationFailed names the fields) and writes its own audit event.
    """
    perm_require(user=actor, perm=Perm.RECORD_MATTER)
    with transaction.atomic():
        report = _report_for_triage(actor=actor, reference=reference)
        matter = matter_record(
            actor=actor,
            kind=kind,
            summary=summary,
            came_to_attention_at=came_to_attention_at or report.created_at,
            allegations=allegations,
            source_report_reference=report.reference,
            compartment=report.compartment,
        )
        if kind == "complaint":
            _complainant_link_from_report(actor=actor, report=report, matter_reference=matter.reference)
        report.status = ReportStatus.TRIAGED
        report.matter_reference = matter.reference
        report.triaged_by = actor
        report.triaged_at = timezone_now()
        report.save(update_fields=["status", "matter_reference", "triaged_by", "triaged_at",
                                   "updated_at"])
        audit_record(
            action=audit_events.REPORT_TRIAGED, actor=actor, target=report,
            matter_ref=matter.reference,
            extra={"old": {"status": ReportStatus.NEW},
                   "new": {"status": ReportStatus.TRIAGED, "matter_reference": matter.reference,
                           "kind": kind}},
        )
    return report


def _complainant_link_from_report(*, actor: Any, report: Report, matter_reference: str) -> None:
    """A named member of the public who complains becomes a complainant, kept informed at every
    stage (CMR Part 4) and linked to every complaint they make. An anonymous reporter is kept
    informed through the mailbox and is never named."""
    if report.anonymous or not report.reporter_name:
        return
    complainant = complainant_for_report(report_reference=report.reference)
    if complainant is None:
        preferred = "email" if report.reporter_email else "phone" if report.reporter_phone else "portal"
        complainant = complainant_record(
            actor=actor, name=report.reporter_name, preferred_contact=preferred,
            email=report.reporter_email, phone=report.reporter_phone,
            source_report_reference=report.reference)
    complainant_link(actor=actor, complainant_id=complainant.pk, matter_reference=matter_reference)


def report_triage_no_action(*, actor: Any, reference: str, reason: str) -> Report:
    """Close the report with no further action; the reason is required and kept."""
    errors = FieldErrors()
    text = text_clean(errors, {"reason": reason}, "reason", label="The reason",
                      max_length=REASON_MAX, required=True, multiline=True)
    with transaction.atomic():
        report = _report_for_triage(actor=actor, reference=reference)
        errors.raise_if_any()
        report.status = ReportStatus.NO_ACTION
        report.triage_reason = text
        report.triaged_by = actor
        report.triaged_at = timezone_now()
        report.save(update_fields=["status", "triage_reason", "triaged_by", "triaged_at",
                                   "updated_at"])
        audit_record(
            action=audit_events.REPORT_NO_ACTION, actor=actor, target=report,
            extra={"old": {"status": ReportStatus.NEW},
                   "new": {"status": ReportStatus.NO_ACTION}, "reason": text},
        )
    return report
