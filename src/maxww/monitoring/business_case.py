"""What-if business case: what does a Max-WW programme cost and what does it avoid?

Pure functions on plain numbers (no database), so they can be tested and reused.

>>> p = Parameters(reach=1000, baseline_rate=0.06, effect=0.35,
...     norm_monthly=1300.0, duration_months=24, activities=(
...     Activity("Begeleiding", 500.0, "gemeente"),))
>>> r = evaluate(p)
>>> r.avoided_cases, r.avoided_months, r.avoided_eur
(21.0, 504.0, 655200.0)
>>> r.programme_cost, r.net_result
(500000.0, 155200.0)
>>> round(r.break_even_effect, 3)
0.267
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from maxww.rules import BijstandCase, Household, evaluate_bijstand

BEARERS = ("gemeente", "UWV", "WSP", "partner")


@dataclass(frozen=True)
class Activity:
    """One part of the programme with its cost per person reached and who pays."""

    name: str
    cost_per_person: float
    bearer: str = "gemeente"


@dataclass(frozen=True)
class Parameters:
    """Inputs of the business case; rates are fractions (0.06 = 6%)."""

    reach: int
    baseline_rate: float
    effect: float
    norm_monthly: float
    duration_months: float
    activities: tuple[Activity, ...] = ()
    duration_source: str = ""
    norm_source: str = ""

    @property
    def cost_per_person(self) -> float:
        return sum(a.cost_per_person for a in self.activities)


@dataclass(frozen=True)
class Result:
    """Per year (one year's reach): cases, months and euros avoided; costs; net."""

    baseline_cases: float
    avoided_cases: float
    avoided_months: float
    avoided_eur: float
    programme_cost: float
    net_result: float
    cost_by_bearer: dict[str, float] = field(default_factory=dict)
    break_even_effect: float | None = None
    break_even_cost_per_person: float | None = None
    return_per_euro: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def evaluate(p: Parameters) -> Result:
    """The business case for one year of reach.

    Avoided cases = reach × baseline doorstroom × effect; each avoided case saves
    ``duration_months`` of the bijstand norm. Break-even is the effect (or the cost
    per person) at which avoided euros equal the programme cost.

    >>> evaluate(Parameters(reach=0, baseline_rate=0.06, effect=0.35,
    ...     norm_monthly=1300, duration_months=24)).net_result
    0.0
    """
    baseline = p.reach * p.baseline_rate
    avoided_cases = baseline * p.effect
    avoided_months = avoided_cases * p.duration_months
    avoided_eur = avoided_months * p.norm_monthly
    cost = p.reach * p.cost_per_person
    by_bearer: dict[str, float] = {}
    for a in p.activities:
        by_bearer[a.bearer] = by_bearer.get(a.bearer, 0.0) + a.cost_per_person * p.reach
    saving_per_effect = baseline * p.duration_months * p.norm_monthly
    return Result(
        baseline_cases=round(baseline, 2),
        avoided_cases=round(avoided_cases, 2),
        avoided_months=round(avoided_months, 1),
        avoided_eur=round(avoided_eur, 2),
        programme_cost=round(cost, 2),
        net_result=round(avoided_eur - cost, 2),
        cost_by_bearer={k: round(v, 2) for k, v in by_bearer.items()},
        break_even_effect=cost / saving_per_effect if saving_per_effect else None,
        break_even_cost_per_person=avoided_eur / p.reach if p.reach else None,
        return_per_euro=avoided_eur / cost if cost else None,
    )


def sensitivity(
    p: Parameters, effects: tuple[float, ...]
) -> list[tuple[float, Result]]:
    """The result for each effect size (e.g. the reported 30–40% range).

    >>> p = Parameters(reach=100, baseline_rate=0.1, effect=0.35,
    ...     norm_monthly=1000, duration_months=10)
    >>> [r.avoided_cases for _, r in sensitivity(p, (0.3, 0.4))]
    [3.0, 4.0]
    """
    return [(e, evaluate(_replace(p, effect=e))) for e in effects]


def _replace(p: Parameters, **changes) -> Parameters:
    from dataclasses import replace

    return replace(p, **changes)


def single_norm(on: dt.date) -> tuple[Decimal, str]:
    """The bijstand norm for a single person aged 21+ on ``on``, with its citation.

    Taken from ``maxww.rules`` (never hard-coded): a 30-year-old single with no
    income, assets or co-residents.
    """
    case = BijstandCase(
        reference_date=on,
        household=Household.SINGLE,
        applicant_birth_date=dt.date(on.year - 30, 1, 1),
        partner_birth_date=None,
        co_residents_27_plus=0,
        net_monthly_income_eur=Decimal("0"),
        assets_eur=Decimal("0"),
        debts_eur=Decimal("0"),
        home_equity_eur=Decimal("0"),
    )
    result = evaluate_bijstand(case, on)
    article = next((r.article for r in result.reasons if r.rule == "bijstandsnorm"), "")
    return result.norm_monthly_eur, article
