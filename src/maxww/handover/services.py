"""Warm handover, signed exchange between deployments, the bijstand gate.

Public surface for other apps: ``build_dossier``, ``hand_over``,
``HandoverRefusedError``, ``consent_for``, ``receiving_organisations``,
``export_package``, ``import_package``, ``PackageRejectedError``,
``generate_key``, ``trust_key``, ``register_application``, ``record_check``,
``overdue_checks``, ``indication``, ``suggest_route``, ``choose_route``,
``visible_applications``, ``shared_with``. Time is always passed in
(``on``/``now``); nothing reads today's date itself.
"""

from __future__ import annotations

import json
import uuid as uuid_lib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.models import Municipality, Organisation, User
from maxww.people.bsn import bsn_hash, encrypt_bsn
from maxww.people.constants import GrantBasis, HouseholdType
from maxww.people.models import Household, Person
from maxww.people.services import grant_access
from maxww.rules import (
    BijstandCase,
    BijstandResult,
    evaluate_bijstand,
    explain_bijstand,
)
from maxww.rules import Household as RulesHousehold

from . import signing
from .constants import (
    CHECK_WORKING_DAYS,
    DOSSIER_VERSION,
    OPEN_APPLICATION_STATUSES,
    PACKAGE_FORMAT,
    PACKAGE_VALID_DAYS,
    PACKAGE_VERSION,
    ApplicationSource,
    ApplicationStatus,
    Barrier,
    CheckKind,
    CheckStatus,
    HandoverStatus,
    Motivation,
    Route,
    TimeToWork,
)
from .dossier import build_document, schema_errors
from .models import (
    BijstandApplication,
    GatekeeperCheck,
    Handover,
    OrganisationKey,
    TrustedKey,
)
from .workdays import add_working_days

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.trajects.models import Consent, Traject

logger = structlog.stdlib.get_logger(__name__)

RECEIVING_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.SHARED_SERVICE)


class HandoverRefusedError(ValidationError):
    """The dossier may not go to this organisation; the message says why."""


class PackageRejectedError(Exception):
    """An imported package was refused; nothing was stored."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _db() -> str:
    """The database handover data is written to (routers may move it)."""
    return router.db_for_write(Handover)


# ---------------------------------------------------------------- dossier


def receiving_organisations(person: Person) -> QuerySet[Organisation]:
    """Municipalities and shared services whose area holds the person's home."""
    return Organisation.objects.filter(
        kind__in=RECEIVING_KINDS,
        is_active=True,
        municipalities=person.municipality_id,
    ).order_by("name")


def consent_for(person: Person, organisation: Organisation) -> Consent | None:
    """The active consent to share with this municipality, if any."""
    from maxww.trajects.constants import ConsentPurpose
    from maxww.trajects.models import Consent

    return (
        Consent.objects.filter(
            person=person,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            recipient=organisation,
            withdrawn_at__isnull=True,
        )
        .select_related("recipient")
        .order_by("-given_at")
        .first()
    )


def check_allowed(*, traject: Traject, to_organisation: Organisation) -> Consent:
    """The consent that allows this handover, or HandoverRefusedError saying why."""
    if to_organisation.kind not in RECEIVING_KINDS:
        raise HandoverRefusedError(
            _(
                "%(org)s is geen gemeente of sociale dienst; een overdracht voor "
                "bijstand gaat alleen naar de gemeente."
            )
            % {"org": to_organisation.name}
        )
    if to_organisation.pk == traject.organisation_id:
        raise HandoverRefusedError(
            _("U kunt een dossier niet aan uw eigen organisatie overdragen.")
        )
    consent = consent_for(traject.person, to_organisation)
    if consent is None:
        raise HandoverRefusedError(
            _(
                "Er is geen geldige toestemming van de klant om gegevens te delen met "
                "%(org)s. Leg eerst de toestemming 'Gegevens delen met gemeente' vast "
                "voor deze organisatie; zonder toestemming mag UWV of een partner "
                "geen persoonsgegevens aan de gemeente geven."
            )
            % {"org": to_organisation.name}
        )
    return consent


