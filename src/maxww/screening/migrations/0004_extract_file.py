"""The uploaded extract moves from a database blob to a file in MEDIA_ROOT."""

from django.core.files.base import ContentFile
from django.db import migrations, models

import maxww.screening.models


def blobs_to_files(apps, schema_editor):
    """Unprocessed uploads keep their file; processed ones had no blob left."""
    ExtractImport = apps.get_model("screening", "ExtractImport")
    rows = ExtractImport.objects.using(schema_editor.connection.alias)
    for pk in list(rows.filter(data__isnull=False).values_list("pk", flat=True)):
        extract = rows.get(pk=pk)  # one blob in memory at a time
        extract.file.save(
            extract.filename, ContentFile(bytes(extract.data)), save=False
        )
        extract.save(update_fields=["file"])


class Migration(migrations.Migration):
    dependencies = [("screening", "0003_bulk_indexes")]

    operations = [
        migrations.AddField(
            model_name="extractimport",
            name="file",
            field=models.FileField(
                blank=True,
                help_text="The uploaded file in MEDIA_ROOT until it is processed.",
                max_length=200,
                upload_to=maxww.screening.models.extract_upload_to,
                verbose_name="bestand",
            ),
        ),
        migrations.RunPython(blobs_to_files, migrations.RunPython.noop),
        migrations.RemoveField(model_name="extractimport", name="data"),
    ]
