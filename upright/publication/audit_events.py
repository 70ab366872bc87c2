"""Audit actions of the publication app (registered at start-up by PublicationConfig.ready)."""

from upright.audit.registry import action_register

ITEM_PREPARED = action_register("publication.item.prepared",
                                "A hearing notice or outcome was prepared for publication")
ITEM_REFRESHED = action_register("publication.item.refreshed",
                                 "A draft notice or outcome was re-prepared with new details")
ITEM_DIRECTIONS = action_register("publication.item.directions_recorded",
                                  "The chair's directions on anonymity or restriction were recorded")
ITEM_REVIEWED = action_register("publication.item.reviewed",
                                "The redaction review of a notice or outcome was recorded")
ITEM_APPROVED = action_register("publication.item.approved", "A notice or outcome was approved")
ITEM_PUBLISHED = action_register("publication.item.published", "A notice or outcome was published")
ITEM_WITHDRAWN = action_register("publication.item.withdrawn", "A notice or outcome was withdrawn")
ITEM_EXPIRED = action_register("publication.item.expired",
                               "A notice or outcome reached the end of its display period")
TASK_CREATED = action_register("publication.list_report.created",
                               "A barred- or advisory-list report task was created")
TASK_REPORTED = action_register("publication.list_report.reported",
                                "A barred- or advisory-list report was made to the College")
TASK_CLOSED = action_register("publication.list_report.closed",
                              "A barred- or advisory-list report task was closed")
