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

    def handle(self, *args, **options):
        on = options["on"] or timezone.localdate()
        if options["action"] == "refresh":
            rows = refresh_aggregates(on=on)
            self.stdout.write(f"Maandcijfers ververst: {rows} rijen.")
            return
        from maxww.monitoring.docs_figures import (
            monitoring_block,
            risk_block,
            write_block,
        )

        for name, block in (
            ("monitoring.md", monitoring_block(on)),
            ("risk-model.md", risk_block()),
        ):
            path = options["docs_dir"] / name
            if not path.exists() or not write_block(path, block):
                raise CommandError(f"{path}: geen blok <!-- figures:start/end -->.")
            self.stdout.write(f"Cijfers bijgewerkt in {path}.")
