"""Art. 19, 31 lid 2 and 32: income test, exemptions, a partner without a right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from maxww.rules.money import format_eur, format_number, round_cents_half_up
from maxww.rules.parameters import ParameterSet, ParameterVersion
from maxww.rules.reasons import Reason, cite

from .case import PW, ZERO, BijstandCase, Household


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
