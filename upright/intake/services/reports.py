"""Receiving reports: validation, idempotent submission, and audited reads.

Nothing acknowledged is lost: `report_submit` returns the reference (and the mailbox
passphrase) only after the transaction that wrote the report and its audit event committed.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.db import IntegrityError, transaction

from upright.access.models import Compartment
from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.core.clock import local_today
from upright.core.exceptions import Conflict, ValidationFailed
from upright.core.references import reference_new
from upright.intake import audit_events
from upright.intake.models import WHAT_HAPPENED_MAX, Channel, Report
from upright.intake.permissions import REPORT_PREFIX, access_report
from upright.intake.services.cleaning import (
    FieldErrors,
    bool_clean,
    date_clean,
    email_clean,
    phone_clean,
    text_clean,
)
from upright.intake.services.mailbox import passphrase_hash, passphrase_new

IDEMPOTENCY_KEY_MAX = 100


@dataclass(frozen=True)
class ReportInput:
    """A report's cleaned fields (contact details already dropped when anonymous)."""

    what_happened: str
    occurred_on: dt.date | None
    occurred_text: str
    location: str
    people_involved: str
    anonymous: bool
    reporter_name: str
    reporter_email: str
    reporter_phone: str


@dataclass(frozen=True)
class SubmitResult:
    """report: the stored report. passphrase: the mailbox passphrase in clear, only on the
    first, anonymous submission (it is never stored, so a replay cannot show it again).
    replayed: True when an earlier submission with the same idempotency key was returned."""

    report: Report
    passphrase: str | None
    replayed: bool


def report_clean(*, data: Mapping[str, Any]) -> ReportInput:
    """Validate a submission; ValidationFailed names every bad field."""
    errors = FieldErrors()
    what_happened = text_clean(
        errors, data, "what_happened", label="What happened", max_length=WHAT_HAPPENED_MAX,
        required=True, multiline=True,
    )
    occurred_on = date_clean(errors, data, "occurred_on", label="The date", today=local_today())
    occurred_text = text_clean(errors, data, "occurred_text", label="When it happened", max_length=200)
    location = text_clean(errors, data, "location", label="Where it happened", max_length=300)
    people = text_clean(
        errors, data, "people_involved", label="People involved", max_length=2000, multiline=True
    )
    anonymous = bool_clean(errors, data, "anonymous", label="Report anonymously")
    name = email = phone = ""
    if not anonymous:
        # Contact details typed before ticking "anonymous" are dropped, never stored.
        name = text_clean(errors, data, "reporter_name", label="Your name", max_length=200)
        email = email_clean(errors, data, "reporter_email", label="Your email address")
        phone = phone_clean(errors, data, "reporter_phone", label="Your phone number")
        if not errors.fields.keys() & {"reporter_name", "reporter_email", "reporter_phone"}:
            if not name:
                errors.add("reporter_name", "Give your name, or choose to report anonymously.")
            if not (email or phone):
                errors.add(
                    "reporter_email",
                    "Give an email address or a phone number so we can contact you, "
                    "or choose to report anonymously.",
                )
    errors.raise_if_any()
    return ReportInput(what_happened, occurred_on, occurred_text, location, people, anonymous,
                       name, email, phone)


def report_submit(
    *,
    data: Mapping[str, Any],
    channel: str,
    actor: Any | None = None,
    idempotency_key: str | None = None,
) -> SubmitResult:
    """Store a report and its audit event in one transaction; return after commit.

    channel "staff_confidential" needs an actor with Perm.REPORT_CONFIDENTIAL and puts the
    report in the anti-corruption compartment. Anonymous reports get a mailbox passphrase and
    keep no identity (not even the logged-in staff member). Idempotency: the same key with
    the same payload returns the original report (replayed=True, nothing written); the same
    key with a different payload raises Conflict; a race on the key resolves to the winner.
    """
    if channel not in Channel.values:
        raise ValidationFailed("Unknown channel.", {"fields": {"channel": ["Unknown channel."]}})
    key = _key_clean(idempotency_key)
    if channel == Channel.STAFF_CONFIDENTIAL:
        perm_require(user=actor, perm=Perm.REPORT_CONFIDENTIAL)
    cleaned = report_clean(data=data)
    fingerprint = _fingerprint(cleaned, channel)
    if key is not None:
        replay = _replay(key=key, fingerprint=fingerprint)
        if replay is not None:
            return replay
    try:
        report, passphrase = _report_create(
            cleaned=cleaned, channel=channel, actor=actor, key=key, fingerprint=fingerprint
        )
    except IntegrityError:
        # Another request with the same key committed between our look-up and our insert.
        replay = _replay(key=key, fingerprint=fingerprint) if key is not None else None
        if replay is None:
            raise
        return replay
    return SubmitResult(report=report, passphrase=passphrase, replayed=False)


def _report_create(
    *, cleaned: ReportInput, channel: str, actor: Any | None, key: str | None, fingerprint: str
) -> tuple[Report, str | None]:
    confidential = channel == Channel.STAFF_CONFIDENTIAL
    passphrase = passphrase_new() if cleaned.anonymous else None
    submitted_by = actor if (actor is not None and getattr(actor, "is_authenticated", False)
                             and not cleaned.anonymous) else None
    with transaction.atomic():
        report = Report(
            reference=reference_new(prefix=REPORT_PREFIX),
            channel=channel,
            **asdict(cleaned),
            confidential=confidential,
            compartment=Compartment.ANTI_CORRUPTION if confidential else "",
            submitted_by=submitted_by,
            mailbox_passphrase_hash=passphrase_hash(passphrase) if passphrase else "",
            idempotency_key=key,
            request_fingerprint=fingerprint,
        )
        # Field validation here; the CHECK constraints are enforced by the database on insert,
        # so checking them again in Python would cost three extra queries per public report.
        report.full_clean(validate_unique=False, validate_constraints=False)
        report.save()
        audit_record(
            action=audit_events.REPORT_RECEIVED,
            actor=submitted_by,
            target=report,
            extra={"channel": channel, "anonymous": cleaned.anonymous, "confidential": confidential},
        )
    return report, passphrase


def _key_clean(key: str | None) -> str | None:
    if key is None or key == "":
        return None
    if (not isinstance(key, str) or len(key) > IDEMPOTENCY_KEY_MAX
            or not key.isascii() or not key.isprintable()):
        message = f"The idempotency key must be printable ASCII, at most {IDEMPOTENCY_KEY_MAX} characters."
        raise ValidationFailed(message, {"fields": {"idempotency_key": [message]}})
    return key


def _fingerprint(cleaned: ReportInput, channel: str) -> str:
    payload = json.dumps({"channel": channel, **asdict(cleaned)}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _replay(*, key: str, fingerprint: str) -> SubmitResult | None:
    existing = Report.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if existing.request_fingerprint != fingerprint:
        raise Conflict(
            "This idempotency key was already used for a different report. "
            "Use a new key for a new report.",
            {"idempotency_key": key},
        )
    return SubmitResult(report=existing, passphrase=None, replayed=True)


def report_read(*, actor: Any, reference: str) -> Report:
    """Open one report for a member of staff; a confidential report's reading is audited.

    Raises NotFound when the report does not exist or is invisible to `actor`.
    """
    report = access_report(user=actor, reference=reference)
    if report.confidential:
        with transaction.atomic():
            audit_record(action=audit_events.REPORT_VIEWED, actor=actor, target=report,
                         extra={"compartment": report.compartment})
    return report
