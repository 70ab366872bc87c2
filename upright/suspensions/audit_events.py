"""Audit actions of the suspensions register (registered by SuspensionsConfig.ready)."""

from upright.audit.registry import action_register

SUSPENSION_IMPOSED = action_register(
    "suspensions.suspension.imposed", "An officer was suspended (PCR reg 11)")
RESTRICTION_IMPOSED = action_register(
    "suspensions.restriction.imposed", "An officer was placed on restricted duties")
SUSPENSION_CONFIRMED = action_register(
    "suspensions.suspension.confirmed_in_writing",
    "An oral suspension notification was confirmed in writing")
SUSPENSION_REVIEWED = action_register(
    "suspensions.suspension.reviewed", "A suspension or restriction was reviewed")
REPRESENTATION_RECORDED = action_register(
    "suspensions.representation.recorded",
    "The officer's representations against a suspension or restriction were recorded")
SUSPENSION_CONVERTED = action_register(
    "suspensions.suspension.converted", "A suspension was converted to restricted duties or back")
SUSPENSION_ENDED = action_register(
    "suspensions.suspension.ended", "A suspension or restriction ended")
SUSPENSION_VIEWED = action_register(
    "suspensions.suspension.viewed", "A suspension or restriction record was read")
