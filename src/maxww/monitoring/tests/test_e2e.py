"""Browser journey: a manager filters the dashboard and downloads the XLSX."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from conftest import login
from maxww.organisations.tests.factories import MunicipalityFactory, RegionFactory

from .factories import ended_claims

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_filters_by_municipality_and_downloads_xlsx(browser_page, make_user):
    region = RegionFactory(name="E2E-regio")
    make_user(role="manager", username="e2e-manager", organisation=None)
    a = MunicipalityFactory(name="Aastad", region=region)
    b = MunicipalityFactory(name="Beedorp", region=region)
    end = dt.date.today().replace(day=1) - dt.timedelta(days=40)
    ended_claims(municipality=a, end=end, bijstand=10, work=10)
    ended_claims(municipality=b, end=end, bijstand=10, work=12)

    page = browser_page
    login(page, "e2e-manager")
    page.goto("/monitoring/")
    page.locator("#id_region").select_option(label="E2E-regio")
    page.locator("#id_municipality").select_option(label="Beedorp")
    page.get_by_role("button", name="Filter toepassen").click()
    table = page.locator("#table-municipalities")
    assert "Beedorp" in table.inner_text()
    assert "Aastad" not in table.inner_text()
    assert page.locator("#chart-funnel").is_visible()

    with page.expect_download() as info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    with open(info.value.path(), "rb") as fh:
        wb = load_workbook(io.BytesIO(fh.read()))
    rows = [[c.value for c in row] for row in wb["Per gemeente"].iter_rows()]
    assert [r[0] for r in rows[1:]] == ["Beedorp", "Totaal"]
    assert rows[1][1] == 22  # WW ends in Beedorp
    filters = {
        r[0].value: r[1].value for r in wb["Filters"].iter_rows(min_row=2) if r[0].value
    }
    assert filters["Gemeente"] == "Beedorp"
