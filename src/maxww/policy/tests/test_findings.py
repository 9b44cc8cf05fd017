"""The access-policy findings, each as the attack that was tried on the API.

Every attack gets a 4xx answer with a problem document and changes nothing;
the legitimate use next to it still works and is logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import OrganisationKind, Role
from maxww.people.constants import GrantBasis
from maxww.trajects.constants import ConsentPurpose, TrajectState
from maxww.trajects.models import Consent, Traject

pytestmark = pytest.mark.django_db


@dataclass
class World:
    region: object
    coach_org: object
    wsp: object
    gemeente: object
    elsewhere: object
    coach: object
    accountmanager: object
    gatekeeper: object
    person: object
    traject: object
    consent: object
    client_user: object


@pytest.fixture
def world(make_user) -> World:
    from maxww.organisations.tests.factories import (
        MunicipalityFactory,
        OrganisationFactory,
        RegionFactory,
        UserFactory,
    )
    from maxww.people.services import grant_access
    from maxww.people.tests.factories import PersonFactory
    from maxww.trajects.services import give_consent

    region = RegionFactory()
    coach_org = OrganisationFactory(region=region, kind=OrganisationKind.PARTNER)
    wsp = OrganisationFactory(region=region, kind=OrganisationKind.WSP)
    gemeente = OrganisationFactory(region=region)
    elsewhere = OrganisationFactory()  # another region (e.g. Gemeente Rotterdam)
    coach = make_user(Role.COACH, coach_org, username="f_coach")
    accountmanager = make_user(Role.EMPLOYER_ADVISER, wsp, username="f_wsp")
    gatekeeper = make_user(Role.GATEKEEPER, gemeente, username="f_gate")
    client_user = UserFactory(username="f_client", role="", organisation=None)
    person = PersonFactory(
        municipality=MunicipalityFactory(region=region), portal_user=client_user
    )
    for organisation in (coach_org, wsp, gemeente):
        grant_access(
            person=person, organisation=organisation, basis=GrantBasis.CASELOAD
        )
    traject = Traject.objects.create(
        person=person,
        organisation=coach_org,
        coach=coach,
        state=TrajectState.COACHING,
        signalled_date=dt.date(2026, 11, 1),
        state_date=dt.date(2026, 11, 1),
    )
    consent = give_consent(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
        recipient=gemeente,
        by=coach,
        on=dt.date(2026, 11, 2),
    )
    return World(
        region=region,
        coach_org=coach_org,
        wsp=wsp,
        gemeente=gemeente,
        elsewhere=elsewhere,
        coach=coach,
        accountmanager=accountmanager,
        gatekeeper=gatekeeper,
        person=person,
        traject=traject,
        consent=consent,
        client_user=client_user,
    )


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _record_consent(client: Client, world: World, purpose, recipient):
    """POST a verbal consent for the world's person through the API."""
    return client.post(
        reverse("consent-list"),
        {
            "person": str(world.person.uuid),
            "purpose": purpose,
            "recipient": recipient.pk,
            "kind": "verbal",
        },
        content_type="application/json",
    )


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"].endswith(body["code"])
    return body


def test_1_consent_is_recorded_only_by_the_roles_of_the_ui(world):
    before = Consent.objects.count()
    response = _record_consent(
        _as(world.accountmanager), world, ConsentPurpose.SHARE_WITH_PARTNER, world.wsp
    )
    _assert_problem(response, 403)
    assert Consent.objects.count() == before


def test_1_consent_goes_only_to_an_organisation_of_the_region(world):
    response = _record_consent(
        _as(world.coach), world, ConsentPurpose.SHARE_WITH_PARTNER, world.elsewhere
    )
    body = _assert_problem(response, 400)
    assert [p["name"] for p in body["invalidParams"]] == ["recipient"]
    assert not Consent.objects.filter(recipient=world.elsewhere).exists()
    # The same call to an organisation of the region works, and is logged.
    response = _record_consent(
        _as(world.coach), world, ConsentPurpose.SHARE_WITH_PARTNER, world.wsp
    )
    assert response.status_code == 201, response.content
    assert AccessLog.objects.filter(
        username="f_coach", action="created", person_ref=str(world.person.uuid)
    ).exists()


def test_1_the_regional_configuration_narrows_the_recipients(world):
    world.region.config.consent_recipients.set([world.gemeente])
    response = _record_consent(
        _as(world.coach), world, ConsentPurpose.SHARE_WITH_PARTNER, world.wsp
    )
    _assert_problem(response, 400)


def test_consent_is_recorded_once_per_purpose_and_recipient(world):
    response = _record_consent(
        _as(world.coach), world, ConsentPurpose.SHARE_WITH_MUNICIPALITY, world.gemeente
    )
    _assert_problem(response, 400)
    assert (
        Consent.objects.filter(person=world.person, recipient=world.gemeente).count()
        == 1
    )


