"""API: trajects of visible people, transitions with clear errors, consent."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.models import User
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.people.services import grant_access
from maxww.people.tests.factories import PersonFactory
from maxww.trajects import services
from maxww.trajects.models import Traject
from maxww.voorlichting.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class World:
    coordinator: User  # UWV, the person is in this organisation's caseload
    coach: User  # partner organisation, no legal basis for the person yet
    person: Person
    traject: Traject  # signalled by the coordinator


@pytest.fixture
def world(make_user) -> World:
    uwv = OrganisationFactory(uwv=True)
    partner = OrganisationFactory(partner=True, region=uwv.region)
    coordinator = make_user(role=Role.COORDINATOR, organisation=uwv)
    coach = make_user(role=Role.COACH, organisation=partner)
    person = PersonFactory(owner=uwv)
    grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
    traject = services.signal(
        person=person, organisation=uwv, by=coordinator, on=timezone.localdate()
    )
    return World(coordinator, coach, person, traject)


def _detail(traject: Traject) -> str:
    return reverse("traject-detail", kwargs={"uuid": traject.uuid})


def _transition(client, traject: Traject, to: str):
    url = reverse("traject-transition", kwargs={"uuid": traject.uuid})
    return client.post(url, {"to": to}, content_type="application/json")


def test_coach_without_legal_basis_neither_lists_nor_opens_the_traject(client, world):
    client.force_login(world.coach)
    assert client.get(reverse("traject-list")).json()["count"] == 0
    assert client.get(_detail(world.traject)).status_code == 404


def test_coordinator_lists_the_traject_of_own_caseload(client, world):
    client.force_login(world.coordinator)
    assert client.get(reverse("traject-list")).json()["count"] == 1


def test_transition_to_an_unreachable_state_is_refused_with_the_reason(client, world):
    client.force_login(world.coordinator)
    bad = _transition(client, world.traject, "follow_up")
    assert bad.status_code == 400
    assert "kan niet naar" in bad.json()["detail"]
    detail = client.get(_detail(world.traject)).json()
    assert [e["to_state"] for e in detail["events"]] == ["signalled"]


def test_allowed_transition_moves_the_traject_and_is_recorded(client, world):
    client.force_login(world.coordinator)
    _transition(client, world.traject, "follow_up")  # refused, leaves no event
    ok = _transition(client, world.traject, "coaching")
    assert ok.json()["state"] == "coaching"
    detail = client.get(_detail(world.traject)).json()
    assert [e["to_state"] for e in detail["events"]] == ["signalled", "coaching"]


def test_consent_via_api_grants_and_withdrawal_revokes(client, world):
    coach, person = world.coach, world.person
    client.force_login(world.coordinator)
    response = client.post(
        reverse("consent-list"),
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
    client.post(reverse("consent-withdraw", kwargs={"uuid": consent}))
    assert not Person.objects.visible_to(coach).filter(pk=person.pk).exists()


def test_session_invite_capacity_refused(client, world):
    coordinator, person = world.coordinator, world.person
    session = SessionFactory(
        organisation=coordinator.organisation, created_by=coordinator, capacity=1
    )
    other = PersonFactory(owner=coordinator.organisation)
    grant_access(
        person=other, organisation=coordinator.organisation, basis=GrantBasis.CASELOAD
    )
    client.force_login(coordinator)
    url = reverse("session-invite", kwargs={"uuid": session.uuid})
    response = client.post(
        url,
        {"people": [str(person.uuid), str(other.uuid)]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "nog 1 plaatsen vrij" in response.json()["detail"]
    listed = client.get(reverse("session-list")).json()["results"]
    assert listed[0]["invited_count"] == 0
    assert session.starts_at > timezone.now() - dt.timedelta(days=1)
