"""Complainants: recording them once, linking them to complaint matters, and the log of the
updates they are given (CMR Part 4, regs 33-35: the complainant is kept informed)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.conduct.audit_events import COMPLAINANT_LINKED, COMPLAINANT_RECORDED
from upright.conduct.choices import AgeBand, ComplainantRole, ContactMethod, MatterKind
from upright.conduct.models import Complainant, ComplainantContact, ComplainantLink, Matter
from upright.conduct.permissions import matter_policy, matter_reference_normalise
from upright.conduct.services.steps import Contact
from upright.core.exceptions import Conflict, NotFound, ValidationFailed
from upright.people.choices import Ethnicity, Sex

_CHOICES = {"preferred_contact": ContactMethod.values, "ethnicity": Ethnicity.values,
            "sex": Sex.values, "age_band": AgeBand.values}
_LIMITS = {"name": 200, "email": 254, "phone": 40, "address": 1000, "source_report_reference": 40}


def _complainant_errors(fields: dict[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not fields["name"]:
        errors["name"] = "This field is required."
    for name, limit in _LIMITS.items():
        if len(fields[name]) > limit:
            errors[name] = f"At most {limit} characters."
    for name, values in _CHOICES.items():
        if fields[name] and fields[name] not in values:
            errors[name] = f"Must be one of: {', '.join(values)}."
    if not fields["preferred_contact"]:
        errors["preferred_contact"] = "This field is required."
    if fields["email"]:
        try:
            validate_email(fields["email"])
        except ValidationError:
            errors["email"] = "Not a valid e-mail address."
    wanted = {"email": "email", "post": "address", "phone": "phone"}.get(
        fields["preferred_contact"])
    if wanted and not fields[wanted]:
        errors[wanted] = "Needed to contact the complainant the way they prefer."
    return errors


def complainant_record(
    *, actor: Any, name: str, preferred_contact: str, email: str = "", phone: str = "",
    address: str = "", ethnicity: str = "", sex: str = "", age_band: str = "",
    source_report_reference: str = "",
) -> Complainant:
    """Record a complainant once; they can then be linked to any number of complaints (from
    any channel). Demographics are optional and self-described (IOPC statistics)."""
    perm_require(user=actor, perm=Perm.RECORD_MATTER)
    fields = {"name": name, "preferred_contact": preferred_contact, "email": email,
              "phone": phone, "address": address, "ethnicity": ethnicity, "sex": sex,
              "age_band": age_band, "source_report_reference": source_report_reference}
    fields = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in fields.items()}
    errors = _complainant_errors(fields)
    if errors:
        raise ValidationFailed("The complainant could not be recorded.", {"fields": errors})
    with transaction.atomic():
        complainant = Complainant.objects.create(**fields)
        audit_record(action=COMPLAINANT_RECORDED, actor=actor, target=complainant,
                     extra={"new": {"preferred_contact": complainant.preferred_contact,
                                    "source_report_reference": source_report_reference}})
    return complainant


def complainant_link(
    *, actor: Any, complainant_id: int, matter_reference: str,
    role: str = ComplainantRole.COMPLAINANT,
) -> ComplainantLink:
    """Link a complainant (or an interested person) to a complaint matter the actor can see."""
    perm_require(user=actor, perm=Perm.RECORD_MATTER)
    if role not in ComplainantRole.values:
        raise ValidationFailed("Unknown role.", {"fields": {
            "role": f"Must be one of: {', '.join(ComplainantRole.values)}."}})
    with transaction.atomic():
        canonical = matter_reference_normalise(matter_reference)
        matter = (Matter.objects.select_for_update().filter(reference=canonical).first()
                  if canonical else None)
        if matter is None or not matter_policy.user_can_see(user=actor, instance=matter):
            raise NotFound("No such matter.")
        if matter.kind != MatterKind.COMPLAINT:
            raise ValidationFailed("Only a complaint has complainants.", {"fields": {
                "matter_reference": "This matter is not a public complaint."}})
        complainant = Complainant.objects.filter(pk=complainant_id).first()
        if complainant is None:
            raise ValidationFailed("No such complainant.", {"fields": {
                "complainant_id": "No such complainant."}})
        if ComplainantLink.objects.filter(complainant=complainant, matter=matter).exists():
            raise Conflict("This complainant is already linked to this matter.")
        link = ComplainantLink.objects.create(complainant=complainant, matter=matter, role=role)
        audit_record(action=COMPLAINANT_LINKED, actor=actor, target=link,
                     matter_ref=matter.reference,
                     extra={"new": {"complainant_id": complainant.pk, "role": role}})
    return link


def contact_log(
    *, matter: Matter, action: str, stage: str, contact: Contact, actor: Any, at: dt.datetime,
) -> list[ComplainantContact]:
    """Log one update per linked complainant and interested person (each by their preferred
    method unless the step says how); with nobody linked yet, one row records the update.
    Called by the gate for every action on a complaint, inside its transaction."""
    links = ComplainantLink.objects.filter(matter=matter).select_related("complainant")
    people = [link.complainant for link in links.order_by("id")
              if contact.complainant_id in (None, link.complainant_id)]
    rows = [ComplainantContact(matter=matter, complainant=person, stage=stage, action=action,
                               occurred_at=at, method=contact.method or person.preferred_contact,
                               summary=contact.summary, letter=contact.letter, actor=actor)
            for person in people]
    if not rows:
        rows = [ComplainantContact(matter=matter, complainant=None, stage=stage, action=action,
                                   occurred_at=at, method=contact.method,
                                   summary=contact.summary, letter=contact.letter, actor=actor)]
    return ComplainantContact.objects.bulk_create(rows)
