"""Journey of the client in Mijn Max-WW: the check, moving an appointment, consent."""

from __future__ import annotations

from django.urls import reverse

from maxww.people.models import Person
from maxww.portal.tests.conftest import world  # noqa: F401 - the portal's fixture
from maxww.voorlichting.constants import InvitationStatus
from maxww.voorlichting.models import Invitation

from .conftest import JOURNEY, assert_error, assert_kept, shot, tab_to_and_press_enter

pytestmark = JOURNEY


def test_client_checks_moves_an_appointment_and_withdraws_consent(
    browser_page,
    live_server,
    world,  # noqa: F811
):
    page = browser_page
    page.goto(live_server.url + reverse("portal:login"))
    page.get_by_label("Gebruikersnaam").fill("inwoner")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    tab_to_and_press_enter(
        page,
        page.get_by_role("button", name="Inloggen"),
        start=page.get_by_label("Wachtwoord"),
    )
    page.get_by_role("heading", name="Welkom, Fatima").wait_for()

    # The check: born in 2030 with WW that ended in 2020 is refused.
    page.goto(live_server.url + reverse("portal:check"))
    page.get_by_label("Wat is uw geboortedatum?").fill("2030-01-01")
    page.get_by_role("radio", name="Ja", exact=True).check()
    page.get_by_label("Wat is uw laatste dag WW?").fill("2020-06-30")
    page.get_by_role("button", name="Volgende").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "client-01-check-refused")
    assert_error(
        page,
        page.get_by_label("Wat is uw geboortedatum?"),
        "Een geboortedatum ligt niet in de toekomst.",
    )
    assert_error(
        page, page.get_by_label("Wat is uw laatste dag WW?"), "Kies een datum tussen"
    )
    assert_kept(page.get_by_label("Wat is uw geboortedatum?"), "2030-01-01")
    assert_kept(page.get_by_label("Wat is uw laatste dag WW?"), "2020-06-30")
    assert page.get_by_role("radio", name="Ja", exact=True).is_checked()
    page.get_by_label("Wat is uw geboortedatum?").fill("1972-09-14")
    page.get_by_label("Wat is uw laatste dag WW?").fill("2027-02-28")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Ik woon alleen").check()
    page.get_by_label("Hoeveel andere mensen").fill("0")
    page.get_by_label("Hoeveel verdient uw partner").fill("0")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Hoeveel geld en bezit").fill("2000")
    page.get_by_label("Hoeveel schulden").fill("0")
    page.get_by_role("radio", name="Nee", exact=True).check()
    page.get_by_role("button", name="Bekijk de uitkomst").click()
    page.get_by_test_id("check-result").wait_for()
    shot(page, "client-02-check-result")
    assert "geen besluit" in page.content()

    # Move the appointment to the later session.
    page.goto(live_server.url + reverse("portal:invitations"))
    page.get_by_role("link", name="Andere datum kiezen").first.click()
    page.get_by_label("zaal 3").check()
    page.get_by_role("button", name="Verzet mijn afspraak").click()
    page.get_by_text("Uw afspraak is verzet").wait_for()
    shot(page, "client-03-moved")
    booked = Invitation.objects.filter(
        person=world.person, status=InvitationStatus.ACCEPTED
    )
    assert [i.session_id for i in booked] == [world.later.pk]

    # Withdraw the consent for the coach's organisation.
    page.goto(live_server.url + reverse("portal:consents"))
    page.get_by_role(
        "button", name="Trek toestemming voor Randstad Drechtsteden in"
    ).click()
    page.get_by_text("Uw toestemming is ingetrokken").wait_for()
    shot(page, "client-04-consent-withdrawn")
    assert (
        not Person.objects.visible_to(world.coach).filter(pk=world.person.pk).exists()
    )
