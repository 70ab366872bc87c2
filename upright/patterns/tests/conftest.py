import pytest

from upright.access.roles import Role


@pytest.fixture
def analyst(make_user):
    return make_user(Role.ANALYST)
