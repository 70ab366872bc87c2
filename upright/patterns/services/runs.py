"""Running the repeat-pattern rules: over the whole history (bulk) or for the subjects of a
newly recorded allegation, and raising the alerts.

An alert is never raised twice for the same evidence: under one rule (its code, whatever the
version), a person's match raises a new alert only when it holds a record that none of their
earlier alerts under that rule held; the new alert then names the latest earlier one. The
(person, rule code, fingerprint) unique constraint backs this up, and the current rule rows
are locked while alerts are raised, so two runs cannot race each other into duplicates.
"""

import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.patterns.audit_events import ALERT_RAISED, RUN_FINISHED
from upright.patterns.models import (
    PatternAlert,
    PatternRule,
    PatternRun,
    RunStatus,
    RunTrigger,
)
from upright.patterns.rules.evaluate import Evidence, rule_evaluate


@dataclass
class RunResult:
    run: PatternRun
    raised: list[PatternAlert] = field(default_factory=list)
    flagged: dict[str, int] = field(default_factory=dict)  # rule code -> people matched
    timings: dict[str, float] = field(default_factory=dict)  # rule code -> seconds


def rules_current(*, active_only: bool = False) -> list[PatternRule]:
    """The latest version of every rule, in code order."""
    latest: dict[str, PatternRule] = {}
    for rule in PatternRule.objects.order_by("code", "-version"):
        latest.setdefault(rule.code, rule)
    rules = list(latest.values())
    return [r for r in rules if r.active] if active_only else rules


def fingerprint_of(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def _earlier(rule_code: str, person_ids: list[int]) -> dict[int, tuple[set[str], int]]:
    """person -> (every evidence key of their alerts under the rule, the latest alert id)."""
    seen: dict[int, tuple[set[str], int]] = {}
    alerts = PatternAlert.objects.filter(rule_code=rule_code)
    if len(person_ids) < 5000:  # a bulk run reads the rule's alerts once, not per person
        alerts = alerts.filter(person_id__in=person_ids)
    for person_id, keys, alert_id in alerts.order_by("id").values_list(
            "person_id", "evidence_keys", "id"):
        known, _ = seen.get(person_id, (set(), 0))
        seen[person_id] = (known | set(keys), alert_id)
    return seen


def _new_alerts(rule: PatternRule, found: dict[int, Evidence], run: PatternRun,
                at: Any) -> list[PatternAlert]:
    earlier = _earlier(rule.code, list(found))
    alerts = []
    for person_id in sorted(found):
        evidence = found[person_id]
        keys = evidence.keys()
        known, latest = earlier.get(person_id, (set(), None))
        if set(keys) <= known:
            continue  # nothing this person's alerts under this rule have not already shown
        alerts.append(PatternAlert(
            person_id=person_id, rule=rule, rule_code=rule.code, run=run,
            evidence=evidence.as_json(), evidence_keys=keys, fingerprint=fingerprint_of(keys),
            previous_id=latest, raised_at=at))
    return alerts


def _run(*, trigger: str, trigger_ref: str, person_ids: list[int] | None,
         actor: Any) -> RunResult:
    run = PatternRun.objects.create(trigger=trigger, trigger_ref=trigger_ref,
                                    started_at=timezone_now(), started_by=actor,
                                    person_count=None if person_ids is None else len(person_ids))
    result = RunResult(run=run)
    try:
        with transaction.atomic():
            rules = rules_current(active_only=True)
            # Lock the current rule rows: runs raising alerts under a rule take turns.
            list(PatternRule.objects.select_for_update().filter(id__in=[r.pk for r in rules]))
            at = timezone_now()
            for rule in rules:
                started = time.perf_counter()
                found = rule_evaluate(kind=rule.kind, parameters=rule.parameters,
                                      subject_ids=person_ids)
                alerts = PatternAlert.objects.bulk_create(_new_alerts(rule, found, run, at),
                                                          batch_size=2000)
                result.timings[rule.code] = round(time.perf_counter() - started, 3)
                result.flagged[rule.code] = len(found)
                result.raised.extend(alerts)
            _finish(run, result, actor)
    except Exception as exc:
        PatternRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone_now())
        raise
    return result


def _finish(run: PatternRun, result: RunResult, actor: Any) -> None:
    raised: dict[str, int] = defaultdict(int)
    for alert in result.raised:
        raised[alert.rule_code] += 1
    run.counts = {code: {"flagged": flagged, "raised": raised.get(code, 0)}
                  for code, flagged in result.flagged.items()}
    run.timings, run.status, run.finished_at = result.timings, RunStatus.DONE, timezone_now()
    run.save(update_fields=["counts", "timings", "status", "finished_at", "updated_at"])
    if run.trigger == RunTrigger.ALLEGATION:
        # A handful at most: one event each, so each alert's raising is in the log by name.
        for alert in result.raised:
            audit_record(action=ALERT_RAISED, actor=actor, target=alert,
                         matter_ref=run.trigger_ref,
                         extra={"person_id": alert.person_id, "rule": str(alert.rule),
                                "evidence": alert.evidence, "previous": alert.previous_id})
        return  # an allegation run is recorded by its row and its alerts' events
    # A bulk run may raise thousands: the run row lists them (alert.run) and one event
    # records the run.
    audit_record(action=RUN_FINISHED, actor=actor, target=run,
                 extra={"trigger": run.trigger, "trigger_ref": run.trigger_ref,
                        "counts": run.counts, "timings": run.timings})


def pattern_rules_run_all(*, actor: Any = None) -> RunResult:
    """Every active rule over the whole history, each as one set-based query. `actor` None
    is the system (the command line and the background job pass the system user)."""
    return _run(trigger=RunTrigger.BULK, trigger_ref="", person_ids=None, actor=actor)


def pattern_rules_run_for_people(*, person_ids: list[int], trigger_ref: str = "",
                                 actor: Any = None) -> RunResult:
    """Every active rule for these people only (the subjects of a new allegation)."""
    ids = sorted({int(p) for p in person_ids})
    return _run(trigger=RunTrigger.ALLEGATION, trigger_ref=trigger_ref, person_ids=ids,
                actor=actor)
