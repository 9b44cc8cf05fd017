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
        export = sub.add_parser(
            "subject-export",
            help="Everything held on one person as JSON (logged; AVG art. 15).",
        )
        export.add_argument("person", help="The person's uuid (never a BSN).")
        export.add_argument("-o", "--output", help="Write to this file.")
        erase = sub.add_parser(
            "erasure-report",
            help="Dry run: what erasing a person would delete (logged).",
        )
        erase.add_argument("person", help="The person's uuid (never a BSN).")

    def handle(self, *args, **options):
        if options["subcommand"] in ("subject-export", "erasure-report"):
            self._subject(options)
            return
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

    def _subject(self, options) -> None:
        import json

        from maxww.audit.subject_rights import erasure_report, subject_export
        from maxww.people.models import Person

        person = Person.objects.filter(uuid=options["person"]).first()
        if person is None:
            raise CommandError(f"No person with uuid {options['person']}.")
        if options["subcommand"] == "erasure-report":
            report = erasure_report(person=person, user=None)
            data = {
                "person": report.person,
                "can_erase": report.can_erase,
                "would_delete": report.would_delete,
                "blocked_by": report.blocked_by,
            }
        else:
            data = subject_export(person=person, user=None)
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if options.get("output"):
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(f"Written to {options['output']}.")
        else:
            self.stdout.write(text)