def test_2_another_organisation_cannot_withdraw_a_consent(world, make_user):
    url = reverse("consent-withdraw", kwargs={"uuid": world.consent.uuid})
    _assert_problem(_as(world.accountmanager).post(url), 403)
    # A coach of a third organisation of the region, who may see the person,
    # is neither recorder nor recipient.
    from maxww.organisations.tests.factories import OrganisationFactory
    from maxww.people.services import grant_access

    other = OrganisationFactory(region=world.region, kind=OrganisationKind.PARTNER)
    grant_access(person=world.person, organisation=other, basis=GrantBasis.CASELOAD)
    other_coach = make_user(Role.COACH, other, username="f_other_coach")
    response = _as(other_coach).post(url)
    assert response.status_code in (403, 404)
    world.consent.refresh_from_db()
    assert world.consent.withdrawn_at is None
    # The recording organisation may, and the withdrawal is logged.
    assert _as(world.coach).post(url).status_code == 200
    world.consent.refresh_from_db()
    assert world.consent.withdrawn_at is not None
    assert AccessLog.objects.filter(
        username="f_coach", action="changed", object_type="trajects.consent"
    ).exists()


def test_3_a_portal_client_never_reaches_the_staff_api(world):
    client = _as(world.client_user)
    url = reverse("traject-transition", kwargs={"uuid": world.traject.uuid})
    _assert_problem(
        client.post(
            url, {"to": "ended", "outcome": "declined"}, content_type="application/json"
        ),
        403,
    )
    world.traject.refresh_from_db()
    assert world.traject.state == TrajectState.COACHING
    for name in ("organisation-list", "screening-model-card", "consent-list"):
        _assert_problem(client.get(reverse(name)), 403)
    _assert_problem(
        _record_consent(client, world, ConsentPurpose.SHARE_WITH_PARTNER, world.wsp),
        403,
    )


@pytest.mark.parametrize("who", ["accountmanager", "gatekeeper"])
def test_3_roles_outside_trajects_cannot_move_one(world, who):
    url = reverse("traject-transition", kwargs={"uuid": world.traject.uuid})
    response = _as(getattr(world, who)).post(
        url, {"to": "ended", "outcome": "declined"}, content_type="application/json"
    )
    _assert_problem(response, 403)
    world.traject.refresh_from_db()
    assert world.traject.state == TrajectState.COACHING


@pytest.mark.parametrize("who", ["accountmanager", "gatekeeper"])
def test_4_the_api_lists_no_traject_the_ui_refuses(world, who):
    client = _as(getattr(world, who))
    assert (
        client.get(reverse("trajects:detail", args=[world.traject.uuid])).status_code
        == 403
    )
    _assert_problem(client.get(reverse("traject-list")), 403)
    _assert_problem(client.get(reverse("consent-list")), 403)


def test_4_consents_of_other_organisations_are_not_listed(world, make_user):
    from maxww.organisations.tests.factories import OrganisationFactory
    from maxww.people.services import grant_access

    other = OrganisationFactory(region=world.region, kind=OrganisationKind.PARTNER)
    grant_access(person=world.person, organisation=other, basis=GrantBasis.CASELOAD)
    other_coach = make_user(Role.COACH, other, username="f_other_coach")
    rows = _as(other_coach).get(reverse("consent-list")).json()["results"]
    assert rows == []  # the person is visible, the coach org's consent is not ours
    rows = _as(world.coach).get(reverse("consent-list")).json()["results"]
    assert [r["uuid"] for r in rows] == [str(world.consent.uuid)]


def test_5_health_limits_never_reach_the_wsp(world):
    from maxww.trajects.models import JobreadyCheck

    JobreadyCheck.objects.create(
        traject=world.traject,
        checked_date=dt.date(2026, 11, 3),
        hours_available=24,
        health_limits="Rugklachten, niet tillen",
        checked_by=world.coach,
    )
    url = reverse("matching:profile_edit", args=[world.traject.uuid])
    page = _as(world.accountmanager).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Rugklachten" not in text
    assert 'name="limits"' not in text
    # The coach, who recorded it, sees it pre-filled.
    page = _as(world.coach).get(url)
    assert "Rugklachten" in page.content.decode()


def test_6_every_api_read_and_write_of_a_person_is_logged(world):
    coach = _as(world.coach)
    ref = str(world.person.uuid)
    coach.get(reverse("consent-list"))
    assert AccessLog.objects.filter(
        username="f_coach", action="listed", person_ref=ref
    ).exists()
    coach.get(reverse("consent-detail", kwargs={"uuid": world.consent.uuid}))
    assert AccessLog.objects.filter(
        username="f_coach", action="viewed", object_type="trajects.consent"
    ).exists()
    response = coach.post(
        reverse("traject-transition", kwargs={"uuid": world.traject.uuid}),
        {"to": "job_ready"},
        content_type="application/json",
    )
    assert response.status_code in (200, 400), response.content
    if response.status_code == 200:
        assert AccessLog.objects.filter(
            username="f_coach", action="changed", object_type="trajects.traject"
        ).exists()
    entry = AccessLog.objects.filter(username="f_coach").first()
    assert entry.legal_basis == "caseload"


def test_7_no_api_token_bypasses_the_second_factor(settings):
    classes = settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    assert classes == ["rest_framework.authentication.SessionAuthentication"]
    with pytest.raises(CommandError):
        call_command("drf_create_token", "coach")
    response = Client().get(
        reverse("traject-list"), HTTP_AUTHORIZATION="Token " + "a" * 40
    )
    _assert_problem(response, 403)


def test_8_errors_have_one_shape(world):
    """Not found, method not allowed and validation: the same problem document."""
    coach = _as(world.coach)
    _assert_problem(
        coach.get(
            reverse("traject-detail", args=["00000000-0000-4000-8000-000000000000"])
        ),
        404,
    )
    _assert_problem(coach.delete(reverse("consent-list")), 405)
    _assert_problem(coach.get("/api/v1/bestaat-niet/"), 404)
