"""Statutory deadlines computed from DeadlineRule rows ("the law is data")."""

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q

from upright.audit.registry import action_register
from upright.audit.services import audit_record
from upright.conduct.models import Deadline, DeadlineRule, Matter
from upright.conduct.states import MatterStatus
from upright.core.clock import local_today, timezone_now
from upright.core.workdays import workdays_add
from upright.notices.selectors import timeliness_reports_delivered

TIMELINESS_REPORT = "timeliness_report"
TIMELINESS_SUBSEQUENT = "timeliness_report_subsequent"
TIMELINESS_CODES = [TIMELINESS_REPORT, TIMELINESS_SUBSEQUENT]
COMPLAINT_REVIEW = "complaint_review"
IOPC_REFERRAL = "iopc_referral"
REG18_REPRESENTATIONS = "reg18_representations"
REG31_RESPONSE = "reg31_response"
REG31_WITNESS_LISTS = "reg31_witness_lists"
REG32_DOCUMENTS = "reg32_documents"
REG33_PRE_HEARING = "reg33_pre_hearing"
REG43_OUTCOME_REPORT = "reg43_outcome_report"
REG45_APPEAL = "reg45_appeal"
PAT_APPEAL = "pat_appeal"
RPRP_REVIEW = "rprp_review"
RPRP_PDR = "rprp_pdr"
# Reference periods that are not deadlines on a matter (how long a warning stays live, [U]).
WARNING_WRITTEN = "warning_written"
WARNING_FINAL = "warning_final"
# Steps owed after the matter closes (reg 70(6): the RPRP report is discussed at the PDR).
OWED_AFTER_CLOSE = frozenset({RPRP_PDR})


def deadline_due_date(*, rule: DeadlineRule, trigger: dt.date) -> dt.date:
    """The due date of `rule` triggered on `trigger`.

    Working days use the statutory counting rule (day 1 is the first working day after the
    trigger). Months: a period "of 12 months beginning with" the trigger ends the day before
    the anniversary, so the report falls due on the anniversary (PCR reg 19; CMR reg 13).
    """
    if rule.unit == DeadlineRule.Unit.WORKING_DAYS:
        return workdays_add(trigger=trigger, n=rule.amount)
    if rule.unit == DeadlineRule.Unit.CALENDAR_DAYS:
        return trigger + dt.timedelta(days=rule.amount)
    return trigger + relativedelta(months=rule.amount)


def deadline_open(*, matter: Matter, code: str, trigger: dt.date) -> Deadline | None:
    """Start the deadline `code` for `matter` (idempotent per trigger); None if no such rule."""
    rule = DeadlineRule.objects.filter(code=code).first()
    if rule is None:
        return None
    deadline, _ = Deadline.objects.get_or_create(
        matter=matter, code=code, trigger_date=trigger,
        defaults={
            "name": rule.name, "legal_basis": rule.legal_basis, "verified": rule.verified,
            "due_date": deadline_due_date(rule=rule, trigger=trigger),
        },
    )
    return deadline


def deadlines_satisfy(
    *, matter: Matter, codes: list[str] | None = None, keep: frozenset[str] = frozenset()
) -> int:
    """Mark the open deadlines `codes` (all, if None, except `keep`) of `matter` as satisfied.
    A satisfied timeliness report opens the next 6-month period while the investigation is
    open (PCR reg 19(1); CMR reg 13)."""
    open_deadlines = Deadline.objects.filter(matter=matter, satisfied_at__isnull=True)
    if codes is not None:
        open_deadlines = open_deadlines.filter(code__in=codes)
    if keep:
        open_deadlines = open_deadlines.exclude(code__in=keep)
    timeliness = open_deadlines.filter(code__in=TIMELINESS_CODES).exists()
    count = open_deadlines.update(satisfied_at=timezone_now())
    if timeliness:
        timeliness_next(matter=matter, today=local_today())
    return count


# While the investigation is not complete a timeliness report is owed at the end of each
# relevant period: 12 months, then every 6 months (PCR reg 19; CMR reg 13).
S = MatterStatus
INVESTIGATION_OPEN = frozenset({
    S.RECORDED, S.REFERRED_TO_IOPC, S.HANDLING_DECISION_PENDING, S.SEVERITY_ASSESSMENT_PENDING,
    S.INVESTIGATOR_APPOINTMENT_PENDING, S.UNDER_INVESTIGATION, S.INTERVIEW_SCHEDULED,
    S.SUSPENDED_PENDING_CRIMINAL,
})


def timeliness_next(*, matter: Matter, today: dt.date) -> list[Deadline]:
    """Open each further relevant period whose predecessor has ended (its report day has
    passed) or whose report was given; each begins the day after the previous one ends, so
    its report falls due 6 months after the previous one's."""
    opened: list[Deadline] = []
    if matter.status not in INVESTIGATION_OPEN:
        return opened
    while True:
        latest = deadline_latest(matter=matter, codes=TIMELINESS_CODES)
        if latest is None or (latest.satisfied_at is None and latest.due_date >= today):
            return opened
        following = deadline_open(matter=matter, code=TIMELINESS_SUBSEQUENT,
                                  trigger=latest.due_date)
        if following is None or following.pk == latest.pk:
            return opened
        opened.append(following)


TIMELINESS_ROLLED = action_register(
    "conduct.deadlines.timeliness_rolled",
    "Further 6-monthly timeliness report periods were opened (PCR reg 19; CMR reg 13)")


def deadlines_timeliness_roll(*, actor: Any, today: dt.date | None = None) -> int:
    """Open the next timeliness period on every open investigation whose last period has
    passed or been reported on; one audit event summarises. Run daily (idempotent)."""
    today = today or local_today()
    reported = _timeliness_satisfy_reported()
    due = (Deadline.objects.filter(code__in=TIMELINESS_CODES, matter__status__in=INVESTIGATION_OPEN)
           .filter(Q(satisfied_at__isnull=False) | Q(due_date__lt=today))
           .values_list("matter_id", flat=True).distinct())
    with transaction.atomic():
        opened = 0
        for matter in Matter.objects.filter(pk__in=list(due)).order_by("id"):
            opened += len(timeliness_next(matter=matter, today=today))
        audit_record(action=TIMELINESS_ROLLED, actor=actor, object_type="conduct.deadline",
                     extra={"opened": opened, "reported": reported, "today": today})
    return opened


def _timeliness_satisfy_reported() -> int:
    """A timeliness deadline is met once the report for it has been sent (or lawfully withheld
    under the prejudice exemption) through the notices app."""
    rows = list(Deadline.objects.filter(code__in=TIMELINESS_CODES, satisfied_at__isnull=True)
                .values_list("id", "matter__reference", "due_date"))
    delivered = timeliness_reports_delivered(matter_refs={ref for _, ref, _ in rows})
    met = [pk for pk, ref, due in rows if (ref, due) in delivered]
    return Deadline.objects.filter(id__in=met).update(satisfied_at=timezone_now())


def rule_period_end(*, code: str, start: dt.date) -> dt.date | None:
    """`start` plus the period of rule `code` (None if there is no such rule)."""
    rule = DeadlineRule.objects.filter(code=code).first()
    return None if rule is None else deadline_due_date(rule=rule, trigger=start)


def deadline_latest(*, matter: Matter, codes: list[str]) -> Deadline | None:
    return (Deadline.objects.filter(matter=matter, code__in=codes)
            .order_by("-trigger_date", "-id").first())
