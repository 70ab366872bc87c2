"""Reading vetting records, always through the permission policies."""

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from upright.core.clock import local_today
from upright.core.exceptions import NotFound
from upright.core.history import HistoryEntry
from upright.people.models import Person
from upright.people.selectors import person_ids_in_chain_of
from upright.vetting.models import (
    Clearance,
    ClearanceLevel,
    ClearanceStatus,
    ConvictionRecord,
    Declaration,
    DeclarationStatus,
    IntegrityQuestion,
    IntegrityReview,
    PolicySimulation,
    RenewalInterval,
    RevettingDraw,
    ReviewStatus,
    VettingApplication,
    VettingReviewRequest,
)
from upright.vetting.permissions import (
    DECLARE,
    MANAGE,
    SIMULATE,
    VIEW,
    record_policy,
    review_policy,
    vetting_perm_has,
)
from upright.vetting.policy import policy_affected_people, policy_rule_parse


def vetting_review_requests_visible_to(*, user: Any, status: str | None = None,
                                       ) -> QuerySet[VettingReviewRequest]:
    queryset = VettingReviewRequest.objects.select_related("person", "assigned_to")
    if status:
        queryset = queryset.filter(status=status)
    return review_policy.instances_user_can_see(user=user, queryset=queryset)


def vetting_review_requests_open(*, user: Any) -> QuerySet[VettingReviewRequest]:
    """Requests not yet closed (open or in review), oldest first: the vetting unit's queue."""
    return vetting_review_requests_visible_to(user=user).exclude(status=ReviewStatus.CLOSED)


def vetting_review_request_get(*, user: Any, request_id: int) -> VettingReviewRequest:
    request = vetting_review_requests_visible_to(user=user).filter(id=request_id).first()
    if request is None:
        raise NotFound("No such vetting review request.")
    return request


# ---- Clearances, register, declarations, integrity reviews ------------------------------


def clearances_visible_to(*, user: Any, person_id: int | None = None, status: str | None = None,
                          level: str | None = None) -> QuerySet[Clearance]:
    queryset = Clearance.objects.select_related("person", "application", "renewal_policy")
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    if status:
        queryset = queryset.filter(status=status)
    if level:
        queryset = queryset.filter(level=level)
    return record_policy.instances_user_can_see(user=user, queryset=queryset)


def clearance_get(*, user: Any, clearance_id: int) -> Clearance:
    clearance = clearances_visible_to(user=user).filter(id=clearance_id).first()
    if clearance is None:
        raise NotFound("No such clearance.")
    return clearance


def clearance_expiry_queue(*, user: Any, within_days: int, today: dt.date | None = None,
                           ) -> QuerySet[Clearance]:
    """Active clearances expiring within `within_days`, and expired ones the holder has not
    replaced with an active clearance of the same level, soonest (most overdue) first."""
    today = today or local_today()
    replaced = Clearance.objects.filter(person_id=OuterRef("person_id"), level=OuterRef("level"),
                                        status=ClearanceStatus.ACTIVE)
    queryset = clearances_visible_to(user=user).filter(
        Q(status=ClearanceStatus.ACTIVE, expires_at__lte=today + dt.timedelta(days=within_days))
        | (Q(status=ClearanceStatus.EXPIRED) & Q(person__end_date__isnull=True)
           & ~Exists(replaced)))
    return queryset.order_by("expires_at", "id")


def renewal_intervals_current() -> list[RenewalInterval]:
    """The version in force for each level, in level order."""
    latest: dict[str, RenewalInterval] = {}
    for interval in RenewalInterval.objects.order_by("level", "-version"):
        latest.setdefault(interval.level, interval)
    return [latest[level] for level in ClearanceLevel.values if level in latest]


def applications_visible_to(*, user: Any, status: str | None = None,
                            ) -> QuerySet[VettingApplication]:
    queryset = VettingApplication.objects.select_related("person")
    if status:
        queryset = queryset.filter(status=status)
    return record_policy.instances_user_can_see(user=user, queryset=queryset)


def application_get(*, user: Any, application_id: int) -> VettingApplication:
    application = applications_visible_to(user=user).filter(id=application_id).first()
    if application is None:
        raise NotFound("No such vetting application.")
    return application


def convictions_visible_to(*, user: Any, person_id: int | None = None,
                           category: str | None = None) -> QuerySet[ConvictionRecord]:
    queryset = ConvictionRecord.objects.select_related("person")
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    if category:
        queryset = queryset.filter(offence_category=category)
    return record_policy.instances_user_can_see(user=user, queryset=queryset)


def declarations_mine(*, user: Any) -> QuerySet[Declaration]:
    """The user's own declarations (every employee may see what they declared)."""
    own = getattr(user, "person_id", None)
    if own is None or not vetting_perm_has(user=user, perm=DECLARE):
        return Declaration.objects.none()
    return Declaration.objects.filter(person_id=own).order_by("-created_at", "-id")


