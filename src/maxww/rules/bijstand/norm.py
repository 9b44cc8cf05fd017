"""Art. 20-24a: the norm per household and age, kostendelersnorm and the 24a raise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from maxww.rules.money import format_eur, format_number, round_cents_half_up
from maxww.rules.parameters import ParameterSet
from maxww.rules.reasons import Reason, cite

from .case import PW, BijstandCase, Household


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
