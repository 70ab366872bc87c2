"""Timeliness reports (PCR reg 19; CMR reg 13): 12 months, then every 6 months while the
investigation is open, whether each period passes or its report is given."""

import datetime as dt

import pytest
from freezegun import freeze_time

from upright.audit.models import AuditEvent
from upright.conduct.models import Deadline, Matter
from upright.conduct.services.deadlines import (
    TIMELINESS_REPORT,
    deadlines_satisfy,
    deadlines_timeliness_roll,
)
from upright.conduct.tests.factories import recorder
from upright.conduct.tests.process import act, investigation_open

pytestmark = pytest.mark.django_db


def _timeliness(matter: Matter) -> list[tuple[str, dt.date, dt.date]]:
    return list(Deadline.objects.filter(matter=matter, code__startswith="timeliness")
                .order_by("due_date").values_list("code", "trigger_date", "due_date"))


def test_every_six_months_over_thirty_months() -> None:
    with freeze_time("2024-01-10 12:00:00"):
        matter, _ = investigation_open(came_to_attention_at=None)
    first = dt.date(2024, 1, 9)  # came to attention the day before (the factory's default)
    actor = recorder()
    days = [first.replace(year=2025) + dt.timedelta(days=1),  # the day after the 12-month report
            dt.date(2025, 7, 10), dt.date(2026, 1, 10), dt.date(2026, 7, 9)]
    for today in days:
        deadlines_timeliness_roll(actor=actor, today=today)
    assert _timeliness(matter) == [
        ("timeliness_report", first, dt.date(2025, 1, 9)),
        ("timeliness_report_subsequent", dt.date(2025, 1, 9), dt.date(2025, 7, 9)),
        ("timeliness_report_subsequent", dt.date(2025, 7, 9), dt.date(2026, 1, 9)),
        ("timeliness_report_subsequent", dt.date(2026, 1, 9), dt.date(2026, 7, 9)),
    ]
    # Idempotent; and one audit event per run.
    deadlines_timeliness_roll(actor=actor, today=dt.date(2026, 7, 9))
    assert len(_timeliness(matter)) == 4
    assert AuditEvent.objects.filter(action="conduct.deadlines.timeliness_rolled").count() == 5


def test_a_late_run_catches_up_and_a_given_report_opens_the_next() -> None:
    with freeze_time("2024-01-10 12:00:00"):
        matter, _ = investigation_open(came_to_attention_at=None)
    with freeze_time("2024-06-01 12:00:00"):
        deadlines_satisfy(matter=matter, codes=[TIMELINESS_REPORT])  # the report given early
    assert [d for _, _, d in _timeliness(matter)] == [dt.date(2025, 1, 9), dt.date(2025, 7, 9)]
    deadlines_timeliness_roll(actor=recorder(), today=dt.date(2026, 7, 20))  # 30 months on
    assert [d for _, _, d in _timeliness(matter)] == [
        dt.date(2025, 1, 9), dt.date(2025, 7, 9), dt.date(2026, 1, 9), dt.date(2026, 7, 9),
        dt.date(2027, 1, 9)]


def test_no_further_period_once_the_investigation_is_complete() -> None:
    with freeze_time("2024-01-10 12:00:00"):
        matter, aa = investigation_open(came_to_attention_at=None)
        matter = act(matter, aa, "submit_report", {"summary": "Done."})
    deadlines_timeliness_roll(actor=recorder(), today=dt.date(2026, 7, 20))
    assert len(_timeliness(matter)) == 1


def test_a_report_sent_through_the_notices_app_meets_its_deadline() -> None:
    from upright.notices.services import timeliness_report_create, timeliness_report_send

    with freeze_time("2024-01-10 12:00:00"):
        matter, aa = investigation_open(came_to_attention_at=None)
    report = timeliness_report_create(
        actor=aa, matter_ref=matter.reference, period_index=1, due_date=dt.date(2025, 1, 9),
        came_to_attention=dt.date(2024, 1, 9), progress="Witnesses seen.",
        estimated_conclusion=dt.date(2025, 6, 30), estimated_report_date=dt.date(2025, 7, 31),
        reason_for_time="Forensics.", planned_steps="Interview the officer.",
        prejudice_exempt=True, prejudice_rationale="Would alert a suspect in a linked inquiry.")
    assert timeliness_report_send(actor=aa, report_id=report.pk).status == "exempt"
    deadlines_timeliness_roll(actor=recorder(), today=dt.date(2024, 12, 1))
    first = Deadline.objects.get(matter=matter, code=TIMELINESS_REPORT)
    assert first.satisfied_at is not None
    # Meeting the first period opens the next one at once.
    assert [d for _, _, d in _timeliness(matter)] == [dt.date(2025, 1, 9), dt.date(2025, 7, 9)]
