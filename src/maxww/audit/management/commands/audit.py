"""``maxww audit verify``: check the access log's hash chain."""

from django.core.management.base import BaseCommand, CommandError

from maxww.audit.access_matrix import as_markdown
from maxww.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Access-log tools. 'verify' checks the hash chain (exit 1 when broken); "
        "'matrix' prints the access matrix as Markdown."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Check every entry's hash and link, in order.")
        sub.add_parser("matrix", help="Print the access matrix as a Markdown table.")

    def handle(self, *args, **options):
        if options["subcommand"] == "matrix":
            self.stdout.write(as_markdown(), ending="")
            return
        if options["subcommand"] == "verify":
            report = verify_chain()
            if not report.ok:
                raise CommandError(
                    f"Audit chain broken at entry {report.broken_id} "
                    f"(after {report.checked - 1} good entries): {report.reason}",
                    returncode=1,
                )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Audit chain intact: {report.checked} entries, "
                    f"head {report.head[:16] or '-'}."
                )
            )
