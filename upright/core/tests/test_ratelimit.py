import pytest

from upright.core.models import RateCounter
from upright.core.ratelimit import rate_limit_hit, rate_parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("rate", "expected"), [("10/m", (10, 60)), ("5/15m", (5, 900)),
                                                ("1/s", (1, 1)), ("100/d", (100, 86400))])
def test_rate_parse(rate, expected):
    assert rate_parse(rate) == expected


@pytest.mark.parametrize("rate", ["ten/m", "10/y", "10", "10/0m"])
def test_bad_rates_are_refused(rate):
    with pytest.raises(ValueError, match="is not a rate"):
        rate_parse(rate)


def test_counts_per_client_and_window():
    hits = [rate_limit_hit(scope="t", client="a", rate="3/m", now=120.0) for _ in range(4)]
    assert hits == [False, False, False, True]
    assert rate_limit_hit(scope="t", client="b", rate="3/m", now=120.0) is False
    assert rate_limit_hit(scope="other", client="a", rate="3/m", now=120.0) is False
    # The next minute is a fresh window.
    assert rate_limit_hit(scope="t", client="a", rate="3/m", now=180.0) is False


def test_the_raw_client_address_is_never_stored():
    rate_limit_hit(scope="t", client="203.0.113.9", rate="3/m", now=60.0)
    assert RateCounter.objects.filter(key__contains="203.0.113.9").count() == 0
    assert RateCounter.objects.get().expires == 120
