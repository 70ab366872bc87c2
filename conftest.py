"""Root fixtures: one user per role, API clients, and the browser-test gate."""

import shutil

import pytest
from rest_framework.test import APIClient

from upright.access.roles import Role

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    skip = pytest.mark.skip(reason="no Chromium found: browser tests SKIPPED (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not CHROMIUM:
        terminalreporter.write_line(
            "NOTE: no Chromium was found, so the browser (Playwright) tests were SKIPPED.",
            yellow=True,
        )


@pytest.fixture
def make_user(db):
    from upright.access.tests.factories import UserFactory

    def make(role: str = Role.ASSESSOR, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def assessor(make_user):
    return make_user(Role.ASSESSOR)


@pytest.fixture
def investigator(make_user):
    return make_user(Role.INVESTIGATOR)


@pytest.fixture
def appropriate_authority(make_user):
    return make_user(Role.APPROPRIATE_AUTHORITY)


@pytest.fixture
def auditor(make_user):
    return make_user(Role.AUDITOR)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def api_as(make_user):
    """An API client logged in as a new user of the given role."""

    def client_for(role: str, **kwargs):
        client = APIClient()
        user = make_user(role, **kwargs)
        client.force_authenticate(user)
        client.user = user  # type: ignore[attr-defined]
        return client

    return client_for
