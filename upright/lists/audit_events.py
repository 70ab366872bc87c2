"""Audit actions of the lists app (registered by ListsConfig.ready)."""

from upright.audit.registry import action_register

IMPORTED = action_register("lists.import.created", "A barred or advisory list was imported")
CHECKED = action_register("lists.check.run", "A person was checked against the lists")
VIEWED = action_register("lists.check.viewed", "A list check and its candidates were read")
RESOLVED = action_register("lists.candidate.resolved",
                           "A list-check candidate was confirmed or ruled out")
