"""`people_import`: load an HR extract all or nothing."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.exceptions import ValidationFailed
from upright.people import audit_events
from upright.people.hr_format import HrRow, RowError, hr_rows_parse
from upright.people.models import Address, Email, OrgUnit, Person, PersonName, Phone, Vehicle
from upright.people.services import org_unit_ensure_path, person_mgmt_paths_rebuild


class ImportRejected(ValidationFailed):
    """The extract has errors; nothing was written. `errors` lists every one."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            f"The file was not imported: {len(errors)} problem(s) found. Nothing was written.",
            extra={"errors": [e.__dict__ for e in errors]},
        )
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def people_import(*, text: str, actor: Any | None, source_name: str = "") -> ImportResult:
    rows, errors = hr_rows_parse(text)
    if not errors:
        errors = _manager_errors(rows)
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        existing = {p.staff_number: p for p in
                    Person.objects.filter(staff_number__in=[r.staff_number for r in rows])}
        units: dict[tuple[str, ...], OrgUnit] = {}
        people = []
        for row in rows:
            unit = None
            if row.org_unit_path:
                key = tuple(row.org_unit_path)
                if key not in units:
                    units[key] = org_unit_ensure_path(codes=row.org_unit_path)
                unit = units[key]
            person = existing.get(row.staff_number) or Person(staff_number=row.staff_number)
            _apply(person, row, unit)
            people.append(person)
        new = [p for p in people if p.pk is None]
        Person.objects.bulk_create(new, batch_size=2000)
        old = [p for p in people if p.staff_number in existing]
        Person.objects.bulk_update(old, _FIELDS, batch_size=2000)
        _identities_replace(rows, {p.staff_number: p for p in people})
        _managers_link(rows)
        person_mgmt_paths_rebuild()
        audit_record(action=audit_events.PEOPLE_IMPORTED, actor=actor,
                     object_type="people.person", extra={"source": source_name,
                     "created": len(new), "updated": len(old)})
    return ImportResult(created=len(new), updated=len(old))


_FIELDS = ["employment_kind", "rank_or_grade", "org_unit", "start_date", "end_date", "status",
           "forenames", "surname", "date_of_birth", "sex", "ethnicity"]


def _apply(person: Person, row: HrRow, unit: OrgUnit | None) -> None:
    for name in _FIELDS:
        if name == "org_unit":
            person.org_unit = unit
        else:
            setattr(person, name, getattr(row, name))


def _manager_errors(rows: list[HrRow]) -> list[RowError]:
    in_file = {r.staff_number for r in rows}
    wanted = {r.line_manager for r in rows if r.line_manager and r.line_manager not in in_file}
    known = set(Person.objects.filter(staff_number__in=wanted).values_list("staff_number",
                                                                           flat=True))
    return [RowError(r.line, "line_manager", f"no person with staff number {r.line_manager!r}")
            for r in rows if r.line_manager and r.line_manager not in in_file | known]


def _identities_replace(rows: list[HrRow], people: dict[str, Person]) -> None:
    ids = [p.pk for p in people.values()]
    for model in (PersonName, Address, Phone, Email, Vehicle):
        model.objects.filter(person_id__in=ids).delete()
    names: list[PersonName] = []
    addresses: list[Address] = []
    phones: list[Phone] = []
    emails: list[Email] = []
    vehicles: list[Vehicle] = []
    for row in rows:
        pid = people[row.staff_number].pk
        names.append(PersonName(person_id=pid, kind=PersonName.Kind.CURRENT,
                                forenames=row.forenames, surname=row.surname))
        names += [PersonName(person_id=pid, kind=PersonName.Kind.PREVIOUS, forenames=f,
                             surname=s, valid_from=a, valid_to=b) for f, s, a, b in row.names]
        addresses += [Address(person_id=pid, address=a, postcode=p, valid_from=f, valid_to=t)
                      for a, p, f, t in row.addresses]
        phones += [Phone(person_id=pid, number=n) for n in row.phones]
        emails += [Email(person_id=pid, address=e) for e in row.emails]
        vehicles += [Vehicle(person_id=pid, vrm=v) for v in row.vehicles]
    PersonName.objects.bulk_create(names, batch_size=2000)
    Address.objects.bulk_create(addresses, batch_size=2000)
    Phone.objects.bulk_create(phones, batch_size=2000)
    Email.objects.bulk_create(emails, batch_size=2000)
    Vehicle.objects.bulk_create(vehicles, batch_size=2000)


def _managers_link(rows: list[HrRow]) -> None:
    numbers = {r.staff_number for r in rows} | {r.line_manager for r in rows if r.line_manager}
    ids = dict(Person.objects.filter(staff_number__in=numbers).values_list("staff_number", "id"))
    updates = [Person(id=ids[r.staff_number], line_manager_id=ids.get(r.line_manager))
               for r in rows]
    Person.objects.bulk_update(updates, ["line_manager"], batch_size=2000)
