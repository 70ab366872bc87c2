"""Seed the publication and list-reporting periods ("the law is data"). Rules marked
unverified ([U] in uk-process.md) are for an administrator and a lawyer to confirm."""

from django.db import migrations

RULES = [
    ("hearing_notice_lead", "Notice of a misconduct hearing: at least this long before it",
     "PCR 2020 reg 36 (lead time unverified)", "working_days", 5, False),
    ("outcome_window_start", "Outcome publication window opens (working day after conclusion)",
     "SI 2017/84 reg 30 model (PCR 2020 practice unverified)", "working_days", 7, False),
    ("outcome_window_end", "Outcome publication window closes (working day after conclusion)",
     "SI 2017/84 reg 30 model (PCR 2020 practice unverified)", "working_days", 12, False),
    ("outcome_min_display", "Outcome stays published for at least",
     "SI 2017/84 reg 30 model; Gwent FOI 2022-25477 (28 calendar days)", "calendar_days", 28,
     True),
    ("outcome_display", "Outcome display period before it expires",
     "Force policy (unverified)", "calendar_days", 28, False),
    ("barred_list_report", "Report to the College for the barred list",
     "Police Act 1996 Part 4A; SI 2017/1135 reg 3 (period unverified)", "calendar_days", 28,
     False),
    ("advisory_list_report", "Report to the College for the advisory list",
     "Police Act 1996 Part 4A; SI 2017/1135 reg 12 (period unverified)", "calendar_days", 28,
     False),
]


def seed(apps, schema_editor):
    rule = apps.get_model("publication", "PublicationRule")
    for code, name, basis, unit, amount, verified in RULES:
        rule.objects.update_or_create(code=code, defaults={
            "name": name, "legal_basis": basis, "unit": unit, "amount": amount,
            "verified": verified})


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
