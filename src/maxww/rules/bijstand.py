"""Participatiewet (bijstand): norm, kostendelersnorm, asset and income test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .aow import aow_date
from .dates import age_on, format_date
from .money import format_eur, format_number, round_cents_half_up
from .parameters import ParameterSet, default_parameters
from .reasons import Reason, cite

PW = "Participatiewet"
ZERO = Decimal("0.00")


class Household(StrEnum):
    """Leefvorm of the applicant."""

    SINGLE = "single"
    COUPLE = "couple"
    SINGLE_PARENT = "single_parent"


@dataclass(frozen=True)
class BijstandCase:
    """The facts of one bijstand case on ``reference_date``.

    ``co_residents_27_plus`` counts the other residents (not applicant or partner)
    who are kostendelende medebewoners (art. 19a). ``has_children`` only matters
    for young couples (art. 20 lid 2); a single parent always has children.
    """

    reference_date: dt.date
    household: Household
    applicant_birth_date: dt.date
    partner_birth_date: dt.date | None
    co_residents_27_plus: int
    net_monthly_income_eur: Decimal
    assets_eur: Decimal
    debts_eur: Decimal
    home_equity_eur: Decimal
    has_children: bool = False


@dataclass(frozen=True)
class BijstandResult:
    """Outcome of :func:`evaluate_bijstand`; amounts are net euros per month."""

    reference_date: dt.date
    norm_monthly_eur: Decimal
    cost_sharers: int
    asset_limit_eur: Decimal
    passes_asset_test: bool
    home_equity_above_limit: bool
    indicative_monthly_benefit_eur: Decimal
    entitled: bool
    job_search_period_weeks: int
    reasons: tuple[Reason, ...]


def kostendeler_share(couple_norm: Decimal, persons: int, rule: dict) -> Decimal:
    """Norm per person under art. 22a lid 1: (40% + A x 30%) / A x B.

    >>> kostendeler_share(Decimal("1834.04"), 5, {"base_percent": 40,
    ...     "per_person_percent": 30})
    Decimal('696.94')
    """
    percent = Decimal(rule["base_percent"]) + persons * Decimal(
        rule["per_person_percent"]
    )
    return round_cents_half_up(couple_norm * percent / (100 * persons))


def evaluate_bijstand(
    case: BijstandCase, on: dt.date, params: ParameterSet | None = None
) -> BijstandResult:
    """Evaluate an indicative bijstand outcome for ``case`` with the law on ``on``."""
    p = params or default_parameters()
    reasons: list[Reason] = []
    couple = case.household is Household.COUPLE
    ref = case.reference_date

    applicant_age = age_on(case.applicant_birth_date, ref)
    partner_age = (
        age_on(case.partner_birth_date, ref)
        if couple and case.partner_birth_date
        else None
    )
    ages_version = p["leeftijdsgrenzen"].version_at(on)
    ages = ages_version.value
    assert isinstance(ages, dict)

    # Pensioengerechtigden: algemene bijstand (AIO) is uitgevoerd door de SVB.
    applicant_aow, aow_version = aow_date(case.applicant_birth_date, p)
    past_aow = ref >= applicant_aow
    if couple and case.partner_birth_date:
        partner_aow, _ = aow_date(case.partner_birth_date, p)
        past_aow = past_aow or ref >= partner_aow
    too_young = applicant_age < ages["minimum_age"] or (
        partner_age is not None and partner_age < ages["minimum_age"]
    )

    search_version = p["zoektermijn_jongeren"].version_at(on)
    search = search_version.value
    assert isinstance(search, dict)
    search_weeks = int(search["weeks"]) if applicant_age < search["below_age"] else 0

    limits_version = p["vermogensgrens"].version_at(on)
    limits = limits_version.value
    assert isinstance(limits, dict)
    limit = Decimal(
        limits["alleenstaande"]
        if case.household is Household.SINGLE
        else limits["gehuwden_of_alleenstaande_ouder"]
    )

    if past_aow or too_young:
        outcome = (
            "De AOW-leeftijd is bereikt (aanvrager of partner): geen bijstand op grond "
            "van deze normen; de aanvullende inkomensvoorziening ouderen (AIO) loopt "
            "via de SVB."
            if past_aow
            else f"Jonger dan {ages['minimum_age']} jaar: geen bijstandsnorm van "
            "toepassing."
        )
        reasons.append(
            Reason(
                rule="leeftijd",
                article=cite(aow_version) if past_aow else cite(ages_version),
                inputs={
                    "leeftijd_aanvrager": applicant_age,
                    "leeftijd_partner": partner_age,
                    "aow_datum_aanvrager": applicant_aow,
                },
                value=False,
                outcome=outcome,
            )
        )
        return BijstandResult(
            reference_date=ref,
            norm_monthly_eur=ZERO,
            cost_sharers=0,
            asset_limit_eur=limit,
            passes_asset_test=False,
            home_equity_above_limit=False,
            indicative_monthly_benefit_eur=ZERO,
            entitled=False,
            job_search_period_weeks=search_weeks,
            reasons=tuple(reasons),
        )

    norm, cost_sharers = _norm(case, applicant_age, partner_age, on, p, reasons)

    net_assets = round_cents_half_up(case.assets_eur) - round_cents_half_up(
        case.debts_eur
    )
    passes_assets = net_assets <= limit
    reasons.append(
        Reason(
            rule="vermogenstoets",
            article=cite(limits_version),
            inputs={
                "bezittingen": case.assets_eur,
                "schulden": case.debts_eur,
                "vermogensgrens": limit,
            },
            value=passes_assets,
            outcome=(
                f"Netto vermogen {format_eur(net_assets)} "
                + ("is niet hoger dan" if passes_assets else "is hoger dan")
                + f" de vermogensgrens van {format_eur(limit)}."
            ),
        )
    )

    home_version = p["vermogen_eigen_woning"].version_at(on)
    home_limit = Decimal(home_version.value)  # type: ignore[arg-type]
    home_above = round_cents_half_up(case.home_equity_eur) > home_limit
    if case.home_equity_eur > 0:
        reasons.append(
            Reason(
                rule="eigen_woning",
                article=cite(home_version),
                inputs={"overwaarde": case.home_equity_eur, "vrijlating": home_limit},
                value=home_above,
                outcome=(
                    f"Overwaarde {format_eur(case.home_equity_eur)} is hoger dan "
                    f"{format_eur(home_limit)}: bijstand alleen als lening "
                    "(krediethypotheek)."
                    if home_above
                    else f"Overwaarde {format_eur(case.home_equity_eur)} blijft binnen "
                    f"de vrijlating van {format_eur(home_limit)}."
                ),
            )
        )

    income = round_cents_half_up(case.net_monthly_income_eur)
    benefit = max(norm - income, ZERO)
    reasons.append(
        Reason(
            rule="inkomenstoets",
            article=f"{PW}, artikelen 31 en 32 (BWBR0015703)",
            inputs={"norm": norm, "netto_inkomen": income},
            value=benefit,
            outcome=(
                f"Norm {format_eur(norm)} min netto inkomen {format_eur(income)} = "
                f"indicatieve bijstand {format_eur(benefit)} per maand."
            ),
        )
    )

    entitled = passes_assets and benefit > 0
    reasons.append(
        Reason(
            rule="zoektermijn",
            article=cite(search_version),
            inputs={"leeftijd_aanvrager": applicant_age, **search},
            value=search_weeks,
            outcome=(
                f"Jonger dan {search['below_age']} jaar: eerst {search_weeks} weken "
                "zelf zoeken naar werk of opleiding (zoektermijn); de gemeente kan voor "
                "kwetsbare jongeren afwijken."
                if search_weeks
                else f"{search['below_age']} jaar of ouder: geen zoektermijn."
            ),
        )
    )
    reasons.append(
        Reason(
            rule="recht",
            article=f"{PW}, artikel 11 (BWBR0015703)",
            inputs={
                "vermogenstoets": passes_assets,
                "indicatieve_bijstand": benefit,
                "peildatum": ref,
            },
            value=entitled,
            outcome=(
                f"Indicatief recht op bijstand per {format_date(ref)}."
                if entitled
                else f"Indicatief geen recht op bijstand per {format_date(ref)}."
            ),
        )
    )
    return BijstandResult(
        reference_date=ref,
        norm_monthly_eur=norm,
        cost_sharers=cost_sharers,
        asset_limit_eur=limit,
        passes_asset_test=passes_assets,
        home_equity_above_limit=home_above,
        indicative_monthly_benefit_eur=benefit,
        entitled=entitled,
        job_search_period_weeks=search_weeks,
        reasons=tuple(reasons),
    )


def _norm(
    case: BijstandCase,
    applicant_age: int,
    partner_age: int | None,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> tuple[Decimal, int]:
    """The monthly norm (art. 20, 21, 22a) and A, the number of persons counted."""
    norms_version = p["bijstandsnormen"].version_at(on)
    norms = {k: Decimal(v) for k, v in norms_version.value.items()}  # type: ignore[union-attr]
    shares_version = p["kostendelersnorm"].version_at(on)
    shares = shares_version.value
    assert isinstance(shares, dict)
    adult = int(shares["member_min_age"])
    co = case.co_residents_27_plus
    couple_norm = norms["gehuwden_21_plus"]
    kids = "met_kinderen" if case.has_children else "zonder_kinderen"
    inputs = {
        "leefvorm": case.household.value,
        "leeftijd_aanvrager": applicant_age,
        "leeftijd_partner": partner_age,
        "kostendelende_medebewoners": co,
        "kinderen": case.has_children,
    }

    if case.household is not Household.COUPLE or partner_age is None:
        if applicant_age < adult:
            return _base(
                reasons, norms_version, inputs, norms, "alleenstaande_18_20", 0
            )
        if co == 0:
            return _base(
                reasons, norms_version, inputs, norms, "alleenstaande_21_plus", 1
            )
        persons = co + 1
        norm = kostendeler_share(couple_norm, persons, shares)
        return _shared(reasons, norms_version, shares_version, inputs, norm, persons, 1)

    both_adult = applicant_age >= adult and partner_age >= adult
    neither_adult = applicant_age < adult and partner_age < adult
    if neither_adult:
        key = f"gehuwden_beiden_18_20_{kids}"
        return _base(reasons, norms_version, inputs, norms, key, 0)
    if both_adult:
        if co == 0:
            return _base(reasons, norms_version, inputs, norms, "gehuwden_21_plus", 2)
        persons = co + 2
        norm = 2 * kostendeler_share(couple_norm, persons, shares)
        return _shared(reasons, norms_version, shares_version, inputs, norm, persons, 2)
    if co == 0:
        key = f"gehuwden_een_18_20_{kids}"
        return _base(reasons, norms_version, inputs, norms, key, 1)
    # Art. 22a lid 3: vast bedrag voor de jonge echtgenoot plus de kostendelersnorm
    # van de echtgenoot van 21 jaar of ouder (de jonge echtgenoot telt niet mee in A).
    young_version = p["kostendelersnorm_jongere_echtgenoot"].version_at(on)
    young = Decimal(young_version.value[kids])  # type: ignore[index]
    persons = co + 1
    share = kostendeler_share(couple_norm, persons, shares)
    norm = young + share
    reasons.append(
        Reason(
            rule="bijstandsnorm",
            article=f"{cite(shares_version)}; {cite(young_version)}",
            inputs={**inputs, "A": persons, "gehuwdennorm": couple_norm},
            value=norm,
            outcome=(
                f"Gehuwden, één echtgenoot 18-20 jaar, met kostendelers (A = {persons}): "
                f"{format_eur(young)} voor de jonge echtgenoot plus "
                f"{format_eur(share)} kostendelersnorm = {format_eur(norm)} per maand."
            ),
        )
    )
    return norm, persons


LABELS = {
    "alleenstaande_21_plus": "alleenstaande (ouder), 21 jaar tot AOW-leeftijd",
    "gehuwden_21_plus": "gehuwden, beiden 21 jaar tot AOW-leeftijd",
    "alleenstaande_18_20": "alleenstaande (ouder) van 18, 19 of 20 jaar",
    "gehuwden_beiden_18_20_zonder_kinderen": "gehuwden, beiden 18-20, zonder kinderen",
    "gehuwden_beiden_18_20_met_kinderen": "gehuwden, beiden 18-20, met kinderen",
    "gehuwden_een_18_20_zonder_kinderen": "gehuwden, één 18-20 en één 21+, zonder "
    "kinderen",
    "gehuwden_een_18_20_met_kinderen": "gehuwden, één 18-20 en één 21+, met kinderen",
}


def _base(
    reasons: list[Reason],
    version,
    inputs: dict,
    norms: dict[str, Decimal],
    key: str,
    persons: int,
) -> tuple[Decimal, int]:
    norm = norms[key]
    reasons.append(
        Reason(
            rule="bijstandsnorm",
            article=cite(version),
            inputs={**inputs, "norm_categorie": key},
            value=norm,
            outcome=f"Norm {LABELS[key]}: {format_eur(norm)} per maand "
            "(inclusief vakantietoeslag).",
        )
    )
    return norm, persons


def _shared(
    reasons: list[Reason],
    norms_version,
    shares_version,
    inputs: dict,
    norm: Decimal,
    persons: int,
    beneficiaries: int,
) -> tuple[Decimal, int]:
    shares = shares_version.value
    percent = (
        Decimal(shares["base_percent"])
        + persons * Decimal(shares["per_person_percent"])
    ) / persons
    reasons.append(
        Reason(
            rule="kostendelersnorm",
            article=f"{cite(shares_version)}; {cite(norms_version)}",
            inputs={**inputs, "A": persons},
            value=norm,
            outcome=(
                f"Kostendelersnorm met A = {persons}: ({shares['base_percent']}% + "
                f"{persons} x {shares['per_person_percent']}%) / {persons} = "
                f"{format_number(round(percent, 2))}% van de gehuwdennorm per persoon; "
                + ("samen " if beneficiaries == 2 else "")
                + f"{format_eur(norm)} per maand."
            ),
        )
    )
    return norm, persons
