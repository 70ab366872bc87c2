"""Audit actions of early intervention (registered when early.models is imported)."""

from upright.audit.registry import action_register

MODEL_TRAINED = action_register("insight.early_model.trained",
                                "An early-intervention model version was trained and audited")
MODEL_ACTIVATED = action_register("insight.early_model.activated",
                                  "An early-intervention model version was activated")
SCORES_VIEWED = action_register("insight.early_scores.viewed",
                                "Early-intervention scores were read")
INTERVENTION_RECORDED = action_register("insight.intervention.recorded",
                                        "A supervisor recorded an early intervention")
INTERVENTION_OUTCOME = action_register("insight.intervention.outcome_recorded",
                                       "The outcome of an early intervention was recorded")
CHICAGO_IMPORTED = action_register("insight.chicago.imported",
                                   "The Chicago (CPDP) records were imported")
MODEL_TRAIN_QUEUED = action_register("insight.early_model.train_queued",
                                     "Training an early-intervention model version was queued")
INTERVENTIONS_VIEWED = action_register("insight.interventions.viewed",
                                       "A supervisor's list of early interventions was read")
