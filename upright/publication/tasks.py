"""Background jobs for publication (thin: call the service). `upright publication expire` does the same."""

from typing import Any

from django_tasks import task


@task()
def publication_expire_job() -> dict[str, Any]:
    """The daily job: take down items whose display period is over."""
    # Imported here, as in every tasks module: the task is importable without the services.
    from upright.publication.services import publication_items_expire

    return {"expired": publication_items_expire(actor=None)}
