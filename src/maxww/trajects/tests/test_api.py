"""API: trajects of visible people, transitions with clear errors, consent."""

import datetime as dt

from django.utils import timezone

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.people.services import grant_access
from maxww.people.tests.factories import PersonFactory
from maxww.trajects import services
from maxww.voorlichting.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    uwv = OrganisationFactory(uwv=True)
    partner = OrganisationFactory(partner=True, region=uwv.region)
    coordinator = make_user(role=Role.COORDINATOR, organisation=uwv)
    coach = make_user(role=Role.COACH, organisation=partner)
    person = PersonFactory(owner=uwv)
    grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
    traject = services.signal(
        person=person, organisation=uwv, by=coordinator, on=timezone.localdate()
    )
    return coordinator, coach, person, traject


def test_trajects_only_for_visible_people_and_transition_errors(client, world):
    coordinator, coach, _, traject = world
    client.force_login(coach)
    assert client.get("/api/v1/trajects/").json()["count"] == 0
    assert client.get(f"/api/v1/trajects/{traject.uuid}/").status_code == 404
    client.force_login(coordinator)
    assert client.get("/api/v1/trajects/").json()["count"] == 1
    url = f"/api/v1/trajects/{traject.uuid}/transition/"
    bad = client.post(url, {"to": "follow_up"}, content_type="application/json")
    assert bad.status_code == 400
    assert "kan niet naar" in bad.json()["detail"]
    ok = client.post(url, {"to": "coaching"}, content_type="application/json")
    assert ok.json()["state"] == "coaching"
    detail = client.get(f"/api/v1/trajects/{traject.uuid}/").json()
    assert [e["to_state"] for e in detail["events"]] == ["signalled", "coaching"]


def test_consent_via_api_grants_and_withdrawal_revokes(client, world):
    coordinator, coach, person, _ = world
    client.force_login(coordinator)
    response = client.post(
        "/api/v1/consents/",
        {
            "person": str(person.uuid),
            "purpose": "share_with_partner",
            "recipient": coach.organisation.pk,
            "scope": "cv",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert Person.objects.visible_to(coach).filter(pk=person.pk).exists()
    consent = response.json()["uuid"]
    client.post(f"/api/v1/consents/{consent}/withdraw/")
    assert not Person.objects.visible_to(coach).filter(pk=person.pk).exists()


def test_session_invite_capacity_refused(client, world):
    coordinator, _, person, _ = world
    session = SessionFactory(
        organisation=coordinator.organisation, created_by=coordinator, capacity=1
    )
    other = PersonFactory(owner=coordinator.organisation)
    grant_access(
        person=other, organisation=coordinator.organisation, basis=GrantBasis.CASELOAD
    )
    client.force_login(coordinator)
    url = f"/api/v1/sessions/{session.uuid}/invite/"
    response = client.post(
        url,
        {"people": [str(person.uuid), str(other.uuid)]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "nog 1 plaatsen vrij" in response.json()["detail"]
    listed = client.get("/api/v1/sessions/").json()["results"]
    assert listed[0]["invited_count"] == 0
    assert session.starts_at > timezone.now() - dt.timedelta(days=1)
