from upright.audit.registry import action_register

RUN_CREATED = action_register("screening.run.created", "A screening run was queued")
RUN_STARTED = action_register("screening.run.started", "A screening run started")
RUN_FINISHED = action_register("screening.run.finished", "A screening run finished")
RUN_FAILED = action_register("screening.run.failed", "A screening run failed")
RUN_RESUMED = action_register(
    "screening.run.resumed", "An interrupted or failed screening run was queued again")
HITS_IMPORTED = action_register(
    "screening.hits.imported", "A screening run's hits were imported (new evidence only)")
HIT_VIEWED = action_register("screening.hit.viewed", "A screening hit was read")
HIT_DISPOSED = action_register("screening.hit.disposed", "A screening hit was disposed of")
