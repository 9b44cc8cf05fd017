"""Forecast of bijstand inflow and its back-test."""

import datetime as dt
import math

import pytest

from maxww.monitoring.constants import Z90
from maxww.monitoring.forecast import backtest, forecast, region_rates
from maxww.organisations.tests.factories import MunicipalityFactory, RegionFactory

from .factories import active_claims, ended_claims

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 1)


@pytest.fixture
def area():
    region = RegionFactory()
    return MunicipalityFactory(name="Prognosestad", region=region)


def test_region_rate_is_the_historical_doorstroom(area):
    ended_claims(municipality=area, end=dt.date(2025, 6, 1), bijstand=2, other=18)
    assert region_rates(on=ON)[area.region_id] == pytest.approx(0.1)


def test_forecast_sums_risk_scores_and_falls_back_to_the_region_rate(area):
    ended_claims(municipality=area, end=dt.date(2025, 6, 1), bijstand=2, other=18)
    active_claims(municipality=area, end=dt.date(2026, 9, 15), n=10, risk=0.5)
    active_claims(municipality=area, end=dt.date(2026, 10, 15), n=10)
    result = forecast(on=ON, municipality_id=area.pk)
    cell = result.by_municipality["Prognosestad"]
    assert cell.claims == 20
    assert cell.mean == pytest.approx(10 * 0.5 + 10 * 0.1)
    variance = 10 * 0.25 + 10 * 0.1 * 0.9
    assert cell.variance == pytest.approx(variance)
    # The band also carries the uncertainty of the rate (2 of 20: se ≈ 0.067).
    rate_sd = 10 * math.sqrt(0.1 * 0.9 / 20)
    assert cell.rate_sd == pytest.approx(rate_sd)
    assert cell.high == pytest.approx(
        cell.mean + Z90 * math.sqrt(variance + rate_sd**2)
    )
    assert cell.high > cell.mean + Z90 * math.sqrt(variance)
    assert set(result.by_month) == {"2026-09", "2026-10"}
    assert result.scored_share == pytest.approx(0.5)


def test_backtest_compares_last_years_forecast_with_outcomes(area):
    # History before the as-of date (2025-06-01): 10% doorstroom.
    ended_claims(municipality=area, end=dt.date(2024, 12, 1), bijstand=3, other=27)
    # Claims that were running on 2025-06-01 and ended since: 4 of 40 to bijstand.
    ended_claims(municipality=area, end=dt.date(2025, 12, 1), bijstand=4, other=36)
    bt = backtest(on=ON, municipality_id=area.pk)
    cell = bt.forecast.by_municipality["Prognosestad"]
    assert cell.claims == 40
    assert cell.mean == pytest.approx(4.0)
    assert cell.actual == 4
    assert bt.mae_municipality == pytest.approx(0.0)
    assert bt.coverage_municipality == 1.0


def test_forecast_without_data_is_empty_not_an_error():
    result = forecast(on=ON)
    assert result.total.claims == 0
    bt = backtest(on=ON)
    assert bt.mae_municipality is None


def test_stored_forecast_matches_the_live_one(area):
    from maxww.monitoring.forecast import refresh_forecasts, stored, stored_backtest

    ended_claims(municipality=area, end=dt.date(2024, 12, 1), bijstand=3, other=27)
    ended_claims(municipality=area, end=dt.date(2025, 12, 1), bijstand=4, other=36)
    active_claims(municipality=area, end=dt.date(2026, 9, 15), n=10, risk=0.5)
    assert stored("forecast") is None
    assert refresh_forecasts(on=ON) > 0
    live = forecast(on=ON, region_id=area.region_id)
    kept = stored("forecast", region_id=area.region_id)
    assert kept.total.mean == pytest.approx(live.total.mean)
    assert kept.total.variance == pytest.approx(live.total.variance)
    assert kept.by_month.keys() == live.by_month.keys()
    bt = stored_backtest(municipality_id=area.pk)
    assert bt.forecast.total.actual == 4
    assert bt.mae_municipality == pytest.approx(0.0)
