"""Showing a service's refusal on the form that asked for it, the same way on every page."""

from typing import Any

from upright.core.exceptions import ApplicationError, ValidationFailed


def form_errors_add(*, form: Any, exc: ApplicationError, detail: str = "") -> None:
    """Put each field error a service raised (ValidationFailed extra["fields"]) on its form
    field; an error for a field the form does not have, or any other refusal, goes to the top
    of the form with the service's message, followed by `detail` in brackets when given."""
    fields = exc.extra.get("fields", {}) if isinstance(exc, ValidationFailed) else {}
    placed = False
    for name, message in fields.items():
        if name in form.fields:
            text = ("; ".join(f"{k}: {v}" for k, v in message.items())
                    if isinstance(message, dict) else str(message))
            form.add_error(name, text)
            placed = True
    if not placed:
        form.add_error(None, exc.message + (f" ({detail})" if detail else ""))
