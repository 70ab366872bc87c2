"""Statutory notices as fixed documents, their service, harm-test decisions and timeliness
reports. Matters live in `conduct`, which sits above this app: rows here carry the matter's
reference (and the officer) rather than a foreign key to it."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from upright.core.models import BaseModel
from upright.notices.choices import (
    HarmTestGround,
    NoticeKind,
    Recipient,
    ServiceMethod,
    TimelinessBasis,
    TimelinessStatus,
)

# Columns fixed at issue: the document itself may never change afterwards.
FIXED_AT_ISSUE = frozenset({"html", "html_sha256", "context", "kind", "matter_ref", "person"})


class ServiceRule(BaseModel):
    """When a notice served by `method` is deemed served (reference data: the 2025 rule's
    detail is unverified, uk-process.md §0). working_days: 0 = at the moment of service;
    n >= 1 = the start of the nth working day after the day of service."""

    method = models.CharField(max_length=20, choices=ServiceMethod.choices, unique=True)
    working_days = models.PositiveSmallIntegerField()
    legal_basis = models.CharField(max_length=200)
    verified = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.method}: +{self.working_days} WD"


class Notice(BaseModel):
    """One issued notice: the rendered HTML is the document, fixed at issue (its SHA-256 lets
    anyone check it has not changed).

    context: the values rendered (after withholding). recipient: who it is addressed to.
    compartment: copied from the matter so need-to-know holds here too. email_service_allowed:
    whether PCR reg 9 as amended in 2025 lets it be served by email. served_*/deemed_served_at:
    its service (null until served); deemed_rule: the rule applied, as it stood then.
    """

    reference = models.CharField(max_length=32, unique=True)
    kind = models.CharField(max_length=32, choices=NoticeKind.choices)
    matter_ref = models.CharField(max_length=32, db_index=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="notices")
    recipient = models.CharField(max_length=20, choices=Recipient.choices,
                                 default=Recipient.OFFICER)
    compartment = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=200)
    context = models.JSONField(default=dict)
    html = models.TextField()
    html_sha256 = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                  related_name="notices_issued")
    email_service_allowed = models.BooleanField(default=False)
    timeliness_report = models.ForeignKey("TimelinessReport", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="notices")
    served_at = models.DateTimeField(null=True, blank=True)
    service_method = models.CharField(max_length=20, choices=ServiceMethod.choices, blank=True)
    deemed_served_at = models.DateTimeField(null=True, blank=True)
    deemed_rule = models.CharField(max_length=200, blank=True)
    served_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="notices_served")

    class Meta:
        indexes = [models.Index(fields=["served_at", "issued_at"])]
        constraints = [
            models.CheckConstraint(
                name="notice_served_all_or_nothing",
                condition=(Q(served_at__isnull=True, deemed_served_at__isnull=True,
                             service_method="")
                           | Q(served_at__isnull=False, deemed_served_at__isnull=False)
                           & ~Q(service_method="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.kind})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None
                                    or FIXED_AT_ISSUE.intersection(update_fields)):
            raise ValueError("An issued notice is fixed: save only its service fields.")
        super().save(*args, **kwargs)

    @property
    def is_served(self) -> bool:
        return self.served_at is not None


class Disclosure(BaseModel):
    """A harm-test decision (PCR reg 6) on one item of information for the officer.

    The item is a Notice, a document named by `document_ref`, or one field of a notice's
    content (`document_ref` = "field:<name>", e.g. "field:planned_steps"). withheld: kept from
    the officer on `ground` for `reason`; a withheld item never appears in a notice to them.
    """

    matter_ref = models.CharField(max_length=32, db_index=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="disclosures")
    title = models.CharField(max_length=300)
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="disclosures")
    document_ref = models.CharField(max_length=200, blank=True)
    withheld = models.BooleanField(default=False)
    ground = models.CharField(max_length=40, choices=HarmTestGround.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="disclosures_decided")
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(name="disclosure_withheld_has_ground",
                                   condition=Q(withheld=False) | (~Q(ground="") & ~Q(reason=""))),
            models.CheckConstraint(name="disclosure_names_an_item",
                                   condition=Q(notice__isnull=False) | ~Q(document_ref="")),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({'withheld' if self.withheld else 'disclosed'})"


class NoticeWithholding(models.Model):
    """An item kept out of a notice under the harm test, and the ground it was kept out on."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="withholdings")
    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT,
                                   related_name="withholdings")
    ground = models.CharField(max_length=40, choices=HarmTestGround.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "disclosure"],
                                               name="withholding_once_per_notice")]

    def __str__(self) -> str:
        return f"{self.notice_id}: disclosure {self.disclosure_id} ({self.ground})"


class TimelinessReport(BaseModel):
    """A report owed at the end of a relevant period (PCR reg 19 / CMR reg 13).

    period_index: 1 = the first 12 months, 2.. = each 6 months after. came_to_attention ..
    planned_steps: the reg 19(2)(a)-(f) content. prejudice_exempt: reg 19(3) (and CMR reg 13):
    giving it might prejudice this or another investigation; then nobody gets it and
    prejudice_rationale records why. recipients: Recipient codes.
    """

    matter_ref = models.CharField(max_length=32, db_index=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="timeliness_reports")
    compartment = models.CharField(max_length=40, blank=True)
    basis = models.CharField(max_length=8, choices=TimelinessBasis.choices,
                             default=TimelinessBasis.PCR_19)
    period_index = models.PositiveSmallIntegerField()
    period_start = models.DateField()
    period_end = models.DateField()
    due_date = models.DateField()
    came_to_attention = models.DateField()  # (a)
    reg17_notice_date = models.DateField(null=True, blank=True)  # (b); null: not yet given
    progress = models.TextField()  # (c)
    estimated_conclusion = models.DateField()  # (d)
    estimated_report_date = models.DateField()  # (d): the reg 21 report
    reason_for_time = models.TextField()  # (e)
    planned_steps = models.TextField()  # (f)
    prejudice_exempt = models.BooleanField(default=False)
    prejudice_rationale = models.TextField(blank=True)
    recipients = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=TimelinessStatus.choices,
                              default=TimelinessStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="timeliness_reports_created")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="timeliness_reports_sent")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter_ref", "period_index"],
                                    name="timeliness_one_report_per_period"),
            models.CheckConstraint(name="timeliness_exempt_has_rationale",
                                   condition=Q(prejudice_exempt=False)
                                   | ~Q(prejudice_rationale="")),
            models.CheckConstraint(name="timeliness_period_index_positive",
                                   condition=Q(period_index__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.matter_ref} period {self.period_index} ({self.status})"
