"""Signed exchange between deployments: export a package, verify and import one."""

from __future__ import annotations

import json
import uuid as uuid_lib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.handover import signing
from maxww.handover.constants import (
    PACKAGE_FORMAT,
    PACKAGE_VALID_DAYS,
    PACKAGE_VERSION,
    HandoverStatus,
)
from maxww.handover.dossier import schema_errors
from maxww.handover.models import Handover, TrustedKey
from maxww.organisations.models import Municipality, Organisation, User
from maxww.people.bsn import bsn_hash, encrypt_bsn
from maxww.people.constants import GrantBasis
from maxww.people.models import Household, Person
from maxww.people.services import grant_access

from ._common import PackageRejectedError, _db
from .keys import active_key

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = structlog.stdlib.get_logger(__name__)


def export_package(
    *,
    handover: Handover,
    by: User | None,
    now: datetime,
    request: HttpRequest | None = None,
) -> dict[str, Any]:
    """A signed package of the handover, for a municipality's own deployment."""
    if handover.from_organisation is None:
        raise ValidationError(
            _("Een ontvangen overdracht kan niet worden doorgestuurd.")
        )
    key = active_key(handover.from_organisation, now=now)
    expires = now + timedelta(days=PACKAGE_VALID_DAYS)
    if key.expires_at and key.expires_at < expires:
        expires = key.expires_at
    header = {
        "format": PACKAGE_FORMAT,
        "version": PACKAGE_VERSION,
        "key_id": key.key_id,
        "sender": handover.from_organisation.name,
        "recipient": handover.to_organisation.name,
        "created_at": now.isoformat(),
        "package_id": str(uuid_lib.uuid4()),
        "expires_at": expires.isoformat(),
    }
    payload = handover.document
    package = {
        "header": header,
        "payload": payload,
        "signature": signing.sign(
            signing.load_private(key.private_key_encrypted), header, payload
        ),
    }
    log_access(
        user=by,
        action=Action.SENT,
        obj=handover,
        person_ref=str(handover.person.uuid),
        legal_basis=LegalBasis.CONSENT,
        purpose=f"ondertekend pakket voor {handover.to_organisation.name}",
        request=request,
        event="handover_exported",
    )
    logger.info("handover_exported", handover=str(handover.uuid), key=key.key_id)
    return package


@dataclass(frozen=True)
class ImportResult:
    handover: Handover
    created: bool
    message: str


HEADER_FIELDS = (
    "format",
    "version",
    "key_id",
    "sender",
    "recipient",
    "created_at",
    "package_id",
    "expires_at",
)


def _reject(code: str, message: str) -> PackageRejectedError:
    logger.warning("handover_import_rejected", code=code)
    return PackageRejectedError(code, message)


def _parse_package(data: bytes | str | dict) -> tuple[dict, dict, str]:
    if isinstance(data, dict):
        package = data
    else:
        try:
            package = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise _reject(
                "invalid_json", _("Het bestand is geen geldig JSON-pakket.")
            ) from exc
    if not isinstance(package, dict) or set(package) != {
        "header",
        "payload",
        "signature",
    }:
        raise _reject(
            "invalid_envelope",
            _("Het pakket moet precies 'header', 'payload' en 'signature' bevatten."),
        )
    header, payload, signature = (
        package["header"],
        package["payload"],
        package["signature"],
    )
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise _reject("invalid_envelope", _("Header en payload moeten objecten zijn."))
    missing = [f for f in HEADER_FIELDS if not isinstance(header.get(f), str)]
    if missing or not isinstance(signature, str):
        raise _reject(
            "invalid_envelope",
            _("De header mist of heeft ongeldige velden: %(f)s.")
            % {"f": ", ".join(missing) or "signature"},
        )
    if header["format"] != PACKAGE_FORMAT or header["version"] != PACKAGE_VERSION:
        raise _reject(
            "unsupported_format",
            _("Onbekend pakketformaat %(f)s versie %(v)s.")
            % {"f": header["format"], "v": header["version"]},
        )
    return header, payload, signature


def _moment(value: str, field: str) -> datetime:
    moment = parse_datetime(value)
    if moment is None or timezone.is_naive(moment):
        raise _reject(
            "invalid_envelope", _("Ongeldige datum-tijd in %(f)s.") % {"f": field}
        )
    return moment


def verify_package(
    data: bytes | str | dict, *, organisation: Organisation, now: datetime
) -> tuple[dict, dict]:
    """Check a package fully without storing anything; (header, payload).

    Raises PackageRejectedError with a code and a Dutch reason.
    """
    header, payload, signature = _parse_package(data)
    trusted = TrustedKey.objects.filter(key_id=header["key_id"]).first()
    if trusted is None or trusted.organisation_identifier != header["sender"]:
        raise _reject(
            "unknown_key",
            _(
                "De sleutel %(key)s van %(sender)s is hier niet geregistreerd. "
                "Registreer de publieke sleutel met 'maxww handover trust'."
            )
            % {"key": header["key_id"], "sender": header["sender"]},
        )
    if trusted.revoked_at is not None and trusted.revoked_at <= now:
        raise _reject(
            "key_revoked",
            _("De sleutel %(key)s is ingetrokken.") % {"key": trusted.key_id},
        )
    if trusted.expires_at is not None and trusted.expires_at <= now:
        raise _reject(
            "key_expired",
            _("De sleutel %(key)s is verlopen op %(date)s.")
            % {
                "key": trusted.key_id,
                "date": timezone.localtime(trusted.expires_at).strftime("%d-%m-%Y"),
            },
        )
    if not signing.verify(trusted.public_key, header, payload, signature):
        raise _reject(
            "bad_signature",
            _(
                "De handtekening klopt niet: het pakket is na ondertekening gewijzigd "
                "of niet door %(sender)s ondertekend."
            )
            % {"sender": header["sender"]},
        )
    if _moment(header["expires_at"], "expires_at") <= now:
        raise _reject("package_expired", _("Het pakket is verlopen."))
    if header["recipient"] != organisation.name or (
        payload.get("recipient", {}).get("organisation") != organisation.name
    ):
        raise _reject(
            "wrong_recipient",
            _("Dit pakket is bestemd voor %(to)s, niet voor %(org)s.")
            % {"to": header["recipient"], "org": organisation.name},
        )
    errors = schema_errors(payload)
    if errors:
        raise _reject(
            "invalid_dossier",
            _("Het dossier voldoet niet aan het schema: %(e)s")
            % {"e": "; ".join(errors[:5])},
        )
    return header, payload


