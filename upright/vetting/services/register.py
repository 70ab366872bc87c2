"""The convictions and cautions register. Recording one for a serving person asks the
vetting unit to review their clearance (Vetting Code of Practice 2023: cautions and
convictions are assessed; clearance is refused unless the person proves otherwise)."""

import datetime as dt
from typing import Any, cast

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import local_today
from upright.people.models import Person
from upright.vetting import audit_events as events
from upright.vetting.models import (
    ConvictionRecord,
    ConvictionSource,
    Disposal,
    OffenceCategory,
    ReviewSource,
)
from upright.vetting.permissions import MANAGE, vetting_perm_require
from upright.vetting.services.common import Fields, person_for_vetting
from upright.vetting.services.reviews import vetting_review_request


def offence_while_serving(*, person: Person, offence_date: dt.date) -> bool:
    """True when the offence date falls within the person's service (start to end, if any)."""
    return person.start_date <= offence_date and (person.end_date is None
                                                  or offence_date <= person.end_date)


def conviction_record(
    *, actor: Any, person_id: int, offence_category: str, offence_date: Any, disposal: str,
    description: str, source: str, source_ref: str = "", minor: bool = False,
) -> ConvictionRecord:
    """Add a conviction or caution to the register; `while_serving` is derived. A serving
    person's clearance is then put up for review (source "conviction")."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    values = {
        "offence_category": fields.choice("offence_category", offence_category,
                                          OffenceCategory.values),
        "offence_date": fields.date("offence_date", offence_date, not_after=local_today()),
        "disposal": fields.choice("disposal", disposal, Disposal.values),
        "description": fields.text("description", description, limit=300),
        "source": fields.choice("source", source, ConvictionSource.values),
        "source_ref": fields.text("source_ref", source_ref, required=False, limit=60),
    }
    if not isinstance(minor, bool):
        fields.errors["minor"] = "Must be true or false."
    fields.raise_if_any()
    person = person_for_vetting(actor=actor, person_id=person_id, perm=MANAGE)
    with transaction.atomic():
        record = ConvictionRecord.objects.create(
            person=person, minor=minor, recorded_by=actor,
            while_serving=offence_while_serving(
                person=person, offence_date=cast(dt.date, values["offence_date"])),
            **values)
        audit_record(action=events.CONVICTION_RECORDED, actor=actor, target=record,
                     extra={"person_id": person.pk, "category": record.offence_category,
                            "disposal": record.disposal, "while_serving": record.while_serving})
        if person.end_date is None:
            vetting_review_request(
                actor=None, person_id=person.pk, source_kind=ReviewSource.CONVICTION,
                source_ref=f"conviction:{record.pk}",
                reason=f"{record.get_disposal_display()} recorded for a "
                       f"{record.get_offence_category_display().lower()} offence on "
                       f"{record.offence_date.isoformat()}: {record.description}")
    return record
