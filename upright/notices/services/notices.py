"""Issuing notices as fixed documents, recording their service, and producing PDFs.

`notice_issue` is the one way a notice comes into being: it checks the role, validates the
context against the kind's required fields, applies the harm test, renders the template once
and stores the HTML with its SHA-256, and audits, in one transaction. The stored HTML is the
notice from then on: nothing re-renders it.
"""

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import Conflict, ValidationFailed
from upright.core.references import reference_new
from upright.core.workdays import workdays_add
from upright.notices.audit_events import (
    NOTICE_ISSUED,
    NOTICE_PDF_DOWNLOADED,
    NOTICE_SERVED,
    NOTICE_VIEWED,
)
from upright.notices.choices import (
    EMAIL_SERVICE_FROM,
    REGIME_AMENDED_2025,
    NoticeKind,
    Recipient,
    ServiceMethod,
)
from upright.notices.models import Notice, NoticeWithholding, ServiceRule
from upright.notices.permissions import (
    NoticePerm,
    access_notice,
    notice_perm_require,
    user_in_conflict,
)
from upright.notices.services.kinds import KIND_SPECS, KindSpec
from upright.notices.services.withholding import (
    WITHHELD_TEXT,
    withheld_for,
    withholding_apply,
    withholding_check,
)
from upright.people.selectors import person_get

# Keys in `context` that steer issue and service but are not part of the document.
META_KEYS = frozenset({"regime", "email_service_allowed", "compartment", "recipient"})
_FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{field}: {message}", {"fields": {field: message}})


def _blank(value: Any) -> bool:
    return value is None or value == [] or value == {} or (
        isinstance(value, str) and not value.strip())


