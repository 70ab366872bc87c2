"""Audit actions of the insight app (registered at start-up by InsightConfig.ready)."""

from upright.audit.registry import action_register

SUMMARY_REFRESHED = action_register("insight.summary.refreshed",
                                    "A statistics summary table was recomputed")
FIGURE_DRILLED = action_register("insight.figure.drilled_down",
                                 "The matters behind a published figure were listed")
RETURN_EXPORTED = action_register("insight.return.exported",
                                  "An official return was exported (CSV or ODS)")
DASHBOARD_VIEWED = action_register("insight.dashboard.viewed",
                                   "The staff statistics dashboard was read (year and unit)")
