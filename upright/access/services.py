"""Creating users and changing what they may do; every change is audited."""

from typing import Any

from django.db import transaction

from upright.access import audit_events
from upright.access.models import Compartment, User
from upright.access.roles import Role
from upright.audit.services import audit_record


def user_create(
    *,
    username: str,
    password: str,
    role: str,
    actor: User | None,
    person_id: int | None = None,
    compartments: list[str] | None = None,
    **fields: Any,
) -> User:
    Role(role)  # refuse unknown roles early, with the list of valid ones in the message
    with transaction.atomic():
        user = User(username=username, role=role, person_id=person_id, **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        if compartments:
            user.compartments.set(Compartment.objects.filter(code__in=compartments))
        audit_record(
            action=audit_events.USER_CREATED,
            actor=actor,
            target=user,
            extra={"username": username, "role": role, "compartments": compartments or []},
        )
    return user


def user_login_record(*, user: User | None, username: str, succeeded: bool) -> None:
    action = audit_events.USER_LOGGED_IN if succeeded else audit_events.USER_LOGIN_FAILED
    audit_record(action=action, actor=user, object_type="access.user",
                 object_id=str(user.pk) if user else "", extra={"username": username[:150]})


SYSTEM_USERNAME = "system"


def user_system() -> User:
    """The actor for command-line and scheduled work, so those changes are audited with a name.
    It cannot log in (unusable password) and holds the administrator role."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"role": Role.ADMIN, "first_name": "System"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
