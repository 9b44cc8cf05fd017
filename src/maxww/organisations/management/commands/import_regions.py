"""maxww import_regions FILE: municipalities and labour-market regions from CBS."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maxww.organisations.services import import_regions


class Command(BaseCommand):
    help = "Importeer gemeenten en arbeidsmarktregio's (CBS 'Gebieden in Nederland', CSV of XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="Rapport als JSON.")

    def handle(self, *args, file: Path, json: bool = False, **options):
        if not file.exists():
            raise CommandError(f"Bestand niet gevonden: {file}")
        report = import_regions(file.read_bytes(), file.name)
        if json:
            self.stdout.write(_json_dumps(report.as_dict()))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(
                    f"regel {error.line}, kolom {error.column or '-'}: {error.reason}"
                )
            raise CommandError(
                f"Niets geïmporteerd: {len(report.errors)} fout(en) in {file.name}.",
                returncode=2,
            )
        if not json:
            self.stdout.write(
                f"{report.rows} regels: {report.created} nieuw, {report.updated} bijgewerkt, "
                f"{report.unchanged} ongewijzigd."
            )


def _json_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
