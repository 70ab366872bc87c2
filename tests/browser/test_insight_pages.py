"""The staff statistics pages in Chromium as an appropriate authority and an oversight user:
the dashboard (filtered by unit through its select), the returns pages, a return's
drill-down, the disproportionality page and its drill-down, and the early-intervention page,
each checked with axe-core (WCAG 2.2 A and AA rules): no violations."""

import re
from typing import Any

import pytest

from tests.browser.conftest import PASSWORD, LiveApp
from tests.browser.test_portal_stats import TAGS, _violations, axe_page  # noqa: F401

pytestmark = pytest.mark.browser

# Two closed conduct matters about Dana (in /MPS/FL/CW/) and one about an officer outside
# that unit, then every summary for this financial year, whole force and /MPS/FL/.
SETUP_SCRIPT = f"""
from django.utils import timezone
from upright.access.services import user_create
from upright.conduct.tests.factories import matter_in, person_new
from upright.insight.summary import SUMMARIES, summary_refresh
from upright.people.models import Person
today = timezone.localdate()
year = today.year if today.month >= 4 else today.year - 1
dana = Person.objects.get(staff_number="200001")
other = person_new(ethnicity="black_african")
refs = [matter_in("closed_nfa", subjects=[dana]).reference,
        matter_in("closed_nfa", subjects=[dana]).reference,
        matter_in("closed_nfa", subjects=[other]).reference]
user_create(username="oversight", password={PASSWORD!r}, role="oversight", actor=None)
for unit in ("", "/MPS/FL/"):
    for name in SUMMARIES:
        summary_refresh(name=name, params={{"year": year, "unit": unit}})
print("RESULT", year, dana.org_unit.path, *refs)
"""


def _log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/")


def _clean(page: Any, url: str) -> None:
    assert page.locator("main h1").count() == 1, url
    assert _violations(page) == [], url


def test_insight_pages_pass_axe(axe_page: Any, live_app: LiveApp) -> None:  # noqa: F811
    out = live_app.manage("shell", "-c", SETUP_SCRIPT)
    year_s, dana_unit, *refs = out.split("RESULT ")[1].split()
    year = int(year_s)
    assert dana_unit == "/MPS/FL/CW/"
    _log_in(axe_page, "appropriate_authority")
    response = axe_page.goto(f"/staff/insight/dashboard/?year={year}")
    assert response.status == 200
    _clean(axe_page, "dashboard")
    cases = axe_page.get_by_role("table", name="Cases finalised")
    officers = cases.get_by_role("row", name=re.compile(r"Conduct matters finalised \(officers\)"))
    assert officers.get_by_role("link").inner_text() == "3"
    assert "Small number" in officers.inner_text()
    # filter by unit through the select: only Dana's two matters
    axe_page.get_by_label("Unit").select_option("/MPS/FL/")
    axe_page.get_by_role("button", name="Show").click()
    axe_page.wait_for_url(re.compile(r"unit=%2FMPS%2FFL%2F"))
    _clean(axe_page, "dashboard /MPS/FL/")
    officers = axe_page.get_by_role("table", name="Cases finalised").get_by_role(
        "row", name=re.compile(r"Conduct matters finalised \(officers\)"))
    officers.get_by_role("link").click()
    axe_page.wait_for_url("**/returns/home_office_return/drill/**")
    _clean(axe_page, "return drill")
    listed = axe_page.get_by_role("table").inner_text()
    assert refs[0] in listed
    assert refs[1] in listed
    assert refs[2] not in listed
    for url in (f"/staff/insight/returns/home_office_return/?year={year}",
                f"/staff/insight/returns/iopc_bulletin/?year={year}", "/staff/insight/",
                "/staff/insight/early/", f"/staff/insight/disproportionality/?year={year}"):
        assert axe_page.goto(url).status == 200, url
        _clean(axe_page, url)
    # from a disproportionality cell to the matter behind it: the Black officer's
    table = axe_page.get_by_role("table", name="By ethnic_group")
    table.get_by_role("row", name=re.compile(r"^Subject of an allegation black")).get_by_role(
        "link").click()
    axe_page.wait_for_url("**/disproportionality/drill/**")
    _clean(axe_page, "dispro drill")
    listed = axe_page.get_by_role("table").inner_text()
    assert refs[2] in listed
    assert refs[0] not in listed
    # oversight: read-only dashboard, same figures
    _log_in(axe_page, "oversight")
    assert axe_page.goto(f"/staff/insight/dashboard/?year={year}").status == 200
    _clean(axe_page, "dashboard as oversight")
    assert axe_page.get_by_role("link", name="Dashboard").count() == 1
