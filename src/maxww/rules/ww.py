"""WW (Werkloosheidswet): entitlement, duration, end date and amount for one case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .aow import aow_date
from .dates import add_months, format_date
from .dispatch import formula_for
from .money import format_eur, format_number, round_cents_half_up
from .parameters import ParameterSet, ParameterVersion, default_parameters
from .reasons import Reason, cite

HALF_MONTH_DAYS = 15
"""A half month of WW counts as 15 calendar days.

WW art. 42 lid 2: "telt een halve maand voor 15 kalenderdagen"
(https://wetten.overheid.nl/BWBR0004045/2026-01-01#Artikel42).
"""

MONTH_END_STATUS = "unverified"
"""Provenance of the end-date count at month ends (:func:`add_duration`).

No official rule was found for a start day that does not exist in the end month:
WW art. 42 (BWBR0004045, text in force 2026-01-01) gives the duration in months
and a half month as 15 days, nothing on the last day; the Algemene termijnenwet
(BWBR0002448, art. 1 and 4) only moves terms that end on a weekend or holiday and
excludes terms of more than three months; no UWV page or beschikking with such a
date is in the stored sources. The engine counts as civil law counts a term in
months (the day before the same day number, else the last day of the end month),
so the end-date reason carries this status. See ``docs/rules.md``.
"""


@dataclass(frozen=True)
class WWCase:
    """The facts of one WW case; ``reference_date`` is the first day of unemployment."""

    reference_date: dt.date
    birth_date: dt.date
    weeks_worked_last_36: int
    years_with_208_hours_last_5: int
    employment_history_years_before_2016: int
    employment_history_years_from_2016: int
    daily_wage_eur: Decimal


@dataclass(frozen=True)
class WWResult:
    """Outcome of :func:`evaluate_ww`; amounts are gross euros per month."""

    reference_date: dt.date
    entitled: bool
    duration_months: Decimal
    end_date: dt.date | None
    aow_date: dt.date
    capped_by_aow: bool
    monthly_amount_first_2_months_eur: Decimal
    monthly_amount_after_eur: Decimal
    municipality_report_date: dt.date
    reasons: tuple[Reason, ...]


def _duration_from_2016(
    years_before_2016: int, years_from_2016: int, rule: dict
) -> tuple[Decimal, str]:
    """Art. 42 WW since 1 January 2016: 1 month per year for the first 10 years and
    for years before 2016, half a month per later year from 2016."""
    full_years = int(rule["full_month_years"])
    first = min(years_before_2016 + years_from_2016, full_years)
    extra_before = max(years_before_2016 - full_years, 0)
    later_from_2016 = max(years_from_2016 - max(full_years - years_before_2016, 0), 0)
    months = (
        Decimal(first) * Decimal(rule["months_per_year_before_2016"])
        + Decimal(extra_before) * Decimal(rule["months_per_year_before_2016"])
        + Decimal(later_from_2016) * Decimal(rule["months_per_year_from_2016"])
    )
    explanation = (
        f"eerste {first} jaar x 1 maand + {extra_before} overige jaren voor 2016 x 1 "
        f"maand + {later_from_2016} overige jaren vanaf 2016 x "
        f"{format_number(rule['months_per_year_from_2016'])} maand = "
        f"{format_number(months)} maanden"
    )
    return months, explanation


DurationFormula = Callable[[int, int, dict], tuple[Decimal, str]]
DURATION_FORMULAS: tuple[tuple[dt.date, DurationFormula], ...] = (
    (dt.date(2016, 1, 1), _duration_from_2016),
)


def add_duration(start: dt.date, months: Decimal) -> dt.date:
    """Last day of a benefit of ``months`` months starting on ``start``.

    A period of whole months ends the day before the same day number in the end
    month; when that day does not exist there (31 January + 3 months), the period
    ends on the last day of that month (the civil-law counting of a term in months,
    see ``docs/rules.md``). A half month adds 15 calendar days (WW art. 42 lid 2).

    >>> add_duration(dt.date(2026, 1, 1), Decimal(3))
    datetime.date(2026, 3, 31)
    >>> add_duration(dt.date(2026, 1, 1), Decimal("3.5"))
    datetime.date(2026, 4, 15)
    >>> add_duration(dt.date(2026, 1, 31), Decimal(3))
    datetime.date(2026, 4, 30)
    >>> add_duration(dt.date(2025, 11, 30), Decimal(3))
    datetime.date(2026, 2, 28)
    """
    whole = int(months)
    days = HALF_MONTH_DAYS if months != whole else 0
    same_day = add_months(start, whole)
    clamped = same_day.day < start.day
    end_of_whole = same_day if clamped else same_day - dt.timedelta(days=1)
    return end_of_whole + dt.timedelta(days=days)


def _start_day_missing(start: dt.date, months: Decimal) -> bool:
    """Whether the start's day number does not exist in the month the whole months end."""
    return add_months(start, int(months)).day < start.day


def evaluate_ww(
    case: WWCase, on: dt.date, params: ParameterSet | None = None
) -> WWResult:
    """Evaluate WW entitlement for ``case`` with the law in force on ``on``.

    The law, rule by rule: AOW date, art. 17 (wekeneis), art. 42 (jareneis, duration,
    end date), art. 1b/47 (maximumdagloon, amount), then the report date for the
    municipality. Each rule adds its :class:`Reason`.
    """
    p = params or default_parameters()
    reasons: list[Reason] = []
    aow, aow_version = aow_leeftijd(case, p, reasons)
    below_aow = case.reference_date < aow
    meets_weeks = art_17_wekeneis(case, on, p, reasons)
    meets_years = art_42_jareneis(case, on, p, reasons)
    entitled = meets_weeks and below_aow
    if not below_aow:
        reasons.append(
            Reason(
                rule="aow_leeftijd_bereikt",
                article=cite(aow_version),
                inputs={"eerste_werkloosheidsdag": case.reference_date},
                value=False,
                outcome="Op de eerste werkloosheidsdag is de AOW-leeftijd al bereikt: "
                "geen recht op WW.",
            )
        )
    duration = Decimal(0)
    end_date: dt.date | None = None
    capped = False
    first_amount = after_amount = Decimal("0.00")
    if entitled:
        duration, duration_version = art_42_duur(case, meets_years, on, p, reasons)
        end_date, capped = art_42_einddatum(
            case, duration, aow, aow_version, duration_version, reasons
        )
        first_amount, after_amount = art_47_hoogte(case, on, p, reasons)
    report_date = melden_gemeente(case, end_date, reasons)
    return WWResult(
        reference_date=case.reference_date,
        entitled=entitled,
        duration_months=duration.quantize(Decimal("0.1")),
        end_date=end_date,
        aow_date=aow,
        capped_by_aow=capped,
        monthly_amount_first_2_months_eur=first_amount,
        monthly_amount_after_eur=after_amount,
        municipality_report_date=report_date,
        reasons=tuple(reasons),
    )


def aow_leeftijd(
    case: WWCase, p: ParameterSet, reasons: list[Reason]
) -> tuple[dt.date, ParameterVersion]:
    """The day the AOW age is reached (AOW art. 7a); WW ends the day before."""
    aow, aow_version = aow_date(case.birth_date, p)
    reasons.append(
        Reason(
            rule="aow_leeftijd",
            article=cite(aow_version),
            inputs={
                "geboortedatum": case.birth_date,
                "aow_leeftijd": aow_version.value,
            },
            value=aow,
            outcome=f"De AOW-leeftijd wordt bereikt op {format_date(aow)}.",
        )
    )
    return aow, aow_version


def art_17_wekeneis(
    case: WWCase, on: dt.date, p: ParameterSet, reasons: list[Reason]
) -> bool:
    """WW art. 17: worked in at least 26 of the 36 weeks before unemployment."""
    weeks_version = p["wekeneis"].version_at(on)
    weeks_rule = weeks_version.value
    assert isinstance(weeks_rule, dict)
    meets_weeks = case.weeks_worked_last_36 >= weeks_rule["required_weeks"]
    reasons.append(
        Reason(
            rule="wekeneis",
            article=cite(weeks_version),
            inputs={"gewerkte_weken": case.weeks_worked_last_36, **weeks_rule},
            value=meets_weeks,
            outcome=(
                f"Gewerkt in {case.weeks_worked_last_36} van de "
                f"{weeks_rule['window_weeks']} weken: "
                + ("voldoet" if meets_weeks else "voldoet niet")
                + f" aan de wekeneis (minimaal {weeks_rule['required_weeks']})."
            ),
        )
    )
    return meets_weeks


def art_42_jareneis(
    case: WWCase, on: dt.date, p: ParameterSet, reasons: list[Reason]
) -> bool:
    """WW art. 42 lid 2 onder a: 208 hours in at least 4 of the last 5 years."""
    years_version = p["jareneis"].version_at(on)
    years_rule = years_version.value
    assert isinstance(years_rule, dict)
    meets_years = case.years_with_208_hours_last_5 >= years_rule["required_years"]
    reasons.append(
        Reason(
            rule="jareneis",
            article=cite(years_version),
            inputs={
                "jaren_met_208_uur": case.years_with_208_hours_last_5,
                **years_rule,
            },
            value=meets_years,
            outcome=(
                f"In {case.years_with_208_hours_last_5} van de "
                f"{years_rule['window_years']} kalenderjaren ten minste "
                f"{years_rule['hours_per_year']} uur gewerkt: "
                + ("voldoet" if meets_years else "voldoet niet")
                + f" aan de jareneis (minimaal {years_rule['required_years']} jaar)."
            ),
        )
    )
    return meets_years


def art_42_duur(
    case: WWCase, meets_years: bool, on: dt.date, p: ParameterSet, reasons: list[Reason]
) -> tuple[Decimal, ParameterVersion]:
    """WW art. 42 lid 1-2: the duration in (half) months, with minimum and maximum."""
    duration_version = p["duur"].version_at(on)
    duration_rule = duration_version.value
    assert isinstance(duration_rule, dict)
    if meets_years:
        formula = formula_for(DURATION_FORMULAS, on)
        raw, explanation = formula(
            case.employment_history_years_before_2016,
            case.employment_history_years_from_2016,
            duration_rule,
        )
        duration = min(
            max(raw, Decimal(duration_rule["minimum_months"])),
            Decimal(duration_rule["maximum_months"]),
        )
        outcome = (
            f"Arbeidsverleden {case.employment_history_years_before_2016} jaar voor "
            f"2016 en {case.employment_history_years_from_2016} jaar vanaf 2016: "
            f"{explanation}; met minimum {duration_rule['minimum_months']} en "
            f"maximum {duration_rule['maximum_months']} maanden is de duur "
            f"{format_number(duration)} maanden."
        )
    else:
        duration = Decimal(duration_rule["base_months"])
        outcome = (
            f"Alleen de wekeneis is vervuld: de WW duurt {format_number(duration)} "
            "maanden."
        )
    reasons.append(
        Reason(
            rule="duur",
            article=cite(duration_version),
            inputs={
                "jaren_voor_2016": case.employment_history_years_before_2016,
                "jaren_vanaf_2016": case.employment_history_years_from_2016,
                "jareneis": meets_years,
                **duration_rule,
            },
            value=duration,
            outcome=outcome,
        )
    )
    return duration, duration_version


def art_42_einddatum(
    case: WWCase,
    duration: Decimal,
    aow: dt.date,
    aow_version: ParameterVersion,
    duration_version: ParameterVersion,
    reasons: list[Reason],
) -> tuple[dt.date, bool]:
    """The last WW day (:func:`add_duration`), at the latest the day before AOW age."""
    end_date = add_duration(case.reference_date, duration)
    last_day_before_aow = aow - dt.timedelta(days=1)
    capped = end_date > last_day_before_aow
    if capped:
        end_date = last_day_before_aow
    reasons.append(
        Reason(
            rule="einddatum",
            article=cite(aow_version) if capped else cite(duration_version),
            inputs={
                "eerste_werkloosheidsdag": case.reference_date,
                "duur_maanden": duration,
                "aow_datum": aow,
                "maandtelling_status": MONTH_END_STATUS,
            },
            value=end_date,
            outcome=(
                f"De WW loopt van {format_date(case.reference_date)} tot en met "
                f"{format_date(end_date)}"
                + (", afgekapt op de dag voor de AOW-leeftijd." if capped else ".")
                + (
                    " De startdag bestaat niet in de eindmaand: de WW eindigt dan op "
                    "de laatste dag van die maand (burgerrechtelijke telling; geen "
                    "officiële UWV-regel gevonden)."
                    if not capped and _start_day_missing(case.reference_date, duration)
                    else ""
                )
            ),
        )
    )
    return end_date, capped


def art_47_hoogte(
    case: WWCase, on: dt.date, p: ParameterSet, reasons: list[Reason]
) -> tuple[Decimal, Decimal]:
    """WW art. 1b (maximumdagloon) and art. 47: 75% then 70% of the dagloon per month."""
    max_version = p["maximumdagloon"].version_at(on)
    maximum = Decimal(max_version.value)  # type: ignore[arg-type]
    wage = round_cents_half_up(case.daily_wage_eur)
    dagloon = min(wage, maximum)
    reasons.append(
        Reason(
            rule="maximumdagloon",
            article=cite(max_version),
            inputs={"dagloon": wage, "maximumdagloon": maximum},
            value=dagloon,
            outcome=(
                f"Dagloon {format_eur(wage)} is hoger dan het maximumdagloon; er "
                f"wordt gerekend met {format_eur(dagloon)}."
                if wage > maximum
                else f"Er wordt gerekend met het dagloon van {format_eur(dagloon)}."
            ),
        )
    )
    pct_version = p["uitkeringspercentage"].version_at(on)
    pct = pct_version.value
    assert isinstance(pct, dict)
    days_version = p["uitkeringsdagen_per_maand"].version_at(on)
    days = Decimal(days_version.value)  # type: ignore[arg-type]
    first_amount = round_cents_half_up(
        dagloon * days * Decimal(pct["first_percent"]) / 100
    )
    after_amount = round_cents_half_up(
        dagloon * days * Decimal(pct["after_percent"]) / 100
    )
    reasons.append(
        Reason(
            rule="hoogte",
            article=f"{cite(pct_version)}; {cite(days_version)}",
            inputs={"dagloon": dagloon, "dagen_per_maand": days, **pct},
            value={"eerste_maanden": first_amount, "daarna": after_amount},
            outcome=(
                f"De eerste {pct['first_months']} maanden {pct['first_percent']}% "
                f"van {format_eur(dagloon)} x {format_number(days)} = "
                f"{format_eur(first_amount)} "
                f"bruto per maand; daarna {pct['after_percent']}% = "
                f"{format_eur(after_amount)} bruto per maand."
            ),
        )
    )
    return first_amount, after_amount


def melden_gemeente(
    case: WWCase, end_date: dt.date | None, reasons: list[Reason]
) -> dt.date:
    """The first day bijstand must follow (Participatiewet art. 41 lid 1 and 6)."""
    report_date = end_date + dt.timedelta(days=1) if end_date else case.reference_date
    reasons.append(
        Reason(
            rule="melden_gemeente",
            article="Participatiewet, artikel 41, eerste en zesde lid (BWBR0015703)",
            inputs={"einddatum_ww": end_date},
            value=report_date,
            outcome=(
                f"Zonder ander inkomen moet bijstand aansluiten vanaf "
                f"{format_date(report_date)}; melden bij de gemeente kan al eerder, "
                "zodat er geen gat valt."
                if end_date
                else f"Geen WW: melden bij de gemeente kan direct, vanaf "
                f"{format_date(report_date)}."
            ),
        )
    )
    return report_date
