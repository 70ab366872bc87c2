"""Public notices of misconduct hearings, published outcomes, and barred/advisory-list reports.

Publication is a side effect of the conduct process (PCR 2020 regs 36, 39, 53, 62; uk-process.md
§7.1), so conduct calls this app's services; this app never imports conduct.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel


class PublicationRule(BaseModel):
    """A period used by publication and list reporting, as data ("the law is data").

    Rules not verified against the regulation text ([U] in uk-process.md) stay editable by an
    administrator; `verified` records which is which. unit/amount: the period's length.
    """

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "Working days (England and Wales)"
        CALENDAR_DAYS = "calendar_days", "Calendar days"

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=200)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    amount = models.PositiveIntegerField()
    verified = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.amount} {self.unit})"


class PublicationKind(models.TextChoices):
    HEARING_NOTICE = "hearing_notice", "Notice of a misconduct hearing"  # PCR reg 36 / reg 53
    OUTCOME = "outcome", "Outcome of a hearing"  # the chair's report (reg 43; AMH reg 62)


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft: awaiting redaction review"
    REDACTION_REVIEW = "redaction_review", "Redaction reviewed: awaiting approval"
    APPROVED = "approved", "Approved for publication"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"  # taken down (or abandoned before publication)
    EXPIRED = "expired", "Expired"  # display period over


LIVE_STATUSES = (PublicationStatus.DRAFT, PublicationStatus.REDACTION_REVIEW,
                 PublicationStatus.APPROVED, PublicationStatus.PUBLISHED)


class PublicationItemQuerySet(models.QuerySet["PublicationItem"]):
    def live(self) -> "PublicationItemQuerySet":
        return self.filter(status__in=LIVE_STATUSES)

    def published(self) -> "PublicationItemQuerySet":
        return self.filter(status=PublicationStatus.PUBLISHED)


class PublicationItem(BaseModel):
    """One notice or outcome report for the force website.

    Source text (as the proceedings produced it): officer_name, officer_rank (snapshots at
    preparation), hearing_date/time/venue, accelerated (AMH, reg 53), concluded_on,
    conduct_summary (the conduct and how it is alleged to amount to misconduct or gross
    misconduct), finding, disciplinary_action.
    Redaction review: public_* are the only texts the public ever sees; reviewer, reviewed_at,
    review_notes. Chair's directions (reg 39(3), reg 62(8)-(9)): officer_not_named,
    other_names_withheld, direction_notes; restricted: a national-security direction or a
    prohibition on publication is in force, so the item cannot be published.
    Window: publish_window_start/end (computed from PublicationRule rows). published_at;
    min_display_until: it may not be taken down before then without a direction; expires_at:
    when the expiry command takes it down. version: bumped on every change.
    """

    kind = models.CharField(max_length=20, choices=PublicationKind.choices)
    status = models.CharField(max_length=20, choices=PublicationStatus.choices,
                              default=PublicationStatus.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    matter_ref = models.CharField(max_length=40, db_index=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="publication_items")
    officer_name = models.CharField(max_length=200)
    officer_rank = models.CharField(max_length=40, blank=True)
    hearing_date = models.DateField(null=True, blank=True)
    hearing_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    accelerated = models.BooleanField(default=False)
    concluded_on = models.DateField(null=True, blank=True)
    conduct_summary = models.TextField()
    finding = models.TextField(blank=True)
    disciplinary_action = models.TextField(blank=True)

    public_summary = models.TextField(blank=True)
    public_finding = models.TextField(blank=True)
    public_action = models.TextField(blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_notes = models.TextField(blank=True)

    officer_not_named = models.BooleanField(default=False)
    other_names_withheld = models.BooleanField(default=False)
    direction_notes = models.TextField(blank=True)
    restricted = models.BooleanField(default=False)

    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    publish_window_start = models.DateField()
    publish_window_end = models.DateField()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    publish_override_reason = models.TextField(blank=True)
    min_display_until = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    withdrawal_direction = models.TextField(blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)

    objects = PublicationItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live notice/outcome per officer and matter: preparing twice returns the first.
            models.UniqueConstraint(
                fields=["kind", "matter_ref", "person"], condition=Q(status__in=LIVE_STATUSES),
                name="publication_one_live_item"),
            models.CheckConstraint(condition=Q(publish_window_end__gte=models.F(
                "publish_window_start")), name="publication_window_ordered"),
            models.CheckConstraint(
                condition=~Q(kind="hearing_notice") | Q(hearing_date__isnull=False),
                name="publication_notice_has_hearing_date"),
            models.CheckConstraint(
                condition=~Q(kind="outcome") | Q(concluded_on__isnull=False),
                name="publication_outcome_has_conclusion"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.matter_ref} ({self.status})"


class ListKind(models.TextChoices):
    BARRED = "barred", "Barred list"  # dismissal / "would have been dismissed" (PA 1996 Part 4A)
    ADVISORY = "advisory", "Advisory list"  # left during an investigation (SI 2017/1135 reg 12)


class ListReportStatus(models.TextChoices):
    OPEN = "open", "To report"
    REPORTED = "reported", "Reported to the College"
    CLOSED = "closed", "Closed"


class ListReportTask(BaseModel):
    """A report owed to the College of Policing for the barred or advisory list.

    due_on: from the configurable reporting period (SI 2017/1135 reg 3, [U] on the number of
    days). reported_on/college_reference: recorded when the report is made. closed_*: when the
    task needs no further work.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="list_report_tasks")
    list_kind = models.CharField(max_length=10, choices=ListKind.choices)
    matter_ref = models.CharField(max_length=40, db_index=True)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=ListReportStatus.choices,
                              default=ListReportStatus.OPEN, db_index=True)
    due_on = models.DateField()
    legal_basis = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    reported_on = models.DateField(null=True, blank=True)
    college_reference = models.CharField(max_length=60, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    close_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "list_kind", "matter_ref"],
                                    name="listreport_once_per_matter"),
            models.CheckConstraint(
                condition=~Q(status="reported") | Q(reported_on__isnull=False),
                name="listreport_reported_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_list_kind_display()} report {self.matter_ref} ({self.status})"
