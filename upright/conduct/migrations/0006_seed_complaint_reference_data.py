"""Seed the complaint outcome categories (uk-process.md §3.3, IOPC data guidance headings:
unverified [U], so they are admin-editable rows) and the complaint review period (CMR reg 29,
[V]: 28 days beginning with the day after the outcome is given)."""

from django.db import migrations

CATEGORIES = [
    ("service_acceptable", "The service provided was acceptable", True),
    ("service_not_acceptable", "The service provided was not acceptable", False),
    ("unable_to_determine", "Looked into the complaint but unable to determine whether the "
                            "service was acceptable", None),
    ("no_further_action", "No further action", None),
    ("regrettable_rprp_learning", "Regrettable / reflective practice / learning", None),
]

RULES = [
    ("complaint_review", "Complainant's application for a review",
     "CMR 2020 reg 29(2)-(3)", "calendar_days", 28, True),
]


def seed(apps, schema_editor):
    category = apps.get_model("conduct", "ComplaintOutcomeCategory")
    for code, name, acceptable in CATEGORIES:
        category.objects.update_or_create(code=code, defaults={
            "name": name, "service_acceptable": acceptable, "verified": False, "active": True})
    rule = apps.get_model("conduct", "DeadlineRule")
    for code, name, basis, unit, amount, verified in RULES:
        rule.objects.update_or_create(code=code, defaults={
            "name": name, "legal_basis": basis, "unit": unit, "amount": amount,
            "verified": verified})


class Migration(migrations.Migration):
    dependencies = [("conduct", "0005_complaints")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
