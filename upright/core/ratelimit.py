"""Fixed-window rate limits counted in the database, so every worker shares one count.

One statement per request: an INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which SQLite
(3.35+) and PostgreSQL both run atomically. A cache-backed limiter on Django's database cache
costs about seven queries per request (including a COUNT(*) on every write), which made the
limiter dearer than the report it protects.
"""

import hashlib
import random
import time

from django.db import connection

from upright.core.models import RateCounter

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_UPSERT = (
    "INSERT INTO core_ratecounter (key, bucket, expires, count) VALUES (%s, %s, %s, 1) "
    "ON CONFLICT (key, bucket) DO UPDATE SET count = core_ratecounter.count + 1 "
    "RETURNING count"
)
# Old windows are deleted now and then by whoever is counting, so the table stays small.
_PRUNE_PROBABILITY = 0.01


def rate_parse(rate: str) -> tuple[int, int]:
    """'10/m' -> (10, 60). Periods: s, m, h, d, optionally with a multiplier ('5/15m')."""
    limit, _, period = rate.partition("/")
    unit = period[-1:]
    multiplier = int(period[:-1] or 1)
    if not limit.isdigit() or unit not in _PERIODS or multiplier < 1:
        raise ValueError(f"{rate!r} is not a rate such as '10/m'")
    return int(limit), multiplier * _PERIODS[unit]


def rate_limit_hit(*, scope: str, client: str, rate: str, now: float | None = None) -> bool:
    """Count one request by `client` against `scope`; True when it goes over `rate`."""
    limit, seconds = rate_parse(rate)
    moment = time.time() if now is None else now
    window = int(moment // seconds)
    key = hashlib.sha256(f"{scope}\x00{client}\x00{seconds}".encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [key, window, (window + 1) * seconds])
        (count,) = cursor.fetchone()
    if random.random() < _PRUNE_PROBABILITY:  # noqa: S311 (housekeeping, not security)
        RateCounter.objects.filter(expires__lt=int(moment)).delete()
    return int(count) > limit
