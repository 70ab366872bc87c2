"""The workforce: who people are (identities), where they work, and whom they report to."""

import datetime as dt

from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel
from upright.people.choices import (
    EmploymentKind,
    EmploymentStatus,
    Ethnicity,
    OrgUnitKind,
    Sex,
    ethnic_group_of,
)


class OrgUnit(BaseModel):
    """A node of the force's hierarchy: force > command > BCU > team.

    code: stable identifier from HR (unique). path: codes from the force down, "/MPS/FL/CW/".
    """

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=OrgUnitKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)
    path = models.CharField(max_length=400, db_index=True)

    def __str__(self) -> str:
        return self.name


class Person(BaseModel):
    """One member of the workforce, past or present.

    staff_number: warrant number (officers, specials) or staff number; unique.
    forenames / surname: the current name, copied from the current PersonName for search.
    line_manager: the person they report to. mgmt_path: the ids of every manager above them,
    "/12/345/6789/", kept by the services so conflict checks are one indexed-free LIKE, not a
    recursive walk.
    """

    staff_number = models.CharField(max_length=20, unique=True)
    employment_kind = models.CharField(max_length=12, choices=EmploymentKind.choices)
    rank_or_grade = models.CharField(max_length=40, blank=True)
    org_unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT)
    line_manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    mgmt_path = models.CharField(max_length=400, blank=True, default="/")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=EmploymentStatus.choices, default=EmploymentStatus.SERVING
    )
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100, db_index=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=12, choices=Sex.choices, default=Sex.NOT_STATED)
    ethnicity = models.CharField(
        max_length=32, choices=Ethnicity.choices, default=Ethnicity.NOT_STATED
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="person_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(line_manager=models.F("id")), name="person_not_own_manager"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.staff_number})"

    @property
    def full_name(self) -> str:
        return f"{self.forenames} {self.surname}"

    @property
    def ethnic_group(self) -> str:
        return ethnic_group_of(self.ethnicity)

    def age_on(self, day: dt.date) -> int:
        """Whole years of age on `day`, derived from the date of birth (never stored)."""
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - before_birthday


class PersonName(BaseModel):
    """A name the person has used: current, previous (e.g. maiden) or alias, with dates."""

    class Kind(models.TextChoices):
        CURRENT = "current", "Current"
        PREVIOUS = "previous", "Previous"
        ALIAS = "alias", "Also known as"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100, db_index=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)


class Address(BaseModel):
    """An address the person has lived at; postcode normalised to upper case with one space."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10, db_index=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)


class Phone(BaseModel):
    """A phone number, normalised to E.164 digits (+44...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=20, db_index=True)


class Email(BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField()


class Vehicle(BaseModel):
    """A vehicle registration mark (VRM), upper case without spaces."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="vehicles")
    vrm = models.CharField(max_length=10, db_index=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)


class PriorForceRecord(BaseModel):
    """A record about the person held by a force they served in before transferring in (a
    complaint, a conduct matter, a vetting decision, a conviction...), imported from that
    force's transfer file so that it appears in their history here (patterns, issue 5).

    force_name: the previous force. kind: what the record is. occurred_on: when it happened
    (a matter: when it came to that force's attention). category: that force's category or
    code (an IOPC allegation category, an offence category), free text. outcome: how it ended
    there ("no case to answer", "written warning"); blank while open or unknown.
    source_reference: the previous force's own reference. compartment: set when the record
    must stay inside a compartment here (anti-corruption intelligence). imported_from /
    import_checksum / source_line: the file (name and SHA-256) and line it came from; a file
    is imported once (the unique constraint).
    """

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        CONDUCT_MATTER = "conduct_matter", "Conduct matter"
        SUSPENSION = "suspension", "Suspension or restriction"
        VETTING_DECISION = "vetting_decision", "Vetting decision"
        CONVICTION = "conviction", "Conviction"
        CAUTION = "caution", "Caution"
        DECLARATION = "declaration", "Declared association or interest"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.PROTECT,
                               related_name="prior_force_records")
    force_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    occurred_on = models.DateField()
    category = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=200, blank=True)
    summary = models.TextField(max_length=5000)
    source_reference = models.CharField(max_length=100, blank=True)
    compartment = models.CharField(max_length=40, blank=True, default="")
    imported_from = models.CharField(max_length=200)
    import_checksum = models.CharField(max_length=64)
    source_line = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["person", "occurred_on"], name="priorforce_person_day")]
        constraints = [
            models.UniqueConstraint(fields=["import_checksum", "source_line"],
                                    name="priorforce_one_row_per_file_line"),
        ]

    def __str__(self) -> str:
        return f"{self.force_name}: {self.get_kind_display()} on {self.occurred_on}"