def declarations_visible_to(*, user: Any, status: str | None = None,
                            person_id: int | None = None) -> QuerySet[Declaration]:
    queryset = Declaration.objects.select_related("person", "assessed_by")
    if status:
        queryset = queryset.filter(status=status)
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    return record_policy.instances_user_can_see(user=user, queryset=queryset)


def declarations_to_assess(*, user: Any) -> QuerySet[Declaration]:
    """The vetting unit's queue: submitted declarations, oldest first."""
    return declarations_visible_to(user=user, status=DeclarationStatus.SUBMITTED).order_by(
        "created_at", "id")


def integrity_reviews_visible_to(*, user: Any, person_id: int | None = None,
                                 year: int | None = None) -> QuerySet[IntegrityReview]:
    queryset = IntegrityReview.objects.select_related("person", "reviewer")
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    if year is not None:
        queryset = queryset.filter(year=year)
    return record_policy.instances_user_can_see(user=user, queryset=queryset)


def integrity_questions_active() -> QuerySet[IntegrityQuestion]:
    return IntegrityQuestion.objects.filter(active=True)


def simulations_visible_to(*, user: Any) -> QuerySet[PolicySimulation]:
    if not vetting_perm_has(user=user, perm=SIMULATE):
        return PolicySimulation.objects.none()
    return PolicySimulation.objects.select_related("run_by")


def revetting_draws_visible_to(*, user: Any) -> QuerySet[RevettingDraw]:
    if not vetting_perm_has(user=user, perm=MANAGE):
        return RevettingDraw.objects.none()
    return RevettingDraw.objects.select_related("rate", "drawn_by")


# ---- One person's vetting history (patterns merges it into the timeline) -----------------


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def vetting_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """Clearances, vetting reviews, convictions and cautions, declarations and integrity
    reviews of `person_id`, as the reader may see them: nothing without VETTING_VIEW (reviews:
    VETTING_REVIEW), nothing about the reader or anyone they manage."""
    url = reverse("vetting:person", args=[person_id])
    entries = []
    for c in clearances_visible_to(user=user, person_id=person_id):
        entries.append(HistoryEntry(
            occurred_at=c.granted_at, kind="vetting", ref=f"clearance:{c.pk}",
            title=f"{c.level} clearance granted (expires {c.expires_at.isoformat()})",
            status=c.get_status_display().lower(), url=url, categories=(c.level,),
            closed_at=c.ended_at))
    for r in vetting_review_requests_visible_to(user=user).filter(person_id=person_id):
        entries.append(HistoryEntry(
            occurred_at=r.created_at, kind="vetting", ref=f"vetting_review:{r.pk}",
            title=f"Vetting review requested ({r.get_source_kind_display()})",
            status=r.get_outcome_display().lower() if r.outcome else r.get_status_display()
            .lower(), url=reverse("vetting:review_queue"), categories=(r.source_kind,),
            closed_at=r.closed_at))
    for v in convictions_visible_to(user=user, person_id=person_id):
        entries.append(HistoryEntry(
            occurred_at=_aware(v.offence_date), kind="conviction", ref=f"conviction:{v.pk}",
            title=f"{v.get_disposal_display()}: {v.description}",
            status="while serving" if v.while_serving else "before service", url=url,
            categories=(v.offence_category,)))
    for d in declarations_visible_to(user=user, person_id=person_id):
        entries.append(HistoryEntry(
            occurred_at=d.created_at, kind="declaration", ref=f"declaration:{d.pk}",
            title=f"Declared {d.get_kind_display().lower()}: {d.subject}",
            status=d.get_status_display().lower(), url=url,
            categories=tuple(x for x in (d.kind, d.association_type) if x),
            closed_at=d.assessed_at))
    for i in integrity_reviews_visible_to(user=user, person_id=person_id):
        entries.append(HistoryEntry(
            occurred_at=i.completed_at, kind="vetting", ref=f"integrity_review:{i.pk}",
            title=f"Annual integrity review {i.year}", status=i.get_outcome_display().lower(),
            url=url, categories=("integrity_review",), closed_at=i.completed_at))
    return sorted(entries, key=lambda e: (e.occurred_at, e.ref))


def simulation_affected_people(*, user: Any, simulation: PolicySimulation) -> QuerySet[Person]:
    """Who the saved rule affects as the register stands now: only for readers of the
    register (VETTING_VIEW), never themselves or anyone they manage. Analysts running a
    simulation without VETTING_VIEW see the counts only."""
    if not vetting_perm_has(user=user, perm=VIEW):
        return Person.objects.none()
    people = policy_affected_people(rule=policy_rule_parse(simulation.rule), as_of=simulation.as_of)
    own = getattr(user, "person_id", None)
    if own is not None:
        people = people.exclude(id__in=person_ids_in_chain_of(person_id=own))
    return people.select_related("org_unit").order_by("surname", "forenames", "id")
