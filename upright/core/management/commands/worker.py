"""`upright worker`: run the background jobs (DESIGN.md "Background jobs"). Jobs are rows in
the database (django-tasks' database backend), so no broker is needed.

It is django-tasks-db's `db_worker` with Upright's defaults: every queue (`--queue-name
screening` for a worker of its own), and no auto-reload even in debug mode, because a reload
would stop a screening run half-way. `--batch` works through the waiting jobs, then exits.
SIGTERM or Ctrl+C lets the job in hand finish first; a second one stops it (a screening run
stopped so can be resumed: `upright screen resume RUN_ID`)."""

from argparse import ArgumentParser

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "Run background jobs (screening runs, daily jobs) from the database queue."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
