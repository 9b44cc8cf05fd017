"""maxww demo load: the synthetic demo region, people and history (idempotent)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from maxww.demo.services import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Demo-omgeving: 'load' maakt de synthetische demo-regio aan (opnieuw draaien mag)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Laad (of ververs) de demo-regio.")
        load.add_argument("--seed", type=int, default=2026)
        load.add_argument(
            "--people", type=int, default=5000, help="Aantal synthetische personen."
        )
        load.add_argument(
            "--on",
            type=date.fromisoformat,
            default=None,
            help="Peildatum (JJJJ-MM-DD); standaard vandaag.",
        )
        sub.add_parser("users", help="Toon de demo-gebruikers en hun wachtwoord.")

    def handle(self, *args, action: str, **options):
        if action == "users":
            self._print_users()
            return
        if options["people"] < 0:
            raise CommandError("--people moet 0 of meer zijn.")
        context = load_demo(
            on=options["on"] or date.today(),
            seed=options["seed"],
            people=options["people"],
        )
        for message in context.messages:
            self.stdout.write(message)
        self._print_users()

    def _print_users(self) -> None:
        self.stdout.write(
            f"\nDemo-gebruikers (wachtwoord voor allen: {DEMO_PASSWORD}):"
        )
        for username, role, org, _first, _last in DEMO_USERS:
            self.stdout.write(f"  {username:<15} {role.label:<28} {org}")
