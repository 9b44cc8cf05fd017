"""``maxww matching import-vacancies FILE --organisation NAME``.

Exit code 2 on bad input, with every row error (line, column, reason) on stderr.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from maxww.matching.imports import import_vacancies
from maxww.organisations.models import Organisation


class Command(BaseCommand):
    help = "Matching: import vacancies (CSV or XLSX, all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-vacancies", help="Import vacancies (CSV/XLSX).")
        imp.add_argument("file", type=Path)
        imp.add_argument("--organisation", required=True, help="Organisation (name).")
        imp.add_argument("--on", type=dt.date.fromisoformat, help="Reference date.")

    def handle(self, *args, action: str, **options) -> None:
        on = options.get("on") or timezone.localdate()
        path: Path = options["file"]
        try:
            organisation = Organisation.objects.get(name=options["organisation"])
        except Organisation.DoesNotExist:
            self.stderr.write(f"Organisatie '{options['organisation']}' bestaat niet.")
            sys.exit(2)
        if not path.is_file():
            self.stderr.write(f"Bestand '{path}' bestaat niet.")
            sys.exit(2)
        report = import_vacancies(
            data=path.read_bytes(),
            filename=path.name,
            organisation=organisation,
            by=None,
            on=on,
        )
        if not report.ok:
            self.stderr.write(
                f"Niets geïmporteerd: {len(report.errors)} fout(en) in {report.rows} regels."
            )
            for e in report.errors:
                self.stderr.write(
                    f"regel {e.line}, kolom {e.column or '-'}: {e.reason}"
                )
            sys.exit(2)
        self.stdout.write(
            f"{report.rows} regels: {report.created} nieuw, {report.updated} gewijzigd, "
            f"{report.unchanged} ongewijzigd."
        )
