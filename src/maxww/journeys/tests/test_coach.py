"""Journey of the werkcoach: consent, a contact, a task, the jobready check, the end."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.organisations.constants import OrganisationKind
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.tests.factories import PersonFactory
from maxww.trajects.constants import ConsentPurpose, Outcome, TrajectState
from maxww.trajects.models import Consent, Contact, Task, Traject
from maxww.trajects.tests.factories import coached_traject

from .conftest import (
    JOURNEY,
    LONG_SUMMARY,
    assert_error,
    assert_kept,
    login,
    shot,
    tab_to_and_press_enter,
    type_past_limits,
)

pytestmark = JOURNEY


@pytest.fixture
def traject(make_user):
    uwv = OrganisationFactory(uwv=True, name="UWV Dordrecht")
    partner = OrganisationFactory(
        partner=True, name="Randstad Drechtsteden", region=uwv.region
    )
    OrganisationFactory(
        kind=OrganisationKind.WSP, name="Baanbrekend Drechtsteden", region=uwv.region
    )
    person = PersonFactory(owner=uwv, first_name="Sanne", last_name="Coachee")
    return coached_traject(make_user, uwv=uwv, partner=partner, person=person)


def test_coach_records_consent_contact_check_and_closes(
    browser_page, live_server, traject
):
    page = browser_page
    today = timezone.localdate()
    login(page, "kees")
    url = live_server.url + reverse("trajects:detail", args=[traject.uuid])
    page.goto(url)
    page.get_by_role("heading", name="Coachee").first.wait_for()
    shot(page, "coach-01-traject")

    # Consent to propose to employers, told in the conversation.
    consent = page.locator("details", has_text="Toestemming vastleggen")
    consent.locator("summary").click()
    consent.get_by_label("Doel").select_option(label="Voorstellen aan werkgevers")
    consent.get_by_label("Ontvangende organisatie").select_option(
        label="Baanbrekend Drechtsteden"
    )
    consent.get_by_label("Mondeling vastgelegd").check()
    consent.get_by_label("Reikwijdte").fill("Cv en beschikbaarheid, 6 maanden")
    consent.get_by_role("button", name="Toestemming vastleggen").click()
    page.get_by_text("De toestemming is vastgelegd").wait_for()
    # The same consent twice is refused.
    consent = page.locator("details", has_text="Toestemming vastleggen")
    consent.locator("summary").click()
    consent.get_by_label("Doel").select_option(label="Voorstellen aan werkgevers")
    consent.get_by_label("Ontvangende organisatie").select_option(
        label="Baanbrekend Drechtsteden"
    )
    consent.get_by_label("Mondeling vastgelegd").check()
    consent.get_by_role("button", name="Toestemming vastleggen").click()
    page.get_by_role("status").wait_for()
    shot(page, "coach-02-consent-twice")
    assert (
        Consent.objects.filter(
            person=traject.person, purpose=ConsentPurpose.PROPOSE_TO_EMPLOYERS
        ).count()
        == 1
    )

    # A contact in 1900, then one in 2035 with a 20,000-character summary.
    contact = page.locator("details", has_text="Contact vastleggen")
    contact.locator("summary").click()
    contact.get_by_label("Kanaal").select_option(label="Telefoon")
    contact.get_by_label("Datum").fill("1900-01-01")
    contact.get_by_label("Samenvatting").fill("Intake: wil in de logistiek werken")
    contact.get_by_role("button", name="Contact opslaan").click()
    contact = page.locator("details", has_text="Contact vastleggen")
    contact.locator(".utrecht-form-field--invalid").wait_for()
    assert_error(page, contact.get_by_label("Datum"), "Kies een datum tussen")
    assert_kept(contact.get_by_label("Datum"), "1900-01-01")
    assert_kept(
        contact.get_by_label("Samenvatting"), "Intake: wil in de logistiek werken"
    )
    contact.get_by_label("Datum").fill("2035-06-01")
    type_past_limits(contact.get_by_label("Samenvatting"), LONG_SUMMARY)
    contact.get_by_role("button", name="Contact opslaan").click()
    contact = page.locator("details", has_text="Contact vastleggen")
    contact.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "coach-03-contact-refused")
    assert_error(page, contact.get_by_label("Datum"), "Kies een datum tussen")
    assert_error(
        page, contact.get_by_label("Samenvatting"), "niet meer dan 4000 tekens"
    )
    assert_kept(contact.get_by_label("Datum"), "2035-06-01")
    assert_kept(contact.get_by_label("Samenvatting"), LONG_SUMMARY)
    assert not Contact.objects.exists()
    contact.get_by_label("Datum").fill(today.isoformat())
    contact.get_by_label("Samenvatting").fill("Intake: wil in de logistiek werken")
    contact.get_by_label("Volgende stap").fill("Cv sturen")
    tab_to_and_press_enter(
        page,
        contact.get_by_role("button", name="Contact opslaan"),
        start=contact.get_by_label("Volgende stap"),
    )
    page.get_by_text("Het contactmoment is vastgelegd.").wait_for()
    assert Contact.objects.get().summary == "Intake: wil in de logistiek werken"

    # A task due in 2020 is refused, then one next week.
    task = page.locator("details", has_text="Taak toevoegen")
    task.locator("summary").click()
    task.get_by_label("Taak").fill("Cv nalezen")
    task.get_by_label("Uiterlijk op").fill("2020-03-01")
    task.get_by_role("button", name="Taak toevoegen").click()
    task = page.locator("details", has_text="Taak toevoegen")
    task.locator(".utrecht-form-field--invalid").wait_for()
    assert_error(page, task.get_by_label("Uiterlijk op"), "Kies een datum tussen")
    assert_kept(task.get_by_label("Taak"), "Cv nalezen")
    task.get_by_label("Uiterlijk op").fill((today + dt.timedelta(days=7)).isoformat())
    task.get_by_role("button", name="Taak toevoegen").click()
    page.get_by_text("De taak is toegevoegd.").wait_for()
    assert Task.objects.filter(title="Cv nalezen").exists()

    # The jobready check: 99 hours a week is refused.
    check = page.locator("form", has=page.get_by_role("button", name="Check opslaan"))
    check.get_by_label("Beschikbare uren per week").fill("99")
    check.get_by_label("Eigen vervoer").check()
    check.get_by_role("button", name="Check opslaan").click()
    check = page.locator("form", has=page.get_by_role("button", name="Check opslaan"))
    check.locator(".utrecht-form-field--invalid").wait_for()
    assert_error(page, check.get_by_label("Beschikbare uren per week"), "hoogstens 60")
    assert_kept(check.get_by_label("Beschikbare uren per week"), "99")
    assert check.get_by_label("Eigen vervoer").is_checked()
    check.get_by_label("Beschikbare uren per week").fill("32")
    check.get_by_role("button", name="Check opslaan").click()
    page.get_by_text("De werkfit-check is opgeslagen.").wait_for()

    # Coaching, then the end: work.
    page.get_by_label("Naar fase").select_option(label="Begeleiding")
    page.get_by_role("button", name="Fase wijzigen").click()
    page.get_by_text("De fase is gewijzigd.").wait_for()
    page.get_by_label("Naar fase").select_option(label="Afgesloten")
    page.get_by_label("Uitkomst (bij afsluiten)").select_option(label="Werk")
    page.get_by_label("Werkgever").fill("Logistiek Centrum Zwijndrecht")
    page.locator("#id_transition-hours_per_week").fill("32")
    page.get_by_label("Startdatum werk").fill(today.isoformat())
    page.get_by_role("button", name="Fase wijzigen").click()
    page.get_by_text("De fase is gewijzigd.").wait_for()
    shot(page, "coach-04-closed")
    traject = Traject.objects.get(pk=traject.pk)
    assert traject.state == TrajectState.ENDED
    assert traject.outcome == Outcome.WORK
    history = page.locator("main").inner_text()  # what a person reads
    for raw in ("channel:", "jobready:", "True", "phone"):
        assert raw not in history, raw
