"""Audit actions of the portal (registered at start-up by PortalConfig.ready)."""

from upright.audit.registry import action_register

COMMITMENT_CREATED = action_register("portal.commitment.created",
                                     "A public commitment was added to the tracker")
COMMITMENT_STATUS_CHANGED = action_register("portal.commitment.status_changed",
                                            "The status or evidence of a public commitment changed")