def build_dossier(
    *,
    traject: Traject,
    to_organisation: Organisation,
    by: User | None,
    on: date,
    planned_talk_at: datetime | None = None,
    notes: str = "",
    handover_id: str | None = None,
    created_at: datetime | None = None,
) -> dict[str, Any]:
    """The handover dossier for one traject, or HandoverRefusedError.

    The document contains the decrypted BSN: it is meant for the receiving
    organisation only. ``by`` is recorded by :func:`hand_over`, not here.
    """
    consent = check_allowed(traject=traject, to_organisation=to_organisation)
    moment = created_at or timezone.make_aware(
        datetime.combine(on, timezone.localtime().time())
    )
    return build_document(
        traject=traject,
        to_organisation=to_organisation,
        consent=consent,
        handover_id=handover_id or str(uuid_lib.uuid4()),
        created_at=moment,
        planned_talk_at=planned_talk_at,
        notes=notes,
    )


def hand_over(
    *,
    traject: Traject,
    to_organisation: Organisation,
    by: User,
    on: date,
    planned_talk_at: datetime | None = None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> Handover:
    """Send the dossier to a municipality in this deployment (a transfer).

    The receiving organisation gets access on the consent's basis; revoking the
    consent revokes that access too. Logged as ``handover_sent``.
    """
    with transaction.atomic(using=_db()):
        handover_id = uuid_lib.uuid4()
        document = build_dossier(
            traject=traject,
            to_organisation=to_organisation,
            by=by,
            on=on,
            planned_talk_at=planned_talk_at,
            notes=notes,
            handover_id=str(handover_id),
        )
        handover = Handover.objects.create(
            uuid=handover_id,
            person=traject.person,
            traject=traject,
            from_organisation=traject.organisation,
            from_name=traject.organisation.name,
            to_organisation=to_organisation,
            document=document,
            version=DOSSIER_VERSION,
            status=HandoverStatus.SENT,
            planned_talk_at=planned_talk_at,
            notes=notes,
            created_by=by,
        )
        grant_access(
            person=traject.person,
            organisation=to_organisation,
            basis=GrantBasis.CONSENT,
            source=f"consent:{document['consent']['uuid']}",
        )
        log_access(
            user=by,
            action=Action.SENT,
            obj=handover,
            person_ref=str(traject.person.uuid),
            legal_basis=LegalBasis.CONSENT,
            purpose=f"warme overdracht aan {to_organisation.name}",
            request=request,
            event="handover_sent",
        )
    logger.info("handover_sent", handover=str(handover.uuid), to=to_organisation.pk)
    return handover


# ---------------------------------------------------------------- keys


def generate_key(
    *, organisation: Organisation, now: datetime, valid_days: int | None = 730
) -> OrganisationKey:
    """A new Ed25519 signing key for the organisation (older keys stay valid)."""
    public, private_encrypted = signing.new_keypair()
    key = OrganisationKey.objects.create(
        organisation=organisation,
        key_id=signing.key_id_for(public),
        public_key=public,
        private_key_encrypted=private_encrypted,
        valid_from=now,
        expires_at=now + timedelta(days=valid_days) if valid_days else None,
    )
    logger.info("signing_key_generated", organisation=organisation.pk, key=key.key_id)
    return key


def active_key(organisation: Organisation, *, now: datetime) -> OrganisationKey:
    """The newest usable signing key, or ValidationError."""
    key = (
        OrganisationKey.objects.filter(
            organisation=organisation, revoked_at__isnull=True, valid_from__lte=now
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("-valid_from", "-id")
        .first()
    )
    if key is None:
        raise ValidationError(
            _(
                "%(org)s heeft geen geldige ondertekeningssleutel. Maak er een met "
                "'maxww handover keygen --organisation \"%(org)s\"'."
            )
            % {"org": organisation.name}
        )
    return key


def public_key_file(key: OrganisationKey) -> dict[str, Any]:
    """What the other deployment needs to trust this key (JSON)."""
    return {
        "format": "maxww-public-key",
        "organisation": key.organisation.name,
        "key_id": key.key_id,
        "public_key": key.public_key,
        "algorithm": "Ed25519",
        "expires_at": key.expires_at.isoformat() if key.expires_at else None,
    }


def trust_key(
    *,
    organisation_identifier: str,
    public_key: str,
    expires_at: datetime | None = None,
) -> TrustedKey:
    """Register another deployment's public key (idempotent on the key id)."""
    try:
        signing.load_public(public_key)
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("Dit is geen geldige Ed25519-sleutel.")) from exc
    key, _created = TrustedKey.objects.update_or_create(
        key_id=signing.key_id_for(public_key),
        defaults={
            "organisation_identifier": organisation_identifier,
            "public_key": public_key,
            "expires_at": expires_at,
        },
    )
    return key


# ---------------------------------------------------------------- exchange


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
    existing = Handover.objects.filter(package_id=package_id).first()
    if existing is not None:
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
    logger.info("handover_received", handover=str(handover.uuid), package=package_id)
    return ImportResult(handover, True, _("Overdracht ontvangen."))


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


# ---------------------------------------------------------------- applications


def visible_applications(user: User) -> QuerySet[BijstandApplication]:
    """Applications at the user's organisation of people the user may see."""
    if not getattr(user, "organisation_id", None):
        return BijstandApplication.objects.none()
    return BijstandApplication.objects.filter(
        organisation_id=user.organisation_id,
        person__in=Person.objects.visible_to(user),
    )


def incoming_handovers(user: User) -> QuerySet[Handover]:
    """Handovers to the user's organisation that have no application yet."""
    if not getattr(user, "organisation_id", None):
        return Handover.objects.none()
    return Handover.objects.filter(
        to_organisation_id=user.organisation_id,
        application__isnull=True,
        person__in=Person.objects.visible_to(user),
    ).select_related("person")


def facts_from_handover(handover: Handover) -> dict[str, Any]:
    """Initial application facts from the dossier's household block."""
    facts = handover.document.get("household") or {}
    return {
        "household_type": facts.get("household_type") or HouseholdType.UNKNOWN,
        "partner_birth_date": facts.get("partner_birth_date"),
        "co_residents_27_plus": facts.get("co_residents_27_plus") or 0,
        "has_children": bool(facts.get("children")),
        "net_monthly_income": facts.get("partner_net_monthly_income") or "0.00",
        "assets": facts.get("assets") or "0.00",
        "debts": facts.get("debts") or "0.00",
        "home_equity": facts.get("home_equity") or "0.00",
    }


APPLICATION_FACTS = (
    "household_type",
    "partner_birth_date",
    "co_residents_27_plus",
    "has_children",
    "net_monthly_income",
    "assets",
    "debts",
    "home_equity",
)


def register_application(
    *,
    person: Person,
    organisation: Organisation,
    by: User | None,
    application_date: date,
    received_at: datetime,
    handover: Handover | None = None,
    request: HttpRequest | None = None,
    **facts: Any,
) -> BijstandApplication:
    """Register a bijstand application with its five checks due in 48 working hours.

    The organisation gets access on the basis 'bijstandsaanvraag'.
    """
    unknown = set(facts) - set(APPLICATION_FACTS)
    if unknown:
        raise TypeError(f"unknown facts: {sorted(unknown)}")
    if handover is not None and hasattr(handover, "application"):
        raise ValidationError(
            _("Voor deze overdracht is al een aanvraag geregistreerd.")
        )
    with transaction.atomic(using=_db()):
        application = BijstandApplication(
            person=person,
            organisation=organisation,
            handover=handover,
            source=ApplicationSource.HANDOVER if handover else ApplicationSource.FRESH,
            application_date=application_date,
            received_at=received_at,
            registered_by=by,
            **{k: v for k, v in facts.items() if v is not None},
        )
        application.full_clean(exclude=["person", "organisation", "handover"])
        application.save()
        deadline = add_working_days(received_at, CHECK_WORKING_DAYS)
        GatekeeperCheck.objects.bulk_create(
            GatekeeperCheck(application=application, kind=kind, deadline=deadline)
            for kind in CheckKind.values
        )
        grant_access(
            person=person,
            organisation=organisation,
            basis=GrantBasis.APPLICATION,
            source=f"application:{application.uuid}",
        )
        if handover is not None:
            handover.status = HandoverStatus.ACCEPTED
            handover.save(update_fields=["status"])
        log_access(
            user=by,
            action=Action.CREATED,
            obj=application,
            person_ref=str(person.uuid),
            legal_basis=LegalBasis.APPLICATION,
            purpose="bijstandsaanvraag geregistreerd",
            request=request,
            event="application_registered",
        )
    logger.info("application_registered", application=str(application.uuid))
    return application


class PersonMismatchError(ValidationError):
    """The BSN belongs to a person on record whose name or birth date differs."""

    def __init__(self, existing: Person):
        super().__init__(
            _(
                "Dit BSN hoort bij iemand anders dan de ingevulde gegevens. "
                "Vergelijk beide en beslis of het dezelfde persoon is."
            ),
            code="person_mismatch",
        )
        self.existing = existing


def _differs(person: Person, last_name: str, birth_date: date) -> bool:
    return (
        person.last_name.strip().casefold() != last_name.strip().casefold()
        or person.birth_date != birth_date
    )


def register_fresh_application(
    *,
    bsn: str,
    last_name: str,
    birth_date: date,
    municipality: Municipality,
    organisation: Organisation,
    by: User,
    application_date: date,
    received_at: datetime,
    person_fields: dict[str, str] | None = None,
    same_person_confirmed: bool = False,
    request: HttpRequest | None = None,
    **facts: Any,
) -> BijstandApplication:
    """A walk-in application: find the person by BSN or create them, then register.

    A BSN on record with another surname or birth date raises
    ``PersonMismatchError`` until a person confirms it is the same person.
    """
    with transaction.atomic(using=_db()):
        person = Person.objects.filter(bsn_hash=bsn_hash(bsn)).first()
        if (
            person is not None
            and not same_person_confirmed
            and _differs(person, last_name, birth_date)
        ):
            raise PersonMismatchError(person)
        if person is None:
            person = Person.objects.create(
                bsn_hash=bsn_hash(bsn),
                bsn_encrypted=encrypt_bsn(bsn),
                last_name=last_name,
                birth_date=birth_date,
                municipality=municipality,
                owner=organisation,
                **(person_fields or {}),
            )
        return register_application(
            person=person,
            organisation=organisation,
            by=by,
            application_date=application_date,
            received_at=received_at,
            request=request,
            **facts,
        )


def record_check(
    *,
    check: GatekeeperCheck,
    status: CheckStatus | str,
    note: str,
    by: User,
    now: datetime,
) -> GatekeeperCheck:
    """Complete (or reopen) one check; a problem needs a note."""
    if status not in CheckStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if status == CheckStatus.PROBLEM and not note.strip():
        raise ValidationError({"note": _("Beschrijf het probleem in de notitie.")})
    check.status = status
    check.note = note
    check.done_by = by if status != CheckStatus.OPEN else None
    check.done_at = now if status != CheckStatus.OPEN else None
    check.save(update_fields=["status", "note", "done_by", "done_at"])
    application = check.application
    if application.status == ApplicationStatus.RECEIVED:
        application.status = ApplicationStatus.CHECKING
        application.save(update_fields=["status"])
    return check


def overdue_checks(*, organisation: Organisation, now: datetime) -> QuerySet:
    """Open checks past their deadline, oldest first."""
    return (
        GatekeeperCheck.objects.filter(
            application__organisation=organisation,
            application__status__in=OPEN_APPLICATION_STATUSES,
            status=CheckStatus.OPEN,
            deadline__lt=now,
        )
        .select_related("application__person")
        .order_by("deadline", "id")
    )


def indication(application: BijstandApplication) -> BijstandResult | None:
    """The rules engine on the facts as entered; None while the household is unknown."""
    if application.household_type == HouseholdType.UNKNOWN:
        return None
    if (
        application.household_type == HouseholdType.COUPLE
        and not application.partner_birth_date
    ):
        return None
    case = BijstandCase(
        reference_date=application.application_date,
        household=RulesHousehold(application.household_type),
        applicant_birth_date=application.person.birth_date,
        partner_birth_date=application.partner_birth_date
        if application.household_type == HouseholdType.COUPLE
        else None,
        co_residents_27_plus=application.co_residents_27_plus,
        net_monthly_income_eur=Decimal(application.net_monthly_income),
        assets_eur=Decimal(application.assets),
        debts_eur=Decimal(application.debts),
        home_equity_eur=Decimal(application.home_equity),
        has_children=application.has_children,
    )
    return evaluate_bijstand(case, on=application.application_date)


def explain(result: BijstandResult) -> list[str]:
    return explain_bijstand(result)


def search_period_end(
    application: BijstandApplication, result: BijstandResult | None
) -> date | None:
    """End of the zoektermijn (under-27s): application date + the engine's weeks."""
    if result is None or not result.job_search_period_weeks:
        return None
    return application.application_date + timedelta(
        weeks=result.job_search_period_weeks
    )


# ---------------------------------------------------------------- route


def suggest_route(answers: dict[str, Any]) -> tuple[str, str]:
    """The route the conversation points to, with its reason (Dutch).

    Care needs come first; then expected time to work decides between the
    labour market (within a year, with some motivation) and participation.
    """
    barriers = [Barrier(b).label for b in answers.get("barriers", [])]
    expected = answers.get("expected_time_to_work")
    motivation = answers.get("motivation")
    if answers.get("care_needs"):
        return Route.CARE, _(
            "Er zijn zorgvragen die eerst aandacht nodig hebben%(b)s; werk of "
            "activering volgt daarna."
        ) % {"b": f" (belemmeringen: {', '.join(barriers)})" if barriers else ""}
    if expected in (TimeToWork.WITHIN_3_MONTHS, TimeToWork.WITHIN_1_YEAR) and (
        motivation != Motivation.LOW
    ):
        return Route.WORK, _(
            "Verwacht %(t)s aan het werk te zijn en gemotiveerd: route arbeidsmarkt."
        ) % {"t": TimeToWork(expected).label.lower()}
    return Route.PARTICIPATION, _(
        "Werk is naar verwachting niet binnen een jaar haalbaar%(b)s: eerst "
        "participatie en activering."
    ) % {"b": f" (belemmeringen: {', '.join(barriers)})" if barriers else ""}


def least_loaded_case_manager(organisation: Organisation) -> User | None:
    """The case manager of the organisation with the fewest open applications."""
    return (
        User.objects.filter(
            organisation=organisation, role=Role.CASE_MANAGER, is_active=True
        )
        .annotate(
            load=Count(
                "bijstand_caseload",
                filter=Q(bijstand_caseload__status__in=OPEN_APPLICATION_STATUSES),
            )
        )
        .order_by("load", "id")
        .first()
    )


def choose_route(
    *,
    application: BijstandApplication,
    answers: dict[str, Any],
    by: User,
    now: datetime,
    route: str = "",
    reason: str = "",
    case_manager: User | None = None,
) -> BijstandApplication:
    """Record the route conversation, the route with its reason and the case manager.

    Without ``route`` the suggested route is taken; a different route needs a reason.
    """
    suggested, suggested_reason = suggest_route(answers)
    route = route or suggested
    if route not in Route.values:
        raise ValidationError({"route": _("Kies een bestaande route.")})
    if route != suggested and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "U kiest een andere route dan de voorgestelde: geef de reden."
                )
            }
        )
    if application.status in (ApplicationStatus.DECIDED, ApplicationStatus.WITHDRAWN):
        raise ValidationError(_("Deze aanvraag is al afgehandeld."))
    if case_manager is not None and (
        case_manager.organisation_id != application.organisation_id
        or case_manager.role != Role.CASE_MANAGER
    ):
        raise ValidationError(
            {"case_manager": _("Kies een klantmanager van deze organisatie.")}
        )
    case_manager = case_manager or least_loaded_case_manager(application.organisation)
    application.route = route
    application.route_reason = reason.strip() or suggested_reason
    application.route_answers = {**answers, "suggested_route": suggested}
    application.route_chosen_at = now
    application.route_chosen_by = by
    application.case_manager = case_manager
    application.status = ApplicationStatus.ROUTE_CHOSEN
    application.save()
    logger.info(
        "route_chosen",
        application=str(application.uuid),
        route=route,
        case_manager=case_manager.pk if case_manager else None,
    )
    return application


