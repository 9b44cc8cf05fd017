"""``maxww monitoring refresh|docs``: rebuild the aggregates; regenerate doc figures."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maxww.monitoring.services import refresh_aggregates


class Command(BaseCommand):
    help = (
        "Monitoring: 'refresh' rebuilds the monthly aggregates of the dashboard; "
        "'docs' rewrites the figures blocks in docs/monitoring.md and "
        "docs/risk-model.md from the current data."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh", "docs"])
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--docs-dir", type=Path, default=Path("docs"))
        parser.add_argument(
            "--check",
            action="store_true",
            help="docs: write nothing, fail if a figures block differs from the data",
        )

    def handle(self, *args, **options):
        on = options["on"] or timezone.localdate()
        if options["action"] == "refresh":
            rows = refresh_aggregates(on=on)
            self.stdout.write(f"Maandcijfers ververst: {rows} rijen.")
            return
        self._docs(on, options["docs_dir"], check=options["check"])

    def _docs(self, on: dt.date, docs_dir: Path, *, check: bool) -> None:
        from maxww.monitoring.docs_figures import (
            monitoring_block,
            read_block,
            risk_block,
            write_block,
        )

        stale = []
        for name, block in (
            ("monitoring.md", monitoring_block(on)),
            ("risk-model.md", risk_block()),
        ):
            path = docs_dir / name
            current = read_block(path) if path.exists() else None
            if current is None:
                raise CommandError(f"{path}: geen blok <!-- figures:start/end -->.")
            if check:
                if current != block:
                    stale.append(str(path))
                continue
            write_block(path, block)
            self.stdout.write(f"Cijfers bijgewerkt in {path}.")
        if stale:
            raise CommandError(
                "Cijfers wijken af van de data in: "
                + ", ".join(stale)
                + " (maxww monitoring docs zonder --check schrijft ze opnieuw)."
            )
        if check:
            self.stdout.write("De cijfers in de documentatie kloppen met de data.")
