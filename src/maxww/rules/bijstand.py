"""Participatiewet (bijstand): norm, kostendelersnorm, asset and income test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .aow import aow_date
from .dates import age_on, format_date
from .money import format_eur, format_number, round_cents_half_up
from .parameters import ParameterSet, ParameterVersion, default_parameters
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
    ``net_monthly_income_eur`` is net income other than from work;
    ``income_from_work_eur`` is net income from work, which art. 31 lid 2 onder n,
    r, y, z and aa partly exempt. ``partner_income_eur`` is the net income of the
    partner (couples only): it counts in full when he has a right, and under art. 32
    lid 3 when he has none. ``loonkostensubsidie_job`` (the income from work is from
    a dienstbetrekking of art. 10d lid 1 or 2), ``lks_exemption_months_used`` and
    ``no_more_hours_possible`` (the college's judgement) serve art. 31 lid 2 onder z
    and aa. The other optional facts default to "no".
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
    income_from_work_eur: Decimal = ZERO
    partner_has_no_right: bool = False
    cannot_rely_on_parents: bool = False
    medically_limited_hours: bool = False
    loonkostensubsidie_target_group: bool = False
    special_education_last_year: bool = False
    work_exemption_months_used: int = 0
    single_parent_exemption_months_used: int = 0
    has_child_under_12: bool = False
    partner_income_eur: Decimal = ZERO
    loonkostensubsidie_job: bool = False
    no_more_hours_possible: bool = False
    lks_exemption_months_used: int = 0


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
    aio_via_svb: bool = False
    income_exemption_eur: Decimal = ZERO


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


def art_34_vermogenstoets(
    case: BijstandCase, limit: Decimal, version, reasons: list[Reason]
) -> bool:
    """Art. 34: net assets (bezittingen minus schulden) not above the limit."""
    net_assets = round_cents_half_up(case.assets_eur) - round_cents_half_up(
        case.debts_eur
    )
    passes_assets = net_assets <= limit
    reasons.append(
        Reason(
            rule="vermogenstoets",
            article=cite(version),
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
    return passes_assets


def art_34_lid_2d_eigen_woning(
    case: BijstandCase, on: dt.date, p: ParameterSet, reasons: list[Reason]
) -> bool:
    """Art. 34 lid 2 onder d and art. 50 lid 2: equity above the limit → a loan."""
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
    return home_above


def art_19_inkomenstoets(
    case: BijstandCase,
    norm: Decimal,
    work: Decimal,
    exemption: Decimal,
    partner_counted: Decimal,
    reasons: list[Reason],
) -> Decimal:
    """Art. 19 lid 2 with art. 31-32: the norm minus the income that counts."""
    other = round_cents_half_up(case.net_monthly_income_eur)
    income = other + work - exemption + partner_counted
    benefit = max(norm - income, ZERO)
    reasons.append(
        Reason(
            rule="inkomenstoets",
            article=f"{PW}, artikelen 19, 31 en 32 (BWBR0015703)",
            inputs={
                "norm": norm,
                "inkomsten_uit_arbeid": work,
                "vrijlating": exemption,
                "overig_netto_inkomen": other,
                "inkomen_partner_zonder_recht": partner_counted,
            },
            value=benefit,
            outcome=(
                f"Norm {format_eur(norm)} min in aanmerking te nemen inkomen "
                f"{format_eur(income)}"
                + (
                    f" (arbeid {format_eur(work)} min vrijlating "
                    f"{format_eur(exemption)}, overig {format_eur(other)})"
                    if work
                    else ""
                )
                + (
                    f", waarvan partner zonder recht {format_eur(partner_counted)}"
                    if partner_counted
                    else ""
                )
                + f" = indicatieve bijstand {format_eur(benefit)} per maand."
            ),
        )
    )
    return benefit


def art_32_lid_3_inkomen_partner_zonder_recht(
    case: BijstandCase,
    norm: Decimal,
    base_norm: Decimal,
    work: Decimal,
    exemption: Decimal,
    reasons: list[Reason],
) -> Decimal:
    """Art. 32 lid 3: the income of a spouse without a right counts only above the
    couple norm.

    It counts for as much as the couple's income together, with the bijstand the
    spouse with a right would get without it, exceeds the couple norm. The couple
    norm is taken as twice the norm of the spouse with a right (50% of it under
    art. 24, two equal shares under art. 22a lid 2); for an odd couple norm that is
    one cent more (2 x € 1.001,07 = € 2.002,14 for € 2.002,13), see docs/rules.md.
    """
    own = round_cents_half_up(case.net_monthly_income_eur) + work - exemption
    partner = round_cents_half_up(case.partner_income_eur)
    without = max(norm - own, ZERO)
    couple_norm = 2 * base_norm  # without the art. 24a raise: a norm for two
    counted = max(own + without + partner - couple_norm, ZERO)
    reasons.append(
        Reason(
            rule="inkomen_partner_zonder_recht",
            article=f"{PW}, artikel 32, derde lid (BWBR0015703)",
            inputs={
                "inkomen_partner": partner,
                "eigen_inkomen": own,
                "bijstand_zonder_inkomen_partner": without,
                "gehuwdennorm": couple_norm,
            },
            value=counted,
            outcome=(
                f"Het inkomen van de partner zonder recht ({format_eur(partner)}) telt "
                "alleen mee voor zover het gezinsinkomen met de bijstand zonder dat "
                f"inkomen ({format_eur(own + without + partner)}) de gehuwdennorm van "
                f"{format_eur(couple_norm)} te boven gaat: {format_eur(counted)}."
            ),
        )
    )
    return counted


def art_24a_verhoging(
    norm: Decimal, on: dt.date, p: ParameterSet, reasons: list[Reason]
) -> Decimal:
    """Art. 24a (from 2026): with a child and a spouse without a right, the norm goes
    up by 1/12 of the Wkb art. 2 lid 6 amount (0 before 2026)."""
    version = p["kindgebonden_budget_verhoging_24a"].version_at(on)
    assert isinstance(version.value, dict)
    raise_by = Decimal(version.value["amount"])
    if not raise_by:
        return norm
    raised = norm + raise_by
    reasons.append(
        Reason(
            rule="verhoging_24a",
            article=cite(version),
            inputs={"norm": norm, "verhoging": raise_by},
            value=raised,
            outcome=(
                "Met een ten laste komend kind en een partner zonder recht op bijstand "
                f"wordt de norm verhoogd met {format_eur(raise_by)} (1/12 van de "
                "verhoging alleenstaande ouder in het kindgebonden budget): "
                f"{format_eur(raised)}."
            ),
        )
    )
    return raised


def art_41_lid_4_zoektermijn(
    case: BijstandCase,
    applicant_age: int,
    partner_age: int | None,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> int:
    """Art. 41 lid 4: four weeks' search period for the young, with its exceptions.

    Applies to a single (parent) under 27 and to a couple when both spouses are
    under 27; not when one of them left praktijkonderwijs or voortgezet speciaal
    onderwijs at most a year ago (onder a), is medisch urenbeperkt or belongs to
    the loonkostensubsidie target group (onder b).
    """
    version = p["zoektermijn_jongeren"].version_at(on)
    rule = version.value
    assert isinstance(rule, dict)
    below = int(rule["below_age"])
    young = applicant_age < below and (partner_age is None or partner_age < below)
    exception = (
        "praktijkonderwijs of voortgezet speciaal onderwijs in het afgelopen jaar "
        "(onder a)"
        if case.special_education_last_year
        else "medisch urenbeperkt (onder b)"
        if case.medically_limited_hours
        else "doelgroep loonkostensubsidie (onder b)"
        if case.loonkostensubsidie_target_group
        else None
    )
    weeks = int(rule["weeks"]) if young and exception is None else 0
    if not young:
        outcome = (
            f"{below} jaar of ouder (bij gehuwden: niet beiden jonger dan {below}): "
            "geen zoektermijn."
        )
    elif exception:
        outcome = f"Jonger dan {below} jaar, maar uitgezonderd: {exception}; geen zoektermijn."
    else:
        outcome = (
            f"Jonger dan {below} jaar: de aanvraag kan pas {weeks} weken na de melding "
            "worden ingediend; in die weken zelf zoeken naar werk of opleiding "
            "(zoektermijn)."
        )
    reasons.append(
        Reason(
            rule="zoektermijn",
            article=cite(version),
            inputs={
                "leeftijd_aanvrager": applicant_age,
                "leeftijd_partner": partner_age,
                "praktijk_of_vso_afgelopen_jaar": case.special_education_last_year,
                "medisch_urenbeperkt": case.medically_limited_hours,
                "doelgroep_loonkostensubsidie": case.loonkostensubsidie_target_group,
            },
            value=weeks,
            outcome=outcome,
        )
    )
    return weeks


def art_31_lid_2_vrijlating(
    case: BijstandCase,
    applicant_age: int,
    pension: bool,
    work: Decimal,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> Decimal:
    """Art. 31 lid 2 onder n, r, y, z and aa: the part of income from work that is exempt.

    At most one applies: n (25%, six months, none below 27; no time limit at AOW
    age); y (15%, medisch urenbeperkt, unless n applies); z (15%, loonkostensubsidie
    job, twelve months after n's six, unless y); aa (15%, after z's twelve months when
    the college holds more hours impossible); r (12,5%, single parent with a child
    under 12, after n's six months, at most 30 months, unless y, z or aa).
    """
    if work <= 0:
        return ZERO
    chosen = _vrijlating_onderdeel(case, applicant_age, pension, on, p)
    if chosen is None:
        reasons.append(
            Reason(
                rule="vrijlating",
                article=cite(p["vrijlating_inkomsten_uit_arbeid"].version_at(on)),
                inputs={
                    "inkomsten_uit_arbeid": work,
                    "leeftijd_aanvrager": applicant_age,
                },
                value=ZERO,
                outcome="Geen vrijlating van inkomsten uit arbeid van toepassing "
                "(jonger dan 27 jaar, of de termijn is verstreken).",
            )
        )
        return ZERO
    letter, version, rule = chosen
    exempt = min(
        round_cents_half_up(work * Decimal(rule["percent"]) / 100),
        Decimal(rule["maximum"]),
    )
    reasons.append(
        Reason(
            rule="vrijlating",
            article=cite(version),
            inputs={"inkomsten_uit_arbeid": work, "onderdeel": letter, **rule},
            value=exempt,
            outcome=(
                f"Vrijlating artikel 31 lid 2 onder {letter}: "
                f"{format_number(rule['percent'])}% van {format_eur(work)}, ten hoogste "
                f"{format_eur(Decimal(rule['maximum']))}: {format_eur(exempt)} telt niet "
                "mee als inkomen."
            ),
        )
    )
    return exempt


def _vrijlating_onderdeel(
    case: BijstandCase,
    applicant_age: int,
    pension: bool,
    on: dt.date,
    p: ParameterSet,
) -> tuple[str, ParameterVersion, dict] | None:
    """Which onderdeel of art. 31 lid 2 applies (n, y, z, aa or r), with its version."""
    n_version = p["vrijlating_inkomsten_uit_arbeid"].version_at(on)
    y_version = p["vrijlating_medisch_urenbeperkt"].version_at(on)
    r_version = p["vrijlating_alleenstaande_ouder"].version_at(on)
    lks_version = p["vrijlating_loonkostensubsidie"].version_at(on)
    n, y, r, lks = n_version.value, y_version.value, r_version.value, lks_version.value
    assert isinstance(n, dict) and isinstance(y, dict)
    assert isinstance(r, dict) and isinstance(lks, dict)
    adult = applicant_age >= int(n["min_age"])
    n_applies = adult and (
        pension or case.work_exemption_months_used < int(n["months"])
    )
    y_applies = case.medically_limited_hours and not n_applies
    lks_job = (
        case.loonkostensubsidie_target_group
        and case.loonkostensubsidie_job
        and not n_applies
        and not y_applies
    )
    z_applies = (
        lks_job
        and case.work_exemption_months_used >= int(n["months"])
        and case.lks_exemption_months_used < int(lks["months"])
    )
    aa_applies = (
        lks_job
        and case.lks_exemption_months_used >= int(lks["months"])
        and case.no_more_hours_possible
    )
    r_applies = (
        case.household is Household.SINGLE_PARENT
        and case.has_child_under_12
        and adult
        and not (n_applies or y_applies or z_applies or aa_applies)
        and case.single_parent_exemption_months_used < int(r["months"])
    )
    for letter, applies, version, rule in (
        ("n", n_applies, n_version, n),
        ("y", y_applies, y_version, y),
        ("z", z_applies, lks_version, lks),
        ("aa", aa_applies, lks_version, lks),
        ("r", r_applies, r_version, r),
    ):
        if applies:
            return letter, version, rule
    return None


def art_20_22a_norm(
    case: BijstandCase,
    applicant_age: int,
    partner_age: int | None,
    partner_right: bool,
    pension: bool,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> tuple[Decimal, int]:
    """The monthly norm (art. 20-22a, 24) and A, the number of persons counted."""
    norms_version = p["bijstandsnormen"].version_at(on)
    norms = {k: Decimal(v) for k, v in norms_version.value.items()}  # type: ignore[union-attr]
    pension_version = p["bijstandsnormen_pensioen"].version_at(on)
    pension_norms = {k: Decimal(v) for k, v in pension_version.value.items()}  # type: ignore[union-attr]
    shares_version = p["kostendelersnorm"].version_at(on)
    shares = shares_version.value
    assert isinstance(shares, dict)
    adult = int(shares["member_min_age"])
    co = case.co_residents_27_plus
    couple_norm = pension_norms["gehuwden"] if pension else norms["gehuwden_21_plus"]
    main_version = pension_version if pension else norms_version
    kids = "met_kinderen" if case.has_children else "zonder_kinderen"
    inputs = {
        "leefvorm": case.household.value,
        "leeftijd_aanvrager": applicant_age,
        "leeftijd_partner": partner_age,
        "partner_heeft_recht": partner_right,
        "kostendelende_medebewoners": co,
        "kinderen": case.has_children,
        "pensioengerechtigd": pension,
    }
    a_adult = applicant_age >= adult or pension
    p_adult = partner_age is not None and (partner_age >= adult or pension)

    if case.household is not Household.COUPLE or partner_age is None:
        if not a_adult:
            norm, persons = _base(
                reasons, norms_version, inputs, norms, "alleenstaande_18_20", 0
            )
        elif co == 0:
            if pension:
                return art_22_pensioennorm(
                    reasons, pension_version, inputs, pension_norms, False
                )
            return _base(
                reasons, norms_version, inputs, norms, "alleenstaande_21_plus", 1
            )
        else:
            norm = kostendeler_share(couple_norm, co + 1, shares)
            return _shared(
                reasons, main_version, shares_version, inputs, norm, co + 1, 1
            )
        return art_20_lid_3_jongerentoeslag(
            case, norm, 1, _single_21(norms, co, shares), on, p, reasons
        ), persons

    if not partner_right:
        return art_24_partner_zonder_recht(
            case,
            a_adult,
            partner_age,
            co,
            couple_norm,
            norms,
            kids,
            main_version,
            shares_version,
            shares,
            inputs,
            on,
            p,
            reasons,
        )

    if a_adult and p_adult:
        if co == 0:
            if pension:
                return art_22_pensioennorm(
                    reasons, pension_version, inputs, pension_norms, True
                )
            return _base(reasons, norms_version, inputs, norms, "gehuwden_21_plus", 2)
        persons = co + 2
        norm = 2 * kostendeler_share(couple_norm, persons, shares)
        return _shared(reasons, main_version, shares_version, inputs, norm, persons, 2)
    young = int(not a_adult) + int(not p_adult)
    cap = (
        norms["gehuwden_21_plus"]
        if co == 0
        else 2 * kostendeler_share(couple_norm, co + 2, shares)
    )
    if young == 2:
        key = f"gehuwden_beiden_18_20_{kids}"
        norm, persons = _base(reasons, norms_version, inputs, norms, key, 0)
        return art_20_lid_3_jongerentoeslag(case, norm, 2, cap, on, p, reasons), persons
    if co == 0:
        key = f"gehuwden_een_18_20_{kids}"
        norm, persons = _base(reasons, norms_version, inputs, norms, key, 1)
        return art_20_lid_3_jongerentoeslag(case, norm, 1, cap, on, p, reasons), persons
    # Art. 22a lid 3: vast bedrag voor de jonge echtgenoot plus de kostendelersnorm
    # van de echtgenoot van 21 jaar of ouder (de jonge echtgenoot telt niet mee in A).
    young_version = p["kostendelersnorm_jongere_echtgenoot"].version_at(on)
    young_part = Decimal(young_version.value[kids])  # type: ignore[index]
    persons = co + 1
    share = kostendeler_share(couple_norm, persons, shares)
    norm = young_part + share
    reasons.append(
        Reason(
            rule="bijstandsnorm",
            article=f"{cite(shares_version)}; {cite(young_version)}",
            inputs={**inputs, "A": persons, "gehuwdennorm": couple_norm},
            value=norm,
            outcome=(
                f"Gehuwden, één echtgenoot 18-20 jaar, met kostendelers (A = {persons}): "
                f"{format_eur(young_part)} voor de jonge echtgenoot plus "
                f"{format_eur(share)} kostendelersnorm = {format_eur(norm)} per maand."
            ),
        )
    )
    return art_20_lid_3_jongerentoeslag(case, norm, 1, cap, on, p, reasons), persons


def _single_21(norms: dict[str, Decimal], co: int, shares: dict) -> Decimal:
    """The norm of a single 21-year-old in the same household (art. 20 lid 4 cap)."""
    if co == 0:
        return norms["alleenstaande_21_plus"]
    return kostendeler_share(norms["gehuwden_21_plus"], co + 1, shares)


def art_20_lid_3_jongerentoeslag(
    case: BijstandCase,
    norm: Decimal,
    young: int,
    cap: Decimal,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> Decimal:
    """Art. 20 lid 3-4 (from 2026): + a fixed amount per young person (18-20) who
    cannot rely on the parents, capped at the norm of a 21-year-old in the same
    situation."""
    version = p["jongerentoeslag"].version_at(on)
    amount = Decimal(version.value["amount"])  # type: ignore[index]
    if not case.cannot_rely_on_parents or amount == 0:
        return norm
    raised = min(norm + young * amount, max(cap, norm))
    reasons.append(
        Reason(
            rule="jongerentoeslag",
            article=cite(version),
            inputs={
                "norm": norm,
                "verhoging": amount,
                "jongeren": young,
                "maximum": cap,
            },
            value=raised,
            outcome=(
                f"Geen beroep op de ouders mogelijk: de norm {format_eur(norm)} wordt "
                f"verhoogd met {young} x {format_eur(amount)}, ten hoogste de norm van "
                f"een 21-jarige ({format_eur(cap)}): {format_eur(raised)} per maand."
            ),
        )
    )
    return raised


def art_24_partner_zonder_recht(
    case: BijstandCase,
    a_adult: bool,
    partner_age: int | None,
    co: int,
    couple_norm: Decimal,
    norms: dict[str, Decimal],
    kids: str,
    main_version,
    shares_version,
    shares: dict,
    inputs: dict,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> tuple[Decimal, int]:
    """Art. 24 (and 22a lid 1-2): the spouse with a right when the other has none.

    50% of the couple norm for his age (21+ without co-residents, or under 21);
    21+ with co-residents: his own kostendelersnorm, A counting the spouse when 21+.
    """
    adult = int(shares["member_min_age"])
    if a_adult and co > 0:
        persons = co + 1 + int(partner_age is not None and partner_age >= adult)
        norm = kostendeler_share(couple_norm, persons, shares)
        return _shared(reasons, main_version, shares_version, inputs, norm, persons, 1)
    base = couple_norm if a_adult else norms[f"gehuwden_beiden_18_20_{kids}"]
    norm = round_cents_half_up(base / 2)
    reasons.append(
        Reason(
            rule="bijstandsnorm",
            article=f"{PW}, artikel 24 (BWBR0015703); {cite(main_version)}",
            inputs={**inputs, "gehuwdennorm": base},
            value=norm,
            outcome=(
                "De partner heeft geen recht op bijstand: de rechthebbende echtgenoot "
                f"krijgt 50% van de gehuwdennorm van {format_eur(base)} = "
                f"{format_eur(norm)} per maand."
            ),
        )
    )
    if a_adult:
        return norm, 1
    cap = round_cents_half_up(norms["gehuwden_21_plus"] / 2)
    return art_20_lid_3_jongerentoeslag(case, norm, 1, cap, on, p, reasons), 0


def art_22_pensioennorm(
    reasons: list[Reason],
    version,
    inputs: dict,
    norms: dict[str, Decimal],
    couple: bool,
) -> tuple[Decimal, int]:
    key = "gehuwden" if couple else "alleenstaande"
    norm = norms[key]
    label = (
        "gehuwden, een of beide echtgenoten pensioengerechtigd (onder b en c)"
        if couple
        else "alleenstaande (ouder), pensioengerechtigd (onder a)"
    )
    reasons.append(
        Reason(
            rule="bijstandsnorm",
            article=cite(version),
            inputs={**inputs, "norm_categorie": f"pensioen_{key}"},
            value=norm,
            outcome=f"Norm {label}: {format_eur(norm)} per maand "
            "(inclusief vakantietoeslag).",
        )
    )
    return norm, 2 if couple else 1


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
