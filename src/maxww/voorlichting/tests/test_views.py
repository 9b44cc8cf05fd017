"""Session pages: plan, invite (capacity message), letters, attendance, nabellen."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.voorlichting.constants import InvitationStatus
from maxww.voorlichting.models import CallTask, LetterRun, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_user):
    return make_user(role=Role.COORDINATOR, organisation=OrganisationFactory(uwv=True))


@pytest.fixture
def people(coordinator):
    people = PersonFactory.create_batch(4, owner=coordinator.organisation)
    for p in people:
        WWClaimFactory(
            person=p, max_end_date=timezone.localdate() + dt.timedelta(days=120)
        )
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=coordinator.organisation,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    return people


def _plan(client, capacity=3):
    day = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(
        reverse("voorlichting:session_new"),
        {
            "title": "Max-WW in zicht",
            "format": "group_info",
            "date": day.isoformat(),
            "start_time": "10:00",
            "duration_minutes": 90,
            "place": "UWV Dordrecht",
            "capacity": capacity,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Session.objects.latest("id")


def test_capacity_overrun_is_refused_and_ticks_are_kept(client, coordinator, people):
    client.force_login(coordinator)
    session = _plan(client, capacity=3)
    url = reverse("voorlichting:invite", args=[session.uuid])
    response = client.post(url, {"people": [str(p.uuid) for p in people]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "nog 3 plaatsen vrij" in html
    assert html.count("checked") >= 4  # nothing the user ticked is lost
    response = client.post(url, {"people": [str(p.uuid) for p in people[:3]]})
    assert response.status_code == 302
    assert session.invitations.count() == 3


def test_attendance_door_list_and_call_tasks(client, coordinator, people):
    client.force_login(coordinator)
    session = _plan(client)
    client.post(
        reverse("voorlichting:invite", args=[session.uuid]),
        {"people": [str(p.uuid) for p in people[:3]]},
    )
    first = session.invitations.get(person=people[0])
    url = reverse("voorlichting:attendance", args=[session.uuid])
    early = client.post(url, {"present": [str(first.uuid)]}, follow=True)
    assert "nog niet begonnen" in early.content.decode()
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2)
    )
    client.post(url, {"present": [str(first.uuid)]})
    response = client.post(url, {"present": [str(first.uuid)]}, follow=True)
    assert "Al eerder als aanwezig geregistreerd" in response.content.decode()
    toggle = reverse("voorlichting:attendance_toggle", args=[first.uuid])
    row = client.post(toggle, {"present": [str(first.uuid)]}, HTTP_HX_REQUEST="true")
    assert "al als aanwezig geregistreerd" in row.content.decode()
    assert "<tr" in row.content.decode()
    client.post(reverse("voorlichting:attendance_close", args=[session.uuid]))
    assert CallTask.objects.filter(invitation__session=session).count() == 2
    page = client.get(reverse("voorlichting:call_tasks")).content.decode()
    assert escape(people[1].last_name) in page
    assert escape(people[0].last_name) not in page
    first.refresh_from_db()
    assert first.status == InvitationStatus.ATTENDED


def test_letters_are_made_then_downloaded_as_one_pdf(
    client, coordinator, people, pango
):
    client.force_login(coordinator)
    session = _plan(client)
    client.post(
        reverse("voorlichting:invite", args=[session.uuid]),
        {"people": [str(people[0].uuid)]},
    )
    start = reverse("voorlichting:letter_run_start", args=[session.uuid])
    page = client.post(start, follow=True).content.decode()
    assert "De brief is klaar." in page
    run = LetterRun.objects.get()
    response = client.get(reverse("voorlichting:letter_run_pdf", args=[run.uuid]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    detail = client.get(reverse("voorlichting:session", args=[session.uuid]))
    assert "Laatste brieven" in detail.content.decode()


def test_sessions_list_counts_without_n_plus_one(
    client, coordinator, people, django_assert_max_num_queries
):
    client.force_login(coordinator)
    for _ in range(3):
        _plan(client)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("voorlichting:sessions"))
    assert response.content.decode().count("Max-WW in zicht") >= 3


def test_coach_role_cannot_plan_sessions(client, make_user):
    client.force_login(make_user(role=Role.COACH))
    assert client.get(reverse("voorlichting:sessions")).status_code == 403
