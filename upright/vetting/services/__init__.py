"""Vetting services (writes), one module per sub-domain. Other apps import from here."""

from upright.vetting.services.applications import (
    application_finding_resolve,
    vetting_application_checks_run,
    vetting_application_create,
    vetting_application_grant,
    vetting_application_refuse,
)
from upright.vetting.services.clearances import (
    clearance_conditions_set,
    clearance_grant,
    clearance_renew,
    clearance_terminate,
    clearance_withdraw,
    clearances_expire,
    renewal_interval_current,
    renewal_interval_set,
)
from upright.vetting.services.declarations import declaration_assess, declaration_make
from upright.vetting.services.integrity import integrity_review_record
from upright.vetting.services.records import vetting_records_view_record
from upright.vetting.services.register import conviction_record
from upright.vetting.services.revetting import (
    revetting_draw,
    revetting_draw_if_due,
    revetting_rate_current,
    revetting_rate_set,
)
from upright.vetting.services.reviews import (
    vetting_review_close,
    vetting_review_request,
    vetting_review_start,
)
from upright.vetting.services.simulation import policy_simulation_run

__all__ = [
    "application_finding_resolve", "clearance_conditions_set", "clearance_grant",
    "clearance_renew", "clearance_terminate", "clearance_withdraw", "clearances_expire",
    "conviction_record", "declaration_assess", "declaration_make", "integrity_review_record",
    "policy_simulation_run", "renewal_interval_current", "renewal_interval_set",
    "revetting_draw", "revetting_draw_if_due", "revetting_rate_current", "revetting_rate_set",
    "vetting_application_checks_run", "vetting_application_create",
    "vetting_application_grant", "vetting_application_refuse", "vetting_records_view_record",
    "vetting_review_close", "vetting_review_request", "vetting_review_start",
]
