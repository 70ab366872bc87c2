"""Demo log-ins: one user per role, with a fresh random password on every run.

Passwords are generated here, printed once by the command and never stored anywhere but as
Django password hashes. Staff roles are linked to a suitable person in the demo force (so
conflict-of-interest rules apply to them); external roles (oversight) are not.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction

from upright.access.models import Compartment, User
from upright.access.roles import Role
from upright.access.services import user_create
from upright.audit.services import audit_record
from upright.demo import audit_events
from upright.people.models import Person

LOGIN_URL = "http://127.0.0.1:8000/staff/login/"
# Where each role's person is looked for: (org path fragment, ranks or grades), best first.
_POSTS: dict[str, list[tuple[str, list[str]]]] = {
    Role.STAFF: [("/FL/", ["PC"])],
    Role.ASSESSOR: [("/PR-DPS/", ["PS", "Band C"]), ("/PR/", ["PS", "Band C", "Band D"])],
    Role.INVESTIGATOR: [("/PR-DPS/", ["PS", "PC"]), ("/PR/", ["PS", "PC"])],
    Role.APPROPRIATE_AUTHORITY: [("/PR/", ["SUPT", "CSUPT"]), ("/", ["SUPT", "CSUPT"])],
    Role.PANEL: [("/", ["CSUPT", "SUPT"])],
    Role.VETTING_OFFICER: [("/PR-VET/", ["Band D", "Band C"]), ("/PR/", ["Band D", "Band C"])],
    Role.ANALYST: [("/PR-AC/", ["Band D", "Band C"]), ("/PR/", ["Band D", "Band E"])],
    Role.REVIEWER: [("/PR/", ["INSP", "CI"]), ("/", ["INSP"])],
    Role.AUDITOR: [("/PRS-AUD/", ["Band C", "Band D"]), ("/PRS/", ["Band C", "Band D"])],
    Role.ADMIN: [("/DDT/", ["Band C", "Band D"]), ("/", ["Band D", "Band E"])],
}
_COMPARTMENTS = {Role.ASSESSOR: [Compartment.ANTI_CORRUPTION],
                 Role.APPROPRIATE_AUTHORITY: [Compartment.ANTI_CORRUPTION]}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    person: str  # "Forenames Surname (staff number, rank)" or "" for external roles


def password_new() -> str:
    """A strong random password (about 120 bits) that passes the configured validators."""
    return f"{secrets.token_urlsafe(12)}-{secrets.token_urlsafe(8)}"


def demo_users_reset() -> list[DemoLogin]:
    """Create each role's demo user, or reset its password; one audit event for the run."""
    logins = []
    with transaction.atomic():
        taken = set(User.objects.exclude(person=None).values_list("person_id", flat=True))
        for role in Role:
            password = password_new()
            user = User.objects.filter(username=role.value).first()
            if user is None:
                person = _person_for(role, taken)
                user = user_create(username=role.value, password=password, role=role.value,
                                   actor=None, person_id=person.pk if person else None,
                                   compartments=_COMPARTMENTS.get(role))
            else:
                user.set_password(password)
                user.is_active = True
                user.save(update_fields=["password", "is_active"])
            logins.append(DemoLogin(user.username, password, role.value, _describe(user.person)))
        audit_record(action=audit_events.DEMO_USERS_RESET, actor=None,
                     extra={"usernames": [login.username for login in logins]})
    return logins


def _person_for(role: Role, taken: set[int]) -> Person | None:
    for fragment, ranks in _POSTS.get(role, []):
        person = (Person.objects.filter(status="serving", org_unit__path__contains=fragment,
                                        rank_or_grade__in=ranks)
                  .exclude(id__in=taken).order_by("staff_number").first())
        if person is not None:
            taken.add(person.pk)
            return person
    return None


def _describe(person: Person | None) -> str:
    if person is None:
        return ""
    return f"{person.full_name} ({person.staff_number}, {person.rank_or_grade})"
