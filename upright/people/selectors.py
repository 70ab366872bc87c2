"""Reading workforce records."""

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


def person_ids_managed_by(*, person_id: int) -> QuerySet[Person]:
    """Everyone below `person_id` in the line-management chain."""
    return Person.objects.filter(mgmt_path__contains=f"/{person_id}/")
