"""`upright audit verify`: exit 0 if the chain is intact, 1 naming the first bad event."""

from typing import Any

from django.core.management.base import BaseCommand

from upright.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and report the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if report.problem is None:
            self.stdout.write(f"audit chain intact: {report.events_checked} events verified")
            return
        problem = report.problem
        self.stderr.write(
            f"audit chain BROKEN at event #{problem.seq} (row id {problem.event_id}): "
            f"{problem.reason}. {report.events_checked} events before it verified."
        )
        raise SystemExit(1)
