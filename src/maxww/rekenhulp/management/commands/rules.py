"""maxww rules ww|bijstand --input FILE: the rules engine's CLI (exit 2 on bad input)."""

import sys

from django.core.management.base import BaseCommand

from maxww.rules.cli import main


class Command(BaseCommand):
    help = "Reken WW of bijstand door voor een bestand met gevallen (JSON, JSONL, CSV, Parquet)."

    def run_from_argv(self, argv: list[str]) -> None:
        # The rules CLI has its own argument parser and exit codes.
        sys.exit(main(argv[2:]))

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")

    def handle(self, *args: str, **options) -> None:
        code = main(list(args), stdout=self.stdout._out, stderr=self.stderr._out)
        if code:
            sys.exit(code)
