"""Journey of the manager: read the dashboard, filter, export CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from django.urls import reverse

from openpyxl import load_workbook

from maxww.monitoring.tests.factories import ended_claims
from maxww.organisations.tests.factories import MunicipalityFactory, RegionFactory

from .conftest import (
    JOURNEY,
    assert_error,
    assert_kept,
    login,
    shot,
    tab_to_and_press_enter,
)

pytestmark = JOURNEY


def test_manager_reads_filters_and_exports(browser_page, live_server, make_user):
    region = RegionFactory(name="Journey-regio")
    other = RegionFactory(name="Andere regio")
    make_user(role="manager", username="mona", organisation=None)
    a = MunicipalityFactory(name="Aastad", region=region)
    b = MunicipalityFactory(name="Beedorp", region=region)
    MunicipalityFactory(name="Elders", region=other)
    end = dt.date.today().replace(day=1) - dt.timedelta(days=40)
    ended_claims(municipality=a, end=end, bijstand=10, work=10)
    ended_claims(municipality=b, end=end, bijstand=10, work=12)

    page = browser_page
    login(page, "mona")
    page.goto(live_server.url + reverse("monitoring:dashboard"))
    page.locator("#chart-funnel").wait_for()
    shot(page, "manager-01-dashboard")

    # Absurd filters: the end before the start, a town outside the region.
    page.locator("#id_region").select_option(label="Journey-regio")
    page.locator("#id_municipality").select_option(label="Elders")
    page.locator("#id_start").fill("2026-06")
    page.locator("#id_end").fill("2025-01")
    page.get_by_role("button", name="Filter toepassen").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "manager-02-filter-refused")
    assert_error(page, page.locator("#id_end"), "De eindmaand ligt vóór de beginmaand.")
    assert_error(
        page, page.locator("#id_municipality"), "Deze gemeente ligt niet in de regio."
    )
    assert_kept(page.locator("#id_start"), "2026-06")
    assert_kept(page.locator("#id_end"), "2025-01")

    # A real filter, applied with the keyboard.
    page.locator("#id_municipality").select_option(label="Beedorp")
    page.locator("#id_start").fill("")
    page.locator("#id_end").fill("")
    tab_to_and_press_enter(
        page,
        page.get_by_role("button", name="Filter toepassen"),
        start=page.locator("#id_end"),
    )
    page.wait_for_url(lambda url: "municipality=" in url and "end=2025" not in url)
    table = page.locator("#table-municipalities")
    assert "Beedorp" in table.inner_text()
    assert "Aastad" not in table.inner_text()

    with page.expect_download() as info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    with open(info.value.path(), "rb") as fh:
        wb = load_workbook(io.BytesIO(fh.read()))
    rows = [[c.value for c in row] for row in wb["Per gemeente"].iter_rows()]
    assert [r[0] for r in rows[1:]] == ["Beedorp", "Totaal"]
    assert rows[1][1] == 22

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Beedorp" in text and "Aastad" not in text
