"""Browser journeys: a too-large extract is refused in Dutch, a large one is queued."""

from __future__ import annotations

import pytest

from conftest import login
from maxww.organisations.constants import Role
from maxww.people.models import Person
from maxww.screening.models import ExtractImport

from .test_faults import big_extract

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def carla(make_user, uwv):
    return make_user(role=Role.COORDINATOR, organisation=uwv, username="carla")


def test_a_too_large_extract_is_refused_in_dutch_with_a_way_back(
    browser_page, carla, settings, tmp_path
):
    settings.MAXWW_MAX_UPLOAD_BYTES = 1024 * 1024
    big = tmp_path / "te-groot.csv"
    big.write_bytes(big_extract(8000))  # ~1.4 MB
    page = browser_page
    login(page, "carla")
    page.goto("/screening/import/")
    assert page.get_by_text("Maximaal 1 MB.").is_visible()
    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    page.get_by_label("UWV-bestand (CSV of XLSX)").set_input_files(str(big))
    page.get_by_role("button", name="Inlezen").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Het bestand is te groot: de grens is 1 MB." in alert.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Bestand te groot"
    page.screenshot(path=str(tmp_path / "413.png"), full_page=True)
    assert not ExtractImport.objects.exists()
    page.get_by_role("link", name="Terug naar het formulier").click()
    page.get_by_label("UWV-bestand (CSV of XLSX)").wait_for()


def test_a_large_extract_waits_for_the_worker_on_its_progress_page(
    browser_page, carla, settings, tmp_path
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    middle = tmp_path / "middel.csv"
    middle.write_bytes(big_extract(2000))  # ~360 KB, above the 256 KB threshold
    page = browser_page
    login(page, "carla")
    page.goto("/screening/import/")
    page.get_by_label("UWV-bestand (CSV of XLSX)").set_input_files(str(middle))
    page.get_by_role("button", name="Inlezen").click()
    status = page.get_by_role("status")
    status.wait_for()
    assert status.inner_text() == "In de wachtrij (0%)"
    assert page.get_by_role("progressbar", name="Voortgang").is_visible()
    assert page.get_by_text("U kunt deze pagina sluiten").is_visible()
    page.screenshot(path=str(tmp_path / "queued.png"), full_page=True)
    assert not Person.objects.exists()
