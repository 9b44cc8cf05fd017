"""Who may do what: every permission in maxww and the roles that hold it.

This table is the only place a role list lives. HTML views name the
permission they need (``policy.views.requires``), viewsets map each action to
one (``policy = {"list": Perm.X, ...}``), templates ask ``can.x``, and the
access matrix (``docs/security/access-matrix.md``) is generated from it.

A permission is the first gate. The second is the object rule: the legal
basis (``Person.objects.visible_to``) for person-level data, and the rules in
``policy.objects`` (consent recipients, who may withdraw, special-category
data). Holding a permission never lets a user see a person without a basis.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.organisations.constants import Role

R = Role
#: The person behind a portal login (no staff role); only ever their own data.
CLIENT = "client"
STAFF_ROLES: frozenset[str] = frozenset(r.value for r in Role)
#: Roles that may work with person-level data (given a legal basis).
CASEWORK: frozenset[str] = frozenset(
    {
        R.UWV_ADVISER,
        R.COORDINATOR,
        R.COACH,
        R.EMPLOYER_ADVISER,
        R.GATEKEEPER,
        R.CASE_MANAGER,
    }
)
#: Everyone who can be logged in: each staff role and the client.
SUBJECTS: tuple[str, ...] = (*(r.value for r in Role), CLIENT)


class Perm(models.TextChoices):
    """One thing a user may do; the value is stable (used in docs and tests)."""

    # Open to anyone, or to anyone logged in.
    PUBLIC = "public", _("Openbaar")
    SIGNED_IN = "signed_in", _("Ingelogd (medewerker of inwoner)")
    STAFF = "staff", _("Ingelogd als medewerker")
    # Reference data, no personal data.
    REFERENCE_READ = "reference.read", _("Regio's, organisaties, beroepen lezen")
    KENNISBANK_READ = "kennisbank.read", _("Kennisbank lezen")
    MODEL_CARD_READ = "model_card.read", _("Modelkaart risicomodel lezen")
    RULES_CALCULATE = "rules.calculate", _("Rekenhulp gebruiken")
    # Screening: person and claim.
    SCREENING_READ = "screening.read", _("Cohorten en screening bekijken")
    SCREENING_IMPORT = "screening.import", _("UWV-bestand importeren")
    SCREENING_OVERRIDE = "screening.override", _("Doelgroep handmatig aanpassen")
    # Voorlichting.
    SESSION_READ = "session.read", _("Voorlichtingen en genodigden bekijken")
    SESSION_MANAGE = (
        "session.manage",
        _("Voorlichtingen plannen, uitnodigen, aanwezigheid, nabellen"),
    )
    CALLS_OF_TEAM = "session.team_calls", _("Het nabellen van het hele team zien")
    # Trajects.
    TRAJECT_READ = "traject.read", _("Trajecten bekijken")
    TRAJECT_WORK = (
        "traject.work",
        _("Traject bijwerken (contact, taak, plan, werkfit, nazorg)"),
    )
    TRAJECT_MOVE = "traject.move", _("Traject naar een andere fase zetten")
    TRAJECT_ASSIGN = "traject.assign", _("Coach toewijzen")
    TRAJECT_INSTRUMENTS = "traject.instruments", _("Ingezette instrumenten bekijken")
    HEALTH_READ = (
        "health.read",
        _("Gezondheidsbeperkingen zien (bijzonder persoonsgegeven)"),
    )
    CLIENT_CV_READ = "client_cv.read", _("Cv van een inwoner downloaden")
    # Consent.
    CONSENT_READ = "consent.read", _("Toestemmingen bekijken")
    CONSENT_RECORD = "consent.record", _("Toestemming vastleggen")
    CONSENT_WITHDRAW = "consent.withdraw", _("Toestemming intrekken")
    # Matching.
    MATCHING_READ = "matching.read", _("Werkgevers, vacatures, kandidaten bekijken")
    MATCHING_WRITE = (
        "matching.write",
        _("Werkgevers en vacatures beheren, voordragen, plaatsen"),
    )
    # Handover and bijstand application.
    HANDOVER_SEND = "handover.send", _("Warme overdracht starten en versturen")
    HANDOVER_READ = "handover.read", _("Overdrachtsdossier lezen")
    HANDOVER_RECEIVE = "handover.receive", _("Ondertekend pakket ontvangen")
    APPLICATION_READ = "application.read", _("Bijstandsaanvragen en poortwachtertoets")
    APPLICATION_REGISTER = "application.register", _("Bijstandsaanvraag registreren")
    APPLICATION_CHECK = (
        "application.check",
        _("Poortwachterstoets (48 uur) en route vastleggen"),
    )
    # Aggregates.
    DASHBOARD_READ = "dashboard.read", _("Dashboard en businesscase bekijken")
    AGGREGATE_EXPORT = "aggregate.export", _("Geaggregeerde cijfers exporteren")
    # Administration.
    AUDIT_READ = "audit.read", _("Toegangslog doorzoeken en controleren")
    SUBJECT_RIGHTS = "subject_rights", _("Rechten van betrokkenen (inzage, wissen)")
    CONFIGURE = "configure", _("Regio-instellingen, organisaties en gebruikers beheren")
    # The client's own data in the portal.
    OWN_DATA = "own_data", _("Eigen gegevens (Mijn Max-WW)")
    # Duties: who may be chosen for a job in a form (not an access right).
    BE_COACH = "duty.coach", _("Vaste contactpersoon (coach) van een traject zijn")
    HOST_SESSION = "duty.host", _("Voorlichting geven (gastheer of -vrouw)")


SCREENING = frozenset({R.COORDINATOR, R.UWV_ADVISER})
TRAJECTS = frozenset({R.COACH, R.COORDINATOR, R.UWV_ADVISER})
MATCHING_READERS = frozenset({R.EMPLOYER_ADVISER, R.COACH, R.COORDINATOR})
MATCHING_WRITERS = frozenset({R.EMPLOYER_ADVISER, R.COACH})
HANDOVER_SENDERS = TRAJECTS
HANDOVER_INTAKE = frozenset({R.GATEKEEPER, R.CASE_MANAGER})
DASHBOARD = frozenset({R.MANAGER, R.ANALYST, R.COORDINATOR, R.FUNCTIONAL_ADMIN})
ADMIN = frozenset({R.FUNCTIONAL_ADMIN})

#: Who holds each permission (``PUBLIC``: anyone, logged in or not).
RULES: dict[Perm, frozenset[str]] = {
    Perm.PUBLIC: frozenset(),
    Perm.SIGNED_IN: frozenset(SUBJECTS),
    Perm.STAFF: STAFF_ROLES,
    Perm.REFERENCE_READ: STAFF_ROLES,
    Perm.KENNISBANK_READ: STAFF_ROLES,
    Perm.MODEL_CARD_READ: STAFF_ROLES,
    Perm.RULES_CALCULATE: CASEWORK,
    Perm.SCREENING_READ: SCREENING,
    Perm.SCREENING_IMPORT: SCREENING,
    Perm.SCREENING_OVERRIDE: SCREENING,
    Perm.SESSION_READ: SCREENING,
    Perm.SESSION_MANAGE: SCREENING,
    Perm.CALLS_OF_TEAM: frozenset({R.COORDINATOR}),
    Perm.TRAJECT_READ: TRAJECTS,
    Perm.TRAJECT_WORK: TRAJECTS,
    Perm.TRAJECT_MOVE: TRAJECTS,
    Perm.TRAJECT_ASSIGN: TRAJECTS,
    Perm.TRAJECT_INSTRUMENTS: CASEWORK,
    # Health limits are recorded by the coach in the jobready check: only the
    # roles that work the traject may read them (AVG art. 9), never the WSP.
    Perm.HEALTH_READ: TRAJECTS,
    Perm.CLIENT_CV_READ: CASEWORK,
    Perm.CONSENT_READ: TRAJECTS,
    Perm.CONSENT_RECORD: TRAJECTS,
    # Withdrawing is further limited per consent (policy.objects).
    Perm.CONSENT_WITHDRAW: TRAJECTS | {CLIENT},
    Perm.MATCHING_READ: MATCHING_READERS,
    Perm.MATCHING_WRITE: MATCHING_WRITERS,
    Perm.HANDOVER_SEND: HANDOVER_SENDERS,
    Perm.HANDOVER_READ: HANDOVER_SENDERS | HANDOVER_INTAKE,
    Perm.HANDOVER_RECEIVE: frozenset({R.GATEKEEPER}),
    Perm.APPLICATION_READ: HANDOVER_INTAKE,
    Perm.APPLICATION_REGISTER: frozenset({R.GATEKEEPER}),
    Perm.APPLICATION_CHECK: frozenset({R.GATEKEEPER}),
    Perm.DASHBOARD_READ: DASHBOARD,
    Perm.AGGREGATE_EXPORT: DASHBOARD,
    Perm.AUDIT_READ: ADMIN,
    Perm.SUBJECT_RIGHTS: ADMIN,
    Perm.CONFIGURE: ADMIN,
    Perm.OWN_DATA: frozenset({CLIENT}),
    Perm.BE_COACH: TRAJECTS,
    Perm.HOST_SESSION: frozenset(
        {R.UWV_ADVISER, R.COORDINATOR, R.COACH, R.CASE_MANAGER}
    ),
}
assert set(RULES) == set(Perm), "every permission needs a rule"


def subject_of(user: Any) -> str:
    """The role a user acts in: a staff role, ``CLIENT``, or "" (nobody)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ""
    role = getattr(user, "role", "") or ""
    if role:
        return role if role in STAFF_ROLES else ""
    if user.is_staff or user.is_superuser:
        return ""  # an admin account without a role: the admin site only
    return CLIENT if getattr(user, "person", None) is not None else ""


def holders(perm: Perm | str) -> frozenset[str]:
    """The subjects (roles, client) that hold ``perm``."""
    return RULES[Perm(perm)]


def can(user: Any, perm: Perm | str) -> bool:
    """Whether ``user`` holds ``perm`` (the first gate, before object rules)."""
    perm = Perm(perm)
    if perm == Perm.PUBLIC:
        return True
    if perm == Perm.SIGNED_IN:  # also an account that has no role yet
        return bool(getattr(user, "is_authenticated", False))
    subject = subject_of(user)
    return bool(subject) and subject in RULES[perm]


def may_see_person_data(user: Any) -> bool:
    """Staff roles that may see people at all (given a legal basis)."""
    return subject_of(user) in CASEWORK
