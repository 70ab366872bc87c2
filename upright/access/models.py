"""Users, their role, the person they are in the workforce, and their compartments."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from upright.access.roles import ROLE_PERMS, Role


class Compartment(models.Model):
    """A need-to-know enclosure (e.g. anti-corruption). Work in a compartment is invisible to
    every user who is not a member, whatever their role."""

    ANTI_CORRUPTION = "anti-corruption"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A log-in. role: one role from access.roles. person: the workforce record of the user,
    used for conflict-of-interest checks (null for external users such as IOPC oversight)."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.STAFF)
    person = models.OneToOneField(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    compartments = models.ManyToManyField(Compartment, blank=True, related_name="members")

    def has_role_perm(self, perm: str) -> bool:
        return self.is_active and perm in ROLE_PERMS.get(self.role, frozenset())

    def compartment_codes(self) -> set[str]:
        cached = getattr(self, "_compartment_codes", None)
        if cached is None:
            cached = set(self.compartments.values_list("code", flat=True))
            self._compartment_codes = cached
        return cached
