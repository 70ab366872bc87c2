"""Background jobs for the repeat-pattern rules (thin: call the service). Run by
`upright worker`; `upright patterns run --background` queues the bulk one."""

from typing import Any

from django_tasks import task


def _summary(result: Any) -> dict[str, Any]:
    return {"run_id": result.run.pk, "raised": len(result.raised), "counts": result.run.counts,
            "timings": result.run.timings}


@task()
def pattern_rules_all_job() -> dict[str, Any]:
    """Every active rule over the whole history."""
    # Imported here, as in every tasks module: the task is importable without the services.
    from upright.access.services import user_system
    from upright.patterns.services import pattern_rules_run_all

    return _summary(pattern_rules_run_all(actor=user_system()))


@task()
def pattern_rules_people_job(*, person_ids: list[int], trigger_ref: str = "") -> dict[str, Any]:
    """Every active rule for the subjects of a newly recorded allegation."""
    from upright.access.services import user_system
    from upright.patterns.services import pattern_rules_run_for_people

    return _summary(pattern_rules_run_for_people(person_ids=person_ids, trigger_ref=trigger_ref,
                                                 actor=user_system()))
