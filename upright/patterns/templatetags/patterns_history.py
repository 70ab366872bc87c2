"""`{% load patterns_history %}{% person_history_panel person_id %}`: a person's history,
compact, for the decision pages (triage, severity assessment, suspension, vetting).

It reads `request.user` from the context, so the reader's permissions apply, and each
rendering is an audited read. It never raises: a reader who may not see the history, or a
missing person, gets one short line instead of an error page.
"""

import logging
from typing import Any

from django import template
from django.urls import reverse

from upright.core.exceptions import ActionForbidden, NotFound
from upright.patterns.history import KIND_LABELS, KIND_NAMES, entry_is_closed
from upright.patterns.history_services import person_history_view

register = template.Library()
logger = logging.getLogger(__name__)

PANEL_LIMIT = 12  # entries shown before "and N more": the full page has the rest


@register.inclusion_tag("patterns/history_panel.html", takes_context=True)
def person_history_panel(context: template.Context, person_id: Any,
                         limit: int = PANEL_LIMIT) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    out: dict[str, Any] = {"person_id": person_id, "state": "none"}
    try:
        pid = int(person_id)
    except (TypeError, ValueError):
        return out
    out["person_id"] = pid
    out["url"] = reverse("patterns:person_history", args=[pid])
    try:
        history = person_history_view(actor=user, person_id=pid, channel="panel")
    except ActionForbidden:
        out["state"] = "forbidden"
        return out
    except NotFound:
        return out
    except Exception:  # a broken source must not take the decision page down with it
        logger.exception("history panel failed for person %s", pid)
        out["state"] = "error"
        return out
    out.update({
        "state": "ok",
        "history": history,
        "counts": [(KIND_LABELS.get(kind, kind), n) for kind, n in history.counts.items() if n],
        "rows": [(entry, entry_is_closed(entry), KIND_NAMES.get(entry.kind, entry.kind))
                 for entry in history.entries[:limit]],
        "more": max(0, history.total - limit),
    })
    return out
