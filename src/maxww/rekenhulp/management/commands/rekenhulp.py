"""``maxww rekenhulp prune-batches [--days N]``: retention of the rules batches."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from maxww.rekenhulp.batches import prune_batches


class Command(BaseCommand):
    help = "Rekenhulp: delete rules batches (input and result files) past retention."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        prune = sub.add_parser(
            "prune-batches",
            help="Delete batches finished (or, unfinished, uploaded) longer ago "
            "than --days, with their input and result files.",
        )
        prune.add_argument("--days", type=int, default=settings.RULES_BATCH_KEEP_DAYS)

    def handle(self, *args, action: str, **options) -> None:
        if action == "prune-batches":
            n = prune_batches(now=timezone.now(), keep=timedelta(days=options["days"]))
            self.stdout.write(f"{n} rekenbatch(es) met hun bestanden verwijderd.")
