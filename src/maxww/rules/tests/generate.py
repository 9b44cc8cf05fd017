"""Seeded random cases for parity tests (edge-heavy around legal thresholds)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from maxww.rules import BijstandCase, Household, WWCase

FIRST = dt.date(2024, 1, 1)
LAST = dt.date(2027, 12, 31)
SWITCHES = [dt.date(y, m, 1) for y in (2024, 2025, 2026) for m in (1, 7)]


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _reference(rng: random.Random) -> dt.date:
    if rng.random() < 0.2:
        return rng.choice(SWITCHES) - dt.timedelta(days=rng.randint(0, 1))
    return _date(rng, FIRST, LAST)


def _money(rng: random.Random, high: int) -> Decimal:
    return Decimal(rng.randint(0, high * 100)) / 100


def random_ww_case(rng: random.Random) -> WWCase:
    ref = max(_reference(rng), FIRST)
    return WWCase(
        reference_date=ref,
        birth_date=_date(rng, dt.date(1955, 1, 1), dt.date(2007, 12, 31)),
        weeks_worked_last_36=rng.randint(20, 36),
        years_with_208_hours_last_5=rng.randint(0, 5),
        employment_history_years_before_2016=rng.randint(0, 45),
        employment_history_years_from_2016=rng.randint(0, 11),
        daily_wage_eur=_money(rng, 450),
    )


def random_bijstand_case(rng: random.Random) -> BijstandCase:
    ref = max(_reference(rng), FIRST)
    household = rng.choice(list(Household))
    birth = _date(rng, dt.date(1955, 1, 1), dt.date(2008, 12, 31))
    partner = (
        _date(rng, dt.date(1955, 1, 1), dt.date(2010, 12, 31))
        if household is Household.COUPLE
        else None
    )
    if partner and partner >= ref:
        partner = ref - dt.timedelta(days=7000)
    if birth >= ref:
        birth = ref - dt.timedelta(days=7000)
    limit = rng.choice([7575, 7770, 8000, 15150, 15540, 16000])
    assets = Decimal(limit + rng.randint(-2, 2)) if rng.random() < 0.3 else None
    return BijstandCase(
        reference_date=ref,
        household=household,
        applicant_birth_date=birth,
        partner_birth_date=partner,
        co_residents_27_plus=rng.choice([0, 0, 0, 1, 2, 3, 4, 5]),
        net_monthly_income_eur=_money(rng, 2500) if rng.random() < 0.6 else Decimal(0),
        assets_eur=assets if assets is not None else _money(rng, 20000),
        debts_eur=_money(rng, 3000) if rng.random() < 0.3 else Decimal(0),
        home_equity_eur=_money(rng, 90000) if rng.random() < 0.3 else Decimal(0),
        has_children=rng.random() < 0.5,
        income_from_work_eur=_money(rng, 2000) if rng.random() < 0.4 else Decimal(0),
        partner_has_no_right=rng.random() < 0.15,
        cannot_rely_on_parents=rng.random() < 0.3,
        medically_limited_hours=rng.random() < 0.15,
        loonkostensubsidie_target_group=rng.random() < 0.1,
        special_education_last_year=rng.random() < 0.1,
        work_exemption_months_used=rng.choice([0, 3, 5, 6, 7, 12]),
        single_parent_exemption_months_used=rng.choice([0, 10, 29, 30, 31]),
        has_child_under_12=rng.random() < 0.5,
        partner_income_eur=_money(rng, 2500) if rng.random() < 0.5 else Decimal(0),
        loonkostensubsidie_job=rng.random() < 0.5,
        no_more_hours_possible=rng.random() < 0.5,
        lks_exemption_months_used=rng.choice([0, 6, 11, 12, 13, 30]),
    )