def import_package(
    data: bytes | str | dict,
    *,
    organisation: Organisation,
    by: User | None,
    now: datetime,
    request: HttpRequest | None = None,
) -> ImportResult:
    """Verify and store a package from another deployment, all or nothing.

    Importing the same package again changes nothing and reports 'al ontvangen';
    another package reusing a package id is refused as a replay.
    """
    header, payload = verify_package(data, organisation=organisation, now=now)
    package_id = header["package_id"]
    existing = _already_received(package_id, payload)
    if existing is not None:
        return existing
    data_person = payload["person"]
    municipality = Municipality.objects.filter(
        code=data_person["municipality"]["code"]
    ).first()
    if municipality is None:
        raise _reject(
            "unknown_municipality",
            _("Gemeente %(code)s is in deze omgeving onbekend.")
            % {"code": data_person["municipality"]["code"]},
        )
    handover = _store(
        header, payload, municipality, organisation=organisation, by=by, request=request
    )
    logger.info("handover_received", handover=str(handover.uuid), package=package_id)
    return ImportResult(handover, True, _("Overdracht ontvangen."))


def _already_received(package_id: str, payload: dict) -> ImportResult | None:
    """The result for a package received before; a replay (same id, other
    dossier) is refused; None for a new package."""
    existing = Handover.objects.filter(package_id=package_id).first()
    if existing is None:
        return None
    if existing.document == payload:
        return ImportResult(
            existing,
            False,
            _("Dit pakket is al ontvangen op %(date)s; er is niets gewijzigd.")
            % {
                "date": timezone.localtime(existing.created_at).strftime(
                    "%d-%m-%Y %H:%M"
                )
            },
        )
    raise _reject(
        "replay",
        _("Pakket-id %(id)s is al gebruikt voor een ander dossier.")
        % {"id": package_id},
    )


def _store(
    header: dict,
    payload: dict,
    municipality: Municipality,
    *,
    organisation: Organisation,
    by: User | None,
    request: HttpRequest | None,
) -> Handover:
    """In one transaction: the person, the handover, the consent's grant, the
    audit line."""
    package_id = header["package_id"]
    with transaction.atomic(using=_db()):
        person = _upsert_person(payload, municipality, organisation)
        handover = Handover.objects.create(
            uuid=payload["handover_id"]
            if not Handover.objects.filter(uuid=payload["handover_id"]).exists()
            else uuid_lib.uuid4(),
            person=person,
            from_name=header["sender"],
            to_organisation=organisation,
            document=payload,
            version=payload["version"],
            status=HandoverStatus.RECEIVED,
            planned_talk_at=parse_datetime(payload["handover_talk"]["planned_at"] or "")
            if payload["handover_talk"]["planned_at"]
            else None,
            notes=payload["notes"],
            package_id=package_id,
            created_by=by,
        )
        grant_access(
            person=person,
            organisation=organisation,
            basis=GrantBasis.CONSENT,
            source=f"consent:{payload['consent']['uuid']}",
        )
        log_access(
            user=by,
            action=Action.RECEIVED,
            obj=handover,
            person_ref=str(person.uuid),
            legal_basis=LegalBasis.CONSENT,
            purpose=f"warme overdracht van {header['sender']}",
            request=request,
            event="handover_received",
        )
    return handover


def _upsert_person(
    payload: dict, municipality: Municipality, organisation: Organisation
) -> Person:
    data = payload["person"]
    person = Person.objects.filter(bsn_hash=bsn_hash(data["bsn"])).first()
    if person is None:
        person = Person.objects.create(
            uuid=data["uuid"]
            if not Person.objects.filter(uuid=data["uuid"]).exists()
            else uuid_lib.uuid4(),
            bsn_hash=bsn_hash(data["bsn"]),
            bsn_encrypted=encrypt_bsn(data["bsn"]),
            initials=data["initials"],
            first_name=data["first_name"],
            surname_prefix=data["surname_prefix"],
            last_name=data["last_name"],
            birth_date=date.fromisoformat(data["birth_date"]),
            postcode=data["postcode"],
            house_number=data["house_number"],
            municipality=municipality,
            email=data["email"],
            phone=data["phone"],
            owner=organisation,
        )
    facts = payload["household"]
    if facts is not None and not Household.objects.filter(person=person).exists():
        Household.objects.create(
            person=person,
            household_type=facts["household_type"],
            partner_birth_date=facts["partner_birth_date"],
            partner_net_monthly_income=facts["partner_net_monthly_income"],
            co_residents_27_plus=facts["co_residents_27_plus"],
            children=facts["children"],
            assets=facts["assets"],
            debts=facts["debts"],
            home_equity=facts["home_equity"],
            known_on=facts["known_on"],
        )
    return person
