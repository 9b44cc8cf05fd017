"""``maxww monitoring refresh``: rebuild the dashboard's monthly aggregates."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from maxww.monitoring.services import refresh_aggregates


class Command(BaseCommand):
    help = "Monitoring: 'refresh' rebuilds the monthly aggregates of the dashboard."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh"])
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, **options):
        on = options["on"] or timezone.localdate()
        rows = refresh_aggregates(on=on)
        self.stdout.write(f"Maandcijfers ververst: {rows} rijen.")
