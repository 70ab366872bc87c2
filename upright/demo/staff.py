"""The demo force's PSD staff behind its synthetic history: a system user that the seeded
decisions name as their maker, and a pool of investigators the seeded matters are assigned to.
None of them can log in (unusable passwords; the system user is inactive)."""

from django.contrib.auth.hashers import make_password

from upright.access.models import User
from upright.access.roles import Role
from upright.people.models import Person

SYSTEM_USERNAME = "demo-system"
# About one investigator for every 35 open investigations (assumption: PSD caseloads).
OPEN_INVESTIGATIONS_PER_INVESTIGATOR = 35
_INVESTIGATOR_POSTS = [("/PR-DPS/", ["PS", "PC", "INSP", "Band C", "Band D"]),
                       ("/PR/", ["PS", "PC", "INSP", "Band C", "Band D"])]


def demo_system_user() -> User:
    """The inactive user the seeded decisions, outcomes and register entries name as actor."""
    user, _ = User.objects.get_or_create(username=SYSTEM_USERNAME, defaults={
        "role": Role.STAFF, "is_active": False, "password": make_password(None),
        "first_name": "Demo", "last_name": "System"})
    return user


def investigator_pool_size(*, open_investigations: int) -> int:
    return max(1, round(open_investigations / OPEN_INVESTIGATIONS_PER_INVESTIGATOR))


def investigator_pool_create(*, count: int) -> list[tuple[int, int | None]]:
    """`count` investigator users (demo-investigator-001, ...), each linked to a serving
    person in Professional Standards where there are enough; (user id, person id or None)."""
    taken = set(User.objects.exclude(person=None).values_list("person_id", flat=True))
    people: list[Person] = []
    for fragment, ranks in _INVESTIGATOR_POSTS:
        if len(people) >= count:
            break
        chosen = {p.pk for p in people}
        people += list(Person.objects.filter(
            status="serving", org_unit__path__contains=fragment, rank_or_grade__in=ranks)
            .exclude(id__in=taken | chosen).order_by("staff_number")[: count - len(people)])
    users = []
    for number in range(count):
        person = people[number] if number < len(people) else None
        users.append(User(
            username=f"demo-investigator-{number + 1:03d}", role=Role.INVESTIGATOR,
            password=make_password(None), person=person,
            first_name=person.forenames.split()[0] if person else "Investigator",
            last_name=person.surname if person else f"{number + 1:03d}"))
    User.objects.bulk_create(users)
    made = dict(User.objects.filter(username__startswith="demo-investigator-")
                .values_list("username", "id"))
    return [(made[u.username], u.person.pk if u.person else None) for u in users]
