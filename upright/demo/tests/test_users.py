"""`upright demo users`: one log-in per role, fresh passwords each run, printed once."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from upright.access.models import User
from upright.access.roles import Role
from upright.demo.services import demo_force_seed
from upright.demo.users import LOGIN_URL


def _passwords(output: str) -> dict[str, str]:
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if parts and parts[0] in Role.values:
            rows[parts[0]] = parts[1]
    return rows


@pytest.mark.django_db
def test_creates_one_user_per_role_and_prints_working_logins() -> None:
    demo_force_seed(people=300, seed=1, matters=20, as_of=dt.date(2025, 6, 2))
    out = StringIO()

    call_command("demo_users", stdout=out)

    text = out.getvalue()
    passwords = _passwords(text)
    assert LOGIN_URL in text
    assert set(passwords) == set(Role.values)
    # Besides the log-ins: the seed's system user and investigator pool, none able to log in.
    seeded = User.objects.filter(username__startswith="demo-")
    assert User.objects.count() == len(Role) + seeded.count()
    assert seeded.filter(username="demo-system", is_active=False).exists()
    assert not any(user.has_usable_password() for user in seeded)
    for role, password in passwords.items():
        user = User.objects.get(username=role)
        assert user.role == role
        assert user.check_password(password)
    assessor = User.objects.get(username=Role.ASSESSOR)
    assert assessor.person is not None
    assert assessor.compartment_codes() == {"anti-corruption"}
    assert User.objects.get(username=Role.APPROPRIATE_AUTHORITY).compartment_codes() == {
        "anti-corruption"}
    assert User.objects.get(username=Role.OVERSIGHT).person is None
    assert User.objects.get(username=Role.INVESTIGATOR).compartment_codes() == set()


@pytest.mark.django_db
def test_a_second_run_resets_passwords_without_new_users() -> None:
    first, second = StringIO(), StringIO()
    call_command("demo_users", stdout=first)

    call_command("demo_users", stdout=second)

    old, new = _passwords(first.getvalue()), _passwords(second.getvalue())
    assert User.objects.count() == len(Role)
    for role in Role.values:
        assert old[role] != new[role]
        user = User.objects.get(username=role)
        assert user.check_password(new[role])
        assert not user.check_password(old[role])
