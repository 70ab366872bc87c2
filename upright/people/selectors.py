"""Reading workforce records."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from upright.core.history import HistoryEntry
from upright.people.models import (
    Address,
    OrgUnit,
    Person,
    PersonName,
    Phone,
    PriorForceRecord,
    Vehicle,
)


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


@dataclass(frozen=True)
class WorkforceRow:
    """One person as integrity screening compares them: every name they have used (current
    first, then previous and alias names), every address with its dates, phones and vehicles.
    employee_id is the staff number, the identifier HR extracts and hits share."""

    employee_id: str
    dob: dt.date
    sex: str
    names: list[tuple[str, str, str]]  # (forenames, surname, kind)
    addresses: list[tuple[str, str, dt.date | None, dt.date | None]]
    phones: list[str]
    vehicles: list[str]


def workforce_rows() -> Iterator[WorkforceRow]:
    """Every person, past or present, in staff-number order. Six queries in all (not one per
    person), so the whole workforce streams in seconds."""
    names: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for pid, forenames, surname, kind in (
            PersonName.objects.exclude(kind=PersonName.Kind.CURRENT)
            .order_by("person_id", "kind", "valid_from", "id")
            .values_list("person_id", "forenames", "surname", "kind")):
        names[pid].append((forenames, surname, kind))
    addresses: dict[int, list[tuple[str, str, dt.date | None, dt.date | None]]] = \
        defaultdict(list)
    for pid, address, postcode, valid_from, valid_to in (
            Address.objects.order_by("person_id", "id")
            .values_list("person_id", "address", "postcode", "valid_from", "valid_to")):
        addresses[pid].append((address, postcode, valid_from, valid_to))
    phones: dict[int, list[str]] = defaultdict(list)
    for pid, number in Phone.objects.order_by("person_id", "id").values_list("person_id",
                                                                             "number"):
        phones[pid].append(number)
    vehicles: dict[int, list[str]] = defaultdict(list)
    for pid, vrm in Vehicle.objects.order_by("person_id", "id").values_list("person_id", "vrm"):
        vehicles[pid].append(vrm)
    people = Person.objects.order_by("staff_number").values_list(
        "id", "staff_number", "forenames", "surname", "date_of_birth", "sex")
    for pid, staff_number, forenames, surname, dob, sex in people.iterator(chunk_size=5000):
        yield WorkforceRow(
            employee_id=staff_number, dob=dob, sex=sex,
            names=[(forenames, surname, PersonName.Kind.CURRENT.value), *names.get(pid, [])],
            addresses=addresses.get(pid, []), phones=phones.get(pid, []),
            vehicles=vehicles.get(pid, []))


def person_ids_by_staff_number(*, staff_numbers: Iterable[str]) -> dict[str, int]:
    """Staff number (the employee_id hits carry) -> person id, in one query per 500."""
    numbers = sorted(set(staff_numbers))
    out: dict[str, int] = {}
    for start in range(0, len(numbers), 500):
        out.update(Person.objects.filter(staff_number__in=numbers[start:start + 500])
                   .values_list("staff_number", "id"))
    return out


def user_in_conflict_with(*, user: Any, person_id: int | None) -> bool:
    """True when `user` is the person, or anyone above them in the line-management chain:
    such a user may never handle records about that person (DESIGN.md "Need to know")."""
    own = getattr(user, "person_id", None)
    if own is None or person_id is None:
        return False
    return person_ids_in_chain_of(person_id=own).filter(id=person_id).exists()


def person_name_and_conflict(*, user: Any, person_id: int) -> tuple[str, bool] | None:
    """The person's current name, and whether `user` is in conflict with them (the same rule
    as user_in_conflict_with: the user is the person or above them in the line-management
    chain), in one query; None if there is no such person. For a read that must refuse a
    conflicted reader and name the person (a history), without paying two queries."""
    row = Person.objects.filter(id=person_id).values_list("forenames", "surname",
                                                          "mgmt_path").first()
    if row is None:
        return None
    forenames, surname, path = row
    own = getattr(user, "person_id", None)
    conflicted = own is not None and (own == person_id or f"/{own}/" in path)
    return f"{forenames} {surname}", conflicted


def prior_force_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """Records imported from the person's previous forces (patterns, issue 5), as the user may
    see them: the history permission, never the person or their line of command, and a
    compartmented record only inside its compartment. One query."""
    from upright.access.permissions import user_has_perm
    from upright.access.roles import Perm

    if not user_has_perm(user=user, perm=Perm.VIEW_HISTORY):
        return []
    records = PriorForceRecord.objects.filter(person_id=person_id).filter(
        Q(compartment="") | Q(compartment__in=user.compartment_codes()))
    own = getattr(user, "person_id", None)
    if own is not None:
        records = records.exclude(person_id__in=person_ids_in_chain_of(person_id=own))
    midnight = dt.time.min.replace(tzinfo=timezone.get_current_timezone())
    entries = []
    for record in records.order_by("-occurred_on", "-id"):
        entries.append(HistoryEntry(
            occurred_at=dt.datetime.combine(record.occurred_on, midnight),
            kind="prior_force",
            ref=record.source_reference or f"prior:{record.pk}",
            title=f"{record.force_name}: {record.get_kind_display()}"
                  + (f" ({record.category})" if record.category else "")
                  + f": {record.summary[:200]}",
            status=record.outcome or "outcome not recorded",
            categories=(record.kind, *((record.category,) if record.category else ())),
        ))
    return entries


def insight_workforce_facts(*, from_day: dt.date, to_day: dt.date) -> QuerySet[Person, Any]:
    """Everyone in post at any time from `from_day` to `to_day` (inclusive) as plain rows
    (id, employment kind, sex, ethnicity, date of birth, unit path): the denominators for
    rates per 1,000 of the workforce. Protected characteristics are read in aggregate only."""
    return (Person.objects.filter(start_date__lte=to_day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=from_day))
            .values("id", "employment_kind", "sex", "ethnicity", "date_of_birth",
                    "org_unit__path").order_by("id"))


def insight_person_facts(*, person_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Protected characteristics, kind and unit of each person (for the people counted in a
    figure, whether or not still in post), in one query per 1,000."""
    ids = sorted(set(person_ids))
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 1000):
        for row in Person.objects.filter(id__in=ids[start:start + 1000]).values(
                "id", "employment_kind", "sex", "ethnicity", "date_of_birth", "org_unit__path"):
            out[row["id"]] = dict(row)
    return out


def insight_source_stamp() -> dict[str, Any]:
    """How many people there are and the highest id (what a statistic was computed from)."""
    from django.db.models import Count, Max

    people = Person.objects.aggregate(n=Count("id"), max_id=Max("id"))
    return {"people": people["n"], "people_max_id": people["max_id"]}


def insight_early_people_facts() -> QuerySet[Person, Any]:
    """Everyone who has ever been in post, as plain rows for the early-intervention features
    (id, start and end dates, unit id, rank or grade, ethnicity, sex). Protected
    characteristics are read only for the fairness audit, never as a model feature."""
    return Person.objects.values("id", "start_date", "end_date", "org_unit_id",
                                 "rank_or_grade", "ethnicity", "sex").order_by("id")


def org_unit_choices() -> list[tuple[str, str]]:
    """The force, its commands and BCUs as (path, "path name"), in path order, for filters of
    figures by unit. Teams are left out: a Met-sized force has thousands, each too small for
    figures that do not point at individuals."""
    from upright.people.choices import OrgUnitKind

    return [(path, f"{path} {name}") for path, name in OrgUnit.objects.exclude(
        kind=OrgUnitKind.TEAM).order_by("path").values_list("path", "name")]
