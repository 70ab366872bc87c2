"""Background job for training an early-intervention version on the records (run by
`upright worker`; queued by the early page's "Train a new version" button)."""

from typing import Any

from django_tasks import task


@task()
def early_train_job(*, actor_id: int | None, cutoff: str, params: dict[str, Any]) -> dict[str, Any]:
    """Train on Upright's own records as the user who asked (their permission is checked
    again here: it may have been withdrawn since the job was queued); `actor_id` None is the
    system (`upright insight train-early --background`)."""
    # Imported here, as in every tasks module: the task is importable without the services.
    import datetime as dt

    from django.contrib.auth import get_user_model

    from upright.insight.early.services import earlymodel_train_from_records

    actor = None if actor_id is None else get_user_model().objects.get(pk=actor_id)
    em = earlymodel_train_from_records(actor=actor, cutoff=dt.date.fromisoformat(cutoff),
                                       params=params)
    return {"model_id": em.pk, "version": em.version, "passed": em.passed}
