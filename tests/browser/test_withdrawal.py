"""End to end in Chromium: a vetting officer opens a withdrawal assessment from the navigation
and takes it through the notice, information gathering and representations; the appropriate
authority decides to withdraw (refused first: a retention with conditions that names none),
and the officer is dismissed without notice."""

import re
from typing import Any

import pytest

from tests.browser.conftest import PASSWORD, LiveApp

pytestmark = pytest.mark.browser

SETUP_SCRIPT = f"""
from upright.access.services import user_create
from upright.access.models import User
from upright.people.models import Person
if not User.objects.filter(username="vetting_officer").exists():
    user_create(username="vetting_officer", password={PASSWORD!r}, role="vetting_officer",
                actor=None)
print("RESULT", Person.objects.get(staff_number="200001").pk)
"""


def _log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/")


def _act(page: Any, step: str, fields: dict[str, str] | None = None,
         selects: dict[str, str] | None = None) -> None:
    form = page.locator(f"form[action$='/act/{step}/']")
    for name, value in (selects or {}).items():
        form.locator(f"select[name={name}]").select_option(value)
    for name, value in (fields or {}).items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _stage(page: Any) -> str:
    return str(page.locator(".facts .status").inner_text()).strip()


def test_withdrawal_from_trigger_to_dismissal(page: Any, live_app: LiveApp) -> None:
    out = live_app.manage("shell", "-c", SETUP_SCRIPT)
    person_id = re.findall(r"RESULT (\d+)", out)[0]

    _log_in(page, "vetting_officer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Withdrawals").click()
    page.get_by_role("link", name="Open a withdrawal assessment").click()
    page.get_by_label("Person (workforce id)").fill(person_id)
    page.locator("select[name=trigger_kind]").select_option("adverse_information")
    page.get_by_label("What the adverse information is").fill(
        "Undeclared association with a nominal in an organised crime group.")
    page.get_by_role("button", name="Open the assessment").click()
    page.wait_for_url(re.compile(r"/staff/vetting/withdrawal/\d+/$"))
    assessment_url = page.url
    assert _stage(page) == "V0 Triggered"

    _act(page, "serve_notice", {"notice_summary": "Notice of withdrawal assessment"},
         {"service_method": "in_person"})
    assert _stage(page) == "V1 Withdrawal assessment notice served"
    _act(page, "start_info_gathering")
    _act(page, "invite_representations")
    _act(page, "refer_for_decision")
    assert _stage(page) == "V4 Decision due"
    assert "Record the decision" not in page.content()  # not the assessor's to take

    _log_in(page, "appropriate_authority")
    page.goto(assessment_url)
    _act(page, "decide", {"notice_summary": "Decision notice", "reasons": "Some doubt remains."},
         {"decision": "retain_with_conditions", "service_method": "email"})
    assert "This field is required." in page.content()  # conditions, for this decision
    page.console_errors.clear()  # the refusal is a 400 response, which Chromium logs
    page.goto(assessment_url)
    _act(page, "decide", {"notice_summary": "Decision notice with reasons",
                          "reasons": "The association is proven and undeclared."},
         {"decision": "withdraw", "service_method": "email"})
    assert _stage(page) == "V5 Dismissed without notice"
    assert "employment recorded as left" in page.content()
    assert page.console_errors == []
