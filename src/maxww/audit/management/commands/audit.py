"""``maxww audit``: the hash chain, the access matrix and data-subject rights."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maxww.audit.access_matrix import write_doc
from maxww.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Access-log tools. 'verify' checks the hash chain (exit 1 when broken); "
        "'matrix' prints the access matrix as Markdown; 'subject-export', "
        "'erasure-report' and 'erase' serve data-subject requests (logged)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Check every entry's hash and link, in order.")
        matrix = sub.add_parser(
            "matrix",
            help="The policy and the access matrix as Markdown "
            "(docs/security/access-matrix.md).",
        )
        matrix.add_argument(
            "--write",
            metavar="FILE",
            nargs="?",
            const="docs/security/access-matrix.md",
            help="Replace the generated blocks in FILE instead of printing them.",
        )
        export = sub.add_parser(
            "subject-export",
            help="Everything held on one person as JSON (logged; AVG art. 15).",
        )
        export.add_argument("person", help="The person's uuid (never a BSN).")
        export.add_argument("-o", "--output", help="Write to this file.")
        export.add_argument(
            "--pdf",
            action="store_true",
            help="A PDF for the person to read instead of JSON (needs --output).",
        )
        erase = sub.add_parser(
            "erasure-report",
            help="Dry run: what erasing a person would delete (logged).",
        )
        erase.add_argument("person", help="The person's uuid (never a BSN).")
        really = sub.add_parser(
            "erase",
            help="Delete a person and everything that hangs on them (AVG art. 17).",
        )
        really.add_argument("--person", required=True, help="The person's uuid.")
        really.add_argument(
            "--reason",
            required=True,
            help="Why (kept in the access log; no name or BSN).",
        )
        really.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation."
        )

    def handle(self, *args, **options):
        if options["subcommand"] in ("subject-export", "erasure-report"):
            self._subject(options)
            return
        if options["subcommand"] == "erase":
            self._erase(options)
            return
        if options["subcommand"] == "matrix":
            text = write_doc(options["write"])
            if options["write"]:
                self.stdout.write(f"{options['write']} bijgewerkt.")
            else:
                self.stdout.write(text, ending="")
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

        person = self._person(options["person"])
        if options.get("pdf"):
            if not options.get("output"):
                raise CommandError("--pdf needs --output FILE.")
            from maxww.audit.subject_rights import subject_export_pdf

            pdf = subject_export_pdf(person=person, user=None, on=timezone.localdate())
            with open(options["output"], "wb") as handle:
                handle.write(pdf)
            self.stdout.write(f"Written to {options['output']}.")
            return
        if options["subcommand"] == "erasure-report":
            report = erasure_report(person=person, user=None)
            data = {
                "person": report.person,
                "can_erase": report.can_erase,
                "would_delete": report.would_delete,
                "blocked_by": report.blocked_by,
                "reasons": report.reasons,
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

    def _person(self, ref: str):
        from django.core.exceptions import ValidationError

        from maxww.people.models import Person

        try:
            person = Person.objects.filter(uuid=ref).first()
        except ValidationError:
            person = None
        if person is None:
            raise CommandError(f"No person with uuid {ref}.")
        return person

    def _erase(self, options) -> None:
        from maxww.audit.subject_rights import (
            ErasureRefusedError,
            erase_person,
            erasure_report,
        )

        person = self._person(options["person"])
        report = erasure_report(person=person, user=None)
        for label, n in sorted(report.would_delete.items()):
            self.stdout.write(f"  {label}: {n}")
        if report.can_erase and not options["yes"]:
            answer = input(
                f"Persoon {report.person} en bovenstaande gegevens definitief "
                "verwijderen? Typ 'ja': "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Niet verwijderd.", returncode=1)
        try:
            # A blocked erasure is refused (and logged as such) here.
            erase_person(person=person, user=None, reason=options["reason"])
        except ErasureRefusedError as exc:
            raise CommandError(
                "Verwijderen kan niet: " + " ".join(exc.messages), returncode=1
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Persoon {report.person} verwijderd "
                f"({sum(report.would_delete.values())} regels)."
            )
        )
