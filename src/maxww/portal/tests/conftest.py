"""Portal fixtures: a client with an invitation, a traject, a plan and consent."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

import pytest

from maxww.accounts.tests.oidc_provider import (  # noqa: F401 - fixtures
    oidc_provider,
    provider_clock,
)
from maxww.core.tests.system_tools import CHROMIUM, need_chromium
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access
from maxww.trajects.constants import ConsentPurpose, PlanActionKind, TrajectState
from maxww.trajects.models import PlanAction, Traject
from maxww.trajects.services import give_consent
from maxww.voorlichting.models import Invitation
from maxww.voorlichting.tests.factories import SessionFactory

from .factories import make_client

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@dataclass
class World:
    person: object
    client_user: object
    other: object
    coordinator: object
    coach: object
    uwv: object
    partner: object
    session: object
    later: object
    full: object
    other_region_session: object
    invitation: object
    other_invitation: object
    traject: object
    consent: object
    other_consent: object


@pytest.fixture
def world(db, settings):
    """Two clients in one region, staff, sessions and data for each."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    region = RegionFactory(code="AM24", name="Drechtsteden")
    municipality = MunicipalityFactory(code="GM0505", region=region)
    uwv = OrganisationFactory(name="UWV Dordrecht", uwv=True, region=region)
    partner = OrganisationFactory(
        name="Randstad Drechtsteden", partner=True, region=region
    )
    coordinator = UserFactory(
        username="coordinator", role=Role.COORDINATOR, organisation=uwv
    )
    coach = UserFactory(username="coach", role=Role.COACH, organisation=partner)
    person, client_user = make_client(
        "inwoner", municipality=municipality, owner=uwv, first_name="Fatima"
    )
    other, _other_user = make_client(
        "buurman", municipality=municipality, owner=uwv, first_name="Gerrit"
    )
    for p in (person, other):
        grant_access(person=p, organisation=uwv, basis=GrantBasis.CASELOAD)
    now = timezone.now()
    session = SessionFactory(
        organisation=uwv,
        created_by=coordinator,
        starts_at=now + dt.timedelta(days=7),
        place="UWV Dordrecht, zaal 2",
    )
    later = SessionFactory(
        organisation=uwv,
        created_by=coordinator,
        starts_at=now + dt.timedelta(days=21),
        place="UWV Dordrecht, zaal 3",
    )
    full = SessionFactory(
        organisation=uwv,
        created_by=coordinator,
        starts_at=now + dt.timedelta(days=14),
        capacity=1,
        place="Vol",
    )
    Invitation.objects.create(
        session=full, person=other, invited_by=coordinator, invited_date=now.date()
    )
    elsewhere = OrganisationFactory(name="UWV Elders", uwv=True)
    other_region_session = SessionFactory(
        organisation=elsewhere,
        created_by=coordinator,
        starts_at=now + dt.timedelta(days=10),
        place="Elders",
    )
    invitation = Invitation.objects.create(
        session=session, person=person, invited_by=coordinator, invited_date=now.date()
    )
    other_invitation = Invitation.objects.create(
        session=session, person=other, invited_by=coordinator, invited_date=now.date()
    )
    traject = Traject.objects.create(
        person=person,
        organisation=uwv,
        coach=coach,
        state=TrajectState.COACHING,
        signalled_date=now.date(),
        state_date=now.date(),
    )
    PlanAction.objects.create(
        traject=traject,
        kind=PlanActionKind.APPLICATIONS,
        description="Solliciteren op logistieke functies",
        weekly_target=3,
        agreed_date=now.date(),
        agreed_by=coach,
    )
    consent = give_consent(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner,
        by=coordinator,
        on=now.date(),
    )
    other_consent = give_consent(
        person=other,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner,
        by=coordinator,
        on=now.date(),
    )
    return World(
        person=person,
        client_user=client_user,
        other=other,
        coordinator=coordinator,
        coach=coach,
        uwv=uwv,
        partner=partner,
        session=session,
        later=later,
        full=full,
        other_region_session=other_region_session,
        invitation=invitation,
        other_invitation=other_invitation,
        traject=traject,
        consent=consent,
        other_consent=other_consent,
    )


@pytest.fixture
def portal_page(live_server):
    """A Playwright page (CSP bypassed so axe-core can be injected)."""
    need_chromium()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            locale="nl-NL",
            base_url=live_server.url,
            bypass_csp=True,
            viewport={"width": 390, "height": 844},
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


def assert_accessible(page) -> None:
    """axe-core on the current page: no serious or critical WCAG 2.2 AA issue."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    bad = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}: {bad}"
