"""The indicative check: WW and bijstand records, the outcome, saving it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import structlog

from maxww.people.models import Person
from maxww.portal.models import SavedCheck
from maxww.rekenhulp.services import evaluate_records

logger = structlog.stdlib.get_logger(__name__)


@dataclass(frozen=True)
class CheckOutcome:
    """The indication: the engine's own results plus what to do next."""

    ww: dict[str, Any] | None
    bijstand: dict[str, Any] | None
    ww_end_date: dt.date | None
    report_date: dt.date | None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.bijstand is not None

    @property
    def entitled(self) -> bool:
        return bool(self.bijstand and self.bijstand["entitled"])


def ww_record(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The WW engine input for estimating the last WW day.

    Someone who gets WW met the weeks requirement, so it is taken as met; the
    daily wage does not change the end date and is not asked.
    """
    return {
        "reference_date": answers["ww_start_date"],
        "birth_date": answers["birth_date"],
        "weeks_worked_last_36": 36,
        "years_with_208_hours_last_5": answers["years_with_208_hours_last_5"],
        "employment_history_years_before_2016": answers["years_before_2016"],
        "employment_history_years_from_2016": answers["years_from_2016"],
        "daily_wage_eur": "0",
    }


def bijstand_record(answers: Mapping[str, Any], on_date: dt.date) -> dict[str, Any]:
    """The bijstand engine input on the first day after WW (``on_date``)."""
    household = answers["household"]
    income = Decimal(str(answers.get("partner_income") or 0)) + Decimal(
        str(answers.get("own_income") or 0)
    )
    return {
        "reference_date": on_date,
        "household": household,
        "applicant_birth_date": answers["birth_date"],
        "partner_birth_date": answers.get("partner_birth_date")
        if household == "couple"
        else None,
        "has_children": bool(answers.get("has_children"))
        or household == "single_parent",
        "co_residents_27_plus": answers.get("co_residents_27_plus") or 0,
        "net_monthly_income_eur": str(income),
        "assets_eur": str(answers.get("assets") or 0),
        "debts_eur": str(answers.get("debts") or 0),
        "home_equity_eur": str(
            answers.get("home_equity") or 0 if answers.get("owns_home") else 0
        ),
    }


def indicative_check(*, answers: Mapping[str, Any], on: dt.date) -> CheckOutcome:
    """Run the questionnaire's answers through the rules engine; stores nothing.

    With a known last WW day the bijstand indication is for the day after it
    (art. 41 lid 6 Participatiewet: report before WW ends so bijstand follows
    on); otherwise the WW engine estimates the end date and its
    ``municipality_report_date`` is used.
    """
    ww = None
    if answers.get("ww_end_known") == "yes":
        end = answers["ww_end_date"]
        report = end + dt.timedelta(days=1)
    else:
        results, errors = evaluate_records(
            "ww", [ww_record(answers)], with_explanation=True
        )
        if errors:
            return CheckOutcome(None, None, None, None, list(errors))
        ww = results[0]
        end = dt.date.fromisoformat(ww["end_date"]) if ww["end_date"] else None
        report = dt.date.fromisoformat(ww["municipality_report_date"])
    reference = max(report, on)
    results, errors = evaluate_records(
        "bijstand", [bijstand_record(answers, reference)], with_explanation=True
    )
    if errors:
        return CheckOutcome(ww, None, end, report, list(errors))
    return CheckOutcome(ww, results[0], end, report)


def save_check(
    *, person: Person, answers: Mapping[str, Any], outcome: CheckOutcome
) -> SavedCheck:
    """Keep a check because the client asked to; answers as plain JSON."""
    plain = {k: _plain(v) for k, v in answers.items()}
    result = {
        "bijstand": outcome.bijstand,
        "ww": outcome.ww,
        "ww_end_date": _plain(outcome.ww_end_date),
        "report_date": _plain(outcome.report_date),
    }
    saved = SavedCheck.objects.create(person=person, answers=plain, result=result)
    logger.info("portal_check_saved", check=str(saved.uuid))
    return saved


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
