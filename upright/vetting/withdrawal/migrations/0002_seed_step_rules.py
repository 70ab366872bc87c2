"""Seed the step periods as reference data: the Police (Vetting) Regulations 2025 Part 3
time limits were not read ([U], uk-process.md §6.2), so every one is unverified and an
administrator corrects them once a lawyer has read the SI."""

from django.db import migrations

BASIS = "Police (Vetting) Regulations 2025 (SI 2025/502) Part 3 [U: not read]"
RULES = [
    {"code": "info_gathering", "name": "Information gathering after the assessment notice",
     "legal_basis": BASIS, "working_days": 20},
    {"code": "representations", "name": "Officer's representations after the invitation",
     "legal_basis": BASIS, "working_days": 10},
    {"code": "decision", "name": "Decision after the representations close",
     "legal_basis": BASIS, "working_days": 10},
    {"code": "appeal", "name": "Appeal to an appeal panel after the decision",
     "legal_basis": BASIS, "working_days": 10},
    {"code": "pat", "name": "Appeal to the Police Appeals Tribunal after the panel's outcome",
     "legal_basis": "Police Appeals Tribunals Rules 2020 [U: not read]", "working_days": 10},
]


def seed(apps, schema_editor):
    rule_model = apps.get_model("vetting_withdrawal", "WithdrawalStepRule")
    for rule in RULES:
        rule_model.objects.update_or_create(code=rule["code"],
                                            defaults={**rule, "verified": False})


class Migration(migrations.Migration):
    dependencies = [("vetting_withdrawal", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
