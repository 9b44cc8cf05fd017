"""``maxww screening import|cohorts|train``: the screening CLI.

Exit code 2 on bad input, with every row error (line, column, reason) on stderr.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from maxww.organisations.models import Organisation
from maxww.screening.models import ExtractImport
from maxww.screening.services import (
    FeatureNotAllowedError,
    NotEnoughDataError,
    import_extract,
    refresh_screening,
    train_model,
)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class Command(BaseCommand):
    help = "Screening: import a UWV extract, move cohorts, train the risk model."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a UWV extract (CSV or XLSX).")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--organisation", required=True, help="Importing organisation (name)."
        )
        imp.add_argument("--on", type=_date, help="Reference date (default: today).")
        imp.add_argument(
            "--initial-load",
            action="store_true",
            help="First load of a whole region: check keys and build every "
            "index once at the end instead of per row. Locks the people tables, "
            "and the tables that refer to them, until it is done: run it when "
            "nobody is working.",
        )
        cohorts = sub.add_parser(
            "cohorts", help="Nightly move: windows, pre-check, risk."
        )
        cohorts.add_argument(
            "--on", type=_date, help="Reference date (default: today)."
        )
        train = sub.add_parser("train", help="Train the risk model on outcome history.")
        train.add_argument("--on", type=_date, help="Reference date (default: today).")
        train.add_argument("--seed", type=int, default=2026)
        train.add_argument("--features", help="Comma-separated feature groups.")
        train.add_argument("--allow-location", action="store_true")

    def handle(self, *args, action: str, on: dt.date | None = None, **options) -> None:
        on = on or timezone.localdate()
        if action == "import":
            self._import(
                options["file"],
                options["organisation"],
                on,
                initial_load=options["initial_load"],
            )
        elif action == "cohorts":
            counts = refresh_screening(on=on)
            self.stdout.write(
                f"{counts['claims']} uitkeringen, {counts['moved']} van venster gewisseld, "
                f"{counts['prechecked']} voorgecheckt "
                f"({counts['precheck_changed']} met een andere uitkomst), "
                f"{counts['scored']} risicoscores bijgewerkt."
            )
        elif action == "train":
            features = options["features"].split(",") if options["features"] else None
            try:
                model = train_model(
                    on=on,
                    seed=options["seed"],
                    features=features,
                    allow_location=options["allow_location"],
                )
            except (FeatureNotAllowedError, NotEnoughDataError) as exc:
                self.stderr.write(str(exc))
                sys.exit(2)
            self.stdout.write(
                f"Risicomodel v{model.version}: AUC {model.metrics['auc']:.3f}, "
                f"{model.metrics['n_total']} uitkomsten."
            )

    def _import(
        self, path: Path, organisation_name: str, on: dt.date, *, initial_load: bool
    ) -> None:
        organisation = Organisation.objects.filter(name=organisation_name).first()
        if organisation is None:
            raise CommandError(f"Onbekende organisatie: {organisation_name}")
        try:  # read from the path by the import itself, never whole into memory
            path.open("rb").close()
        except OSError as exc:
            self.stderr.write(f"Kan {path} niet lezen: {exc.strerror}")
            sys.exit(2)
        extract = ExtractImport.objects.create(
            organisation=organisation, filename=path.name, sha256=""
        )
        report = import_extract(
            data=path,
            filename=path.name,
            organisation=organisation,
            on=on,
            extract=extract,
            initial_load=initial_load,
        )
        if not report.ok:
            for error in report.errors:
                self.stderr.write(
                    f"regel {error.line}, kolom {error.column or '-'}: {error.reason}"
                )
            self.stderr.write(f"{len(report.errors)} fout(en); er is niets ingelezen.")
            sys.exit(2)
        extract.refresh_from_db()
        self.stdout.write(
            f"{extract.message} Regels: {report.rows}, nieuw: {report.created}, "
            f"gewijzigd: {report.updated}, ongewijzigd: {report.unchanged}."
        )
