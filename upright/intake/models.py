"""Reports from every channel, and the anonymous two-way mailbox that goes with them.

A report is the raw account as it arrived. Triage turns it into a complaint or conduct matter
in `conduct` (recording `matter_reference` here) or closes it with no further action.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel

WHAT_HAPPENED_MAX = 10_000


class Channel(models.TextChoices):
    WEB = "web", "Public web form"
    API = "api", "API"
    PHONE = "phone", "Telephone"
    EMAIL = "email", "Email"
    STAFF_CONFIDENTIAL = "staff_confidential", "Confidential staff report"


class ReportStatus(models.TextChoices):
    NEW = "new", "New"  # waiting in the triage queue
    TRIAGED = "triaged", "Recorded as a matter"  # matter_reference points at the conduct matter
    NO_ACTION = "no_action", "No further action"  # triage_reason says why
    DUPLICATE = "duplicate", "Duplicate"  # already reported; triage_reason names the original


class Report(BaseModel):
    """One report, as received. Columns:

    reference: the unguessable reference given to the reporter ("R-7KQ4-M2XD-9TRW-5").
    channel / status: see Channel and ReportStatus.
    what_happened: the account in the reporter's words (at most 10,000 characters).
    occurred_on / occurred_text: the date, if known, and any free-text time ("about 3pm").
    location: where it happened. people_involved: names or warrant numbers, if known.
    anonymous: no identity is stored; the reporter follows up through the mailbox only.
    reporter_name / _email / _phone: contact details (always blank when anonymous).
    confidential / compartment: a staff report visible only to members of `compartment`.
    submitted_by: the logged-in staff member who made it (null for the public and anonymous).
    mailbox_passphrase_hash: Django password hash of the mailbox passphrase (never the text).
    idempotency_key / request_fingerprint: the client's key and a SHA-256 of the cleaned
    payload, so a retried submission returns the original report instead of a second one.
    matter_reference / triage_reason / triaged_by / triaged_at: the triage decision.
    No IP address or other network identifier is ever stored.
    """

    reference = models.CharField(max_length=32, unique=True)
    channel = models.CharField(max_length=24, choices=Channel.choices)
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW, db_index=True
    )
    what_happened = models.TextField()
    occurred_on = models.DateField(null=True, blank=True)
    occurred_text = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=300, blank=True)
    people_involved = models.TextField(blank=True)
    anonymous = models.BooleanField(default=False)
    reporter_name = models.CharField(max_length=200, blank=True)
    reporter_email = models.EmailField(max_length=254, blank=True)
    reporter_phone = models.CharField(max_length=40, blank=True)
    confidential = models.BooleanField(default=False)
    compartment = models.CharField(max_length=40, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mailbox_passphrase_hash = models.CharField(max_length=256, blank=True)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)
    matter_reference = models.CharField(max_length=32, blank=True)
    triage_reason = models.TextField(blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False)
                | Q(reporter_name="", reporter_email="", reporter_phone="", submitted_by=None),
                name="intake_report_anonymous_has_no_identity",
            ),
            models.CheckConstraint(
                condition=Q(confidential=False) | ~Q(compartment=""),
                name="intake_report_confidential_has_compartment",
            ),
            models.CheckConstraint(
                condition=~Q(status="triaged") | ~Q(matter_reference=""),
                name="intake_report_triaged_has_matter",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def has_mailbox(self) -> bool:
        return bool(self.mailbox_passphrase_hash)


class Direction(models.TextChoices):
    TO_REPORTER = "to_reporter", "From PSD to the reporter"
    FROM_REPORTER = "from_reporter", "From the reporter"


class MailboxMessage(BaseModel):
    """One message in a report's mailbox. author: the staff member (null for the reporter)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="messages")
    direction = models.CharField(max_length=16, choices=Direction.choices)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.direction}"
