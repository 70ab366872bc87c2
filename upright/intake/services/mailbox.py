"""The anonymous two-way mailbox: a reference plus a five-word passphrase opens it.

Only a password hash of the passphrase is stored. Opening always runs one password check,
against a dummy hash when the reference is unknown, so the time taken and the message given
do not reveal whether a reference exists.
"""

import secrets
from functools import lru_cache
from typing import Any

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.db import transaction
from xkcdpass import xkcd_password

from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.core.exceptions import ActionForbidden, ApplicationError, Conflict
from upright.core.references import reference_normalise
from upright.intake import audit_events
from upright.intake.models import Direction, MailboxMessage, Report
from upright.intake.permissions import REPORT_PREFIX, report_policy
from upright.intake.services.cleaning import FieldErrors, text_clean

PASSPHRASE_WORDS = 5
MESSAGE_MAX = 5000
MAILBOX_DENIED = (
    "We could not open a mailbox with that reference and passphrase. "
    "Check both and try again."
)


class MailboxAccessDenied(ApplicationError):
    """Wrong reference or passphrase; deliberately says nothing about which."""

    status_code = 403


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    # The EFF long list (7,776 words): five words give about 64 bits. Hyphenated entries are
    # dropped so the passphrase reads aloud without ambiguity.
    wordfile = xkcd_password.locate_wordfile("eff-long")
    words = xkcd_password.generate_wordlist(wordfile=wordfile, min_length=3, max_length=9)
    return tuple(sorted({w.lower() for w in words if w.isalpha()}))


class _PassphraseHasher(PBKDF2PasswordHasher):
    """PBKDF2 with fewer rounds than for chosen passwords. A passphrase of five random words
    carries about 64 bits, so brute force is out of reach without heavy stretching, and the
    default 1,000,000 rounds (about 0.2 s of CPU) would let anonymous reports exhaust the
    server. The encoded form is standard pbkdf2_sha256, so check_password verifies it."""

    iterations = 20_000


def passphrase_hash(passphrase: str) -> str:
    hasher = _PassphraseHasher()
    return hasher.encode(passphrase_normalise(passphrase), hasher.salt())


def _passphrase_matches(passphrase: str, encoded: str) -> bool:
    # Verified with our own hasher, whatever the deployment lists in PASSWORD_HASHERS (the
    # iteration count is read from the encoded value); constant-time comparison either way.
    if encoded.startswith(f"{_PassphraseHasher.algorithm}$"):
        return _PassphraseHasher().verify(passphrase, encoded)
    return check_password(passphrase, encoded)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return passphrase_hash(" ".join(_words()[:PASSPHRASE_WORDS]))


def passphrase_new() -> str:
    words = _words()
    return " ".join(secrets.choice(words) for _ in range(PASSPHRASE_WORDS))


def passphrase_normalise(value: str) -> str:
    """Forgiving read-back: case, extra spaces, dashes and dots between words are ignored."""
    cleaned = "".join(ch if ch.isalpha() else " " for ch in (value or "").lower())
    return " ".join(cleaned.split())


def mailbox_open(*, reference: str, passphrase: str) -> Report:
    """The report whose mailbox these credentials open, or MailboxAccessDenied."""
    canonical = reference_normalise(value=(reference or "")[:64], prefix=REPORT_PREFIX)
    report = Report.objects.filter(reference=canonical).first() if canonical else None
    encoded = report.mailbox_passphrase_hash if report is not None and report.has_mailbox else ""
    # Always one check_password call, even for an unknown reference (constant work).
    matches = _passphrase_matches(passphrase_normalise(passphrase[:500]), encoded or _dummy_hash())
    if report is None or not encoded or not matches:
        raise MailboxAccessDenied(MAILBOX_DENIED)
    return report


def _body_clean(body: Any) -> str:
    errors = FieldErrors()
    text = text_clean(errors, {"body": body}, "body", label="The message", max_length=MESSAGE_MAX,
                      required=True, multiline=True)
    errors.raise_if_any()
    return text


def mailbox_reply(*, report: Report, body: str) -> MailboxMessage:
    """A message from the reporter. The caller must have opened the mailbox (mailbox_open)."""
    text = _body_clean(body)
    if not report.has_mailbox:
        raise MailboxAccessDenied(MAILBOX_DENIED)
    with transaction.atomic():
        message = MailboxMessage(report=report, direction=Direction.FROM_REPORTER, body=text)
        message.full_clean()
        message.save()
        audit_record(action=audit_events.MAILBOX_REPLY, actor=None, target=report,
                     extra={"message_id": message.id})
    return message


def mailbox_ask(*, actor: Any, report: Report, body: str) -> MailboxMessage:
    """A question from PSD staff (Perm.TRIAGE) to an anonymous reporter."""
    if not report_policy.user_has_permission_for_instance(user=actor, action=Perm.TRIAGE,
                                                          instance=report):
        raise ActionForbidden("Your role does not allow writing to reporters.")
    text = _body_clean(body)
    if not report.has_mailbox:
        raise Conflict("This report has no mailbox: contact the reporter by the details they gave.")
    with transaction.atomic():
        message = MailboxMessage(report=report, direction=Direction.TO_REPORTER, body=text,
                                 author=actor)
        message.full_clean()
        message.save()
        audit_record(action=audit_events.MAILBOX_QUESTION, actor=actor, target=report,
                     extra={"message_id": message.id})
    return message
