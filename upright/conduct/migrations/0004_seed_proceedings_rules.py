"""Deadline rules for the proceedings, AMH, appeal and RPRP steps, and the [U] durations of
live warnings ("the law is data": unverified rules stay admin-editable)."""

from django.db import migrations

RULES = [
    ("reg31_witness_lists", "Witness lists exchanged", "PCR 2020 reg 31(4)", "working_days", 3,
     True),
    ("reg32_documents", "Documents and witness lists to the chair", "PCR 2020 reg 32(2), (6)",
     "working_days", 10, True),
    ("reg33_pre_hearing", "Pre-hearing held", "PCR 2020 reg 33(1)", "working_days", 15, True),
    ("reg43_outcome_report", "Outcome report to the appropriate authority",
     "PCR 2020 reg 43(1)", "working_days", 5, True),
    ("pat_appeal", "Appeal to the Police Appeals Tribunal", "PATR 2020 rr. 9-10",
     "working_days", 10, False),
    ("rprp_review", "Review of the Reflective Review Development Report",
     "PCR 2020 reg 70(1)(f)", "calendar_days", 0, True),
    ("rprp_pdr", "Discuss the RPRP report at the officer's PDR", "PCR 2020 reg 70(6)",
     "months", 12, True),
    # How long a warning stays live (reg 42(7) onwards, not read): reference data, [U].
    ("warning_written", "A written warning stays live for", "PCR 2020 reg 42 (durations [U])",
     "months", 18, False),
    ("warning_final", "A final written warning stays live for", "PCR 2020 reg 42 (durations [U])",
     "months", 24, False),
]


def seed(apps, schema_editor):
    rule = apps.get_model("conduct", "DeadlineRule")
    for code, name, basis, unit, amount, verified in RULES:
        rule.objects.update_or_create(code=code, defaults={
            "name": name, "legal_basis": basis, "unit": unit, "amount": amount,
            "verified": verified})


class Migration(migrations.Migration):
    dependencies = [("conduct", "0003_proceedings")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
