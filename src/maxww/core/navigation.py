"""The navigation per role: which parts of maxww a role works with."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from maxww.organisations.constants import Role

R = Role
CASEWORK = (
    R.UWV_ADVISER,
    R.COORDINATOR,
    R.COACH,
    R.EMPLOYER_ADVISER,
    R.GATEKEEPER,
    R.CASE_MANAGER,
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...]
    description: str

    def url(self) -> str | None:
        return _url(self.url_name, get_script_prefix())


@lru_cache(maxsize=128)
def _url(url_name: str, prefix: str) -> str | None:
    """reverse() once per process: the menu is on every page."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(
        _("Screening"),
        "screening:cohorts",
        (R.COORDINATOR, R.UWV_ADVISER),
        _(
            "Wie komt binnenkort aan het einde van de WW? Cohorten, voorcheck bijstand en risico."
        ),
    ),
    NavItem(
        _("Uitnodigen"),
        "screening:invitations",
        (R.COORDINATOR, R.UWV_ADVISER),
        _("Selecteer wie u uitnodigt voor een voorlichting, met de trechter."),
    ),
    NavItem(
        _("Voorlichting"),
        "voorlichting:sessions",
        (R.COORDINATOR, R.UWV_ADVISER),
        _("Bijeenkomsten plannen, brieven maken, aanwezigheid registreren, nabellen."),
    ),
    NavItem(
        _("Trajecten"),
        "trajects:caseload",
        (R.COACH, R.COORDINATOR, R.UWV_ADVISER),
        _("Uw caseload: contactmomenten, taken, werkplan en uitkomst."),
    ),
    NavItem(
        _("Vacatures"),
        "matching:vacancies",
        (R.EMPLOYER_ADVISER, R.COACH, R.COORDINATOR),
        _("Werkgevers, vacatures en kandidaten voorstellen."),
    ),
    NavItem(
        _("Kennisbank"),
        "kennisbank:instruments",
        CASEWORK,
        _("Instrumenten zoals Baanbonus, proefplaatsing en loonkostensubsidie."),
    ),
    NavItem(
        _("Aanvragen"),
        "handover:applications",
        (R.GATEKEEPER, R.CASE_MANAGER),
        _("Bijstandsaanvragen en overdrachten: checks binnen 48 uur en routekeuze."),
    ),
    NavItem(
        _("Rekenhulp"),
        "rekenhulp:calculator",
        CASEWORK,
        _("Bereken WW-duur en -bedrag of een indicatie van bijstand, met uitleg."),
    ),
    NavItem(
        _("Dashboard"),
        "monitoring:dashboard",
        (R.MANAGER, R.ANALYST, R.COORDINATOR, R.FUNCTIONAL_ADMIN),
        _("Trechter, doorstroom, uitstroom naar werk, duurzaamheid en prognose."),
    ),
    NavItem(
        _("Auditlog"),
        "audit:search",
        (R.FUNCTIONAL_ADMIN,),
        _("Wie heeft welke persoonsgegevens ingezien, en waarom."),
    ),
    NavItem(
        _("Regio-instellingen"),
        "organisations:regional_config",
        (R.FUNCTIONAL_ADMIN,),
        _("Vensters, toon, stappen en bewaartermijn van uw eigen regio, met historie."),
    ),
    NavItem(
        _("Beheer"),
        "admin:index",
        (R.FUNCTIONAL_ADMIN,),
        _("Regio-instellingen, organisaties, gebruikers en sjablonen."),
    ),
    NavItem(
        _("API"),
        "api-docs",
        (*CASEWORK, R.MANAGER, R.ANALYST, R.FUNCTIONAL_ADMIN),
        _("De REST API en de documentatie ervan."),
    ),
)


def items_for(user) -> list[tuple[NavItem, str]]:
    """The navigation items this user's role may use, with their URLs."""
    if not getattr(user, "is_authenticated", False):
        return []
    role = getattr(user, "role", "")
    result = []
    for item in NAV_ITEMS:
        if role in item.roles or (user.is_superuser and item.url_name == "admin:index"):
            url = item.url()
            if url:
                result.append((item, url))
    return result
