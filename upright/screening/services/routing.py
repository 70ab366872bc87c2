"""Where a disposed hit goes next, through the other apps' services."""

from typing import Any

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.conduct.selectors import allegation_category_choices
from upright.conduct.services import AllegationInput, matter_record
from upright.core.clock import timezone_now
from upright.core.exceptions import ValidationFailed
from upright.screening.models import Hit
from upright.vetting.services import vetting_review_request

# IOPC category L1 "Other" is the closest to "integrity screening found a link"; the
# categories are reference data, so fall back to the nearest active one if L1 is retired.
PREFERRED_CATEGORY = "L1"


def require_matter_perm(*, actor: Any) -> None:
    """Recording a conduct matter is the appropriate authority's decision (PCR 2020 reg 2):
    a role without it cannot route a hit to discipline."""
    perm_require(user=actor, perm=Perm.RECORD_MATTER)


def _category_code() -> str:
    codes = [code for code, _ in allegation_category_choices()]
    if PREFERRED_CATEGORY in codes:
        return PREFERRED_CATEGORY
    closest = [c for c in codes if c.startswith(PREFERRED_CATEGORY[0])] or codes
    if not closest:
        raise ValidationFailed("No active allegation category to record the matter under.",
                               {"fields": {"disposition": "No active allegation category."}})
    return closest[0]


def _summary(hit: Hit) -> str:
    return (f"Integrity screening hit {hit.pk}: {hit.get_kind_display().lower()} link between "
            f"staff number {hit.employee.staff_number} and index record {hit.record_id} "
            f"({hit.band}, evidence weight {hit.match_weight:.1f}).")


def matter_open(*, actor: Any, hit: Hit, rationale: str) -> str:
    """Record a conduct matter against the employee; return its reference."""
    matter = matter_record(
        actor=actor, kind="conduct_matter", summary=f"{_summary(hit)}\n\n{rationale}",
        came_to_attention_at=timezone_now(),
        allegations=[AllegationInput(subject_id=hit.employee_id,
                                     standard="discreditable_conduct",
                                     category_code=_category_code(),
                                     description=_summary(hit))])
    return matter.reference


def vetting_review_open(*, actor: Any, hit: Hit, rationale: str) -> int:
    request = vetting_review_request(actor=actor, person_id=hit.employee_id,
                                     reason=f"{_summary(hit)} {rationale}"[:5000],
                                     source_kind="screening", source_ref=str(hit.pk))
    return request.pk
