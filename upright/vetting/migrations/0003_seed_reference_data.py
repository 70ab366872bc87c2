"""Seed vetting reference data: renewal intervals (uk-process.md §6.1), the annual integrity
review questions and the randomised re-vetting rate. Only RV (10 years, [V-sec]) and SC/DV
([V-sec]) have a cited source; every row is marked unverified until checked against the APP
text, and an administrator can publish a new version."""

from django.db import migrations

INTERVALS = [
    ("RV", 120, "APP Vetting 6.11 (re-vetted after ten years), per PSNI/West Midlands FOIs [V-sec]"),
    ("MV", 84, "APP Vetting: believed 7 years [U]"),
    ("NPPV1", 36, "APP Vetting: believed 3 years [U]"),
    ("NPPV2", 60, "APP Vetting: believed 3-5 years, longer end used [U]"),
    ("NPPV3", 60, "APP Vetting: believed 5 years with an annual check (Appendix G) [U]"),
    ("CTC", 60, "Cabinet Office national security vetting: not checked [U]"),
    ("SC", 120, "Cabinet Office: SC reviewed after 10 years [V-sec]"),
    ("SCE", 84, "Cabinet Office: SC(e) believed as DV, 7 years [U]"),
    ("DV", 84, "Cabinet Office: DV reviewed after 7 years [V-sec]"),
]

QUESTIONS = [
    ("changes", "Have your personal circumstances changed since your last review (address, "
                "partner, household, finances)?"),
    ("associations", "Do you have any associations you have not declared (a person with a "
                     "criminal record, a journalist, a private investigator)?"),
    ("business_interests", "Do you have any business interests or secondary employment you "
                           "have not declared?"),
    ("finances", "Are you in financial difficulty, or subject to any court judgment or debt "
                 "order?"),
    ("contact_police", "Have you been arrested, charged, cautioned or reported for any "
                       "offence, or been the subject of police contact, since your last review?"),
    ("social_media", "Is there anything in your use of social media that could bring the "
                     "force into disrepute?"),
    ("wellbeing", "Is there anything the force could do to support your wellbeing or "
                  "integrity at work?"),
]


def seed(apps, schema_editor):
    interval = apps.get_model("vetting", "RenewalInterval")
    for level, months, basis in INTERVALS:
        interval.objects.update_or_create(level=level, version=1, defaults={
            "months": months, "legal_basis": basis, "verified": False})
    question = apps.get_model("vetting", "IntegrityQuestion")
    for position, (code, text) in enumerate(QUESTIONS, start=1):
        question.objects.update_or_create(code=code, defaults={"text": text,
                                                               "position": position})
    rate = apps.get_model("vetting", "RevettingRate")
    if not rate.objects.exists():
        rate.objects.create(percent="1.00", interval_days=30, verified=False,
                            notes="Initial figure, not from the APP: 1% of eligible people "
                                  "a month (about 12% a year) [U]")


class Migration(migrations.Migration):
    dependencies = [("vetting", "0002_clearances_register_declarations")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
