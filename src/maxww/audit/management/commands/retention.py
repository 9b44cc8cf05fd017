"""``maxww retention [--dry-run] [--on DATE] [--region CODE]``: apply retention."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maxww.audit.retention import apply_retention, as_text


class Command(BaseCommand):
    help = (
        "Bewaartermijn: pseudonimiseer iedereen van wie de bewaartermijn van de "
        "regio is verstreken, en print per regio wat er gebeurde (of met "
        "--dry-run: zou gebeuren, zonder iets te wijzigen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tellen: er wordt niets gewijzigd of gelogd.",
        )
        parser.add_argument(
            "--on",
            type=date.fromisoformat,
            default=None,
            help="Peildatum (JJJJ-MM-DD); standaard vandaag.",
        )
        parser.add_argument(
            "--region", default=None, help="Alleen deze regio (code, bv. AM24)."
        )
        parser.add_argument("--json", action="store_true", help="Het verslag als JSON.")

    def handle(self, *args, **options):
        from maxww.organisations.models import Region

        code = options["region"]
        if code and not Region.objects.filter(code=code).exists():
            raise CommandError(f"Onbekende regio: {code}.")
        report = apply_retention(
            on=options["on"] or timezone.localdate(),
            dry_run=options["dry_run"],
            region_code=code,
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(report.as_dict(), indent=2, ensure_ascii=False)
            )
        else:
            self.stdout.write(as_text(report), ending="")
