"""Harm-test decisions (PCR reg 6): what may be given to the officer and what is withheld."""

from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import ValidationFailed
from upright.notices.audit_events import DISCLOSURE_DECIDED
from upright.notices.choices import HarmTestGround
from upright.notices.models import Disclosure
from upright.notices.permissions import NoticePerm, access_notice, notice_perm_require
from upright.people.selectors import person_get


def _invalid(fields: dict[str, str]) -> ValidationFailed:
    return ValidationFailed(f"Missing or invalid: {', '.join(fields)}.", {"fields": fields})


def _check(*, matter_ref: str, title: str, withheld: bool, ground: str, reason: str,
           notice_id: int | None, document_ref: str, person_id: int | None) -> None:
    errors: dict[str, str] = {}
    if not matter_ref.strip():
        errors["matter_ref"] = "This field is required."
    if not title.strip():
        errors["title"] = "This field is required."
    if (notice_id is None) == (not document_ref.strip()):
        errors["document_ref"] = "Name the item: a notice or a document reference, not both."
    if withheld:
        if ground not in HarmTestGround.values:
            errors["ground"] = f"Withholding needs a ground: {', '.join(HarmTestGround.values)}."
        if not reason.strip():
            errors["reason"] = "Withholding needs a reason."
    elif ground:
        errors["ground"] = "Only a withheld item has a ground."
    if person_id is not None and person_get(person_id=person_id) is None:
        errors["person_id"] = "No such person."
    if errors:
        raise _invalid(errors)


def disclosure_decide(*, actor: Any, matter_ref: str, title: str, withheld: bool,
                      ground: str = "", reason: str = "", person_id: int | None = None,
                      notice_id: int | None = None, document_ref: str = "") -> Disclosure:
    """Record (or revise) the decision on one item: withholding needs a reg 6 ground and a
    reason. The item is a notice (`notice_id`) or a `document_ref` ("field:<name>" names one
    field of a notice's content). A later decision on the same item replaces the earlier one;
    the audit log keeps both."""
    notice_perm_require(user=actor, perm=NoticePerm.ISSUE)
    _check(matter_ref=matter_ref, title=title, withheld=withheld, ground=ground, reason=reason,
           notice_id=notice_id, document_ref=document_ref, person_id=person_id)
    with transaction.atomic():
        if notice_id is not None:
            notice = access_notice(user=actor, notice_id=notice_id)
            if notice.matter_ref != matter_ref.strip():
                raise _invalid({"notice_id": "That notice belongs to another matter."})
        item = {"matter_ref": matter_ref.strip(), "person_id": person_id,
                "notice_id": notice_id, "document_ref": document_ref.strip()}
        existing = Disclosure.objects.select_for_update().filter(**item).first()
        old = ({"withheld": existing.withheld, "ground": existing.ground}
               if existing else None)
        values = {"title": title.strip(), "withheld": withheld, "ground": ground,
                  "reason": reason.strip(), "decided_by": actor, "decided_at": timezone_now()}
        if existing is None:
            disclosure = Disclosure(**item, **values)
            disclosure.full_clean()
            disclosure.save()
        else:
            disclosure = existing
            for key, value in values.items():
                setattr(disclosure, key, value)
            disclosure.save(update_fields=[*values, "updated_at"])
        audit_record(action=DISCLOSURE_DECIDED, actor=actor, target=disclosure,
                     matter_ref=disclosure.matter_ref,
                     extra={"old": old, "new": {"withheld": withheld, "ground": ground}})
    return disclosure
