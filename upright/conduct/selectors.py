"""Reading matters. Every list and read goes through MatterPolicy."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from upright.audit.selectors import audit_events_for_matter
from upright.conduct.models import (
    Allegation,
    AllegationCategory,
    Complainant,
    ComplainantContact,
    ComplainantLink,
    Deadline,
    Matter,
    MatterStatusChange,
)
from upright.conduct.permissions import access_matter, matter_policy, matter_reference_normalise
from upright.conduct.states import CLOSED_STATES, MatterStatus
from upright.core.clock import local_today


def matter_list_visible_to(
    *, user: Any, status: str | None = None, kind: str | None = None,
    subject_id: int | None = None,
) -> QuerySet[Matter]:
    """Matters the user may see, newest first, optionally filtered."""
    queryset = Matter.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if subject_id is not None:
        queryset = queryset.filter(
            id__in=Allegation.objects.filter(subject_id=subject_id).values("matter_id"))
    return matter_policy.instances_user_can_see(user=user, queryset=queryset).order_by(
        "-came_to_attention_at", "-id"
    )


def matter_get(*, user: Any, reference: str) -> Matter:
    """The matter with its allegations loaded; Http404 if the user may not see it."""
    matter = access_matter(user=user, reference=reference)
    return (Matter.objects.select_related("investigator")
            .prefetch_related(Prefetch("allegations", queryset=Allegation.objects.select_related(
                "subject", "category").order_by("id")))
            .get(pk=matter.pk))


def matter_deadlines(*, matter: Matter) -> QuerySet[Deadline]:
    return Deadline.objects.filter(matter=matter).order_by("due_date", "id")


def deadline_is_overdue(deadline: Deadline, *, today: dt.date | None = None) -> bool:
    return deadline.satisfied_at is None and deadline.due_date < (today or local_today())


_OPEN_STATES = [status for status in MatterStatus.values if status not in CLOSED_STATES]


def deadlines_overdue_visible_to(*, user: Any, today: dt.date | None = None) -> QuerySet[Deadline]:
    """Unsatisfied deadlines past due on open matters the user may see."""
    overdue = Deadline.objects.filter(satisfied_at__isnull=True, due_date__lt=today or local_today(),
                                      matter__status__in=_OPEN_STATES)
    # Apply the visibility policy to the few candidate matters only: as one subquery over
    # every matter, the conflict-of-interest check would scan all allegations for each page.
    candidates = Matter.objects.filter(id__in=set(overdue.values_list("matter_id", flat=True)))
    visible = list(matter_policy.instances_user_can_see(user=user, queryset=candidates)
                   .values_list("id", flat=True))
    return overdue.filter(matter_id__in=visible).select_related("matter").order_by("due_date", "id")


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: dt.datetime
    kind: str  # "status" or "audit"
    action: str
    actor: str
    from_status: str = ""
    to_status: str = ""
    reason: str = ""


def matter_history(*, matter: Matter) -> QuerySet[MatterStatusChange]:
    return MatterStatusChange.objects.filter(matter=matter).select_related("actor").order_by(
        "occurred_at", "id"
    )


def matter_timeline(*, matter: Matter) -> list[TimelineEntry]:
    """Status changes and audit events (reads included), oldest first."""
    entries = [
        TimelineEntry(c.occurred_at, "status", c.action, c.actor.username if c.actor else "system",
                      c.from_status, c.to_status, c.reason)
        for c in matter_history(matter=matter)
    ]
    entries += [
        TimelineEntry(e.occurred_at, "audit", e.action, e.actor_label or "system")
        for e in audit_events_for_matter(matter_ref=matter.reference)
    ]
    return sorted(entries, key=lambda e: (e.occurred_at, e.kind != "status"))


def person_matters_visible_to(*, user: Any, person_id: int) -> QuerySet[Matter]:
    """A person's history: every matter with an allegation against them (closed ones too,
    NFA included) that the user may see."""
    return matter_list_visible_to(user=user, subject_id=person_id)


def matter_search_visible_to(*, user: Any, reference: str) -> Matter | None:
    """A matter by (typed) reference, or None if there is none the user may see."""
    canonical = matter_reference_normalise(reference)
    if canonical is None:
        return None
    return matter_list_visible_to(user=user).filter(reference=canonical).first()


def investigator_candidates(*, matter: Matter) -> list[Any]:
    """Active investigators who could take `matter` (not in conflict, inside its compartment)."""
    from upright.access.models import User
    from upright.access.roles import Role

    users = User.objects.filter(role=Role.INVESTIGATOR, is_active=True).select_related("person")
    return [u for u in users.order_by("username")
            if matter_policy.user_can_see(user=u, instance=matter)]


def allegation_category_choices() -> list[tuple[str, str]]:
    """Active IOPC allegation categories (reference data) as form choices, in code order."""
    return [(code, f"{code} – {name}") for code, name in
            AllegationCategory.objects.filter(active=True).order_by("code").values_list("code", "name")]


# ---- public complaints ----------------------------------------------------------------------

def matter_complainant_links(*, matter: Matter) -> QuerySet[ComplainantLink]:
    return (ComplainantLink.objects.filter(matter=matter).select_related("complainant")
            .order_by("id"))


def matter_contacts(*, matter: Matter) -> QuerySet[ComplainantContact]:
    """The updates given to the complainants (CMR Part 4), oldest first."""
    return (ComplainantContact.objects.filter(matter=matter).select_related("complainant")
            .order_by("occurred_at", "id"))


def complainant_days_since_update(*, matter: Matter, today: dt.date | None = None) -> int | None:
    """Whole days since the complainant was last updated (None: not a complaint, or never)."""
    if matter.kind != "complaint":
        return None
    last = ComplainantContact.objects.filter(matter=matter).order_by("-occurred_at").first()
    if last is None:
        return None
    return ((today or local_today()) - timezone.localdate(last.occurred_at)).days


def complainant_for_report(*, report_reference: str) -> Complainant | None:
    """The complainant first recorded from an intake report, to link later complaints to."""
    return (Complainant.objects.filter(source_report_reference=report_reference)
            .order_by("id").first() if report_reference else None)


def complaint_outcome_choices() -> list[tuple[str, str]]:
    """Active complaint outcome categories (reference data) as form choices."""
    from upright.conduct.models import ComplaintOutcomeCategory

    return list(ComplaintOutcomeCategory.objects.filter(active=True).order_by("code")
                .values_list("code", "name"))
