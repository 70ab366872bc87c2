"""Randomised re-vetting (APP Vetting 2024-25: mandatory). A draw picks a reproducible random
sample of serving people with an active clearance who are not already under review, at the
configured rate, and raises a vetting review for each."""

import math
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import Conflict
from upright.people.choices import EmploymentStatus
from upright.people.models import Person
from upright.vetting import audit_events as events
from upright.vetting.models import (
    Clearance,
    ClearanceStatus,
    RevettingDraw,
    RevettingRate,
    ReviewSource,
    ReviewStatus,
    VettingReviewRequest,
)
from upright.vetting.permissions import ADMINISTER, MANAGE, vetting_perm_require
from upright.vetting.services.common import Fields
from upright.vetting.services.reviews import vetting_review_request


def revetting_rate_current() -> RevettingRate:
    rate = RevettingRate.objects.order_by("-created_at", "-id").first()
    if rate is None:  # seeded by the data migration
        raise Conflict("No randomised re-vetting rate is configured.")
    return rate


def revetting_rate_set(*, actor: Any, percent: Any, interval_days: int, notes: str = "",
                       verified: bool = False) -> RevettingRate:
    vetting_perm_require(user=actor, perm=ADMINISTER)
    fields = Fields()
    try:
        value = Decimal(str(percent)).quantize(Decimal("0.01"))
        if not Decimal("0.01") <= value <= Decimal("100"):
            fields.errors["percent"] = "Must be between 0.01 and 100."
    except (InvalidOperation, ValueError):
        value = Decimal(0)
        fields.errors["percent"] = "Must be a number."
    interval_days = fields.integer("interval_days", interval_days, low=1, high=3660)
    notes = fields.text("notes", notes, required=False, limit=300)
    if not isinstance(verified, bool):
        fields.errors["verified"] = "Must be true or false."
    fields.raise_if_any()
    with transaction.atomic():
        rate = RevettingRate.objects.create(percent=value, interval_days=interval_days,
                                            notes=notes, verified=verified, set_by=actor)
        audit_record(action=events.REVETTING_RATE_SET, actor=actor, target=rate,
                     extra={"percent": str(value), "interval_days": interval_days})
    return rate


def revetting_eligible_ids() -> list[int]:
    """Serving people with an active clearance and no open or in-progress vetting review,
    in id order (a stable order, so a seed reproduces its sample)."""
    active = Clearance.objects.filter(person_id=OuterRef("pk"), status=ClearanceStatus.ACTIVE)
    under_review = VettingReviewRequest.objects.filter(
        person_id=OuterRef("pk"), status__in=[ReviewStatus.OPEN, ReviewStatus.IN_REVIEW])
    return list(Person.objects.filter(end_date__isnull=True)
                .exclude(status=EmploymentStatus.LEFT)
                .filter(Exists(active)).exclude(Exists(under_review))
                .order_by("id").values_list("id", flat=True))


def revetting_sample(*, eligible: list[int], percent: Decimal, seed: int) -> list[int]:
    """The same (eligible, percent, seed) always gives the same picks, in the same order."""
    import random  # noqa: PLC0415  (a seeded draw, not security: S311 does not apply)

    size = min(len(eligible), math.ceil(len(eligible) * percent / 100))
    return random.Random(seed).sample(eligible, size)  # noqa: S311


def revetting_draw(*, actor: Any, seed: int | None = None) -> RevettingDraw:
    """Draw a sample at the current rate and raise a review (source "random") for each
    person picked. `seed` None picks a fresh one; it is recorded either way."""
    if actor is not None:  # None: the daily job
        vetting_perm_require(user=actor, perm=MANAGE)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)
                             or not 0 <= seed < 2**62):
        fields = Fields()
        fields.errors["seed"] = "Must be a whole number from 0 to 2^62."
        fields.raise_if_any()
    seed = secrets.randbits(48) if seed is None else seed
    rate = revetting_rate_current()
    with transaction.atomic():
        eligible = revetting_eligible_ids()
        picks = revetting_sample(eligible=eligible, percent=rate.percent, seed=seed)
        draw = RevettingDraw.objects.create(seed=seed, rate=rate, eligible=len(eligible),
                                            person_ids=picks, drawn_by=actor)
        for person_id in picks:
            vetting_review_request(
                actor=None, person_id=person_id, source_kind=ReviewSource.RANDOM,
                source_ref=f"draw:{draw.pk}",
                reason=f"Picked for randomised re-vetting (draw {draw.pk}, {rate.percent}% "
                       f"of {len(eligible)} eligible).")
        audit_record(action=events.REVETTING_DRAWN, actor=actor, target=draw,
                     extra={"seed": seed, "percent": str(rate.percent), "eligible":
                            len(eligible), "picked": picks})
    return draw


def revetting_draw_if_due(*, actor: Any) -> RevettingDraw | None:
    """The daily job: draw when the last draw is at least the configured interval old. The
    seed is the date (YYYYMMDD), so the day's draw can be reproduced from the record."""
    rate = revetting_rate_current()
    last = RevettingDraw.objects.order_by("-created_at", "-id").first()
    if last is not None and (timezone_now() - last.created_at).days < rate.interval_days:
        return None
    today = local_today()
    return revetting_draw(actor=actor, seed=today.year * 10_000 + today.month * 100 + today.day)
