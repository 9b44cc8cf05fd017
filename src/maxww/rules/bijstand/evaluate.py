"""Evaluate a bijstand case: the articles in the order the law applies them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from maxww.rules.aow import aow_date
from maxww.rules.dates import age_on, format_date
from maxww.rules.money import round_cents_half_up
from maxww.rules.parameters import ParameterSet, ParameterVersion, default_parameters
from maxww.rules.reasons import Reason, cite

from .assets import art_34_lid_2d_eigen_woning, art_34_vermogenstoets
from .case import PW, ZERO, BijstandCase, BijstandResult, Household
from .income import (
    art_19_inkomenstoets,
    art_31_lid_2_vrijlating,
    art_32_lid_3_inkomen_partner_zonder_recht,
)
from .norm import art_20_22a_norm, art_24a_verhoging
from .zoektermijn import art_41_lid_4_zoektermijn


@dataclass(frozen=True)
class _Ages:
    """Ages on the reference date, the AOW test and whether the partner has a right."""

    applicant: int
    partner: int | None
    minimum: int
    ages_version: ParameterVersion
    applicant_aow: dt.date
    aow_version: ParameterVersion
    pension: bool
    partner_right: bool


def evaluate_bijstand(
    case: BijstandCase, on: dt.date, params: ParameterSet | None = None
) -> BijstandResult:
    """Evaluate an indicative bijstand outcome for ``case`` with the law on ``on``."""
    p = params or default_parameters()
    reasons: list[Reason] = []
    ages = _ages_and_aow(case, on, p)
    search_weeks = art_41_lid_4_zoektermijn(
        case, ages.applicant, ages.partner, on, p, reasons
    )
    limit, limits_version = _art_34_lid_3_vermogensgrens(case, on, p)
    if ages.applicant < ages.minimum:
        return _art_20_te_jong(case, ages, limit, search_weeks, reasons)
    if ages.pension:
        _aio_via_svb(ages, reasons)
    norm, base_norm, cost_sharers = _art_20_24a_norm(case, ages, on, p, reasons)
    passes_assets = art_34_vermogenstoets(case, limit, limits_version, reasons)
    home_above = art_34_lid_2d_eigen_woning(case, on, p, reasons)
    exemption, benefit = _art_19_31_32_inkomen(
        case, ages, norm, base_norm, on, p, reasons
    )
    entitled = _art_11_recht(case, passes_assets, benefit, ages.pension, reasons)
    return BijstandResult(
        reference_date=case.reference_date,
        norm_monthly_eur=norm,
        cost_sharers=cost_sharers,
        asset_limit_eur=limit,
        passes_asset_test=passes_assets,
        home_equity_above_limit=home_above,
        indicative_monthly_benefit_eur=benefit,
        entitled=entitled,
        job_search_period_weeks=search_weeks,
        reasons=tuple(reasons),
        aio_via_svb=ages.pension,
        income_exemption_eur=exemption,
    )


def _ages_and_aow(case: BijstandCase, on: dt.date, p: ParameterSet) -> _Ages:
    """Art. 20-21 and AOW art. 7a: the ages, AOW age reached, a partner's right."""
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
    applicant_aow, aow_version = aow_date(case.applicant_birth_date, p)
    pension = ref >= applicant_aow
    if couple and case.partner_birth_date:
        partner_aow, _ = aow_date(case.partner_birth_date, p)
        pension = pension or ref >= partner_aow
    minimum = int(ages["minimum_age"])
    partner_right = (
        partner_age is not None
        and partner_age >= minimum
        and not case.partner_has_no_right
    )
    return _Ages(
        applicant=applicant_age,
        partner=partner_age,
        minimum=minimum,
        ages_version=ages_version,
        applicant_aow=applicant_aow,
        aow_version=aow_version,
        pension=pension,
        partner_right=partner_right,
    )


