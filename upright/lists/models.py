"""The College of Policing's barred and advisory lists as imported (Police Act 1996 Part 4A;
SI 2017/1135; uk-process.md §6.3), and the checks made against them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel


class ListKind(models.TextChoices):
    BARRED = "barred", "Barred list"  # dismissed, or would have been (Part 4A)
    ADVISORY = "advisory", "Advisory list"  # left under investigation (reg 12); not public


class ListImport(BaseModel):
    """One imported version of a list: the whole list as the College issued it. The newest
    import of a kind is the one checked. file_name/sha256: the file; row_count: its entries."""

    list_kind = models.CharField(max_length=10, choices=ListKind.choices, db_index=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_list_kind_display()} import {self.pk} ({self.row_count} entries)"


class ListEntry(BaseModel):
    """One person on one imported list. line: the file line. entry_ref: the College's
    reference. other_names: [[forenames, surname], ...] previous names and aliases.
    listed_on: date of dismissal or inclusion (barred) or of leaving (advisory).
    published: the College publishes the entry (barred list only; the advisory list never is).
    """

    list_import = models.ForeignKey(ListImport, on_delete=models.CASCADE, related_name="entries")
    list_kind = models.CharField(max_length=10, choices=ListKind.choices)
    line = models.PositiveIntegerField()
    entry_ref = models.CharField(max_length=40)
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    other_names = models.JSONField(default=list, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    former_force = models.CharField(max_length=100)
    rank_or_role = models.CharField(max_length=60, blank=True)
    listed_on = models.DateField()
    reason = models.TextField(max_length=4000)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["list_import", "line"]
        constraints = [
            models.UniqueConstraint(fields=["list_import", "entry_ref"],
                                    name="listentry_ref_once_per_import"),
            models.CheckConstraint(condition=Q(list_kind="barred") | Q(published=False),
                                   name="listentry_advisory_never_published"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_ref}: {self.forenames} {self.surname}"


class ListMatchBand(BaseModel):
    """The evidence (in bits, see upright.screening.linkage.run) a candidate needs for a
    band, as reference data an administrator tunes: the weights depend on the model and on
    the lists, so no threshold is a constant. band: "match" (blocking) or "review"."""

    MATCH = "match"
    REVIEW = "review"

    band = models.CharField(max_length=10, unique=True)
    min_evidence_weight = models.FloatField()
    note = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.band} >= {self.min_evidence_weight} bits"


class CheckOutcome(models.TextChoices):
    MATCH = "match", "Probable match"  # blocking until resolved
    REVIEW = "review", "Possible match: review"
    NO_MATCH = "no_match", "No match"


class ListCheck(BaseModel):
    """One check of a subject against both lists. subject_ref: the vetting record
    ("application:12", "person:7", "manual"). person: the workforce record, if any.
    The subject's names, date of birth and postcodes are kept as checked. barred_import /
    advisory_import: the versions checked (null: none imported). model_sha256 and bands:
    the model and thresholds used. outcome: the strongest band among its candidates."""

    subject_ref = models.CharField(max_length=60, db_index=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="list_checks")
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    other_names = models.JSONField(default=list, blank=True)
    date_of_birth = models.DateField()
    postcodes = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=10)  # "vetting" (the grant flow) or "manual"
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    barred_import = models.ForeignKey(ListImport, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    advisory_import = models.ForeignKey(ListImport, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    model_sha256 = models.CharField(max_length=64)
    bands = models.JSONField(default=dict)
    outcome = models.CharField(max_length=10, choices=CheckOutcome.choices)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"List check {self.pk} of {self.subject_ref} ({self.outcome})"


class Resolution(models.TextChoices):
    PENDING = "pending", "Not yet resolved"
    CONFIRMED = "confirmed", "Confirmed: the same person"
    NOT_SAME = "not_same_person", "Not the same person"


class ListCheckCandidate(BaseModel):
    """A list entry the linkage found for the subject. evidence_weight: bits of evidence
    (without the prior); probability: Splink's posterior. explanation: the field-by-field
    comparison (see screening.linkage.run.explanation_build). resolution*: a vetting
    officer's decision; inherited_from: the earlier candidate whose resolution it carries."""

    check_run = models.ForeignKey(ListCheck, on_delete=models.CASCADE, related_name="candidates")
    entry = models.ForeignKey(ListEntry, on_delete=models.PROTECT, related_name="+")
    list_kind = models.CharField(max_length=10, choices=ListKind.choices)
    evidence_weight = models.FloatField()
    probability = models.FloatField()
    band = models.CharField(max_length=10, choices=CheckOutcome.choices)
    explanation = models.JSONField(default=dict)
    resolution = models.CharField(max_length=16, choices=Resolution.choices,
                                  default=Resolution.PENDING)
    resolution_reason = models.TextField(blank=True, max_length=4000)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    inherited_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")

    class Meta:
        ordering = ["-evidence_weight", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(resolution="pending") | ~Q(resolution_reason=""),
                                   name="listcandidate_resolution_has_reason"),
        ]

    @property
    def blocking(self) -> bool:
        return self.resolution == Resolution.CONFIRMED or (
            self.band == CheckOutcome.MATCH and self.resolution == Resolution.PENDING)
