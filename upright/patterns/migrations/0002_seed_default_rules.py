"""Seed the four default repeat-pattern rules (issue 5), each as version 1. They are
reference data: none of the thresholds comes from a regulation, so an analyst or
administrator can change them (each change writes a new version)."""

from django.db import migrations

RULES = [
    {
        "code": "sexual_da_10y", "kind": "category_count_window",
        "name": "Sexual misconduct, domestic abuse or abuse of position: 2+ in 10 years",
        "description": (
            "Two or more matters with an allegation of sexual conduct (H1-H3), abuse of "
            "position for a sexual purpose or an inappropriate emotional relationship (J1, J2) "
            "or domestic abuse (V1) within 10 years, whatever their outcome: no further action "
            "and no case to answer count (Casey; Carrick, uk-process.md §8.1)."),
        "parameters": {"min_count": 2, "window_years": 10,
                       "category_codes": ["H1", "H2", "H3", "J1", "J2", "V1"]},
    },
    {
        "code": "complaints_3_in_12m", "kind": "complaint_count_window",
        "name": "Three or more complaints in 12 months",
        "description": "Three or more public complaints about the person within 12 months, "
                       "whatever their outcome.",
        "parameters": {"min_count": 3, "window_months": 12},
    },
    {
        "code": "allegation_and_screening_hit", "kind": "allegation_with_screening_hit",
        "name": "An allegation together with a screening hit",
        "description": (
            "Any allegation and an integrity screening hit on the person within 10 years of "
            "each other. Hits where the person is only a victim or witness, hits replaced by "
            "changed evidence, and hits disposed of with no further action do not count."),
        "parameters": {"window_years": 10, "category_codes": []},
    },
    {
        "code": "unconnected_complainants_3", "kind": "unconnected_complainants",
        "name": "Complaints from three or more unconnected complainants",
        "description": (
            "Complaints about the person from three or more complainants no two of whom share "
            "a surname or an address (one household or family counts once)."),
        "parameters": {"min_complainants": 3},
    },
]


def seed(apps, schema_editor):
    rule = apps.get_model("patterns", "PatternRule")
    for values in RULES:
        if not rule.objects.filter(code=values["code"]).exists():
            rule.objects.create(version=1, active=True, note="Default rule (issue 5).",
                                **values)


def unseed(apps, schema_editor):
    apps.get_model("patterns", "PatternRule").objects.filter(
        code__in=[r["code"] for r in RULES], version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("patterns", "0001_initial"),
                    ("conduct", "0007_domestic_abuse_category")]
    operations = [migrations.RunPython(seed, unseed)]
