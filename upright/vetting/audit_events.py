"""Audit actions of the vetting app (registered at start-up by VettingConfig.ready)."""

from upright.audit.registry import action_register

REVIEW_REQUESTED = action_register("vetting.review_request.created",
                                   "A review of a person's vetting clearance was requested")
REVIEW_STARTED = action_register("vetting.review_request.started",
                                 "A vetting officer started a requested review")
REVIEW_CLOSED = action_register("vetting.review_request.closed",
                                "A requested vetting review was closed with an outcome")

CLEARANCE_GRANTED = action_register("vetting.clearance.granted", "A vetting clearance was granted")
CLEARANCE_RENEWED = action_register("vetting.clearance.renewed", "A vetting clearance was renewed")
CLEARANCE_CONDITIONS = action_register("vetting.clearance.conditions_changed",
                                       "The conditions of a vetting clearance were changed")
CLEARANCE_TERMINATED = action_register("vetting.clearance.terminated",
                                       "A vetting clearance was terminated")
CLEARANCE_EXPIRED = action_register("vetting.clearance.expired",
                                    "A vetting clearance lapsed at its expiry date")
CLEARANCE_WITHDRAWN = action_register("vetting.clearance.withdrawn",
                                      "A vetting clearance was withdrawn (Vetting Regs 2025)")
RECORDS_VIEWED = action_register("vetting.records.viewed",
                                 "A person's vetting records were read")
RENEWAL_INTERVAL_SET = action_register("vetting.renewal_interval.set",
                                       "A new version of a clearance renewal interval was set")
APPLICATION_CREATED = action_register("vetting.application.created",
                                      "A vetting application was opened")
APPLICATION_CHECKED = action_register("vetting.application.checks_run",
                                      "Pre-decision checks were run on a vetting application")
APPLICATION_DECIDED = action_register("vetting.application.decided",
                                      "A vetting application was granted, refused or discontinued")
FINDING_RESOLVED = action_register("vetting.application.finding_resolved",
                                   "A vetting officer resolved a blocking check finding")
CONVICTION_RECORDED = action_register("vetting.conviction.recorded",
                                      "A conviction or caution was recorded in the register")
DECLARATION_MADE = action_register("vetting.declaration.made",
                                   "A member of the workforce made an integrity declaration")
DECLARATION_ASSESSED = action_register("vetting.declaration.assessed",
                                       "A vetting officer assessed an integrity declaration")
INTEGRITY_REVIEW_RECORDED = action_register("vetting.integrity_review.recorded",
                                            "An annual integrity review was recorded")
REVETTING_RATE_SET = action_register("vetting.revetting_rate.set",
                                     "A new randomised re-vetting rate was set")
REVETTING_DRAWN = action_register("vetting.revetting.drawn",
                                  "A randomised re-vetting sample was drawn")
SIMULATION_RUN = action_register("vetting.simulation.run",
                                 "A vetting policy simulation was run over the register")
