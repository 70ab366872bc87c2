"""Seed the list-check bands as reference data, calibrated on the stored model against a
synthetic list of 3,000 entries: an exact copy scores about 25 bits, a nickname with a
transposed date of birth or a one-letter surname typo about 20, the same name with another
date of birth about 9 and a similar name with another date of birth about 3."""

from django.db import migrations

BANDS = [
    {"band": "match", "min_evidence_weight": 16.0,
     "note": "Probable match: blocks the vetting decision until resolved"},
    {"band": "review", "min_evidence_weight": 8.0,
     "note": "Possible match: shown to the vetting officer, not blocking"},
]


def seed(apps, schema_editor):
    band_model = apps.get_model("lists", "ListMatchBand")
    for band in BANDS:
        band_model.objects.update_or_create(band=band["band"], defaults=band)


class Migration(migrations.Migration):
    dependencies = [("lists", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
