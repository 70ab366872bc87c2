"""End to end in Chromium: a recorded conduct matter goes from the referral check and severity
assessment through the investigation (the investigator's own steps), the case to answer and a
misconduct hearing under the post-7-May-2024 panel, to dismissal without notice; the outcome is
then redaction-reviewed, approved and published, and an anonymous visitor reads it on /outcomes/.
"""

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import PASSWORD, LiveApp

pytestmark = pytest.mark.browser

LONDON = ZoneInfo("Europe/London")
WITNESS = "Mr Jonah Witnessworth"  # named in the source text; the redaction review removes him

# A matter that came to attention 30 days ago (so every notice served today is after it), for
# the one officer the live app imports; printed back so the test can address it.
RECORD_SCRIPT = f"""
import datetime as dt
from django.utils import timezone
from upright.access.models import User
from upright.conduct.services.matters import AllegationInput, matter_record
from upright.people.models import Person
aa = User.objects.get(username="appropriate_authority")
person = Person.objects.get(staff_number="200001")
matter = matter_record(
    actor=aa, kind="conduct_matter",
    summary="PC Subject struck {WITNESS} in the custody suite at Charing Cross station.",
    came_to_attention_at=timezone.now() - dt.timedelta(days=30),
    allegations=[AllegationInput(subject_id=person.pk, standard="use_of_force",
                                 category_code="B1", description="Struck a detained person.")])
investigator = User.objects.get(username="investigator")
print("RESULT", matter.reference, matter.allegations.get().pk, investigator.pk)
"""


def _log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/")


def _now_minute() -> str:
    """A London wall-clock time a few minutes ago, as a datetime-local input takes it."""
    return (dt.datetime.now(LONDON) - dt.timedelta(minutes=3)).strftime("%Y-%m-%dT%H:%M")


def _act(page: Any, action: str, fields: dict[str, str] | None = None,
         selects: dict[str, str] | None = None) -> None:
    """Fill the action's form on the matter page by field name, submit it, and require the
    redirect back to the matter page (an invalid step re-renders at /act/<action>/)."""
    form = page.locator(f"form[action$='/act/{action}/']")
    for name, value in (selects or {}).items():
        form.locator(f"select[name={name}]").select_option(value)
    for name, value in (fields or {}).items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if "/act/" in page.url:
        errors = page.locator(f"form[action$='/act/{action}/'] .errorlist").all_inner_texts()
        pytest.fail(f"{action} was refused: {errors}")


def _status(page: Any) -> str:
    return str(page.locator(".facts .status").inner_text()).strip()


def _deadlines(page: Any) -> str:
    table = page.locator("h2:text-is('Deadlines') + table")
    return str(table.inner_text())