def _art_34_lid_3_vermogensgrens(
    case: BijstandCase, on: dt.date, p: ParameterSet
) -> tuple[Decimal, ParameterVersion]:
    """Art. 34 lid 3: the asset limit for a single, or a couple or single parent."""
    limits_version = p["vermogensgrens"].version_at(on)
    limits = limits_version.value
    assert isinstance(limits, dict)
    limit = Decimal(
        limits["alleenstaande"]
        if case.household is Household.SINGLE
        else limits["gehuwden_of_alleenstaande_ouder"]
    )
    return limit, limits_version


def _art_20_te_jong(
    case: BijstandCase,
    ages: _Ages,
    limit: Decimal,
    search_weeks: int,
    reasons: list[Reason],
) -> BijstandResult:
    """Art. 20-21: below the minimum age no norm applies, so no bijstand."""
    reasons.append(
        Reason(
            rule="leeftijd",
            article=cite(ages.ages_version),
            inputs={"leeftijd_aanvrager": ages.applicant},
            value=False,
            outcome=f"Jonger dan {ages.minimum} jaar: geen bijstandsnorm van "
            "toepassing.",
        )
    )
    return BijstandResult(
        reference_date=case.reference_date,
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


def _aio_via_svb(ages: _Ages, reasons: list[Reason]) -> None:
    """Art. 22 and paragraaf 5.4 (art. 47a-47g): at AOW age the SVB pays it as AIO."""
    reasons.append(
        Reason(
            rule="aio_svb",
            article=f"{cite(ages.aow_version)}; {PW}, paragraaf 5.4 (artikelen "
            "47a-47g, BWBR0015703)",
            inputs={
                "leeftijd_aanvrager": ages.applicant,
                "leeftijd_partner": ages.partner,
                "aow_datum_aanvrager": ages.applicant_aow,
            },
            value=True,
            outcome="De AOW-leeftijd is bereikt (aanvrager of partner): de norm "
            "voor pensioengerechtigden geldt (artikel 22) en de Sociale "
            "verzekeringsbank voert de bijstand uit als aanvullende "
            "inkomensvoorziening ouderen (AIO). Verwijs door naar de SVB.",
        )
    )


def _art_20_24a_norm(
    case: BijstandCase,
    ages: _Ages,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> tuple[Decimal, Decimal, int]:
    """Art. 20-22a and 24a: the norm, the norm before the 24a raise, and A."""
    norm, cost_sharers = art_20_22a_norm(
        case,
        ages.applicant,
        ages.partner,
        ages.partner_right,
        ages.pension,
        on,
        p,
        reasons,
    )
    base_norm = norm
    couple = case.household is Household.COUPLE
    if couple and not ages.partner_right and case.has_children:
        norm = art_24a_verhoging(norm, on, p, reasons)
    return norm, base_norm, cost_sharers


def _art_19_31_32_inkomen(
    case: BijstandCase,
    ages: _Ages,
    norm: Decimal,
    base_norm: Decimal,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> tuple[Decimal, Decimal]:
    """Art. 19, 31 and 32: the exemption of income from work and the benefit."""
    couple = case.household is Household.COUPLE
    work = round_cents_half_up(case.income_from_work_eur)
    exemption = art_31_lid_2_vrijlating(
        case, ages.applicant, ages.pension, work, on, p, reasons
    )
    partner_counted = (
        art_32_lid_3_inkomen_partner_zonder_recht(
            case, norm, base_norm, work, exemption, reasons
        )
        if couple and not ages.partner_right
        else round_cents_half_up(case.partner_income_eur)
        if couple
        else ZERO
    )
    benefit = art_19_inkomenstoets(
        case, norm, work, exemption, partner_counted, reasons
    )
    return exemption, benefit


def _art_11_recht(
    case: BijstandCase,
    passes_assets: bool,
    benefit: Decimal,
    pension: bool,
    reasons: list[Reason],
) -> bool:
    """Art. 11: an indicative right when the assets pass and some bijstand remains."""
    ref = case.reference_date
    entitled = passes_assets and benefit > 0
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
                f"Indicatief recht op bijstand per {format_date(ref)}"
                + (" (uitvoering door de SVB als AIO)." if pension else ".")
                if entitled
                else f"Indicatief geen recht op bijstand per {format_date(ref)}."
            ),
        )
    )
    return entitled
