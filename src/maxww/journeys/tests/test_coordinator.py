"""Journey of the coordinator: import the UWV extract, select and invite."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.organisations.constants import Role
from maxww.screening.models import Selection
from maxww.screening.tests.conftest import EXAMPLE, region, uwv  # noqa: F401
from maxww.voorlichting.models import Invitation
from maxww.voorlichting.tests.factories import SessionFactory

from .conftest import JOURNEY, assert_error, login, shot, tab_to_and_press_enter

pytestmark = JOURNEY


@pytest.fixture
def carla(make_user, region, uwv):  # noqa: F811
    # Wide windows so the fixed example file stays in the invite window over time.
    config = region.config
    config.screening_months = config.invitation_months = 24
    config.coaching_months = config.follow_up_months = config.documentation_months = 0
    config.save()
    return make_user(role=Role.COORDINATOR, organisation=uwv, username="carla")


def test_coordinator_imports_selects_and_invites(
    browser_page,
    live_server,
    carla,
    uwv,  # noqa: F811
    tmp_path,
):
    session = SessionFactory(
        organisation=uwv,
        created_by=carla,
        starts_at=timezone.now() + dt.timedelta(days=10),
        place="UWV Dordrecht, zaal 2",
    )
    page = browser_page
    page.set_default_timeout(45000)
    login(page, "carla")
    page.goto(live_server.url + reverse("screening:import_upload"))

    # A Word file is refused in Dutch.
    wrong = tmp_path / "extract.docx"
    wrong.write_bytes(b"PK\x03\x04 not a csv")
    page.get_by_label("UWV-bestand (CSV of XLSX)").set_input_files(str(wrong))
    page.get_by_role("button", name="Inlezen").click()
    field = page.get_by_label("UWV-bestand (CSV of XLSX)")
    page.locator(".utrecht-form-field--invalid").wait_for()
    assert_error(page, field, "Kies een CSV- of XLSX-bestand.")
    shot(page, "coordinator-01-wrong-file")

    page.get_by_label("UWV-bestand (CSV of XLSX)").set_input_files(str(EXAMPLE))
    tab_to_and_press_enter(
        page,
        page.get_by_role("button", name="Inlezen"),
        start=page.get_by_label("UWV-bestand (CSV of XLSX)"),
    )
    page.get_by_text("Het bestand is ingelezen.").wait_for()
    shot(page, "coordinator-02-imported")
    assert page.locator(".mx-stat", has_text="nieuw").inner_text().startswith("20")

    # Select two people; without a reason the ticks are kept and a message shows.
    page.goto(live_server.url + reverse("screening:invitations"))
    boxes = page.locator("input[name=person]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Selecteer voor voorlichting").click()
    page.locator(".utrecht-form-field--invalid").wait_for()
    assert_error(
        page, page.get_by_label("Reden van de selectie"), "Dit veld is vereist."
    )
    assert page.locator("input[name=person]:checked").count() == 2
    assert not Selection.objects.exists()
    page.get_by_label("Reden van de selectie").fill("Alleenstaand en hoog in de lijst")
    page.get_by_role("button", name="Selecteer voor voorlichting").click()
    page.get_by_text("geselecteerd voor voorlichting").wait_for()
    assert Selection.objects.filter(status="open").count() == 2

    # Invite the selection to the session.
    page.goto(live_server.url + reverse("voorlichting:session", args=[session.uuid]))
    page.get_by_role(
        "button", name="Hele selectie uitnodigen (tot de plaatsen op zijn)"
    ).click()
    page.get_by_text("2 personen uitgenodigd.").wait_for()
    shot(page, "coordinator-03-invited")
    assert Invitation.objects.filter(session=session).count() == 2
    assert Selection.objects.filter(status="invited").count() == 2
