"""The bijstand case and its result, as the rules take and give them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from maxww.rules.reasons import Reason

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
