"""The harm test applied to a notice (PCR reg 6): withheld items are taken out of the context
before rendering, and the rendered document is checked for any trace of them."""

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from upright.core.exceptions import ValidationFailed
from upright.notices.models import Disclosure

WITHHELD_TEXT = "[Withheld under regulation 6 of the Police (Conduct) Regulations 2020]"
FIELD_PREFIX = "field:"
_MIN_TRACE = 4  # shorter strings would match ordinary words


@dataclass
class Applied:
    disclosure: Disclosure
    original: list[str]  # what was removed (for the trace check; never stored in the notice)


def withheld_for(*, matter_ref: str, person_id: int | None, to_officer: bool,
                 explicit: Sequence[int]) -> list[Disclosure]:
    """The withheld decisions that govern a notice: every one on the matter for this officer
    when the notice goes to the officer, plus those the caller names."""
    chosen: dict[int, Disclosure] = {}
    if explicit:
        found = {d.pk: d for d in Disclosure.objects.filter(pk__in=list(explicit))}
        bad = [i for i in explicit if i not in found or not found[i].withheld
               or found[i].matter_ref != matter_ref]
        if bad:
            raise ValidationFailed(
                "withheld: not withheld items of this matter.",
                {"fields": {"withheld": f"Not withheld items of this matter: {bad}."}})
        chosen.update(found)
    if to_officer:
        for d in Disclosure.objects.filter(matter_ref=matter_ref, withheld=True).filter(
                Q(person__isnull=True) | Q(person_id=person_id)):
            chosen.setdefault(d.pk, d)
    return [chosen[k] for k in sorted(chosen)]


def _matches(item: Any, d: Disclosure) -> bool:
    keys = {k.strip().lower() for k in (d.title, d.document_ref) if k}
    if isinstance(item, str):
        return item.strip().lower() in keys
    if isinstance(item, dict):
        if item.get("disclosure_id") == d.pk:
            return True
        return any(str(item.get(k, "")).strip().lower() in keys for k in ("title", "ref"))
    return False


def withholding_apply(*, context: dict[str, Any], disclosures: Iterable[Disclosure],
                      explicit: Sequence[int]) -> tuple[dict[str, Any], list[Applied]]:
    """Context with withheld items removed, and the decisions that removed something (or that
    the caller named, which are recorded whether or not they matched)."""
    out = dict(context)
    applied: list[Applied] = []
    for d in disclosures:
        removed: list[str] = []
        if d.document_ref.startswith(FIELD_PREFIX):
            name = d.document_ref[len(FIELD_PREFIX):]
            if out.get(name) not in (None, "", WITHHELD_TEXT):
                removed.append(str(out[name]))
                out[name] = WITHHELD_TEXT
        else:
            for key, value in list(out.items()):
                if isinstance(value, list):
                    kept = [item for item in value if not _matches(item, d)]
                    if len(kept) != len(value):
                        removed.extend(k for k in (d.title, d.document_ref) if k)
                        out[key] = kept
        if removed or d.pk in explicit:
            applied.append(Applied(d, removed or [k for k in (d.title, d.document_ref) if k]))
    return out, applied


def withholding_check(*, context: dict[str, Any], applied: list[Applied],
                      disclosures: Iterable[Disclosure]) -> None:
    """Refuse a notice whose content still mentions a withheld item (e.g. in free text).

    Only the caller's values are searched: the template's fixed wording is not content."""
    traces = [(a.disclosure, t) for a in applied for t in a.original]
    done = {a.disclosure.pk for a in applied}
    traces += [(d, t) for d in disclosures if d.pk not in done
               and not d.document_ref.startswith(FIELD_PREFIX)
               for t in (d.title, d.document_ref) if t]
    for disclosure, trace in traces:
        needle = trace.strip().lower()
        if len(needle) < _MIN_TRACE:
            continue
        for key, value in context.items():
            if needle in html.unescape(str(value)).lower():
                message = (f"Mentions withheld item {disclosure.pk} "
                           f"({disclosure.get_ground_display()}).")
                raise ValidationFailed(f"{key}: {message}", {"fields": {key: message}})
