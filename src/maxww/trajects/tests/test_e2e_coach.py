"""Browser journey: a coach runs a traject from intake to outcome (work)."""

import datetime as dt

from django.utils import timezone

import pytest

from conftest import login
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.trajects import services
from maxww.trajects.constants import ConsentPurpose
from maxww.trajects.models import DurabilityCheck

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_runs_a_traject_from_intake_to_work(browser_page, make_user):
    uwv = OrganisationFactory(uwv=True)
    partner = OrganisationFactory(partner=True, region=uwv.region)
    coordinator = make_user(role=Role.COORDINATOR, organisation=uwv)
    make_user(role=Role.COACH, organisation=partner, username="kees")
    person = PersonFactory(owner=uwv)
    WWClaimFactory(
        person=person, max_end_date=timezone.localdate() + dt.timedelta(days=60)
    )
    grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
    on = timezone.localdate()
    services.give_consent(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner,
        by=coordinator,
        on=on,
    )
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=on)
    from maxww.organisations.models import User

    services.assign_coach(
        traject=traject, coach=User.objects.get(username="kees"), by=coordinator, on=on
    )

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
