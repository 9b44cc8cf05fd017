"""Browser journey: a coach runs a traject from intake to outcome (work)."""

from django.utils import timezone

import pytest

from conftest import login
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.tests.factories import PersonFactory
from maxww.trajects.models import DurabilityCheck

from .factories import coached_traject

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_runs_a_traject_from_intake_to_work(browser_page, make_user):
    uwv = OrganisationFactory(uwv=True)
    partner = OrganisationFactory(partner=True, region=uwv.region)
    person = PersonFactory(owner=uwv)
    traject = coached_traject(make_user, uwv=uwv, partner=partner, person=person)
    on = timezone.localdate()

    page = browser_page
    login(page, "kees")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Trajecten"
    ).click()
    page.get_by_role("link", name=person.sort_name).click()

    # Intake: start coaching, log the contact, jobready check, plan.
    page.get_by_label("Naar fase").select_option(label="Begeleiding")
    page.get_by_role("button", name="Fase wijzigen").click()
    assert page.get_by_text("De fase is gewijzigd.").is_visible()

    page.get_by_text("Contact vastleggen").click()
    page.get_by_label("Kanaal").select_option(label="WhatsApp")
    page.get_by_label("Samenvatting").fill("Intake: wil in de logistiek werken")
    page.get_by_label("Volgende stap").fill("Cv sturen")
    page.get_by_role("button", name="Contact opslaan").click()
    assert page.get_by_text("Intake: wil in de logistiek werken").is_visible()

    page.get_by_label("Beschikbare uren per week").fill("32")
    page.get_by_label("Eigen vervoer").check()
    page.get_by_role("button", name="Check opslaan").click()
    assert page.get_by_text("Werkfit", exact=True).first.is_visible()

    page.get_by_text("Afspraak toevoegen").first.click()
    page.get_by_label("Afspraak", exact=True).fill("10 sollicitaties per week")
    page.get_by_label("Doel per week").fill("10")
    page.get_by_role("button", name="Afspraak toevoegen").click()
    assert page.get_by_text("10 sollicitaties per week (10 per week)").is_visible()

    # An invalid end without employer is refused with a clear message.
    page.get_by_label("Naar fase").select_option(label="Afgesloten")
    page.get_by_label("Uitkomst (bij afsluiten)").select_option(label="Werk")
    page.get_by_role("button", name="Fase wijzigen").click()
    assert page.get_by_text("Vul de werkgever in.").is_visible()

    # Outcome: work.
    page.get_by_label("Naar fase").select_option(label="Afgesloten")
    page.get_by_label("Uitkomst (bij afsluiten)").select_option(label="Werk")
    page.get_by_label("Werkgever").fill("Logistiek Centrum Zwijndrecht")
    page.locator("#id_transition-hours_per_week").fill("32")
    page.get_by_label("Startdatum werk").fill(on.isoformat())
    page.get_by_role("button", name="Fase wijzigen").click()
    assert page.get_by_text("De fase is gewijzigd.").is_visible()
    assert page.get_by_text("Logistiek Centrum Zwijndrecht").first.is_visible()
    assert DurabilityCheck.objects.filter(traject=traject).count() == 2
    assert page.get_by_role(
        "heading", name="Duurzaamheid: werkt de persoon nog?"
    ).is_visible()
