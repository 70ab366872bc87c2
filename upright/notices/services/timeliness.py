"""Timeliness reports (PCR reg 19; CMR reg 13 for Schedule 3 investigations).

The first relevant period is 12 months beginning with the day the matter came to the
authority's attention; each later one is 6 months beginning with the day after the previous
one ends. At the end of each period with the investigation unfinished, the (a)-(f) information
goes to the LPB (and the DG under CMR reg 13), and a copy to the officer subject to the harm
test (reg 19(4)), unless giving it might prejudice an investigation (reg 19(3)).
"""

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import Conflict, ValidationFailed
from upright.notices.audit_events import (
    TIMELINESS_CREATED,
    TIMELINESS_EXEMPTED,
    TIMELINESS_SENT,
    TIMELINESS_VIEWED,
)
from upright.notices.choices import NoticeKind, Recipient, TimelinessBasis, TimelinessStatus
from upright.notices.models import TimelinessReport
from upright.notices.permissions import (
    NoticePerm,
    access_timeliness_report,
    notice_perm_require,
    user_in_conflict,
)
from upright.notices.services.notices import notice_issue
from upright.people.selectors import person_get

FIRST_PERIOD_MONTHS = 12
LATER_PERIOD_MONTHS = 6


def _period_end(start: dt.date, months: int) -> dt.date:
    """The last day of a period of `months` beginning with `start`: the day before the
    corresponding date; where that month has no corresponding date (31 Aug + 6 months), the
    period runs to the end of that month. [U] the corresponding-date rule is the common-law
    reading (Dodds v Walker), not a regulation's words."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def timeliness_periods(*, came_to_attention: dt.date, until: dt.date
                       ) -> list[tuple[int, dt.date, dt.date]]:
    """(index, first day, last day) of every relevant period that begins on or before `until`:
    index 1 is the first 12 months, then each 6 months. A report is owed for each period that
    ended (end < today) with the investigation unfinished."""
    periods: list[tuple[int, dt.date, dt.date]] = []
    start, months, index = came_to_attention, FIRST_PERIOD_MONTHS, 1
    while start <= until:
        end = _period_end(start, months)
        periods.append((index, start, end))
        start, months, index = end + dt.timedelta(days=1), LATER_PERIOD_MONTHS, index + 1
    return periods


def _period(came_to_attention: dt.date, index: int) -> tuple[dt.date, dt.date]:
    start, months = came_to_attention, FIRST_PERIOD_MONTHS
    for _ in range(index - 1):
        start, months = _period_end(start, months) + dt.timedelta(days=1), LATER_PERIOD_MONTHS
    return start, _period_end(start, months)


def _invalid(fields: dict[str, str]) -> ValidationFailed:
    return ValidationFailed(f"Missing or invalid: {', '.join(fields)}.", {"fields": fields})


def _validate(*, period_index: Any, recipients: Sequence[str], person_id: int | None,
              prejudice_exempt: bool, prejudice_rationale: str, basis: str,
              texts: dict[str, str], dates: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not isinstance(period_index, int) or period_index < 1:
        errors["period_index"] = "Must be a whole number from 1 (1 = the first 12 months)."
    if basis not in TimelinessBasis.values:
        errors["basis"] = f"Must be one of: {', '.join(TimelinessBasis.values)}."
    for name, value in texts.items():
        if not isinstance(value, str) or not value.strip():
            errors[name] = "This field is required."
    for name, value in dates.items():
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors[name] = "Must be a date."
    bad = [r for r in recipients if r not in Recipient.values]
    if bad or len(set(recipients)) != len(recipients):
        errors["recipients"] = f"Each one of: {', '.join(Recipient.values)}, once."
    elif not prejudice_exempt and not recipients:
        errors["recipients"] = "Name at least one recipient."
    elif Recipient.OFFICER in recipients and person_id is None:
        errors["person_id"] = "The officer's copy needs the officer."
    if prejudice_exempt and not prejudice_rationale.strip():
        errors["prejudice_rationale"] = "Say why giving the report might prejudice an investigation."
    if errors:
        raise _invalid(errors)


def timeliness_report_create(
    *, actor: Any, matter_ref: str, period_index: int, due_date: dt.date,
    came_to_attention: dt.date, progress: str, estimated_conclusion: dt.date,
    estimated_report_date: dt.date, reason_for_time: str, planned_steps: str,
    reg17_notice_date: dt.date | None = None, recipients: Sequence[str] = (Recipient.LPB,),
    person_id: int | None = None, prejudice_exempt: bool = False, prejudice_rationale: str = "",
    basis: str = TimelinessBasis.PCR_19, compartment: str = "",
) -> TimelinessReport:
    """Draft the report owed for period `period_index` of `matter_ref` (one per period)."""
    notice_perm_require(user=actor, perm=NoticePerm.ISSUE)
    recipients = list(recipients)
    _validate(period_index=period_index, recipients=recipients, person_id=person_id,
              prejudice_exempt=prejudice_exempt, prejudice_rationale=prejudice_rationale,
              basis=basis,
              texts={"matter_ref": matter_ref, "progress": progress,
                     "reason_for_time": reason_for_time, "planned_steps": planned_steps},
              dates={"due_date": due_date, "came_to_attention": came_to_attention,
                     "estimated_conclusion": estimated_conclusion,
                     "estimated_report_date": estimated_report_date,
                     **({"reg17_notice_date": reg17_notice_date} if reg17_notice_date else {})})
    if person_id is not None and person_get(person_id=person_id) is None:
        raise _invalid({"person_id": "No such person."})
    if user_in_conflict(user=actor, person_id=person_id):
        raise _invalid({"person_id": "You are in conflict with this officer."})
    start, end = _period(came_to_attention, period_index)
    report = TimelinessReport(
        matter_ref=matter_ref.strip(), person_id=person_id, compartment=compartment,
        basis=basis, period_index=period_index, period_start=start, period_end=end,
        due_date=due_date, came_to_attention=came_to_attention,
        reg17_notice_date=reg17_notice_date, progress=progress.strip(),
        estimated_conclusion=estimated_conclusion, estimated_report_date=estimated_report_date,
        reason_for_time=reason_for_time.strip(), planned_steps=planned_steps.strip(),
        prejudice_exempt=prejudice_exempt, prejudice_rationale=prejudice_rationale.strip(),
        recipients=[] if prejudice_exempt else recipients, created_by=actor)
    try:
        with transaction.atomic():
            report.save()
            audit_record(action=TIMELINESS_CREATED, actor=actor, target=report,
                         matter_ref=report.matter_ref,
                         extra={"period_index": period_index, "due_date": due_date,
                                "prejudice_exempt": prejudice_exempt,
                                "recipients": report.recipients})
    except IntegrityError as exc:
        raise Conflict("A report for this period already exists.") from exc
    return report


def _report_context(report: TimelinessReport, recipient: str) -> dict[str, Any]:
    return {
        "recipient": recipient, "recipient_name": Recipient(recipient).label,
        "basis": TimelinessBasis(report.basis).label, "period_index": report.period_index,
        "period_start": report.period_start, "period_end": report.period_end,
        "came_to_attention": report.came_to_attention,
        "reg17_notice_date": report.reg17_notice_date, "progress": report.progress,
        "estimated_conclusion": report.estimated_conclusion,
        "estimated_report_date": report.estimated_report_date,
        "reason_for_time": report.reason_for_time, "planned_steps": report.planned_steps,
        "compartment": report.compartment,
    }


def timeliness_report_send(*, actor: Any, report_id: int) -> TimelinessReport:
    """Send a draft: one "timeliness_report" notice per recipient (the officer's copy passes
    the harm test). An exempt report (reg 19(3)) is closed and goes to nobody."""
    notice_perm_require(user=actor, perm=NoticePerm.ISSUE)
    with transaction.atomic():
        report = access_timeliness_report(user=actor, report_id=report_id,
                                          perm=NoticePerm.ISSUE, lock=True)
        if report.status != TimelinessStatus.DRAFT:
            raise Conflict(f"This report is already {report.get_status_display().lower()}.")
        report.sent_at, report.sent_by = timezone_now(), actor
        if report.prejudice_exempt:
            report.status = TimelinessStatus.EXEMPT
            report.save(update_fields=["status", "sent_at", "sent_by", "updated_at"])
            audit_record(action=TIMELINESS_EXEMPTED, actor=actor, target=report,
                         matter_ref=report.matter_ref,
                         extra={"rationale": report.prejudice_rationale})
            return report
        notices = [
            notice_issue(actor=actor, kind=NoticeKind.TIMELINESS, matter_ref=report.matter_ref,
                         person_id=report.person_id, context=_report_context(report, recipient),
                         timeliness_report_id=report.pk)
            for recipient in report.recipients
        ]
        report.status = TimelinessStatus.SENT
        report.save(update_fields=["status", "sent_at", "sent_by", "updated_at"])
        audit_record(action=TIMELINESS_SENT, actor=actor, target=report,
                     matter_ref=report.matter_ref,
                     extra={"notices": [n.reference for n in notices]})
    return report


def timeliness_report_read_record(*, actor: Any, report: TimelinessReport) -> None:
    audit_record(action=TIMELINESS_VIEWED, actor=actor, target=report,
                 matter_ref=report.matter_ref)