def _missing_fields(spec: KindSpec, context: Mapping[str, Any]) -> dict[str, str]:
    missing: dict[str, str] = {}
    required = list(spec.required) + list(spec.conditional(context) if spec.conditional else ())
    for entry in required:
        if isinstance(entry, tuple):
            if all(_blank(context.get(name)) for name in entry):
                missing[entry[0]] = f"Give one of: {', '.join(entry)}."
        elif _blank(context.get(entry)):
            missing[entry] = "This field is required."
    for name, allowed in spec.choices.items():
        value = context.get(name)
        if not _blank(value) and value not in allowed:
            missing[name] = f"Must be one of: {', '.join(allowed)}."
    return missing


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _normalised(spec: KindSpec, context: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-safe values (what is stored), with every date field checked."""
    import json

    data = json.loads(json.dumps(dict(context), cls=DjangoJSONEncoder))
    for name in spec.date_fields:
        if not _blank(data.get(name)):
            parsed = _as_date(data[name])
            if parsed is None:
                raise _invalid(name, "Must be a date (YYYY-MM-DD).")
            data[name] = parsed.isoformat()
    documents = data.get("documents")
    if documents is not None:
        if not isinstance(documents, list) or not all(
                isinstance(d, str) or (isinstance(d, dict) and d.get("title")) for d in documents):
            raise _invalid("documents", "Must be a list of titles or of {title, ref}.")
        data["documents"] = [{"title": d} if isinstance(d, str) else d for d in documents]
    return data


def _email_service_allowed(context: Mapping[str, Any]) -> bool:
    """PCR reg 9 as amended by SI 2025/558 reg 8: email service only for matters under the
    amended regime (the transitional rule keys on the date the matter came to attention)."""
    flag = context.get("email_service_allowed")
    if flag is not None:
        if not isinstance(flag, bool):
            raise _invalid("email_service_allowed", "Must be true or false.")
        return flag
    if context.get("regime"):
        return context["regime"] == REGIME_AMENDED_2025
    attention = _as_date(context.get("came_to_attention"))
    return attention is not None and attention >= EMAIL_SERVICE_FROM


def _render(spec: KindSpec, context: Mapping[str, Any], *, kind: str, matter_ref: str,
            issued_at: dt.datetime, reference: str) -> str:
    values = {k: v for k, v in context.items() if k not in META_KEYS}
    for name in spec.date_fields:
        if values.get(name) and values[name] != WITHHELD_TEXT:
            values[name] = dt.date.fromisoformat(values[name])
    return render_to_string(spec.template, {
        "c": values, "kind": kind, "matter_ref": matter_ref, "title": spec.title,
        "legal_basis": spec.legal_basis,
        "reference": reference, "issued_on": timezone.localdate(issued_at),
    }).strip()


def html_digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def notice_issue(*, actor: Any, kind: str, matter_ref: str, person_id: int | None,
                 context: dict[str, Any], withheld: Sequence[int] = (),
                 timeliness_report_id: int | None = None) -> Notice:
    """Issue a notice of `kind` about `matter_ref` (to the officer `person_id`, or to the
    `context["recipient"]`). `withheld`: ids of withheld Disclosures to keep out of it, on top
    of every withheld decision on the matter that applies when it goes to the officer.

    Context keys that are not rendered: regime / email_service_allowed (whether email service
    is possible), compartment (need-to-know), recipient (a Recipient code; default officer).
    Raises ValidationFailed naming every missing or bad field.
    """
    notice_perm_require(user=actor, perm=NoticePerm.ISSUE)
    spec = KIND_SPECS.get(kind)
    if spec is None:
        raise _invalid("kind", f"Must be one of: {', '.join(KIND_SPECS)}.")
    if not isinstance(matter_ref, str) or not matter_ref.strip():
        raise _invalid("matter_ref", "This field is required.")
    if not isinstance(context, Mapping):
        raise _invalid("context", "Must be an object.")
    context = dict(context)
    recipient = context.get("recipient") or Recipient.OFFICER
    if recipient not in Recipient.values:
        raise _invalid("recipient", f"Must be one of: {', '.join(Recipient.values)}.")
    person = None
    if person_id is not None:
        person = person_get(person_id=person_id)
        if person is None:
            raise _invalid("person_id", "No such person.")
        if user_in_conflict(user=actor, person_id=person.pk):
            raise _invalid("person_id", "You are in conflict with this officer.")
        if recipient == Recipient.OFFICER and _blank(context.get("officer_name")):
            context["officer_name"] = f"{person.forenames} {person.surname}".strip()
    elif recipient == Recipient.OFFICER and kind != NoticeKind.TIMELINESS:
        raise _invalid("person_id", "A notice to the officer needs the officer.")
    missing = _missing_fields(spec, context)
    if missing:
        raise ValidationFailed(f"Missing or invalid: {', '.join(missing)}.", {"fields": missing})
    data = _normalised(spec, context)
    email_allowed = _email_service_allowed(data)
    with transaction.atomic():
        disclosures = withheld_for(matter_ref=matter_ref, person_id=person_id,
                                   to_officer=recipient == Recipient.OFFICER, explicit=withheld)
        data, applied = withholding_apply(context=data, disclosures=disclosures,
                                          explicit=withheld)
        issued_at = timezone_now()
        reference = reference_new(prefix="N")
        html = _render(spec, data, kind=kind, matter_ref=matter_ref.strip(), issued_at=issued_at,
                       reference=reference)
        withholding_check(context=data, applied=applied, disclosures=disclosures)
        notice = Notice.objects.create(
            reference=reference, kind=kind, matter_ref=matter_ref.strip(), person=person,
            recipient=recipient, compartment=str(data.get("compartment") or ""),
            title=spec.title, legal_basis=spec.legal_basis, context=data, html=html,
            html_sha256=html_digest(html), issued_at=issued_at, issued_by=actor,
            email_service_allowed=email_allowed, timeliness_report_id=timeliness_report_id)
        NoticeWithholding.objects.bulk_create([
            NoticeWithholding(notice=notice, disclosure=a.disclosure, ground=a.disclosure.ground)
            for a in applied])
        audit_record(action=NOTICE_ISSUED, actor=actor, target=notice, matter_ref=notice.matter_ref,
                     extra={"kind": kind, "reference": reference, "recipient": recipient,
                            "sha256": notice.html_sha256,
                            "withheld": [{"disclosure_id": a.disclosure.pk,
                                          "ground": a.disclosure.ground} for a in applied]})
    return notice


def deemed_service_at(*, rule: ServiceRule, served_at: dt.datetime) -> dt.datetime:
    """The moment a notice is deemed served under `rule` (England and Wales working days)."""
    if rule.working_days == 0:
        return served_at
    day = workdays_add(trigger=timezone.localdate(served_at), n=rule.working_days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _check_service(notice: Notice, method: str, served_at: dt.datetime) -> None:
    if served_at < notice.issued_at:
        raise _invalid("served_at", "Cannot be before the notice was issued.")
    if method == ServiceMethod.EMAIL and (
            not notice.email_service_allowed
            or timezone.localdate(served_at) < EMAIL_SERVICE_FROM):
        raise _invalid("method", "Email service exists only from 28 May 2025, for matters "
                                 "under the amended regime (PCR reg 9 as amended by SI 2025/558).")
    if method == ServiceMethod.ORAL_THEN_WRITTEN and notice.kind != NoticeKind.SUSPENSION:
        raise _invalid("method", "Only a suspension may be notified orally first (reg 11).")


def notice_serve(*, actor: Any, notice_id: int, method: str, served_at: dt.datetime) -> Notice:
    """Record how and when a notice was served and when it is deemed served (from the
    ServiceRule table). A notice is served once."""
    notice_perm_require(user=actor, perm=NoticePerm.SERVE)
    if method not in ServiceMethod.values:
        raise _invalid("method", f"Must be one of: {', '.join(ServiceMethod.values)}.")
    if not isinstance(served_at, dt.datetime) or timezone.is_naive(served_at):
        raise _invalid("served_at", "Must be a date and time with a time zone.")
    if served_at > timezone_now() + _FUTURE_TOLERANCE:
        raise _invalid("served_at", "Cannot be in the future.")
    with transaction.atomic():
        notice = access_notice(user=actor, notice_id=notice_id, perm=NoticePerm.SERVE, lock=True)
        if notice.is_served:
            raise Conflict("This notice has already been served.")
        _check_service(notice, method, served_at)
        rule = ServiceRule.objects.filter(method=method).first()
        if rule is None:
            raise _invalid("method", "No deemed-service rule is set for this method.")
        notice.served_at = served_at
        notice.service_method = method
        notice.deemed_served_at = deemed_service_at(rule=rule, served_at=served_at)
        notice.deemed_rule = f"{rule.method}+{rule.working_days}WD ({rule.legal_basis})"[:200]
        notice.served_by = actor
        notice.save(update_fields=["served_at", "service_method", "deemed_served_at",
                                   "deemed_rule", "served_by", "updated_at"])
        audit_record(action=NOTICE_SERVED, actor=actor, target=notice, matter_ref=notice.matter_ref,
                     extra={"method": method, "served_at": served_at,
                            "deemed_served_at": notice.deemed_served_at,
                            "rule": notice.deemed_rule})
    return notice


def notice_read_record(*, actor: Any, notice: Notice, as_pdf: bool = False) -> None:
    """Reading a notice is a sensitive read: audit it."""
    audit_record(action=NOTICE_PDF_DOWNLOADED if as_pdf else NOTICE_VIEWED, actor=actor,
                 target=notice, matter_ref=notice.matter_ref)


_PDF_CSS = """
@page { size: A4; margin: 20mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 1.2em; }
"""


def notice_pdf(*, notice: Notice) -> bytes:
    """The stored HTML as a PDF. Refuses a notice whose HTML no longer matches its digest."""
    if html_digest(notice.html) != notice.html_sha256:
        raise Conflict("The stored notice does not match its digest.")
    # Lazy: WeasyPrint loads Debian's pango when imported.
    from weasyprint import CSS, HTML

    document = (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
                f"<title>{notice.reference}</title></head><body>{notice.html}</body></html>")
    pdf = HTML(string=document).write_pdf(stylesheets=[CSS(string=_PDF_CSS)])
    return bytes(pdf or b"")
