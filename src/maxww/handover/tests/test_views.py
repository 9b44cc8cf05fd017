"""The handover and gatekeeper pages through the test client."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from maxww.audit.models import AccessLog
from maxww.handover import services
from maxww.handover.models import BijstandApplication, Handover

from .factories import ON, received, traject_ready_for_handover

pytestmark = pytest.mark.django_db


def test_coach_sees_consent_and_preview_and_sends(client):
    s = traject_ready_for_handover()
    client.force_login(s.coach)
    url = reverse("handover:start", args=[s.traject.uuid])
    page = client.get(url)
    assert page.status_code == 200
    assert "Toestemming aanwezig" in page.text
    bsn = services.build_dossier(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )["person"]["bsn"]
    assert bsn not in page.text  # masked in the preview
    response = client.post(
        url,
        {
            "to_organisation": s.municipality_org.pk,
            "planned_talk_at": "2026-03-05T10:00",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    handover = Handover.objects.get()
    assert response.url == reverse("handover:detail", args=[handover.uuid])


def test_without_consent_the_page_says_why_and_sends_nothing(client):
    s = traject_ready_for_handover(consent=False)
    client.force_login(s.coach)
    url = reverse("handover:start", args=[s.traject.uuid])
    page = client.get(url)
    assert "geen geldige toestemming" in page.text
    client.post(url, {"to_organisation": s.municipality_org.pk})
    assert not Handover.objects.exists()


APPLICATION_FORM = {
    "application_date": "2026-03-02",
    "received_at": "2026-03-02T10:00",
    "household_type": "single",
    "co_residents_27_plus": 0,
    "net_monthly_income": "0",
    "assets": "1200",
    "debts": "0",
    "home_equity": "0",
}


@dataclass
class Registered:
    """A handed-over traject the gatekeeper registered through the form."""

    setup: object
    application: BijstandApplication
    url: str


@pytest.fixture
def handed_over():
    s = traject_ready_for_handover()
    services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    return s


@pytest.fixture
def registered(client, handed_over):
    s = handed_over
    handover = Handover.objects.get()
    client.force_login(s.gatekeeper)
    response = client.post(
        reverse("handover:application_new") + f"?handover={handover.uuid}",
        {"handover": handover.uuid, **APPLICATION_FORM},
    )
    return Registered(s, BijstandApplication.objects.get(), response.url)


def test_gatekeeper_sees_the_incoming_handover(client, handed_over):
    client.force_login(handed_over.gatekeeper)
    page = client.get(reverse("handover:applications"))
    assert "Binnengekomen overdrachten" in page.text


def test_registering_from_a_handover_opens_the_application_with_its_dossier(
    client, registered
):
    app = registered.application
    assert registered.url == reverse("handover:application", args=[app.uuid])
    detail = client.get(registered.url)
    assert "Overdrachtsdossier" in detail.text
    assert "vermogenstoets" in detail.text.lower()


def test_gatekeeper_records_a_check(client, registered):
    check = registered.application.checks.get(kind="identity")
    client.post(
        registered.url,
        {
            "check": check.pk,
            f"check-{check.pk}-status": "ok",
            f"check-{check.pk}-note": "",
        },
    )
    check.refresh_from_db()
    assert check.status == "ok"


ROUTE_FORM = {
    "route-submit": "1",
    "work_experience": "Orderpicker, 8 jaar",
    "motivation": "high",
    "expected_time_to_work": "within_3_months",
}


def test_the_route_choice_gives_the_application_a_case_manager(client, registered):
    client.post(registered.url, ROUTE_FORM)
    app = registered.application
    app.refresh_from_db()
    assert app.route == "arbeidsmarkt"
    assert app.case_manager == registered.setup.case_manager


def test_the_case_manager_sees_the_routed_application_with_few_queries(
    client, registered, django_assert_max_num_queries
):
    client.post(registered.url, ROUTE_FORM)
    client.force_login(registered.setup.case_manager)
    with django_assert_max_num_queries(20):
        caseload = client.get(reverse("handover:applications"))
    person = registered.setup.traject.person
    assert escape(person.last_name) in caseload.text  # "d'Heripon"
    assert AccessLog.objects.filter(event="bijstandapplication_listed").exists()


def test_overdue_badge_in_list(client):
    s = traject_ready_for_handover(consent=False)
    from maxww.people.tests.factories import PersonFactory

    services.register_application(
        person=PersonFactory(),
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=dt.date(2026, 1, 5),
        received_at=received(dt.date(2026, 1, 5)),
    )
    client.force_login(s.gatekeeper)
    page = client.get(reverse("handover:applications") + "?overdue=on")
    assert "te laat" in page.text


def test_other_roles_and_organisations_cannot_open_applications(client, make_user):
    s = traject_ready_for_handover(consent=False)
    from maxww.people.tests.factories import PersonFactory

    app = services.register_application(
        person=PersonFactory(),
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=ON,
        received_at=timezone.now(),
    )
    url = reverse("handover:application", args=[app.uuid])
    client.force_login(s.coach)
    assert client.get(url).status_code == 403
    client.force_login(make_user(role="gatekeeper"))
    assert client.get(url).status_code == 404


def test_pdf_download_is_logged(client, pango):
    s = traject_ready_for_handover()
    handover = services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    client.force_login(s.gatekeeper)
    response = client.get(reverse("handover:pdf", args=[handover.uuid]))
    assert response["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(action="printed").exists()
