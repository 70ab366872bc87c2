"""Audit action for reading a person's history (registered on import; history.py imports it)."""

from upright.audit.registry import action_register

PERSON_HISTORY_READ = action_register(
    "patterns.person_history.read",
    "A person's history (every source) was read: page, API or decision-point panel",
)