# ---------------------------------------------------------------- client's side


def shared_with(person: Person) -> list[dict[str, Any]]:
    """What was shared about the person, with whom and when (for the portal)."""
    rows = (
        Handover.objects.filter(person=person)
        .select_related("to_organisation")
        .order_by("-created_at")
    )
    result = []
    for h in rows:
        doc = h.document
        result.append(
            {
                "handover": str(h.uuid),
                "from": h.from_name,
                "to": h.to_organisation.name,
                "at": h.created_at,
                "status": h.get_status_display(),
                "consent": doc.get("consent", {}).get("uuid"),
                "what": [
                    str(label)
                    for key, label in SHARED_PARTS
                    if doc.get(key) not in (None, [], {})
                ],
            }
        )
    return result


SHARED_PARTS = (
    ("person", gettext_lazy("Persoonsgegevens (naam, BSN, geboortedatum, adres)")),
    ("household", gettext_lazy("Huishouden")),
    ("ww_claims", gettext_lazy("WW-gegevens")),
    ("jobready_check", gettext_lazy("Werkfit-check")),
    ("plan", gettext_lazy("Werkplan en wat is gedaan")),
    ("contacts", gettext_lazy("Contactmomenten (samenvatting)")),
    ("instruments", gettext_lazy("Ingezette instrumenten")),
    ("closing_report", gettext_lazy("Eindverslag")),
)
