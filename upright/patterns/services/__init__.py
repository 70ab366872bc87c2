"""The patterns app's write interface (repeat-pattern rules and alerts)."""

from upright.patterns.services.alerts import (
    pattern_alert_decide,
    pattern_alert_list_view_record,
    pattern_alert_view_record,
)
from upright.patterns.services.rules import pattern_rule_create, pattern_rule_revise
from upright.patterns.services.runs import (
    RunResult,
    pattern_rules_run_all,
    pattern_rules_run_for_people,
    rules_current,
)

__all__ = [
    "RunResult",
    "pattern_alert_decide",
    "pattern_alert_list_view_record",
    "pattern_alert_view_record",
    "pattern_rule_create",
    "pattern_rule_revise",
    "pattern_rules_run_all",
    "pattern_rules_run_for_people",
    "rules_current",
]
