"""Clearances: grant, renewal under versioned intervals, conditions, termination, withdrawal,
the expiry queue and the daily expiry job."""

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import (
    ActionForbidden,
    Conflict,
    NotFound,
    TransitionNotAllowed,
    ValidationFailed,
)
from upright.vetting.checks import _CHECKS, CheckFinding, vetting_check_register
from upright.vetting.models import Clearance, RenewalInterval
from upright.vetting.selectors import clearance_expiry_queue
from upright.vetting.services import (
    clearance_conditions_set,
    clearance_grant,
    clearance_renew,
    clearance_terminate,
    clearance_withdraw,
    clearances_expire,
    renewal_interval_set,
)
from upright.vetting.tasks import vetting_expire_job
from upright.vetting.tests.factories import officer_new, person_new, user_new

pytestmark = pytest.mark.django_db


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_seeded_intervals_are_unverified_reference_data() -> None:
    rows = {i.level: (i.months, i.verified) for i in RenewalInterval.objects.filter(version=1)}
    assert rows == {"RV": (120, False), "MV": (84, False), "NPPV1": (36, False),
                    "NPPV2": (60, False), "NPPV3": (60, False), "CTC": (60, False),
                    "SC": (120, False), "SCE": (84, False), "DV": (84, False)}


@freeze_time("2026-06-01 10:00:00")
def test_grant_records_policy_version_and_renewal_uses_the_new_version() -> None:
    officer, person = officer_new(), person_new()
    clearance = clearance_grant(actor=officer, person_id=person.pk, level="MV")
    assert (clearance.expires_at, clearance.renewal_policy_version) == (dt.date(2033, 6, 1), 1)
    admin = user_new(Role.ADMIN)
    new = renewal_interval_set(actor=admin, level="MV", months=60, verified=True,
                               legal_basis="APP Vetting 2025 (checked)")
    assert new.version == 2
    clearance.refresh_from_db()
    assert clearance.expires_at == dt.date(2033, 6, 1)  # existing expiry is not rewritten
    renewed = clearance_renew(actor=officer, clearance_id=clearance.pk)
    assert (renewed.expires_at, renewed.renewal_policy_version, renewed.renewals) == (
        dt.date(2031, 6, 1), 2, 1)
    assert _events("vetting.clearance.renewed") == 1
    assert _events("vetting.renewal_interval.set") == 1


def test_only_an_administrator_sets_intervals_and_bad_values_are_named() -> None:
    with pytest.raises(ActionForbidden):
        renewal_interval_set(actor=officer_new(), level="MV", months=60, verified=False,
                             legal_basis="x")
    with pytest.raises(ValidationFailed) as exc:
        renewal_interval_set(actor=user_new(Role.ADMIN), level="ZZ", months=0, verified="no",  # type: ignore[arg-type]
                             legal_basis="")
    assert exc.value.extra["fields"] == {
        "level": "Must be one of: RV, MV, NPPV1, NPPV2, NPPV3, CTC, SC, SCE, DV.",
        "months": "Must be between 1 and 240.", "legal_basis": "This field is required.",
        "verified": "Must be true or false."}
    assert RenewalInterval.objects.count() == 9


def test_one_active_clearance_per_level_and_conditions_audited() -> None:
    officer, person = officer_new(), person_new()
    clearance = clearance_grant(actor=officer, person_id=person.pk, level="RV")
    with pytest.raises(Conflict):
        clearance_grant(actor=officer, person_id=person.pk, level="RV")
    clearance_conditions_set(actor=officer, clearance_id=clearance.pk,
                             conditions="No access to intelligence systems.")
    event = AuditEvent.objects.get(action="vetting.clearance.conditions_changed")
    assert event.extra == {"old": "", "new": "No access to intelligence systems."}
    assert Clearance.objects.count() == 1


