"""The navigation per role: which parts of maxww a role works with.

Each item names the permission of its page (``maxww.policy``), so the menu
shows exactly what the role may open.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from maxww.policy import Perm, can


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: Perm
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
        Perm.SCREENING_READ,
        _(
            "Wie komt binnenkort aan het einde van de WW? Cohorten, voorcheck bijstand en risico."
        ),
    ),
    NavItem(
        _("Uitnodigen"),
        "screening:invitations",
        Perm.SCREENING_READ,
        _("Selecteer wie u uitnodigt voor een voorlichting, met de trechter."),
    ),
    NavItem(
        _("Voorlichting"),
        "voorlichting:sessions",
        Perm.SESSION_READ,
        _("Bijeenkomsten plannen, brieven maken, aanwezigheid registreren, nabellen."),
    ),
    NavItem(
        _("Trajecten"),
        "trajects:caseload",
        Perm.TRAJECT_READ,
        _("Uw caseload: contactmomenten, taken, werkplan en uitkomst."),
    ),
    NavItem(
        _("Vacatures"),
        "matching:vacancies",
        Perm.MATCHING_READ,
        _("Werkgevers, vacatures en kandidaten voorstellen."),
    ),
    NavItem(
        _("Kennisbank"),
        "kennisbank:instruments",
        Perm.KENNISBANK_READ,
        _("Instrumenten zoals Baanbonus, proefplaatsing en loonkostensubsidie."),
    ),
    NavItem(
        _("Aanvragen"),
        "handover:applications",
        Perm.APPLICATION_READ,
        _("Bijstandsaanvragen en overdrachten: checks binnen 48 uur en routekeuze."),
    ),
    NavItem(
        _("Rekenhulp"),
        "rekenhulp:calculator",
        Perm.RULES_CALCULATE,
        _("Bereken WW-duur en -bedrag of een indicatie van bijstand, met uitleg."),
    ),
    NavItem(
        _("Dashboard"),
        "monitoring:dashboard",
        Perm.DASHBOARD_READ,
        _("Trechter, doorstroom, uitstroom naar werk, duurzaamheid en prognose."),
    ),
    NavItem(
        _("Auditlog"),
        "audit:search",
        Perm.AUDIT_READ,
        _("Wie heeft welke persoonsgegevens ingezien, en waarom."),
    ),
    NavItem(
        _("Regio-instellingen"),
        "organisations:regional_config",
        Perm.CONFIGURE,
        _("Vensters, toon, stappen en bewaartermijn van uw eigen regio, met historie."),
    ),
    NavItem(
        _("Beheer"),
        "admin:index",
        Perm.CONFIGURE,
        _("Regio-instellingen, organisaties, gebruikers en sjablonen."),
    ),
    NavItem(
        _("API"),
        "api-docs",
        Perm.STAFF,
        _("De REST API en de documentatie ervan."),
    ),
)


def items_for(user) -> list[tuple[NavItem, str]]:
    """The navigation items this user's role may use, with their URLs."""
    if not getattr(user, "is_authenticated", False):
        return []
    result = []
    for item in NAV_ITEMS:
        if can(user, item.perm) or (
            user.is_superuser and item.url_name == "admin:index"
        ):
            url = item.url()
            if url:
                result.append((item, url))
    return result
