"""Audit actions of the repeat-pattern rules and alerts (registered by PatternsConfig.ready)."""

from upright.audit.registry import action_register

RULE_VERSION_WRITTEN = action_register(
    "patterns.rule.version_written", "A repeat-pattern rule was written or a new version of it")
RUN_FINISHED = action_register(
    "patterns.run.finished", "The repeat-pattern rules were evaluated (bulk or on a new "
    "allegation)")
ALERT_RAISED = action_register(
    "patterns.alert.raised", "A repeat-pattern alert was raised about a person")
ALERT_VIEWED = action_register(
    "patterns.alert.viewed", "A repeat-pattern alert and its evidence were read")
ALERT_LIST_VIEWED = action_register(
    "patterns.alert.list_viewed", "The repeat-pattern alert queue was read")
ALERT_DECIDED = action_register(
    "patterns.alert.decided", "The appropriate authority decided a repeat-pattern alert (act, "
    "or no action with the reason)")
