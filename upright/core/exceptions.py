"""One error hierarchy: adapters turn these into 400/404/409 responses or form errors."""

from typing import Any

from django.core.exceptions import PermissionDenied


class ApplicationError(Exception):
    """A request that the domain refuses, with a message a person can act on."""

    status_code = 400

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class ValidationFailed(ApplicationError):
    """Input is missing or malformed. `extra["fields"]` names each bad field."""

    status_code = 400


class NotFound(ApplicationError):
    """The object does not exist, or the caller may not know that it does."""

    status_code = 404


class Conflict(ApplicationError):
    """The request clashes with the object's current state (wrong state, stale version)."""

    status_code = 409


class TransitionNotAllowed(Conflict):
    """The state table does not allow this action from the current state."""


class StaleVersion(Conflict):
    """The caller acted on an out-of-date copy of the object."""


class ActionForbidden(PermissionDenied):
    """The object is visible to the caller, but this action is not theirs to take."""
