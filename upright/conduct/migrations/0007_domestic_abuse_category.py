"""Add a domestic-abuse allegation category (reference data, [U]).

The IOPC category scheme (uk-process.md §7.3) has no domestic-abuse heading, yet the Met's
review of its own people (§8.3) and the repeat-pattern rules of issue 5 select on domestic
abuse alongside sexual misconduct. It goes in its own group "V" (violence against women and
girls, the Met's heading for that review), outside the IOPC letters, so that statistics by
IOPC group and the demo force's draw over those groups are unchanged. An administrator may
rename or retire it like any other category.
"""

from django.db import migrations


def seed(apps, schema_editor):
    category = apps.get_model("conduct", "AllegationCategory")
    category.objects.update_or_create(code="V1", defaults={
        "group": "V", "name": "Domestic abuse (police-perpetrated)", "active": True})


def unseed(apps, schema_editor):
    apps.get_model("conduct", "AllegationCategory").objects.filter(code="V1").delete()


class Migration(migrations.Migration):
    dependencies = [("conduct", "0006_seed_complaint_reference_data")]
    operations = [migrations.RunPython(seed, unseed)]
