"""maxww handover keygen|export|import|trust: signed exchange between deployments."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from maxww.handover import services
from maxww.handover.constants import PACKAGE_SUFFIX
from maxww.handover.models import Handover
from maxww.organisations.models import Organisation


def _organisation(name: str) -> Organisation:
    try:
        return Organisation.objects.get(name=name)
    except Organisation.DoesNotExist as exc:
        raise CommandError(f"Organisatie '{name}' bestaat niet.") from exc


class Command(BaseCommand):
    help = "Ondertekende overdrachtspakketten: sleutels maken, exporteren, importeren."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        keygen = sub.add_parser("keygen", help="Nieuwe ondertekeningssleutel.")
        keygen.add_argument("--organisation", required=True)
        keygen.add_argument("--days", type=int, default=730)
        keygen.add_argument(
            "--out", help="Schrijf de publieke sleutel naar dit bestand."
        )
        export = sub.add_parser("export", help="Exporteer een overdracht als pakket.")
        export.add_argument(
            "handover_or_traject", help="UUID van overdracht of traject"
        )
        export.add_argument("--to", required=True, help="Ontvangende organisatie")
        export.add_argument("--out", required=True)
        imp = sub.add_parser("import", help="Importeer een pakket.")
        imp.add_argument("file")
        imp.add_argument("--organisation", required=True)
        trust = sub.add_parser("trust", help="Vertrouw een publieke sleutel.")
        trust.add_argument("--organisation", required=True)
        trust.add_argument("--key", required=True, help="Bestand van 'keygen --out'")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _keygen(self, options):
        org = _organisation(options["organisation"])
        key = services.generate_key(
            organisation=org, now=timezone.now(), valid_days=options["days"]
        )
        public = json.dumps(services.public_key_file(key), indent=1)
        if options.get("out"):
            Path(options["out"]).write_text(public, encoding="utf-8")
        self.stdout.write(public)

    def _export(self, options):
        ref = options["handover_or_traject"]
        to = _organisation(options["to"])
        handover = Handover.objects.filter(uuid=ref).first() if _is_uuid(ref) else None
        if handover is None:
            from maxww.trajects.models import Traject

            traject = (
                Traject.objects.filter(uuid=ref).first() if _is_uuid(ref) else None
            )
            if traject is None:
                raise CommandError(f"Geen overdracht of traject met uuid {ref}.")
            handover = (
                traject.handovers.filter(to_organisation=to).first()
                or services.hand_over(
                    traject=traject,
                    to_organisation=to,
                    by=traject.coach,
                    on=timezone.localdate(),
                )
                if traject.coach
                else None
            )
            if handover is None:
                raise CommandError("Het traject heeft geen coach om namens te sturen.")
        try:
            package = services.export_package(
                handover=handover, by=None, now=timezone.now()
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        out = options["out"]
        if not out.endswith(PACKAGE_SUFFIX):
            self.stderr.write(f"Tip: gebruik de extensie {PACKAGE_SUFFIX}.")
        Path(out).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
        self.stdout.write(f"Pakket {package['header']['package_id']} geschreven.")

    def _import(self, options):
        org = _organisation(options["organisation"])
        try:
            result = services.import_package(
                Path(options["file"]).read_bytes(),
                organisation=org,
                by=None,
                now=timezone.now(),
            )
        except services.PackageRejectedError as exc:
            raise CommandError(f"Geweigerd ({exc.code}): {exc.message}") from exc
        self.stdout.write(f"{result.message} Overdracht {result.handover.uuid}.")

    def _trust(self, options):
        data = json.loads(Path(options["key"]).read_text(encoding="utf-8"))
        expires = parse_datetime(data["expires_at"]) if data.get("expires_at") else None
        try:
            key = services.trust_key(
                organisation_identifier=options["organisation"],
                public_key=data["public_key"],
                expires_at=expires,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Sleutel {key.key_id} van {key.organisation_identifier} vertrouwd."
        )


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
