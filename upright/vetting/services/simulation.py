"""Running and saving a policy simulation (who ran it, the rule, the counts), audited."""

import datetime as dt
import time
from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import local_today
from upright.vetting import audit_events as events
from upright.vetting.models import PolicySimulation
from upright.vetting.permissions import SIMULATE, vetting_perm_require
from upright.vetting.policy import policy_rule_parse, policy_simulate
from upright.vetting.services.common import Fields


def policy_simulation_run(*, actor: Any, name: str, rule: Any, as_of: dt.date | None = None,
                          ) -> PolicySimulation:
    """Validate `rule` (see upright.vetting.policy.PolicyRule), count its effect and save
    the result. Nothing is saved if the rule or name is invalid."""
    vetting_perm_require(user=actor, perm=SIMULATE)
    fields = Fields()
    name = fields.text("name", name, limit=200)
    fields.raise_if_any()
    parsed = policy_rule_parse(rule)
    as_of = as_of or local_today()
    started = time.perf_counter()
    result = policy_simulate(rule=parsed, as_of=as_of)
    duration_ms = round((time.perf_counter() - started) * 1000)
    with transaction.atomic():
        simulation = PolicySimulation.objects.create(
            name=name, rule=parsed.as_dict(), as_of=as_of, workforce=result.workforce,
            affected=result.affected, breakdown=result.breakdown, run_by=actor,
            duration_ms=duration_ms)
        audit_record(action=events.SIMULATION_RUN, actor=actor, target=simulation,
                     extra={"rule": parsed.as_dict(), "as_of": as_of,
                            "workforce": result.workforce, "affected": result.affected})
    return simulation
