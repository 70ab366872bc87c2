"""The accountable decision on a repeat-pattern alert: act (and with what), or no action
with the reason recorded. Reads of an alert are audited too (a sensitive read)."""

from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import TransitionNotAllowed, ValidationFailed
from upright.patterns.audit_events import ALERT_DECIDED, ALERT_LIST_VIEWED, ALERT_VIEWED
from upright.patterns.models import AlertAction, AlertDecision, AlertStatus, PatternAlert
from upright.patterns.permissions import DECIDE, access_alert, patterns_perm_require

REASON_MAX = 5000


def _check(decision: str, action: str, reason: str) -> dict[str, str]:
    errors = {}
    if decision not in AlertDecision.values:
        errors["decision"] = f"Must be one of: {', '.join(AlertDecision.values)}."
    elif decision == AlertDecision.ACT and action not in AlertAction.values:
        errors["action"] = f"Say how to act: one of {', '.join(AlertAction.values)}."
    elif decision == AlertDecision.NO_ACTION and action:
        errors["action"] = "No action was decided: leave the action empty."
    if decision == AlertDecision.NO_ACTION and not reason:
        errors["reason"] = "Record why no action is taken: the decision must be accountable."
    if decision == AlertDecision.ACT and action == AlertAction.VETTING_REVIEW and not reason:
        errors["reason"] = "Give the vetting unit the reason for the review."
    if len(reason) > REASON_MAX:
        errors["reason"] = f"At most {REASON_MAX} characters."
    return errors


def pattern_alert_decide(*, actor: Any, alert_id: int, decision: str, action: str = "",
                         reason: str = "") -> PatternAlert:
    """Decide an open alert. decision "act" needs `action` (AlertAction); "no_action" needs
    `reason`. A vetting review is requested through vetting's own service (source "other",
    the alert as its reference) in the same transaction, so a refused request leaves the
    alert open. Refusals change nothing and write no audit event."""
    patterns_perm_require(user=actor, perm=DECIDE)
    reason, action = (reason or "").strip(), (action or "").strip()
    errors = _check(decision, action, reason)
    if errors:
        raise ValidationFailed("The decision could not be recorded.", {"fields": errors})
    with transaction.atomic():
        alert = access_alert(user=actor, alert_id=alert_id, perm=DECIDE, for_update=True)
        if not alert.is_open:
            raise TransitionNotAllowed(
                f"This alert was already decided ({alert.get_status_display().lower()}).",
                {"status": alert.status})
        if action == AlertAction.VETTING_REVIEW:
            from upright.vetting.services import vetting_review_request

            request = vetting_review_request(
                actor=actor, person_id=alert.person_id,
                reason=f"Repeat-pattern alert {alert.pk} ({alert.rule.name}): {reason}",
                source_kind="pattern", source_ref=f"pattern-alert:{alert.pk}")
            alert.vetting_request_id = request.pk
        alert.decision, alert.action, alert.reason = decision, action, reason
        alert.status = (AlertStatus.ACTED if decision == AlertDecision.ACT
                        else AlertStatus.NO_ACTION)
        alert.decided_by, alert.decided_at = actor, timezone_now()
        alert.full_clean()
        alert.save(update_fields=["decision", "action", "reason", "status", "decided_by",
                                  "decided_at", "vetting_request_id", "updated_at"])
        audit_record(action=ALERT_DECIDED, actor=actor, target=alert,
                     extra={"old": {"status": AlertStatus.OPEN},
                            "new": {"status": alert.status, "decision": decision,
                                    "action": action, "reason": reason,
                                    "vetting_request_id": alert.vetting_request_id},
                            "person_id": alert.person_id, "rule": str(alert.rule)})
    return alert


def pattern_alert_view_record(*, actor: Any, alert: PatternAlert) -> None:
    """Audit one read of an alert and its evidence (page or API)."""
    with transaction.atomic():
        audit_record(action=ALERT_VIEWED, actor=actor, target=alert,
                     extra={"person_id": alert.person_id, "rule": str(alert.rule)})


def pattern_alert_list_view_record(*, actor: Any, filters: dict[str, str], count: int) -> None:
    """Audit one read of the alert queue (who looked, with what filters, how many rows)."""
    with transaction.atomic():
        audit_record(action=ALERT_LIST_VIEWED, actor=actor, object_type="patterns.alert_queue",
                     extra={"filters": filters, "count": count})
