"""The synthetic demo region: organisations, users, and whatever each app adds.

Every app may ship a ``demo.py`` module with ``ORDER: int`` and
``load(context: DemoContext) -> str``; ``load_demo`` runs them in order after
the base (regions, organisations, users). Each step must be idempotent.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.apps import apps
from django.db import transaction

import structlog

from maxww.organisations.constants import OrganisationKind, Role, SessionTone
from maxww.organisations.models import Organisation, Region, RegionalConfig, User
from maxww.organisations.services import import_regions

logger = structlog.stdlib.get_logger(__name__)

DEMO_PASSWORD = "maxww-demo-2026"
REGIONS_CSV = (
    Path(__file__).resolve().parents[1]
    / "organisations"
    / "fixtures"
    / "demo_regions.csv"
)

# (name, kind, region code, municipality codes in its area)
ORGANISATIONS: list[tuple[str, str, str, list[str]]] = [
    ("UWV 's-Hertogenbosch", OrganisationKind.UWV, "AM29", []),
    ("Gemeente 's-Hertogenbosch", OrganisationKind.MUNICIPALITY, "AM29", ["GM0796"]),
    ("WSP Noordoost-Brabant", OrganisationKind.WSP, "AM29", []),
    ("UWV Rotterdam", OrganisationKind.UWV, "AM22", []),
    ("Gemeente Rotterdam", OrganisationKind.MUNICIPALITY, "AM22", ["GM0599"]),
    ("Randstad Rijnmond", OrganisationKind.PARTNER, "AM22", []),
    ("UWV Dordrecht", OrganisationKind.UWV, "AM24", []),
    (
        "Sociale Dienst Drechtsteden",
        OrganisationKind.SHARED_SERVICE,
        "AM24",
        ["GM0505", "GM0642", "GM0590", "GM0610", "GM0531", "GM0482", "GM0523"],
    ),
    ("Randstad Drechtsteden", OrganisationKind.PARTNER, "AM24", []),
    ("Baanbrekend Drechtsteden", OrganisationKind.WSP, "AM24", []),
    ("UWV Nijmegen", OrganisationKind.UWV, "AM20", []),
    (
        "MGR Rijk van Nijmegen",
        OrganisationKind.SHARED_SERVICE,
        "AM20",
        ["GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0296", "GM0944"],
    ),
    ("UWV Assen", OrganisationKind.UWV, "AM04", []),
    (
        "Werkplein Drentsche Aa",
        OrganisationKind.SHARED_SERVICE,
        "AM04",
        ["GM0106", "GM1680", "GM1730"],
    ),
    ("UWV Groningen", OrganisationKind.UWV, "AM01", []),
    ("Werkplein Fivelingo", OrganisationKind.SHARED_SERVICE, "AM01", ["GM1979"]),
]

# Each region's process (000 §1.2–1.7): windows in months before WW ends, tone.
REGION_SETTINGS: dict[str, dict[str, object]] = {
    "AM29": {
        "screening_months": 7,
        "invitation_months": 6,
        "coaching_months": 3,
        "session_tone": SessionTone.STRICT,
        "coaching_weeks": 6,
    },
    "AM22": {
        "screening_months": 6,
        "invitation_months": 6,
        "coaching_months": 3,
        "session_tone": SessionTone.OPEN,
        "coaching_weeks": 8,
    },
    "AM24": {
        "screening_months": 4,
        "invitation_months": 3,
        "coaching_months": 3,
        "session_tone": SessionTone.STRICT,
        "coaching_weeks": 13,
        "sector_specialisations": ["techniek en logistiek", "administratief", "zorg"],
    },
    "AM20": {
        "screening_months": 6,
        "invitation_months": 5,
        "coaching_months": 3,
        "session_tone": SessionTone.OPEN,
        "coaching_weeks": 8,
    },
    "AM04": {
        "screening_months": 6,
        "invitation_months": 6,
        "coaching_months": 3,
        "session_tone": SessionTone.OPEN,
        "coaching_weeks": 8,
    },
    "AM01": {
        "screening_months": 3,
        "invitation_months": 3,
        "coaching_months": 3,
        "follow_up_months": 2,
        "session_tone": SessionTone.OPEN,
        "coaching_weeks": 12,
    },
}

# One demo user per role, in the Drechtsteden chain (001: Team Max WW, De Poort).
# The coordinator is detached to UWV (Bossche model), so screens the UWV file.
DEMO_USERS: list[tuple[str, str, str, str, str]] = [
    ("adviseur", Role.UWV_ADVISER, "UWV Dordrecht", "Anouk", "de Vries"),
    ("coordinator", Role.COORDINATOR, "UWV Dordrecht", "Carla", "Bakker"),
    ("coach", Role.COACH, "Randstad Drechtsteden", "Kees", "Jansen"),
    (
        "accountmanager",
        Role.EMPLOYER_ADVISER,
        "Baanbrekend Drechtsteden",
        "Emre",
        "Yilmaz",
    ),
    ("poortwachter", Role.GATEKEEPER, "Sociale Dienst Drechtsteden", "Petra", "Visser"),
    (
        "klantmanager",
        Role.CASE_MANAGER,
        "Sociale Dienst Drechtsteden",
        "Mohamed",
        "El Amrani",
    ),
    ("manager", Role.MANAGER, "Sociale Dienst Drechtsteden", "Marieke", "Smit"),
    ("analist", Role.ANALYST, "UWV Dordrecht", "Sanne", "Mulder"),
    (
        "beheerder",
        Role.FUNCTIONAL_ADMIN,
        "Sociale Dienst Drechtsteden",
        "Bram",
        "de Boer",
    ),
]


@dataclass
class DemoContext:
    """What demo steps share: the reference date, a seeded RNG and a log."""

    on: date
    seed: int
    people: int
    rng: random.Random = field(init=False)
    messages: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)


def load_demo(*, on: date, seed: int = 2026, people: int = 5000) -> DemoContext:
    """Create (or refresh) the whole demo region; safe to run again."""
    context = DemoContext(on=on, seed=seed, people=people)
    _load_base(context)
    for _order, name, module in _app_steps():
        with transaction.atomic():
            message = module.load(context)
        if message:
            context.messages.append(message)
        logger.info("demo_step_loaded", app=name)
    return context


def _app_steps() -> list[tuple[int, str, object]]:
    steps = []
    for config in apps.get_app_configs():
        if not config.name.startswith("maxww.") or config.name == "maxww.demo":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        steps.append((getattr(module, "ORDER", 100), config.name, module))
    return sorted(steps, key=lambda s: (s[0], s[1]))


@transaction.atomic
def _load_base(context: DemoContext) -> None:
    report = import_regions(REGIONS_CSV.read_bytes(), REGIONS_CSV.name)
    if not report.ok:  # the shipped fixture must always import
        raise RuntimeError(f"demo regions fixture is invalid: {report.errors}")
    regions = {r.code: r for r in Region.objects.all()}
    for code, values in REGION_SETTINGS.items():
        RegionalConfig.objects.update_or_create(region=regions[code], defaults=values)
    for name, kind, region_code, municipality_codes in ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "region": regions[region_code]}
        )
        if municipality_codes:
            org.municipalities.set(
                regions[region_code].municipalities.filter(code__in=municipality_codes)
            )
    orgs = {o.name: o for o in Organisation.objects.all()}
    for username, role, org_name, first, last in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "organisation": orgs[org_name],
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.maxww.invalid",
                "is_staff": role == Role.FUNCTIONAL_ADMIN,
                "is_superuser": role == Role.FUNCTIONAL_ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    # A second coach per sector in Drechtsteden, so assignment by sector has a choice.
    context.messages.append(
        f"Regio's: {len(regions)}, organisaties: {len(orgs)}, demo-gebruikers: {len(DEMO_USERS)}."
    )