def test_terminate_then_nothing_more_and_withdraw_for_the_withdrawal_app() -> None:
    officer = officer_new()
    first = clearance_grant(actor=officer, person_id=person_new().pk, level="RV")
    ended = clearance_terminate(actor=officer, clearance_id=first.pk, reason="not_required")
    assert (ended.status, ended.end_reason) == ("terminated",
                                                "No longer required for the post")
    with pytest.raises(TransitionNotAllowed):
        clearance_renew(actor=officer, clearance_id=first.pk)
    second = clearance_grant(actor=officer, person_id=person_new().pk, level="RV")
    decider = user_new(Role.APPROPRIATE_AUTHORITY)
    withdrawn = clearance_withdraw(actor=decider, clearance_id=second.pk,
                                   reason="Withdrawn after assessment", withdrawal_ref="WA-7")
    assert (withdrawn.status, withdrawn.withdrawal_ref) == ("withdrawn", "WA-7")
    with pytest.raises(ActionForbidden):
        clearance_withdraw(actor=user_new(Role.STAFF), clearance_id=second.pk, reason="r",
                           withdrawal_ref="WA-8")
    assert _events("vetting.clearance.withdrawn") == 1


def test_officer_cannot_act_on_self_or_their_reports_and_staff_cannot_grant() -> None:
    officer = officer_new()
    report = person_new(line_manager=officer.person)
    with pytest.raises(NotFound):
        clearance_grant(actor=officer, person_id=officer.person.pk, level="RV")
    with pytest.raises(NotFound):
        clearance_grant(actor=officer, person_id=report.pk, level="RV")
    with pytest.raises(ActionForbidden):
        clearance_grant(actor=user_new(Role.STAFF), person_id=person_new().pk, level="RV")
    assert Clearance.objects.count() == 0
    assert _events("vetting.clearance.granted") == 0


def test_a_blocking_check_stops_a_direct_grant() -> None:
    person = person_new(surname="Barred")

    def check(*, actor: Any, subject: Any) -> list[CheckFinding]:
        return [CheckFinding("test_list", "t:1", "On the test list", True)] \
            if subject.surname == "Barred" else []

    vetting_check_register(name="test_direct", check=check)
    try:
        with pytest.raises(Conflict) as exc:
            clearance_grant(actor=officer_new(), person_id=person.pk, level="RV")
        assert exc.value.extra["findings"] == [
            {"check": "test_list", "ref": "t:1", "summary": "On the test list"}]
        assert Clearance.objects.count() == 0
    finally:
        _CHECKS.pop("test_direct")


def test_expiry_queue_and_daily_job() -> None:
    officer = officer_new()
    with freeze_time("2016-01-10"):
        soon = clearance_grant(actor=officer, person_id=person_new().pk, level="RV")  # 2026-01-10
    with freeze_time("2023-01-01"):
        lapsed = clearance_grant(actor=officer, person_id=person_new().pk, level="NPPV1")
        later = clearance_grant(actor=officer, person_id=person_new().pk, level="MV")  # 2030
    with freeze_time("2025-12-20"):
        queue = list(clearance_expiry_queue(user=officer, within_days=30))
        assert queue == [lapsed, soon]  # 2026-01-01 then 2026-01-10, oldest first
        assert list(clearance_expiry_queue(user=user_new(Role.STAFF), within_days=30)) == []
    with freeze_time("2026-01-05"):
        assert clearances_expire(actor=None) == 1
        assert clearances_expire(actor=None) == 0  # idempotent
        lapsed.refresh_from_db()
        assert lapsed.status == "expired"
        assert list(clearance_expiry_queue(user=officer, within_days=10)) == [lapsed, soon]
        assert lapsed.person_id is not None
        clearance_grant(actor=officer, person_id=lapsed.person_id, level="NPPV1")
        assert list(clearance_expiry_queue(user=officer, within_days=10)) == [soon]
    with freeze_time("2026-01-10"):
        call_command("vetting_expire")
        result = vetting_expire_job.enqueue()  # the immediate backend: runs now
        assert (result.status, result.return_value) == ("SUCCESSFUL", {"expired": 0})
    soon.refresh_from_db()
    later.refresh_from_db()
    assert (soon.status, later.status) == ("expired", "active")
    assert _events("vetting.clearance.expired") == 2
