"""End to end in Chromium: a member of the public reports anonymously, an assessor triages the
report into a recorded conduct matter, records the referral check and the severity assessment,
and the reporter reads the assessor's follow-up question in the anonymous mailbox."""

import re
import time

import pytest

from tests.browser.conftest import PASSWORD, LiveApp

pytestmark = pytest.mark.browser


def _log_in(page, username: str) -> None:
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/")


def test_public_report_to_severity_assessment(page, live_app: LiveApp) -> None:
    # Given a member of the public on the report form, with no log-in.
    page.goto("/report/")
    assert page.get_by_role("heading", level=1).is_visible()
    page.get_by_label("What happened?").fill(
        "An officer, warrant number 200001, pushed me at the station <script>alert(1)</script>.")
    page.get_by_label("Where?").fill("Charing Cross station")
    page.get_by_label("Who was involved?").fill("200001")
    page.get_by_label("Report anonymously").check()
    time.sleep(1.2)  # the form refuses submissions faster than a person could type
    page.get_by_role("button", name="Send report").click()

    # Then the reference and passphrase are shown only after the report is committed.
    page.wait_for_selector("text=Your report has been received")
    reference = page.locator(".reference").first.inner_text().strip()
    passphrase = page.locator(".passphrase").inner_text().strip()
    assert re.fullmatch(r"R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.", reference)
    assert len(passphrase.split()) >= 4

    # When an assessor opens the triage queue, the report is there.
    _log_in(page, "assessor")
    page.goto("/staff/intake/triage/")
    page.get_by_role("link", name=reference).click()
    body = page.locator("main").inner_text()
    assert "<script>alert(1)</script>" in body  # stored, and shown as text, never run

    # The assessor asks the anonymous reporter a question through the mailbox.
    page.get_by_label("Message to the reporter").fill("Which day was this, please?")
    page.get_by_role("button", name="Send to the reporter").click()

    # And records it as a conduct matter with one allegation.
    page.get_by_label("Record as").select_option("conduct_matter")
    page.get_by_label("Summary").fill("Alleged push at Charing Cross station.")
    first = page.get_by_role("group", name="Allegation 1", exact=True)
    first.get_by_label("Subject (warrant or staff number)").fill("200001")
    first.get_by_label("Standard of Professional Behaviour").select_option("use_of_force")
    first.get_by_label("IOPC allegation category").select_option(index=1)
    first.locator("textarea[name$=description]").fill("Pushed the reporter without need.")
    page.get_by_role("button", name="Record matter").click()

    # Then the matter page shows its status, its deadlines with their legal basis, and history.
    page.wait_for_url("**/staff/conduct/matters/**")
    assert page.locator("h1").inner_text().startswith("Matter")
    assert "PCR 2020 reg 19" in page.locator("main").inner_text()

    # The referral check: no mandatory criterion, no voluntary referral.
    referral = page.locator("form[action$='/act/referral_check/']")
    referral.locator("textarea[name=rationale]").fill("Minor use of force; no serious injury.")
    referral.get_by_role("button").click()
    page.wait_for_selector("form[action$='/act/assess_severity/']")

    # The severity assessment (PCR reg 14): misconduct, to be investigated.
    severity = page.locator("form[action$='/act/assess_severity/']")
    severity.get_by_label("Severity (if proved)").select_option("misconduct")
    severity.get_by_label("Route").select_option("investigate")
    severity.locator("textarea[name=rationale]").fill("If proved, a breach justifying a warning.")
    severity.get_by_role("button").click()
    page.wait_for_selector("form[action$='/act/appoint_investigator/']")
    text = page.locator("main").inner_text()
    assert "Investigator to be appointed" in text
    assert "assess_severity" in text or "Severity" in text
    assert page.console_errors == []

    # Finally the anonymous reporter reads the question with reference and passphrase.
    page.context.clear_cookies()
    page.goto("/report/follow-up/")
    page.get_by_label("Your reference").fill(reference.lower().replace("-", " "))
    page.get_by_label("Your passphrase").fill(passphrase)
    page.get_by_role("button").filter(has_text=re.compile("open|continue|read", re.I)).first.click()
    page.wait_for_selector("text=Which day was this, please?")
