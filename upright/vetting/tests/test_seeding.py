"""Demo vetting records: every person gets a clearance; the register is small and mostly
motoring; the same seed gives the same records."""

import datetime as dt
import random

import pytest

from upright.people.choices import EmploymentKind, EmploymentStatus
from upright.vetting.models import Clearance, ConvictionRecord
from upright.vetting.services.seeding import vetting_seed_bulk
from upright.vetting.tests.factories import person_new

pytestmark = pytest.mark.django_db


def test_seed_gives_every_serving_person_an_active_clearance() -> None:
    serving = [person_new(start_date=dt.date(2010, 1, 1)) for _ in range(30)]
    contractor = person_new(employment_kind=EmploymentKind.CONTRACTOR, rank_or_grade="")
    leaver = person_new(start_date=dt.date(2000, 1, 1), end_date=dt.date(2012, 1, 1),
                        status=EmploymentStatus.LEFT)
    counts = vetting_seed_bulk(rng=random.Random(1), as_of=dt.date(2026, 6, 1))
    assert counts["clearances"] == Clearance.objects.count() >= 32
    assert counts["convictions"] == ConvictionRecord.objects.count()
    for person in serving:
        rv = Clearance.objects.get(person=person, level="RV")
        # granted 2010, renewed once in 2020 under the 10-year interval
        assert (rv.status, rv.renewals) == ("active", 1)
        assert rv.expires_at in (dt.date(2030, 1, 1),) or rv.expires_at < dt.date(2026, 6, 1)
    assert Clearance.objects.get(person=contractor).level in ("NPPV1", "NPPV2", "NPPV3")
    assert Clearance.objects.get(person=leaver, level="RV").status == "terminated"