def test_matter_from_severity_to_published_outcome(page: Any, live_app: LiveApp) -> None:
    out = live_app.manage("shell", "-c", RECORD_SCRIPT)
    reference, allegation_id, investigator_id = re.findall(r"RESULT (\S+) (\d+) (\d+)", out)[0]
    matter_url = f"/staff/conduct/matters/{reference}/"
    today = dt.datetime.now(LONDON).date().isoformat()

    # Given the appropriate authority on the recorded matter.
    _log_in(page, "appropriate_authority")
    page.goto(matter_url)
    assert _status(page) == "Recorded: referral check due"

    # The referral check (no mandatory criterion) and the reg 14 severity assessment.
    _act(page, "referral_check", {"rationale": "No death, serious injury or aggravating factor."})
    assert _status(page) == "Severity assessment due"
    _act(page, "assess_severity", {"rationale": "If proved, dismissal would be justified."},
         {"level": "gross_misconduct", "route": "investigate"})
    assert _status(page) == "Investigator to be appointed"
    _act(page, "appoint_investigator", {"reason": "Available and not conflicted."},
         {"investigator_id": investigator_id})
    assert _status(page) == "Under investigation"

    # The investigator serves the reg 17 notice and submits the reg 21 report.
    _log_in(page, "investigator")
    page.goto(matter_url)
    _act(page, "serve_reg17_notice",
         {"served_at": _now_minute(), "terms_of_reference": "Whether PC Subject used force "
                                                            "that was not necessary."},
         {"method": "in_person"})
    assert "PCR 2020 reg 18" in _deadlines(page)  # the officer's representations, 10 WD
    _act(page, "submit_report", {"summary": "CCTV shows an unprovoked blow; the officer "
                                            "declined to comment."})
    assert _status(page) == "Report submitted"

    # The appropriate authority decides on a case to answer for gross misconduct: a hearing.
    _log_in(page, "appropriate_authority")
    page.goto(matter_url)
    _act(page, "case_to_answer", {"rationale": "The CCTV is clear."},
         {"decision": "gross_misconduct", "proceedings": "true", "form": "hearing"})
    assert _status(page) == "Referred to misconduct hearing"
    _act(page, "serve_reg30_notice", {"served_at": _now_minute()}, {"method": "in_person"})
    assert _status(page) == "Notice of referral served"

    # Then the matter page shows the officer's reg 31 response deadline with its legal basis.
    deadlines = _deadlines(page)
    assert "PCR 2020 reg 31(1)-(3)" in deadlines, deadlines
    assert "PCR 2020 reg 19" in deadlines, deadlines  # the 12-month timeliness report

    _act(page, "officer_response", {"details": "The officer denies the allegation."},
         {"response": "deny"})
    assert _status(page) == "Bundle to chair"
    _act(page, "bundle_to_chair", {"supplied_on": today})
    _act(page, "pre_hearing", {"held_on": today})
    assert _status(page) == "Pre-hearing"
    _act(page, "list_proceedings", {
        "scheduled_on": today, "venue": "Headquarters, hearing room 2",
        "panel": "chair | ACC Chair\nindependent_member | Ms A Member\n"
                 "independent_member | Mr B Member\nlqp_adviser | Ms Q Adviser"})
    assert _status(page) == "Listed"
    _act(page, "record_outcome", {
        "concluded_on": today, "findings": f"{allegation_id} | gross_misconduct",
        "reasons": "The panel found the blow unjustified and dishonestly reported."},
        {"disciplinary_action": "dismissal_without_notice"})
    assert _status(page) == "Proceedings held"
    _act(page, "notify_outcome", {"served_at": _now_minute()}, {"method": "in_person"})
    assert _status(page) == "Outcome notified"
    assert "PATR 2020 rr. 9-10" in _deadlines(page)  # the appeal lies to the PAT

    # The outcome report is waiting in the publication queue.
    page.goto("/staff/publication/")
    row = page.locator("tr", has=page.locator(".reference", has_text=reference)).filter(
        has_text="Outcome of a hearing")
    row.get_by_role("link").click()
    page.wait_for_url("**/staff/publication/items/**")
    item_url = page.url
    assert "Draft: awaiting redaction review" in page.locator(".status").inner_text()

    # The redaction review (an assessor): the witness's name never reaches the public text.
    _log_in(page, "assessor")
    page.goto(item_url)
    review = page.locator("form[action$='/act/review/']")
    review.locator("[name=public_summary]").fill(
        "The officer struck a detained person in the custody suite at Charing Cross station.")
    review.locator("[name=public_finding]").fill("Gross misconduct")
    review.locator("[name=public_action]").fill("Dismissal without notice")
    review.locator("[name=notes]").fill("Witness name removed.")
    with page.expect_navigation():
        review.locator("button[type=submit]").click()
    assert "Redaction reviewed: awaiting approval" in page.locator(".status").inner_text()

    # The appropriate authority approves, then publishes: the proceedings concluded today, so
    # today is before the window (7th to 12th working day) and a reason is required.
    _log_in(page, "appropriate_authority")
    page.goto(item_url)
    with page.expect_navigation():
        page.locator("form[action$='/act/approve/'] button[type=submit]").click()
    assert "Approved for publication" in page.locator(".status").inner_text()
    assert page.console_errors == []  # every page so far loaded cleanly
    publish = page.locator("form[action$='/act/publish/']")
    with page.expect_navigation():
        publish.locator("button[type=submit]").click()
    refused = page.locator("form[action$='/act/publish/']").inner_text()
    assert "Required outside the publication window." in refused
    # Chromium logs the deliberate refusal's status as a console error, and nothing else.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    page.console_errors.clear()
    publish = page.locator("form[action$='/act/publish/']")
    publish.locator("[name=override_reason]").fill(
        "The officer was dismissed; publishing at once in the public interest.")
    with page.expect_navigation():
        publish.locator("button[type=submit]").click()
    assert page.locator(".status").inner_text().strip() == "Published"

    # Finally an anonymous visitor reads the outcome on the public site.
    page.context.clear_cookies()
    page.goto("/outcomes/")
    row = page.locator("tbody tr").filter(has_text="Dana Subject")
    assert row.count() == 1
    assert "Gross misconduct" in row.inner_text()
    assert "Dismissal without notice" in row.inner_text()
    row.get_by_role("link").click()
    page.wait_for_url("**/outcomes/*/")
    body = page.locator("main").inner_text()
    assert "struck a detained person in the custody suite" in body
    assert WITNESS not in body
    assert page.console_errors == []
