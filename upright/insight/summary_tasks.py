"""Background job for the summary tables (run by `upright worker`)."""

from typing import Any

from django_tasks import task


@task()
def insight_refresh_job(*, years: list[int]) -> dict[str, Any]:
    """Recompute every summary table for the whole force for `years`."""
    # Imported here, as in every tasks module: the task is importable without the services.
    from upright.insight.summary import summary_refresh_all

    done = summary_refresh_all(years=years, actor=None)
    return {"summaries": len(done)}
