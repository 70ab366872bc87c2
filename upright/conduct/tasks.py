"""Background jobs for conduct (thin: call the service). `upright deadlines remind` does the same."""

from typing import Any

from django_tasks import task


@task()
def deadlines_remind_job(*, within_working_days: int = 3) -> dict[str, Any]:
    """The daily deadlines job: open the next timeliness periods due, then e-mail reminders."""
    # Imported here, as in every tasks module: the task is importable without the services.
    from upright.access.services import user_system
    from upright.conduct.services.deadlines import deadlines_timeliness_roll
    from upright.conduct.services.reminders import deadlines_remind

    actor = user_system()
    rolled = deadlines_timeliness_roll(actor=actor)
    result = deadlines_remind(actor=actor, within_working_days=within_working_days)
    return {"timeliness_periods_opened": rolled, "deadlines": result.deadlines,
            "emails": result.emails}
