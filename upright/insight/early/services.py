"""Train, audit, activate; record interventions. A score never decides anything: nothing here
(or anywhere in Upright) takes an action because of a score; a supervisor reads it with its
factors and records what they chose to do."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models import Max

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import Conflict, NotFound, ValidationFailed
from upright.insight.early import audit_events as ev
from upright.insight.early.features import FEATURES, features_build
from upright.insight.early.models import EarlyModel, EarlyScore, FairnessTolerance, Intervention
from upright.insight.early.selectors import early_score_visible_to
from upright.insight.early.sources import record_frames
from upright.insight.early.training import DEFAULT_PARAMS, evaluate_year, model_fit, training_set

MAX_TEXT = 20000


def fairness_tolerance_get() -> FairnessTolerance:
    tolerance, _ = FairnessTolerance.objects.get_or_create(code="default")
    return tolerance


def earlymodel_train(*, actor: Any, people: pd.DataFrame, events: pd.DataFrame, cutoff: dt.date,
                     params: Mapping[str, Any] | None = None,
                     source: Mapping[str, Any] | None = None) -> EarlyModel:
    """Evaluate on the last full year before `cutoff` (trained on the years before it), audit
    fairness on that evaluation, then fit on every year before `cutoff` and score the people
    in post at it. Stored inactive; activation is a separate, audited step. `actor` None is
    the system (the command line); `source` describes where the frames came from and is kept
    with the version's parameters."""
    if actor is not None:
        perm_require(user=actor, perm=Perm.INSIGHT_MODEL)
    p = {**DEFAULT_PARAMS, **(params or {})}
    tolerance = fairness_tolerance_get().as_dict()
    evaluation = evaluate_year(people=people, events=events, test_year=cutoff.year - 1,
                               params=p, tolerance=tolerance)
    x_train, y_train = training_set(people=people, events=events,
                                    years=range(cutoff.year - int(p["train_years"]), cutoff.year))
    if y_train.nunique() < 2:
        raise ValidationFailed("The training years hold no sustained outcomes to learn from.")
    model = model_fit(x_train, y_train, c=float(p["C"]))
    x = features_build(people=people, events=events, cutoff=cutoff)
    scores = model.scores(x)
    factors = model.top_factors(x)
    percentile = pd.Series(scores).rank(pct=True).to_numpy() * 100
    lr = model.pipeline[-1]
    with transaction.atomic():
        version = (EarlyModel.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0) + 1
        em = EarlyModel.objects.create(
            version=version, trained_at=timezone_now(), cutoff=cutoff, trained_by=actor,
            params={**p, "features": list(FEATURES), "source": dict(source or {}),
                    "coefficients": dict(zip(FEATURES, np.round(lr.coef_[0], 5).tolist(),
                                             strict=True)),
                    "intercept": float(lr.intercept_[0])},
            metrics=evaluation.metrics, fairness=evaluation.fairness,
            passed=bool(evaluation.fairness["passed"]))
        EarlyScore.objects.bulk_create([
            EarlyScore(model=em, person_id=int(pid), score=float(s), percentile=float(pc),
                       factors=f)
            for pid, s, pc, f in zip(x.index, scores, percentile, factors, strict=True)])
        audit_record(action=ev.MODEL_TRAINED, actor=actor, target=em,
                     extra={"version": version, "passed": em.passed, "scored": len(x)})
    return em


PARAM_TYPES: dict[str, tuple[type, float, float]] = {  # name -> (type, lowest, highest)
    "C": (float, 1e-4, 1e4), "train_years": (int, 1, 20), "k_percent": (float, 0.1, 50.0),
    "threshold_complaints_12m": (int, 1, 100),
}


