import pytest
from django.core.cache import cache

from upright.access.models import Compartment
from upright.access.roles import Role


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit windows live in the (per-process) cache; each test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anti_corruption(db):
    return Compartment.objects.get(code=Compartment.ANTI_CORRUPTION)


@pytest.fixture
def ac_assessor(make_user, anti_corruption):
    return make_user(Role.ASSESSOR, compartments=[anti_corruption])
