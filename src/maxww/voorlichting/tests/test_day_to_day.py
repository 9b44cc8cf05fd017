"""Bugs 3, 6 and 10: times in Europe/Amsterdam, sessions in date order, e-mail message."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory
from maxww.voorlichting.models import CallTask, Invitation
from maxww.voorlichting.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def coordinator(make_user):
    return make_user(role=Role.COORDINATOR, organisation=OrganisationFactory(uwv=True))


def _session(coordinator, day: dt.date, hour: int, minute: int = 0, **kwargs):
    return SessionFactory(
        organisation=coordinator.organisation,
        created_by=coordinator,
        starts_at=dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMS),
        **kwargs,
    )


def _next_year(month: int, day: int) -> dt.date:
    return dt.date(dt.date.today().year + 1, month, day)


def test_nabellen_dropdown_shows_amsterdam_times(client, coordinator):
    """Bug 3: the 10:00 session showed as 09:00, 13:30 as 12:30 (UTC)."""
    past = _session(coordinator, dt.date.today() - dt.timedelta(days=3), 10)
    person = PersonFactory(owner=coordinator.organisation)
    grant_access_bulk(
        person_ids=[person.pk],
        organisation=coordinator.organisation,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    invitation = Invitation.objects.create(
        session=past, person=person, invited_by=coordinator, invited_date=past.starts_at
    )
    CallTask.objects.create(
        invitation=invitation, assignee=coordinator, due_date=dt.date.today()
    )
    _session(coordinator, _next_year(1, 12), 10)
    _session(coordinator, _next_year(1, 13), 13, 30)
    client.force_login(coordinator)
    page = client.get(reverse("voorlichting:call_tasks")).content.decode()
    options = re.findall(r'<option value="\d+">([^<]*)</option>', page)
    assert any("12 jan." in o and o.endswith("10:00") for o in options), options
    assert any("13 jan." in o and o.endswith("13:30") for o in options), options
    assert not any(o.endswith(("09:00", "12:30")) for o in options)


def test_sessions_list_is_in_date_order(client, coordinator):
    """Bug 6: /voorlichting/ listed 23 Dec before 22 Dec."""
    later = _session(coordinator, _next_year(12, 23), 10, title="Eerst gepland")
    earlier = _session(coordinator, _next_year(12, 22), 13, 30, title="Later gepland")
    client.force_login(coordinator)
    page = client.get(reverse("voorlichting:sessions")).content.decode()
    assert page.index(str(earlier.uuid)) < page.index(str(later.uuid))


def test_email_message_when_nobody_has_an_address(client, coordinator):
    """Bug 10: 'iedereen met een e-mailadres heeft er al een' when nobody has one."""
    session = _session(coordinator, _next_year(1, 12), 10)
    person = PersonFactory(owner=coordinator.organisation, email="")
    grant_access_bulk(
        person_ids=[person.pk],
        organisation=coordinator.organisation,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    Invitation.objects.create(
        session=session,
        person=person,
        invited_by=coordinator,
        invited_date=dt.date.today(),
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("voorlichting:email", args=[session.uuid]), follow=True
    )
    text = response.content.decode()
    assert "geen van de genodigden heeft een e-mailadres" in text
    assert "iedereen met een e-mailadres heeft er al een" not in text


def test_coordinator_sees_the_teams_call_backs_with_phone(
    client, coordinator, make_user
):
    adviser = make_user(role=Role.UWV_ADVISER, organisation=coordinator.organisation)
    past = _session(coordinator, dt.date.today() - dt.timedelta(days=3), 10)
    person = PersonFactory(owner=coordinator.organisation, phone="06-12345678")
    grant_access_bulk(
        person_ids=[person.pk],
        organisation=coordinator.organisation,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    invitation = Invitation.objects.create(
        session=past, person=person, invited_by=adviser, invited_date=past.starts_at
    )
    CallTask.objects.create(
        invitation=invitation, assignee=adviser, due_date=dt.date.today()
    )
    client.force_login(coordinator)
    page = client.get(reverse("voorlichting:call_tasks")).content.decode()
    assert "06-12345678" in page and str(adviser) in page
    client.force_login(adviser)
    assert "06-12345678" in client.get(reverse("voorlichting:call_tasks")).text
    other = make_user(role=Role.UWV_ADVISER, organisation=coordinator.organisation)
    client.force_login(other)
    assert "06-12345678" not in client.get(reverse("voorlichting:call_tasks")).text
