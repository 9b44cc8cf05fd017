"""The handover dossier: a versioned JSON document, its schema and its PDF."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone

from jsonschema import Draft202012Validator

from maxww.people.bsn import decrypt_bsn

from .constants import DOSSIER_FORMAT, DOSSIER_VERSION

if TYPE_CHECKING:
    from maxww.organisations.models import Organisation
    from maxww.people.models import Household, Person
    from maxww.trajects.models import Consent, JobreadyCheck, Traject

    from .models import Handover

SCHEMA_PATH = Path(__file__).with_name("handover.schema.json")
RECENT_CONTACTS = 10


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the dossier (also published in docs/formats/)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def schema_errors(document: Any) -> list[str]:
    """Every schema violation as 'path: message'; empty when valid."""
    validator = Draft202012Validator(
        schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(document)'}: "
        f"{error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: e.path)
    ]


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


def _instruments(traject: Traject) -> list[dict[str, Any]]:
    try:
        from maxww.kennisbank.models import InstrumentUse
    except ImportError:  # the kennisbank app is optional
        return []
    uses = (
        InstrumentUse.objects.filter(person_id=traject.person_id)
        .select_related("instrument")
        .order_by("used_on", "id")
    )
    return [
        {
            "name": str(use.instrument),
            "used_on": use.used_on.isoformat(),
            "cost": _money(use.cost),
            "note": use.note,
        }
        for use in uses
    ]


def _contacts(traject: Traject) -> dict[str, Any]:
    contacts = list(traject.contacts.order_by("-contact_date", "-id"))
    channels = Counter(c.get_channel_display() for c in contacts)
    return {
        "count": len(contacts),
        "first_date": _d(contacts[-1].contact_date) if contacts else None,
        "last_date": _d(contacts[0].contact_date) if contacts else None,
        "by_channel": dict(sorted(channels.items())),
        "recent": [
            {
                "date": c.contact_date.isoformat(),
                "channel": c.get_channel_display(),
                "summary": c.summary,
                "next_step": c.next_step,
            }
            for c in contacts[:RECENT_CONTACTS]
        ],
    }


def _jsonable(value: Any) -> Any:
    """Round-trip through JSON so the stored and the sent document are equal."""
    return json.loads(json.dumps(value, default=str))


def build_document(
    *,
    traject: Traject,
    to_organisation: Organisation,
    consent: Consent,
    handover_id: str,
    created_at: datetime,
    planned_talk_at: datetime | None = None,
    notes: str = "",
) -> dict[str, Any]:
    """Assemble the dossier; the BSN is decrypted only into this document."""
    from maxww.trajects.services import closing_report

    person = traject.person
    household = getattr(person, "household", None)
    check = traject.jobready_checks.order_by("-checked_date", "-id").first()
    document = {
        "format": DOSSIER_FORMAT,
        "version": DOSSIER_VERSION,
        "handover_id": handover_id,
        "created_at": created_at.isoformat(),
        "sender": {
            "organisation": traject.organisation.name,
            "kind": traject.organisation.kind,
        },
        "recipient": {
            "organisation": to_organisation.name,
            "kind": to_organisation.kind,
        },
        "person": _person(person),
        "household": None if household is None else _household(household),
        "ww_claims": _claims(person),
        "traject": _traject(traject),
        "jobready_check": None if check is None else _jobready_check(check),
        "plan": _plan(traject),
        "contacts": _contacts(traject),
        "instruments": _instruments(traject),
        "closing_report": closing_report(traject),
        "consent": _consent(consent),
        "handover_talk": {
            "planned_at": planned_talk_at.isoformat() if planned_talk_at else None
        },
        "notes": notes,
    }
    return _jsonable(document)


def _person(person: Person) -> dict[str, Any]:
    """Identity (with the decrypted BSN), address and contact details."""
    return {
        "uuid": str(person.uuid),
        "bsn": decrypt_bsn(person.bsn_encrypted),
        "initials": person.initials,
        "first_name": person.first_name,
        "surname_prefix": person.surname_prefix,
        "last_name": person.last_name,
        "birth_date": person.birth_date.isoformat(),
        "postcode": person.postcode,
        "house_number": person.house_number,
        "municipality": {
            "code": person.municipality.code,
            "name": person.municipality.name,
        },
        "email": person.email,
        "phone": person.phone,
    }


def _household(household: Household) -> dict[str, Any]:
    return {
        "household_type": household.household_type,
        "partner_birth_date": _d(household.partner_birth_date),
        "partner_net_monthly_income": _money(household.partner_net_monthly_income),
        "co_residents_27_plus": household.co_residents_27_plus,
        "children": household.children,
        "assets": _money(household.assets),
        "debts": _money(household.debts),
        "home_equity": _money(household.home_equity),
        "known_on": _d(household.known_on),
    }


def _claims(person: Person) -> list[dict[str, Any]]:
    """The person's WW claims, oldest first."""
    return [
        {
            "claim_ref": c.claim_ref,
            "start_date": c.start_date.isoformat(),
            "max_end_date": c.max_end_date.isoformat(),
            "actual_end_date": _d(c.actual_end_date),
            "end_reason": c.end_reason,
            "daily_wage": _money(c.daily_wage),
            "hours_lost": str(c.hours_lost),
            "occupation": c.occupation,
            "sector": c.sector,
            "education_level": c.education_level,
            "werkverkenner": c.werkverkenner,
            "status": c.status,
        }
        for c in person.claims.order_by("start_date", "id")
    ]


