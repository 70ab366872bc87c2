"""Preparing notices of hearings and outcome reports. Conduct calls these when a hearing is
listed (PCR reg 36; AMH reg 53) or proceedings conclude (reg 43; AMH reg 62)."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from upright.audit.services import audit_record
from upright.core.clock import local_today
from upright.core.exceptions import ValidationFailed
from upright.people.models import Person
from upright.publication import audit_events as events
from upright.publication.models import PublicationItem, PublicationKind, PublicationStatus
from upright.publication.permissions import PREPARE, publication_perm_require
from upright.publication.services._common import person_require, rank_label, text_check
from upright.publication.services.rules import hearing_notice_window, outcome_window

_LIMITS = {"matter_ref": 40, "venue": 300}


def _date_check(name: str, value: Any) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationFailed("Some fields are not valid.",
                               {"fields": {name: "Must be a date."}})
    return value


def _prepare(*, actor: Any, kind: str, matter_ref: str, person: Person,
             fields: dict[str, Any]) -> PublicationItem:
    """Create the live item for (kind, matter, person), or return the existing one: a draft is
    refreshed with the new details, anything further along is left as the reviewers made it."""
    with transaction.atomic():
        existing = (PublicationItem.objects.select_for_update().live()
                    .filter(kind=kind, matter_ref=matter_ref, person=person).first())
        if existing is not None:
            return _refresh(actor=actor, item=existing, fields=fields)
        try:
            with transaction.atomic():
                item = PublicationItem.objects.create(
                    kind=kind, matter_ref=matter_ref, person=person,
                    officer_name=f"{person.forenames} {person.surname}",
                    officer_rank=rank_label(person), **fields)
        except IntegrityError:
            # Prepared concurrently by another request: the other one's item stands.
            return PublicationItem.objects.live().get(kind=kind, matter_ref=matter_ref,
                                                      person=person)
        audit_record(action=events.ITEM_PREPARED, actor=actor, target=item,
                     matter_ref=matter_ref, extra={"kind": kind, "person_id": person.pk,
                                                   "window": [item.publish_window_start,
                                                              item.publish_window_end]})
        return item


def _refresh(*, actor: Any, item: PublicationItem, fields: dict[str, Any]) -> PublicationItem:
    if item.status != PublicationStatus.DRAFT:
        return item
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    if not changed:
        return item
    old = {name: getattr(item, name) for name in changed}
    for name in changed:
        setattr(item, name, fields[name])
    item.version += 1
    item.save(update_fields=[*changed, "version", "updated_at"])
    audit_record(action=events.ITEM_REFRESHED, actor=actor, target=item,
                 matter_ref=item.matter_ref,
                 extra={"old": old, "new": {name: fields[name] for name in changed}})
    return item


def hearing_notice_prepare(*, actor: Any, matter_ref: str, person_id: int,
                           hearing_date: dt.date, venue: str, conduct_summary: str,
                           hearing_time: dt.time | None = None,
                           accelerated: bool = False) -> PublicationItem:
    """A draft notice of a misconduct hearing (reg 36) or, with accelerated=True, of an
    accelerated misconduct hearing (reg 53), for redaction review and approval.

    The publication window ends the configured lead time before the hearing ([U]; by default
    at least 5 working days). Idempotent per (matter, person) while the notice is live.
    `actor` None is the system.
    """
    publication_perm_require(user=actor, perm=PREPARE)
    text = text_check({"matter_ref": matter_ref, "venue": venue,
                       "conduct_summary": conduct_summary},
                      required=("matter_ref", "venue", "conduct_summary"), limits=_LIMITS)
    hearing_date = _date_check("hearing_date", hearing_date)
    today = local_today()
    if hearing_date < today:
        raise ValidationFailed("The hearing date has passed.",
                               {"fields": {"hearing_date": "The hearing date has passed."}})
    if hearing_time is not None and not isinstance(hearing_time, dt.time):
        raise ValidationFailed("Some fields are not valid.",
                               {"fields": {"hearing_time": "Must be a time."}})
    person = person_require(person_id=person_id)
    start, end = hearing_notice_window(prepared_on=today, hearing_date=hearing_date,
                                       accelerated=bool(accelerated))
    return _prepare(actor=actor, kind=PublicationKind.HEARING_NOTICE,
                    matter_ref=text["matter_ref"], person=person, fields={
                        "hearing_date": hearing_date, "hearing_time": hearing_time,
                        "venue": text["venue"], "accelerated": bool(accelerated),
                        "conduct_summary": text["conduct_summary"],
                        "publish_window_start": start, "publish_window_end": end})


def outcome_publication_prepare(*, actor: Any, matter_ref: str, person_id: int,
                                concluded_on: dt.date, conduct_summary: str, finding: str,
                                disciplinary_action: str) -> PublicationItem:
    """A draft outcome report for the force website: the officer, the conduct, the finding
    and the disciplinary action. Its window runs from the configured 7th to 12th working day
    after `concluded_on`. Idempotent per (matter, person) while the item is live."""
    publication_perm_require(user=actor, perm=PREPARE)
    text = text_check({"matter_ref": matter_ref, "conduct_summary": conduct_summary,
                       "finding": finding, "disciplinary_action": disciplinary_action},
                      required=("matter_ref", "conduct_summary", "finding",
                                "disciplinary_action"), limits=_LIMITS)
    concluded_on = _date_check("concluded_on", concluded_on)
    if concluded_on > local_today():
        raise ValidationFailed("The proceedings cannot conclude in the future.", {
            "fields": {"concluded_on": "The proceedings cannot conclude in the future."}})
    person = person_require(person_id=person_id)
    start, end = outcome_window(concluded_on=concluded_on)
    return _prepare(actor=actor, kind=PublicationKind.OUTCOME, matter_ref=text["matter_ref"],
                    person=person, fields={
                        "concluded_on": concluded_on, "conduct_summary": text["conduct_summary"],
                        "finding": text["finding"],
                        "disciplinary_action": text["disciplinary_action"],
                        "publish_window_start": start, "publish_window_end": end})
