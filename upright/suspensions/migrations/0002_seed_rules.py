"""Seed the register's periods as reference data: both are unverified for PCR 2020 ([U])."""

from django.db import migrations

RULES = [
    {"code": "written_confirmation",
     "name": "Oral suspension notification confirmed in writing",
     "legal_basis": "PCR 2020 reg 11 (2012 reg 10(6)(b); 2020 MDP Sch 1 reg 10(5)); "
                    "assumed identical for PCR 2020",
     "unit": "working_days", "amount": 3, "verified": False},
    {"code": "review_interval",
     "name": "Review of suspension or restricted duties",
     "legal_basis": "Home Office Guidance ch. 5 (common understanding: at least every 4 weeks)",
     "unit": "calendar_days", "amount": 28, "verified": False},
]


def seed(apps, schema_editor):
    rule_model = apps.get_model("suspensions", "SuspensionRule")
    for rule in RULES:
        rule_model.objects.update_or_create(code=rule["code"], defaults=rule)


class Migration(migrations.Migration):
    dependencies = [("suspensions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
