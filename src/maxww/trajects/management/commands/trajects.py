"""maxww trajects remind --on DATE: e-mail and flag due and overdue tasks."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from maxww.trajects.services import send_reminders


class Command(BaseCommand):
    help = "Trajecten: 'remind' mailt iedereen met taken die (bijna) verlopen zijn."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="Stuur herinneringen voor taken.")
        remind.add_argument(
            "--on",
            type=date.fromisoformat,
            default=None,
            help="Peildatum (JJJJ-MM-DD); standaard vandaag.",
        )

    def handle(self, *args, action: str, **options):
        on = options["on"] or timezone.localdate()
        sent = send_reminders(on=on)
        self.stdout.write(f"Herinneringen verstuurd: {sent} (peildatum {on}).")