def earlymodel_params_clean(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Training parameters checked against PARAM_TYPES; every bad one is named."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name, value in (params or {}).items():
        if name not in PARAM_TYPES:
            errors[name] = f"Unknown parameter; allowed: {', '.join(PARAM_TYPES)}."
            continue
        kind, low, high = PARAM_TYPES[name]
        try:
            number = kind(value)
        except (TypeError, ValueError):
            errors[name] = f"Must be {'a whole number' if kind is int else 'a number'}."
            continue
        if not low <= number <= high:
            errors[name] = f"Must be between {low:g} and {high:g}."
            continue
        out[name] = number
    if errors:
        raise ValidationFailed("Check the training parameters.", extra={"fields": errors})
    return out


def _cutoff_clean(cutoff: dt.date | None) -> dt.date:
    today = local_today()
    if cutoff is not None and cutoff > today:
        raise ValidationFailed("Check the fields.",
                               extra={"fields": {"cutoff": "The cutoff cannot be in the future."}})
    return cutoff or today


def earlymodel_train_queue(*, actor: Any, cutoff: dt.date | None = None,
                           params: Mapping[str, Any] | None = None) -> None:
    """Queue training on the records for `upright worker` (the "Train a new version" button):
    the permission and the input are checked now, so a bad request fails here and not later
    in the worker; the job itself runs as `actor` and checks again."""
    from upright.insight.early.tasks import early_train_job

    perm_require(user=actor, perm=Perm.INSIGHT_MODEL)
    day = _cutoff_clean(cutoff)
    clean = earlymodel_params_clean(params)
    with transaction.atomic():
        audit_record(action=ev.MODEL_TRAIN_QUEUED, actor=actor, object_type="early_model",
                     extra={"cutoff": day.isoformat(), "params": clean})
        # Never enqueue inside an open transaction: the worker could start before the commit.
        transaction.on_commit(lambda: early_train_job.enqueue(
            actor_id=actor.pk, cutoff=day.isoformat(), params=clean))


def earlymodel_train_from_records(*, actor: Any, cutoff: dt.date | None = None,
                                  params: Mapping[str, Any] | None = None) -> EarlyModel:
    """Train a version on Upright's own stored records (insight.early.sources) as of `cutoff`
    (default: today). Checks the permission and the input before reading anything."""
    if actor is not None:
        perm_require(user=actor, perm=Perm.INSIGHT_MODEL)
    cutoff = _cutoff_clean(cutoff)
    clean = earlymodel_params_clean(params)
    t0 = time.perf_counter()
    frames = record_frames()
    if frames.events.empty or frames.people.empty:
        raise ValidationFailed("There are no people or allegations recorded to learn from.")
    source = {"kind": "upright_records", "people": len(frames.people),
              "events": len(frames.events),
              "sustained_from_findings": frames.sustained_from_findings,
              "use_of_force": "not recorded in Upright: those features are 0",
              "load_seconds": round(time.perf_counter() - t0, 2)}
    return earlymodel_train(actor=actor, people=frames.people, events=frames.events,
                            cutoff=cutoff, params=clean, source=source)


def earlymodel_activate(*, actor: Any, model_id: int) -> EarlyModel:
    """Make a version the one supervisors see. A version that failed its fairness audit can
    never be activated (the database constraint says the same)."""
    perm_require(user=actor, perm=Perm.INSIGHT_MODEL)
    with transaction.atomic():
        em = EarlyModel.objects.select_for_update().filter(id=model_id).first()
        if em is None:
            raise NotFound("No such model version.")
        if not em.passed:
            failures = "; ".join(em.fairness.get("failures", [])) or "no audit recorded"
            raise Conflict(f"Model v{em.version} failed its fairness audit and cannot be "
                           f"activated: {failures}")
        previous = list(EarlyModel.objects.filter(active=True).exclude(id=em.id)
                        .values_list("version", flat=True))
        EarlyModel.objects.filter(active=True).exclude(id=em.id).update(active=False)
        em.active = True
        em.save(update_fields=["active", "updated_at"])
        audit_record(action=ev.MODEL_ACTIVATED, actor=actor, target=em,
                     extra={"version": em.version, "replaced": previous})
    return em


def intervention_record(*, actor: Any, score_id: int, kind: str, notes: str) -> Intervention:
    perm_require(user=actor, perm=Perm.INSIGHT_SCORES)
    errors: dict[str, str] = {}
    if kind not in Intervention.Kind.values:
        errors["kind"] = f"Choose one of: {', '.join(Intervention.Kind.values)}."
    if not notes.strip():
        errors["notes"] = "Say what you did and why: a score alone decides nothing."
    elif len(notes) > MAX_TEXT:
        errors["notes"] = f"At most {MAX_TEXT} characters."
    if errors:
        raise ValidationFailed("Check the fields.", extra={"fields": errors})
    with transaction.atomic():
        score = early_score_visible_to(user=actor, score_id=score_id)
        if score is None:
            raise NotFound("No such score.")
        if not score.model.active:
            raise Conflict("That score is from a model version that is not active.")
        item = Intervention.objects.create(score=score, person_id=score.person_id, kind=kind,
                                           notes=notes.strip(), recorded_by=actor)
        audit_record(action=ev.INTERVENTION_RECORDED, actor=actor, target=item,
                     extra={"person_id": score.person_id, "kind": kind})
    return item


def intervention_outcome_record(*, actor: Any, intervention_id: int, outcome: str,
                                notes: str) -> Intervention:
    """Record (or correct) what came of an intervention; the previous outcome is kept in the
    audit event."""
    perm_require(user=actor, perm=Perm.INSIGHT_SCORES)
    errors: dict[str, str] = {}
    if outcome not in Intervention.Outcome.values or outcome == Intervention.Outcome.PENDING:
        errors["outcome"] = "Choose an outcome."
    if len(notes) > MAX_TEXT:
        errors["notes"] = f"At most {MAX_TEXT} characters."
    if errors:
        raise ValidationFailed("Check the fields.", extra={"fields": errors})
    with transaction.atomic():
        item = Intervention.objects.select_for_update().filter(id=intervention_id).first()
        if item is None or early_score_visible_to(user=actor, score_id=item.score_id) is None:
            raise NotFound("No such intervention.")
        previous = item.outcome
        item.outcome, item.outcome_notes = outcome, notes.strip()
        item.outcome_recorded_at = timezone_now()
        item.save(update_fields=["outcome", "outcome_notes", "outcome_recorded_at", "updated_at"])
        audit_record(action=ev.INTERVENTION_OUTCOME, actor=actor, target=item,
                     extra={"outcome": outcome, "old": previous})
    return item
