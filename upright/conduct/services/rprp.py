"""The reflective practice review process (PCR 2020 Part 6, reg 70). Not a disciplinary
process: the report is kept and discussed at the officer's PDR within 12 months (reg 70(6))."""

import datetime as dt
from typing import Any

from upright.conduct.models import Matter, RprpReport, ServedNotice
from upright.conduct.services import steps
from upright.conduct.services.deadlines import (
    OWED_AFTER_CLOSE,
    RPRP_PDR,
    RPRP_REVIEW,
    deadline_open,
    deadlines_satisfy,
)
from upright.conduct.services.investigation import notice_record, service_read
from upright.conduct.services.steps import Payload, Step
from upright.core.exceptions import Conflict


def rprp_notify(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    served_at, method = service_read(matter, payload, now)
    reasons = steps.text(payload, "reasons")

    def after(m: Matter) -> None:
        notice_record(m, ServedNotice.Kind.RPRP, served_at, method, {"reasons": reasons})

    return Step({}, reasons, {"served_at": served_at.isoformat(), "method": method}, after)


def rprp_fact_finding(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    return Step({}, steps.text(payload, "summary"), {})


def rprp_discussion(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    held_on = steps.date_req(payload, "held_on")
    steps.not_future("held_on", held_on, now)
    return Step({}, steps.text(payload, "summary"), {"held_on": held_on.isoformat()})


def _key_actions(payload: Payload) -> list[dict[str, str]]:
    raw = payload.get("key_actions")
    if not isinstance(raw, list | tuple) or not raw:
        raise steps.missing("key_actions")
    actions = []
    for item in raw:
        if not isinstance(item, dict) or not str(item.get("action") or "").strip() or not str(
                item.get("period") or "").strip():
            raise steps.missing("key_actions", "Each key action needs an action and a time "
                                               "period (reg 70(1)(c)).")
        actions.append({"action": str(item["action"]).strip()[:1000],
                        "period": str(item["period"]).strip()[:200]})
    return actions


def rprp_report(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    """Reg 70(1)(a)-(f): the Reflective Review Development Report; its review date opens the
    review and the 12-month PDR reminder (reg 70(6))."""
    fields = {name: steps.text(payload, name) for name in (
        "issue_summary", "discussion_summary", "officer_lessons", "organisation_lessons")}
    key_actions = _key_actions(payload)
    review_date = steps.date_req(payload, "review_date")
    if review_date < steps.local_day(now):
        raise steps.missing("review_date", "Cannot be in the past.")

    def after(m: Matter) -> None:
        RprpReport.objects.create(matter=m, key_actions=key_actions, review_date=review_date,
                                  **fields)
        deadline_open(matter=m, code=RPRP_REVIEW, trigger=review_date)
        deadline_open(matter=m, code=RPRP_PDR, trigger=steps.local_day(now))

    return Step({}, fields["issue_summary"], {"review_date": review_date.isoformat(),
                                              "key_actions": len(key_actions)}, after)


def rprp_review(matter: Matter, payload: Payload, actor: Any, now: dt.datetime) -> Step:
    notes = steps.text(payload, "notes")
    report = RprpReport.objects.filter(matter=matter).order_by("-id").first()
    today = steps.local_day(now)
    if report is not None and today < report.review_date:
        raise Conflict(f"The report is to be reviewed on or after {report.review_date.isoformat()}"
                       " (reg 70(1)(f)).", {"review_date": report.review_date.isoformat()})

    def after(m: Matter) -> None:
        if report is not None:
            report.reviewed_at, report.review_notes = now, notes
            report.save(update_fields=["reviewed_at", "review_notes", "updated_at"])
        deadlines_satisfy(matter=m, keep=OWED_AFTER_CLOSE)

    return Step({"closed_at": now}, notes, {"reviewed_on": today.isoformat()}, after)
