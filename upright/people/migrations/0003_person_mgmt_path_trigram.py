"""A trigram index on Person.mgmt_path, on PostgreSQL only.

Every permission policy excludes the people in the reader's line of command with
`mgmt_path LIKE '%/<id>/%'` (people.selectors.person_ids_in_chain_of). Without an index that
is a scan of the whole workforce in every policy-filtered query: about 50 ms at 50,000
people, paid once per source when a person's history is read (issue 5, bench/history.py).
A pg_trgm GIN index answers it in well under a millisecond. SQLite has no such index and
needs none at its sizes, so the migration does nothing there; where the extension cannot be
created (no privilege), it is skipped too: the index is an optimisation, not a rule.
"""

from django.db import migrations, transaction


def _forwards(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001  (not allowed to create extensions here: skip the index)
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_mgmt_path_trgm ON people_person "
        "USING gin (mgmt_path gin_trgm_ops)")


def _backwards(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_mgmt_path_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_prior_force_records")]

    operations = [migrations.RunPython(_forwards, _backwards)]
