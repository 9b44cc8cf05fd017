"""Bug 5: the placement form pre-fills its start date as the browser needs it."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.matching import services
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.tests.factories import OrganisationFactory, RegionFactory

from .factories import CandidateProfileFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_hire_form_prefills_an_iso_date_that_saves_unchanged(client, make_user):
    wsp = OrganisationFactory(
        kind=OrganisationKind.WSP, region=RegionFactory(code="AM24")
    )
    adviser = make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    profile = CandidateProfileFactory(consent_to=wsp)
    start = timezone.localdate() + dt.timedelta(days=12)
    vacancy = VacancyFactory(organisation=wsp, employer__organisation=wsp)
    vacancy.start_date = start
    vacancy.save(update_fields=["start_date"])
    proposal = services.propose(
        vacancy=vacancy, traject=profile.traject, by=adviser, on=timezone.localdate()
    )
    client.force_login(adviser)
    url = reverse("matching:proposal_hire", args=[proposal.uuid])
    page = client.get(url).content.decode()
    field = re.search(r'<input[^>]*name="start_date"[^>]*>', page).group(0)
    assert f'value="{start.isoformat()}"' in field
    hours = re.search(r'name="hours_per_week"[^>]*value="([^"]+)"', page)
    response = client.post(
        url,
        {
            "start_date": start.isoformat(),
            "hours_per_week": hours.group(1) if hours else "32",
            "contract_type": "fixed_term",
        },
    )
    assert response.status_code == 302
