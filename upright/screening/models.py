"""Integrity screening runs and the hits they make (DESIGN.md "Screening")."""

from django.db import models

from upright.core.models import BaseModel


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"  # waiting for a worker (again, after a resume)
    RUNNING = "running", "Running"  # a worker is on it; its heartbeat says it is alive
    DONE = "done", "Done"  # hits written and imported for triage
    FAILED = "failed", "Failed"  # `error` says why; it may be resumed


WORKFORCE_PEOPLE = "people"  # workforce_source: the people app, not an HR file


class ScreeningRun(BaseModel):
    """One linkage of an index extract with the workforce, run as a background job. The row
    holds everything needed to run it again (folder, workforce, out dir, parameters) and the
    checksums say exactly which inputs and which model made its hits, so a run can be
    reproduced, explained and resumed."""

    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent, of the current attempt
    error = models.TextField(blank=True)  # why the last attempt failed, for a person to act on
    started_at = models.DateTimeField(null=True, blank=True)  # of the current attempt
    finished_at = models.DateTimeField(null=True, blank=True)
    index_folder = models.CharField(max_length=500)  # the extract, a folder on the server
    workforce_source = models.CharField(max_length=500, default=WORKFORCE_PEOPLE)  # or an HR file
    out_dir = models.CharField(max_length=500, blank=True)  # hits.parquet, hits.csv, run.json
    input_checksums = models.JSONField(default=dict, blank=True)  # file name -> SHA-256
    workforce_checksum = models.CharField(max_length=64, blank=True)  # SHA-256 at the last start
    model_checksum = models.CharField(max_length=64, blank=True)
    parameters = models.JSONField(default=dict, blank=True)  # screen_run keyword arguments
    counts = models.JSONField(default=dict, blank=True)  # e.g. {"hits": 12, "new": 3}
    attempts = models.PositiveSmallIntegerField(default=1)  # 1, and one more per resume
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # the worker's last sign of life
    task_id = models.CharField(max_length=64, blank=True)  # the Tasks job of the last attempt
    started_by = models.ForeignKey("access.User", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100),
                                   name="screening_run_progress_lte_100"),
        ]

    def __str__(self) -> str:
        return f"Screening run {self.pk} ({self.status})"


class HitKind(models.TextChoices):
    IDENTITY = "identity", "Identity (the employee is the index person)"
    ASSOCIATION = "association", "Association (linked to an index person)"


class HitBand(models.TextChoices):
    MATCH = "match", "Match"
    REVIEW = "review", "Review"


class HitStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISPOSED = "disposed", "Disposed"
    SUPERSEDED = "superseded", "Superseded by changed evidence"


class Disposition(models.TextChoices):
    """The outcome categories the NPCC used nationally for the 2022-23 screening exercise
    (DESIGN.md "Screening")."""

    CRIMINAL_INVESTIGATION = "criminal_investigation", "Criminal investigation"
    DISCIPLINARY_INVESTIGATION = "disciplinary_investigation", "Disciplinary investigation"
    VETTING_REVIEW = "vetting_review", "Vetting review"
    MANAGEMENT_INTERVENTION = "management_intervention", "Management intervention (welfare)"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


# A person who appears only as a victim or witness is not suspected of anything: such a hit
# may lead to welfare support or nothing, never to a misconduct route.
VICTIM_WITNESS_DISPOSITIONS = frozenset({Disposition.NO_FURTHER_ACTION,
                                         Disposition.MANAGEMENT_INTERVENTION})


class HitQuerySet(models.QuerySet["Hit"]):
    def open(self) -> "HitQuerySet":
        return self.filter(status=HitStatus.OPEN)

    def misconduct(self) -> "HitQuerySet":
        return self.filter(victim_witness_only=False)

    def victim_witness(self) -> "HitQuerySet":
        return self.filter(victim_witness_only=True)


class Hit(BaseModel):
    """A possible link between an employee and an index record. The same evidence never makes
    a second hit (the unique constraint); changed evidence makes a new one."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.PROTECT, related_name="hits")
    employee = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                                 related_name="screening_hits")
    record_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=HitKind.choices)
    probability = models.FloatField()
    match_weight = models.FloatField(null=True, blank=True)  # evidence weight; identity hits only
    band = models.CharField(max_length=8, choices=HitBand.choices)
    explanation = models.JSONField(default=dict, blank=True)
    evidence_fingerprint = models.CharField(max_length=64)
    victim_witness_only = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=HitStatus.choices, default=HitStatus.OPEN)
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    disposition = models.CharField(max_length=30, choices=Disposition.choices, blank=True)
    disposed_by = models.ForeignKey("access.User", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    disposed_at = models.DateTimeField(null=True, blank=True)
    rationale = models.TextField(blank=True)
    matter_reference = models.CharField(max_length=30, blank=True)
    vetting_request_id = models.PositiveIntegerField(null=True, blank=True)

    objects = HitQuerySet.as_manager()

    class Meta:
        ordering = ["-match_weight", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "record_id", "kind", "evidence_fingerprint"],
                name="screening_hit_unique_evidence"),
            models.CheckConstraint(
                condition=~models.Q(status=HitStatus.DISPOSED) | ~models.Q(disposition=""),
                name="screening_hit_disposed_has_disposition"),
        ]
        indexes = [models.Index(fields=["status", "victim_witness_only"])]

    def __str__(self) -> str:
        return f"Hit {self.pk} ({self.kind}, {self.record_id})"
