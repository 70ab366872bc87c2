"""Statutory deadlines computed from DeadlineRule rows ("the law is data")."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from upright.conduct.models import Deadline, DeadlineRule, Matter
from upright.core.clock import timezone_now
from upright.core.workdays import workdays_add

TIMELINESS_REPORT = "timeliness_report"
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
    """Mark the open deadlines `codes` (all, if None, except `keep`) of `matter` as satisfied."""
    open_deadlines = Deadline.objects.filter(matter=matter, satisfied_at__isnull=True)
    if codes is not None:
        open_deadlines = open_deadlines.filter(code__in=codes)
    if keep:
        open_deadlines = open_deadlines.exclude(code__in=keep)
    return open_deadlines.update(satisfied_at=timezone_now())


def rule_period_end(*, code: str, start: dt.date) -> dt.date | None:
    """`start` plus the period of rule `code` (None if there is no such rule)."""
    rule = DeadlineRule.objects.filter(code=code).first()
    return None if rule is None else deadline_due_date(rule=rule, trigger=start)


def deadline_latest(*, matter: Matter, codes: list[str]) -> Deadline | None:
    return (Deadline.objects.filter(matter=matter, code__in=codes)
            .order_by("-trigger_date", "-id").first())
