"""Bijstand applications: registering them, the gatekeeper checks, the indication."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.handover.constants import (
    CHECK_WORKING_DAYS,
    OPEN_APPLICATION_STATUSES,
    ApplicationSource,
    ApplicationStatus,
    CheckKind,
    CheckStatus,
    HandoverStatus,
)
from maxww.handover.models import BijstandApplication, GatekeeperCheck, Handover
from maxww.handover.workdays import add_working_days
from maxww.organisations.models import Municipality, Organisation, User
from maxww.people.bsn import bsn_hash, encrypt_bsn
from maxww.people.constants import GrantBasis, HouseholdType
from maxww.people.models import Person
from maxww.people.services import grant_access
from maxww.rules import (
    BijstandCase,
    BijstandResult,
    evaluate_bijstand,
    explain_bijstand,
)
from maxww.rules import Household as RulesHousehold

from ._common import _db

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = structlog.stdlib.get_logger(__name__)


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
        _open_checks_and_access(application, person, organisation, received_at)
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


def _open_checks_and_access(
    application: BijstandApplication,
    person: Person,
    organisation: Organisation,
    received_at: datetime,
) -> None:
    """The five poortwachter checks, due in 48 working hours, and the
    organisation's access on the basis 'bijstandsaanvraag'."""
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
