"""Background jobs for notices (thin: call the service). `upright notices reminders_send` does the same."""

from dataclasses import asdict
from typing import Any

from django_tasks import task


@task()
def notices_reminders_send_job(*, days: int = 7) -> dict[str, Any]:
    """The daily job: e-mail reminders of unserved notices and timeliness reports due soon."""
    # Imported here, as in every tasks module: the task is importable without the services.
    from upright.notices.services import notices_reminders_send

    return asdict(notices_reminders_send(actor=None, days=days))