def _traject(traject: Traject) -> dict[str, Any]:
    return {
        "uuid": str(traject.uuid),
        "organisation": traject.organisation.name,
        "coach": traject.coach.get_full_name() if traject.coach else "",
        "state": traject.state,
        "signalled_date": traject.signalled_date.isoformat(),
        "ended_date": _d(traject.ended_date),
        "outcome": traject.outcome,
    }


def _jobready_check(check: JobreadyCheck) -> dict[str, Any]:
    return {
        "checked_date": check.checked_date.isoformat(),
        "is_jobready": check.is_jobready,
        "own_transport": check.own_transport,
        "hours_available": check.hours_available,
        "childcare": check.childcare,
        "qualifications": check.qualifications,
        "recent_experience": check.recent_experience,
        "language": check.language,
        "health_limits": check.health_limits,
        "gaps": [str(g) for g in check.gaps],
    }


def _plan(traject: Traject) -> list[dict[str, Any]]:
    """The plan actions in the order they were agreed."""
    return [
        {
            "kind": a.kind,
            "description": a.description,
            "weekly_target": a.weekly_target,
            "agreed_date": a.agreed_date.isoformat(),
            "done_date": _d(a.done_date),
        }
        for a in traject.plan_actions.order_by("agreed_date", "id")
    ]


def _consent(consent: Consent) -> dict[str, Any]:
    return {
        "uuid": str(consent.uuid),
        "purpose": consent.purpose,
        "recipient": consent.recipient.name,
        "kind": consent.kind,
        "scope": consent.scope,
        "given_at": consent.given_at.isoformat(),
    }


def masked(document: dict[str, Any]) -> dict[str, Any]:
    """A copy without the BSN's first six digits, for previews by the sender."""
    copy = json.loads(json.dumps(document))
    bsn = copy.get("person", {}).get("bsn", "")
    if bsn:
        copy["person"]["bsn"] = "******" + bsn[-3:]
    return copy


def render_pdf(handover: Handover) -> bytes:
    """The dossier as a PDF for people (WeasyPrint)."""
    from weasyprint import HTML

    html = render_to_string(
        "handover/dossier_pdf.html",
        {
            "handover": handover,
            "doc": handover.document,
            "printed_at": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()
