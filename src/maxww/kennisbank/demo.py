"""Demo instruments from the seed reports (domain.md §3, §8)."""

from __future__ import annotations

from decimal import Decimal

from maxww.organisations.models import Region

from .constants import CostUnit, Funder, Phase, TargetGroup
from .models import Instrument

ORDER = 15

T = TargetGroup
# name, description, conditions, amount, unit, max units, funder, phase,
# region codes (empty: national), target groups, contact, source
INSTRUMENTS: list[tuple] = [
    (
        "Uitzendeuro",
        "Vergoeding aan het uitzendbureau per gewerkt uur van een geplaatste kandidaat.",
        "Sinds medio 2017 ook inzetbaar in de WW-fase. € 1 per uur, maximaal 500 uur.",
        Decimal("1.00"),
        CostUnit.PER_HOUR,
        500,
        Funder.MUNICIPALITY,
        Phase.BOTH,
        ["AM24"],
        [T.ALL],
        "Baanbrekend Drechtsteden",
        "Seed 001 §3.3 (Drechtsteden)",
    ),
    (
        "Baanbonus",
        "Bonus voor de werkgever die een kandidaat uit de WW of bijstand aanneemt.",
        "€ 2.000 als de kandidaat minstens 6 maanden uit de bijstand blijft; "
        "€ 4.000 bij een jaarcontract. Sinds medio 2017 ook in de WW-fase.",
        Decimal("2000.00"),
        CostUnit.PER_PLACEMENT,
        None,
        Funder.MUNICIPALITY,
        Phase.BOTH,
        ["AM24"],
        [T.ALL],
        "Baanbrekend Drechtsteden",
        "Seed 001 §3.2–3.3",
    ),
    (
        "Proefplaatsing UWV",
        "De kandidaat werkt op proef bij een werkgever en houdt zijn WW-uitkering.",
        "Met toestemming van UWV, voor een beperkte periode; in Drechtsteden "
        "nauwelijks gebruikt (001 §3.3).",
        None,
        CostUnit.NONE,
        None,
        Funder.UWV,
        Phase.WW,
        [],
        [T.ALL, T.DISABILITY],
        "UWV werkgeversdienstverlening",
        "Seed 001 §3.3; seed 000 §3.3",
    ),
    (
        "Loonkostensubsidie",
        "Subsidie op de loonkosten voor werknemers met een loonwaarde onder het "
        "minimumloon.",
        "Loonwaardemeting vereist; hoogte per geval vastgesteld door de gemeente.",
        None,
        CostUnit.PER_MONTH,
        None,
        Funder.MUNICIPALITY,
        Phase.BIJSTAND,
        [],
        [T.DISABILITY],
        "Werkgeversservicepunt",
        "Seed 000 §2.1, §3.3; seed 004 §4.5",
    ),
    (
        "Scholingsbudget",
        "Budget voor een korte opleiding of certificaat die de kans op werk vergroot.",
        "Alleen bij een concreet vooruitzicht op werk; bedrag per regio (niet in de "
        "bronnen).",
        None,
        CostUnit.PER_PERSON,
        None,
        Funder.UWV,
        Phase.WW,
        [],
        [T.ALL],
        "UWV",
        "Bedrag regionaal te configureren",
    ),
    (
        "Succesvol naar werk",
        "Training van tien dagdelen door UWV voor werkzoekenden in de WW.",
        "10 dagdelen; aanmelden via de UWV-adviseur.",
        None,
        CostUnit.NONE,
        None,
        Funder.UWV,
        Phase.WW,
        ["AM20"],
        [T.LONG_WW, T.SHORT_WW],
        "UWV Nijmegen",
        "Seed 000 §1.5 (Rijk van Nijmegen)",
    ),
    (
        "Talentenexpeditie",
        "Programma voor jongeren van 18 tot 27 jaar met een grote afstand tot werk.",
        "Leeftijd 18–27 jaar.",
        None,
        CostUnit.PER_PERSON,
        None,
        Funder.MUNICIPALITY,
        Phase.BOTH,
        ["AM20"],
        [T.YOUTH],
        "Gemeente Nijmegen",
        "Seed 000 §1.5 (Rijk van Nijmegen)",
    ),
    (
        "Eigen werk (alleen Amsterdam)",
        "26 weken ondersteuning bij het starten van een eigen bedrijf vanuit de WW; "
        "UWV verwijst een deel door. Alleen in Amsterdam.",
        "Voor (voormalig) zzp'ers en starters; 26 weken begeleiding.",
        None,
        CostUnit.PER_PERSON,
        None,
        Funder.MUNICIPALITY,
        Phase.BOTH,
        [],
        [T.SELF_EMPLOYED],
        "Gemeente Amsterdam",
        "Seed 000 Bijlage 1",
    ),
    (
        "Jobcoaching",
        "Begeleiding op de werkplek door een jobcoach, zodat de plaatsing blijft.",
        "Voor werknemers met een arbeidsbeperking of in het doelgroepregister.",
        None,
        CostUnit.PER_HOUR,
        None,
        Funder.MUNICIPALITY,
        Phase.BOTH,
        [],
        [T.DISABILITY],
        "Werkgeversservicepunt",
        "Seed 000 §3.3",
    ),
    (
        "No-riskpolis",
        "Vergoeding van loondoorbetaling bij ziekte, zodat de werkgever geen risico "
        "loopt.",
        "Voor werknemers uit het doelgroepregister en sommige WW-gerechtigden; "
        "regeling nog niet overal geharmoniseerd (004 §4.5).",
        None,
        CostUnit.NONE,
        None,
        Funder.UWV,
        Phase.BOTH,
        [],
        [T.DISABILITY, T.OLDER],
        "UWV werkgeversdienstverlening",
        "Seed 004 §4.5",
    ),
]


def load(context) -> str:
    """Create or refresh the demo instruments (idempotent)."""
    regions = {r.code: r for r in Region.objects.all()}
    for (
        name,
        description,
        conditions,
        amount,
        unit,
        max_units,
        funder,
        phase,
        region_codes,
        groups,
        contact,
        source,
    ) in INSTRUMENTS:
        instrument, _ = Instrument.objects.update_or_create(
            name=name,
            defaults={
                "description": description,
                "conditions": conditions,
                "amount": amount,
                "cost_unit": unit,
                "max_units": max_units,
                "funder": funder,
                "phase": phase,
                "target_groups": "," + ",".join(groups) + ",",
                "contact": contact,
                "source": source,
                "is_active": True,
            },
        )
        instrument.regions.set([regions[c] for c in region_codes if c in regions])
    return f"{len(INSTRUMENTS)} instrumenten in de kennisbank"
