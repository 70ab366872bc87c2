from django.db import migrations


def compartments_create(apps, schema_editor):  # type: ignore[no-untyped-def]
    Compartment = apps.get_model("access", "Compartment")
    Compartment.objects.get_or_create(code="anti-corruption",
                                      defaults={"name": "Anti-corruption"})


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(compartments_create, migrations.RunPython.noop)]
