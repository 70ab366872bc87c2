"""Reads of an item (a person's matters) are audited (DESIGN.md "Need to know")."""

from typing import Any

from upright.audit.services import audit_record
from upright.patterns.campaigns import audit_events as events
from upright.patterns.campaigns.models import Item


def item_view_record(*, actor: Any, item: Item, channel: str) -> None:
    audit_record(action=events.ITEM_VIEWED, actor=actor, target=item,
                 extra={"campaign_id": item.campaign_id, "person_id": item.person_id,
                        "channel": channel})
