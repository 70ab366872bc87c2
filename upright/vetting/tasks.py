"""Background jobs for vetting (thin: call the service). `upright vetting expire` and
`upright vetting revet` do the same."""

from typing import Any

from django_tasks import task


@task()
def vetting_expire_job() -> dict[str, Any]:
    """The daily job: mark lapsed clearances expired."""
    # Imported here, as in every tasks module: the task is importable without the services.
    from upright.vetting.services import clearances_expire

    return {"expired": clearances_expire(actor=None)}


@task()
def vetting_revet_job() -> dict[str, Any]:
    """The daily job: draw the randomised re-vetting sample when the interval has passed."""
    from upright.vetting.services import revetting_draw_if_due

    draw = revetting_draw_if_due(actor=None)
    return {"draw_id": draw.pk if draw else None,
            "picked": len(draw.person_ids) if draw else 0}
