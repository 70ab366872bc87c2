"""Deemed-service rules as reference data (uk-process.md §0: email service from 28 May 2025;
the detail of when each method is deemed served is unverified [U], so it is editable)."""

from django.db import migrations

RULES = [
    ("hand", 0, "PCR 2020 reg 9 (as amended by SI 2025/558 reg 8) [U]: served when handed over"),
    ("email", 1, "PCR 2020 reg 9 (as amended by SI 2025/558 reg 8) [U]: next working day"),
    ("post", 2, "PCR 2020 reg 9 [U]: second working day after posting"),
    ("oral_then_written", 0,
     "PCR 2020 reg 11 [U]: oral notification, written confirmation within 3 working days"),
]


def seed(apps, schema_editor):
    ServiceRule = apps.get_model("notices", "ServiceRule")
    for method, working_days, legal_basis in RULES:
        ServiceRule.objects.update_or_create(
            method=method,
            defaults={"working_days": working_days, "legal_basis": legal_basis, "verified": False},
        )


def unseed(apps, schema_editor):
    apps.get_model("notices", "ServiceRule").objects.filter(
        method__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
