"""Helpers the campaign services share: field errors, text, locking and user checks."""

from typing import Any

from django.contrib.auth import get_user_model

from upright.access.permissions import user_has_perm
from upright.core.exceptions import NotFound, ValidationFailed
from upright.patterns.campaigns.models import Campaign, Item

TEXT_MAX = 10000


def invalid(errors: dict[str, Any], message: str = "Some fields are not valid.") -> None:
    if errors:
        raise ValidationFailed(message, {"fields": errors})


def text_problem(value: Any, *, required: bool = True, max_length: int = TEXT_MAX) -> str | None:
    if not isinstance(value, str):
        return "Must be text."
    if required and not value.strip():
        return "This is required."
    if len(value) > max_length:
        return f"At most {max_length} characters."
    return None


def campaign_locked(*, campaign_id: Any) -> Campaign:
    campaign = (Campaign.objects.select_for_update().filter(id=campaign_id).first()
                if isinstance(campaign_id, int) else None)
    if campaign is None:
        raise NotFound("No such campaign.")
    return campaign


def item_locked(*, item_id: Any) -> Item:
    item = (Item.objects.select_for_update().select_related("campaign")
            .filter(id=item_id).first() if isinstance(item_id, int) else None)
    if item is None:
        raise NotFound("No such review item.")
    return item


def users_with_perm(*, user_ids: Any, perm: str, field: str) -> list[Any]:
    """Active users holding `perm`, in the order given; a ValidationFailed naming `field`
    if the list is empty, malformed, or names anyone else."""
    if (not isinstance(user_ids, list | tuple) or not user_ids
            or any(not isinstance(u, int) or isinstance(u, bool) for u in user_ids)):
        invalid({field: "Give at least one user id (a list of integers)."})
    users = {u.pk: u for u in get_user_model().objects.filter(id__in=user_ids, is_active=True)}
    wrong = [u for u in user_ids if u not in users or not user_has_perm(user=users[u], perm=perm)]
    if wrong:
        invalid({field: f"Not active users holding {perm}: {', '.join(map(str, wrong))}."})
    return [users[u] for u in dict.fromkeys(user_ids)]
