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
from upright.conduct.services import AllegationInput, matter_record
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
