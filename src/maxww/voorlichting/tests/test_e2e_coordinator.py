"""Browser journey: the coordinator plans a session, invites from the screening
selection, makes the letters, registers attendance and sees the call tasks."""

import datetime as dt
import subprocess

from django.utils import timezone

import pytest

from conftest import login
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.voorlichting.models import Session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_from_selection_to_call_tasks(
    browser_page, poppler, make_user, tmp_path
):
    uwv = OrganisationFactory(kind=OrganisationKind.UWV, name="UWV Dordrecht")
    carla = make_user(role=Role.COORDINATOR, organisation=uwv, username="carla")
    people = PersonFactory.create_batch(3, owner=uwv)
    for p in people:
        WWClaimFactory(
            person=p, max_end_date=timezone.localdate() + dt.timedelta(days=100)
        )
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=uwv,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    from maxww.screening.models import Selection

    for p in people:
        Selection.objects.create(
            person=p,
            organisation=uwv,
            selected_by=carla,
            reason="Voorcheck: waarschijnlijk bijstand",
        )

    page = browser_page
    login(page, "carla")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Voorlichting"
    ).click()
    page.get_by_role("link", name="Nieuwe bijeenkomst plannen").click()
    day = timezone.localdate() + dt.timedelta(days=7)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Locatie").fill("UWV Dordrecht, zaal 2")
    page.get_by_label("Aantal plaatsen").fill("15")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    assert page.get_by_text("De bijeenkomst is gepland.").is_visible()

    # Invite from the screening selection.
    for p in people:
        page.get_by_label(p.sort_name).first.check()
    page.get_by_role("button", name="Aangevinkte personen uitnodigen").first.click()
    assert page.get_by_text("3 personen uitgenodigd.").is_visible()
    assert Selection.objects.filter(status="invited").count() == 3

    # Make the letters (few: at once), then download them: a real PDF.
    page.get_by_role("button", name="Brieven maken (pdf)").click()
    page.get_by_text("Alle 3 brieven zijn klaar.").wait_for()
    href = page.get_by_role("link", name="Brieven downloaden (pdf)").get_attribute(
        "href"
    )
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    (tmp_path / "brieven.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "brieven.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 2000  # not a blank page

    # Register attendance at the door (htmx, keyboard: tab + space).
    page.get_by_role("link", name="Max-WW in zicht").click()  # back to the session
    page.get_by_role("link", name="Aanwezigheid registreren").click()
    assert page.get_by_text("De bijeenkomst is nog niet begonnen").is_visible()
    first = page.get_by_label(people[0].sort_name)
    first.focus()
    page.keyboard.press("Space")
    page.get_by_role("status").filter(has_text="nog niet begonnen").wait_for()
    # The day of the session: it started two hours ago.
    Session.objects.update(starts_at=timezone.now() - dt.timedelta(hours=2))
    page.reload()
    first = page.get_by_label(people[0].sort_name)
    first.focus()
    page.keyboard.press("Space")
    page.get_by_role("status").filter(has_text="is aanwezig").wait_for()
    page.get_by_role("button", name="Aanwezigheid afsluiten").click()
    assert page.get_by_text("2 nabeltaken aangemaakt").is_visible()
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Nabellen: niet verschenen"
    )
    table = page.get_by_role("table")
    assert table.get_by_text(people[1].sort_name).is_visible()
    assert table.get_by_text(people[0].sort_name).count() == 0
