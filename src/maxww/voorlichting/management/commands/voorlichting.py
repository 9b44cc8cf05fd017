"""``maxww voorlichting recover-letters|prune-letters``: letter runs in operation."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from maxww.voorlichting.letters import (
    KEEP_PDFS,
    STALE_AFTER,
    prune_letter_runs,
    recover_letter_runs,
)


class Command(BaseCommand):
    help = "Voorlichting: recover letter runs after a worker died; prune old PDFs."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        recover = sub.add_parser(
            "recover-letters",
            help="Queue again every unfinished letter run nobody is working on.",
        )
        recover.add_argument(
            "--stale-after",
            type=float,
            default=STALE_AFTER.total_seconds() / 60,
            help="Minutes without progress before a run counts as abandoned "
            "(SQLite only; PostgreSQL checks the run's lock). Default: %(default)s.",
        )

        prune = sub.add_parser(
            "prune-letters",
            help="Drop the PDFs of letter runs finished longer ago than --days.",
        )
        prune.add_argument("--days", type=int, default=KEEP_PDFS.days)

    def handle(self, *args, action: str, **options) -> None:
        if action == "recover-letters":
            runs = recover_letter_runs(
                stale_after=timedelta(minutes=options["stale_after"])
            )
            for run in runs:
                self.stdout.write(
                    f"Briefopdracht {run.uuid} opnieuw in de wachtrij "
                    f"({run.done} van {run.total} brieven waren al klaar)."
                )
            self.stdout.write(f"{len(runs)} briefopdracht(en) hersteld.")
        elif action == "prune-letters":
            n = prune_letter_runs(
                now=timezone.now(), keep=timedelta(days=options["days"])
            )
            self.stdout.write(f"Pdf's van {n} briefopdracht(en) verwijderd.")
