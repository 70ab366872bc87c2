"""End to end in Chromium: two individually closed matters of sexual misconduct and domestic
abuse against one officer, years apart; the bulk run raises a repeat-pattern alert; the
appropriate authority finds it from the navigation, reads the evidence and records that no
action is taken, with the reason (refused first without one)."""

import re
from typing import Any

import pytest

from tests.browser.conftest import PASSWORD, LiveApp

pytestmark = pytest.mark.browser

HISTORY_SCRIPT = """
import datetime as dt
from django.utils import timezone
from upright.access.models import User
from upright.conduct.services import AllegationInput, matter_record, matter_act
from upright.people.models import Person
aa = User.objects.get(username="appropriate_authority")
person = Person.objects.get(staff_number="200001")
refs = []
for years, code in ((6, "V1"), (2, "H2")):
    matter = matter_record(
        actor=aa, kind="conduct_matter", summary="Reported by a former partner.",
        came_to_attention_at=timezone.now() - dt.timedelta(days=365 * years),
        allegations=[AllegationInput(subject_id=person.pk, standard="discreditable_conduct",
                                     category_code=code)])
    matter_act(reference=matter.reference, action="close_nfa", actor=aa,
               payload={"rationale": "Complainant withdrew support."})
    refs.append(matter.reference)
print("RESULT", *refs)
"""


def test_alert_from_queue_to_recorded_decision(page: Any, live_app: LiveApp) -> None:
    out = live_app.manage("shell", "-c", HISTORY_SCRIPT)
    refs = re.findall(r"RESULT (\S+) (\S+)", out)[0]
    live_app.manage("patterns_run")

    page.goto("/staff/login/")
    page.get_by_label("Username").fill("appropriate_authority")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Pattern alerts").click()
    page.get_by_label("Rule").select_option("sexual_da_10y")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=re.compile(r"\(200001\)")).first.click()

    evidence = page.locator("h2:text-is('Evidence') + table").inner_text()
    for reference in refs:
        assert reference in evidence
    assert evidence.count("Closed: no further action") == 2

    page.get_by_role("radio", name="No action").check()
    page.get_by_role("button", name="Record the decision").click()
    assert "Record why no action is taken" in page.content()
    page.console_errors.clear()  # the refusal is a 400 response, which Chromium logs

    page.get_by_role("radio", name="No action").check()
    page.get_by_label("Reason (required for no action)").fill(
        "Both matters were reassessed by the DASO unit; no new line of inquiry.")
    page.get_by_role("button", name="Record the decision").click()
    assert "The decision was recorded." in page.content()
    assert "No action (reason recorded)" in page.content()
    assert page.console_errors == []
