"""The caseload and traject pages: privacy, forms, clear refusals, no N+1."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.models import User
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.trajects import services
from maxww.trajects.constants import ConsentPurpose, TrajectState
from maxww.trajects.models import Traject

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Caseload:
    coordinator: User  # UWV; signalled the trajects
    coach: User  # partner organisation; coaches all three with consent
    trajects: list[Traject]  # each with an overdue task "Cv"


@pytest.fixture
def setup(make_user) -> Caseload:
    uwv = OrganisationFactory(uwv=True)
    partner = OrganisationFactory(partner=True, region=uwv.region)
    coordinator = make_user(role=Role.COORDINATOR, organisation=uwv)
    coach = make_user(role=Role.COACH, organisation=partner)
    on = timezone.localdate()
    trajects = []
    for _ in range(3):
        person = PersonFactory(owner=uwv)
        grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
        WWClaimFactory(person=person, max_end_date=on + dt.timedelta(days=80))
        services.give_consent(
            person=person,
            purpose=ConsentPurpose.SHARE_WITH_PARTNER,
            recipient=partner,
            by=coordinator,
            on=on,
        )
        t = services.signal(person=person, organisation=uwv, by=coordinator, on=on)
        services.assign_coach(traject=t, coach=coach, by=coordinator, on=on)
        services.add_task(
            traject=t, title="Cv", due_date=on - dt.timedelta(days=1), by=coach, on=on
        )
        trajects.append(t)
    return Caseload(coordinator, coach, trajects)


def test_caseload_lists_my_trajects_with_overdue_tasks(
    client, setup, django_assert_max_num_queries
):
    client.force_login(setup.coach)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("trajects:caseload"))
    assert response.status_code == 200
    html = response.content.decode()
    for t in setup.trajects:
        assert escape(t.person.last_name) in html  # e.g. "van 't Wel" is escaped
    assert "Cv" in html and "te laat" in html.lower()


def test_caseload_queries_do_not_grow_with_its_rows(
    client, setup, django_assert_max_num_queries
):
    coordinator, coach = setup.coordinator, setup.coach
    client.force_login(coach)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("trajects:caseload")).status_code == 200
    on = timezone.localdate()
    for _ in range(4):  # more rows, same number of queries
        person = PersonFactory(owner=coordinator.organisation)
        grant_access(person=person, organisation=coach.organisation, basis="caseload")
        t = services.signal(
            person=person, organisation=coach.organisation, by=coach, on=on
        )
        services.assign_coach(traject=t, coach=coach, by=coach, on=on)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("trajects:caseload")).status_code == 200


def test_withdrawn_consent_shuts_the_coach_out_with_a_clear_message(client, setup):
    coordinator, coach, traject = setup.coordinator, setup.coach, setup.trajects[0]
    client.force_login(coach)
    assert (
        client.get(reverse("trajects:detail", args=[traject.uuid])).status_code == 200
    )
    consent = traject.person.consents.get()
    services.withdraw_consent(consent=consent, by=coordinator, on=timezone.localdate())
    response = client.get(reverse("trajects:detail", args=[traject.uuid]))
    assert response.status_code == 403
    assert "geen (geldige) toestemming" in response.content.decode()
    # By link, not by surname: generated surnames can repeat within a caseload.
    assert (
        str(traject.uuid)
        not in client.get(reverse("trajects:caseload")).content.decode()
    )


def test_unreachable_state_from_the_form_shows_dutch_error(client, setup):
    client.force_login(setup.coach)
    url = reverse("trajects:transition", args=[setup.trajects[0].uuid])
    response = client.post(url, {"transition-to": TrajectState.FOLLOW_UP})
    assert response.status_code == 400
    assert "kan niet naar" in response.content.decode()


def test_ending_with_work_asks_for_the_employer(client, setup):
    client.force_login(setup.coach)
    url = reverse("trajects:transition", args=[setup.trajects[0].uuid])
    response = client.post(
        url, {"transition-to": TrajectState.ENDED, "transition-outcome": "work"}
    )
    assert response.status_code == 400
    assert "Vul de werkgever in" in response.content.decode()


def test_assigning_partner_coach_without_consent_is_refused(client, setup, make_user):
    coordinator = setup.coordinator
    other = make_user(
        role=Role.COACH,
        organisation=OrganisationFactory(partner=True, region=coordinator.region),
    )
    person = PersonFactory(owner=coordinator.organisation)
    grant_access(person=person, organisation=coordinator.organisation, basis="caseload")
    t = services.signal(
        person=person,
        organisation=coordinator.organisation,
        by=coordinator,
        on=timezone.localdate(),
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("trajects:assign", args=[t.uuid]), {"coach-coach": other.pk}
    )
    assert response.status_code == 400
    assert "mag deze persoon niet begeleiden" in response.content.decode()


def test_stranger_gets_404(client, setup, make_user):
    client.force_login(make_user(role=Role.COACH))
    response = client.get(reverse("trajects:detail", args=[setup.trajects[0].uuid]))
    assert response.status_code == 404


def test_consent_on_a_signed_form_without_the_file_is_refused(client, setup):
    third = OrganisationFactory(partner=True, region=setup.coordinator.region)
    client.force_login(setup.coordinator)
    response = client.post(
        reverse("trajects:consent", args=[setup.trajects[0].uuid]),
        {
            "consent-purpose": ConsentPurpose.PROPOSE_TO_EMPLOYERS,
            "consent-recipient": third.pk,
            "consent-kind": "signed_form",
            "consent-scope": "cv",
        },
    )
    assert response.status_code == 400
    assert "ondertekende formulier" in response.content.decode()


def test_consent_form_with_signed_pdf_gives_access(client, setup, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from maxww.people.models import Person

    third = OrganisationFactory(partner=True, region=setup.coordinator.region)
    traject = setup.trajects[0]
    client.force_login(setup.coordinator)
    response = client.post(
        reverse("trajects:consent", args=[traject.uuid]),
        {
            "consent-purpose": ConsentPurpose.PROPOSE_TO_EMPLOYERS,
            "consent-recipient": third.pk,
            "consent-kind": "signed_form",
            "consent-form_file": SimpleUploadedFile("t.pdf", b"%PDF-1.4 test"),
        },
    )
    assert response.status_code == 302
    viewer = make_user(role=Role.COACH, organisation=third)
    assert Person.objects.visible_to(viewer).filter(pk=traject.person_id).exists()
