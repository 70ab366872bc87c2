"""Seed the IOPC allegation categories (uk-process.md §7.3, [U]: a versioned reference table)
and the deadline rules ("the law is data": unverified rules are admin-editable rows)."""

from django.db import migrations

CATEGORIES = [
    ("A", "A1", "Delivery of duties and service"),
    ("B", "B1", "Police powers, policies and procedures"),
    ("C", "C1", "Handling of or damage to property/premises"),
    ("D", "D1", "Access to and/or disclosure of information"),
    ("E", "E1", "Use of police vehicles"),
    ("F", "F1", "Discriminatory behaviour: race"),
    ("F", "F2", "Discriminatory behaviour: sex"),
    ("F", "F3", "Discriminatory behaviour: religion or belief"),
    ("F", "F4", "Discriminatory behaviour: sexual orientation"),
    ("F", "F5", "Discriminatory behaviour: disability"),
    ("F", "F6", "Discriminatory behaviour: age"),
    ("F", "F7", "Discriminatory behaviour: gender reassignment"),
    ("F", "F8", "Discriminatory behaviour: marriage and civil partnership"),
    ("F", "F9", "Discriminatory behaviour: pregnancy and maternity"),
    ("F", "F10", "Discriminatory behaviour: other"),
    ("G", "G1", "Individual behaviours: impolite language"),
    ("G", "G2", "Individual behaviours: impolite or intolerant actions"),
    ("G", "G3", "Individual behaviours: lack of fairness or impartiality"),
    ("G", "G4", "Individual behaviours: overbearing or harassing behaviour"),
    ("G", "G5", "Individual behaviours: unprofessional attitude and disrespect"),
    ("H", "H1", "Sexual conduct: sexual assault"),
    ("H", "H2", "Sexual conduct: sexual harassment"),
    ("H", "H3", "Sexual conduct: other sexual conduct"),
    ("J", "J1", "Abuse of position for a sexual purpose"),
    ("J", "J2", "Abuse of position for an inappropriate emotional relationship"),
    ("J", "J3", "Abuse of position or corruption: other"),
    ("K", "K1", "Discreditable conduct"),
    ("L", "L1", "Other"),
]

RULES = [
    ("timeliness_report", "Timeliness report to the local policing body (first: 12 months)",
     "PCR 2020 reg 19 / CMR 2020 reg 13", "months", 12, True),
    ("timeliness_report_subsequent", "Timeliness report (each further 6 months)",
     "PCR 2020 reg 19(1) / CMR 2020 reg 13", "months", 6, True),
    ("iopc_referral", "Refer to the IOPC (by the end of the next working day)",
     "CMR 2020 reg 4 / PRA 2002 Sch 3 para 4(4)", "working_days", 1, False),
    ("reg18_representations", "Officer's representations to the investigator",
     "PCR 2020 reg 18", "working_days", 10, False),
    ("reg31_response", "Officer's response to the notice of referral",
     "PCR 2020 reg 31(1)-(3)", "working_days", 15, True),
    ("reg45_appeal", "Appeal from a misconduct meeting", "PCR 2020 reg 45(3)",
     "working_days", 7, True),
]


def seed(apps, schema_editor):
    category = apps.get_model("conduct", "AllegationCategory")
    for group, code, name in CATEGORIES:
        category.objects.update_or_create(code=code, defaults={"group": group, "name": name,
                                                               "active": True})
    rule = apps.get_model("conduct", "DeadlineRule")
    for code, name, basis, unit, amount, verified in RULES:
        rule.objects.update_or_create(code=code, defaults={
            "name": name, "legal_basis": basis, "unit": unit, "amount": amount,
            "verified": verified})


class Migration(migrations.Migration):
    dependencies = [("conduct", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
