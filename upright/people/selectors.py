"""Reading workforce records."""

from typing import Any

from django.db.models import Q, QuerySet

from upright.people.models import Person


def person_get(*, person_id: int) -> Person | None:
    return (Person.objects.select_related("org_unit", "line_manager")
            .filter(id=person_id).first())


def person_search(*, query: str, limit: int = 50) -> QuerySet[Person]:
    """Find people by staff/warrant number (exact), or by surname, or "forenames surname"
    (prefix matches, current and previous names)."""
    text = " ".join(query.split())[:100]
    if not text:
        return Person.objects.none()
    base = Person.objects.select_related("org_unit")
    if text.isdigit():
        return base.filter(staff_number=text)[:limit]
    words = text.split(" ")
    surname = words[-1]
    condition = Q(surname__istartswith=surname) | Q(names__surname__istartswith=surname)
    if len(words) > 1:
        condition &= Q(forenames__istartswith=words[0]) | Q(names__forenames__istartswith=words[0])
    return base.filter(condition).distinct().order_by("surname", "forenames", "id")[:limit]


def person_ids_in_chain_of(*, person_id: int) -> QuerySet[Person, Any]:
    """The ids (a values() queryset, usable as a subquery) of the person and of everyone below
    them in the line-management chain: the people whose matters they are in conflict with."""
    return Person.objects.filter(Q(id=person_id) | Q(mgmt_path__contains=f"/{person_id}/")).values("id")
