from django.db import migrations


def forwards(apps, schema_editor):
    from maxww.matching.occupations import load_occupations

    load_occupations(apps.get_model("matching", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
