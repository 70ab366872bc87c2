"""Audit actions of the vetting app (registered at start-up by VettingConfig.ready)."""

from upright.audit.registry import action_register

REVIEW_REQUESTED = action_register("vetting.review_request.created",
                                   "A review of a person's vetting clearance was requested")
REVIEW_STARTED = action_register("vetting.review_request.started",
                                 "A vetting officer started a requested review")
REVIEW_CLOSED = action_register("vetting.review_request.closed",
                                "A requested vetting review was closed with an outcome")
