"""The beheerder's regional configuration screen: Dutch, validated, own region, history."""

from django.urls import reverse

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.models import RegionalConfig, RegionalConfigChange
from maxww.organisations.tests.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db
URL = "/instellingen/regio/"


def _data(**changes):
    return {
        "screening_months": 7,
        "invitation_months": 6,
        "coaching_months": 3,
        "follow_up_months": 2,
        "documentation_months": 1,
        "session_tone": "open",
        "coaching_weeks": 8,
        "enabled_steps": ["screening", "invitation", "coaching"],
        "no_show_escalation_after": 2,
        "retention_months": 24,
        "sector_specialisations": "techniek, zorg",
        "agreements": "",
        **changes,
    }


@pytest.fixture
def beheerder(make_user):
    region = RegionFactory(name="Drechtsteden")
    return make_user(
        role=Role.FUNCTIONAL_ADMIN, organisation=OrganisationFactory(region=region)
    )


def test_beheerder_changes_own_region_and_sees_the_history(client, beheerder):
    other = RegionFactory(name="Rijnmond")
    client.force_login(beheerder)
    page = client.get(reverse("organisations:regional_config")).text
    assert "Instellingen van de regio Drechtsteden" in page
    assert "Uitnodigend (vrijwillig)" in page
    response = client.post(URL, _data(session_tone="strict", retention_months=36))
    assert response.status_code == 302
    config = RegionalConfig.objects.get(region=beheerder.organisation.region)
    assert (config.session_tone, config.retention_months) == ("strict", 36)
    assert config.sector_specialisations == ["techniek", "zorg"]
    assert RegionalConfig.objects.get(region=other).session_tone == "open"
    change = RegionalConfigChange.objects.get()
    assert change.changed_by == beheerder
    assert change.changes["toon voorlichting"] == [
        "Uitnodigend (vrijwillig)",
        "Verplichtend (aanwezigheid verwacht)",
    ]
    page = client.get(URL).text
    assert "Toon voorlichting: Uitnodigend (vrijwillig) → Verplichtend" in page
    assert "Bewaartermijn (maanden): 24 → 36" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"invitation_months": 9}, "De vensters moeten aflopen"),
        ({"retention_months": 0}, "minstens 6"),
        ({"no_show_escalation_after": 99}, "hoogstens 10"),
        ({"screening_months": "zeven"}, "Voer een geheel getal in"),
    ],
)
def test_absurd_configuration_is_refused_in_dutch(client, beheerder, changes, message):
    client.force_login(beheerder)
    response = client.post(URL, _data(**changes))
    assert response.status_code == 200
    assert message in response.text
    assert not RegionalConfigChange.objects.exists()


def test_saving_without_changes_records_nothing(client, beheerder):
    client.force_login(beheerder)
    client.post(URL, _data(enabled_steps=list(RegionalConfig().enabled_steps)))
    RegionalConfigChange.objects.all().delete()
    client.post(URL, _data(enabled_steps=list(RegionalConfig().enabled_steps)))
    assert not RegionalConfigChange.objects.exists()


def test_other_roles_get_a_403(client, make_user):
    client.force_login(make_user(role=Role.COORDINATOR))
    assert client.get(URL).status_code == 403


def test_beheerder_names_the_consent_recipients_of_the_region(client, beheerder):
    """The regional configuration's list is what the consent rule offers (issue 19)."""
    from maxww.policy.objects import consent_recipients

    region = beheerder.organisation.region
    wsp = OrganisationFactory(region=region, name="Baanbrekend")
    OrganisationFactory(region=region, name="Randstad")
    elsewhere = OrganisationFactory(name="Gemeente Rotterdam")
    client.force_login(beheerder)
    page = client.get(URL).text
    assert f'name="consent_recipients" value="{wsp.pk}"' in page
    assert f'name="consent_recipients" value="{elsewhere.pk}"' not in page
    refused = client.post(URL, _data(consent_recipients=[elsewhere.pk]))
    assert refused.status_code == 200  # another region's organisation: not a choice
    assert list(consent_recipients(region.pk)) != [elsewhere]
    response = client.post(URL, _data(consent_recipients=[wsp.pk]))
    assert response.status_code == 302
    assert list(consent_recipients(region.pk)) == [wsp]
    change = RegionalConfigChange.objects.get()
    assert change.changes["ontvangers van toestemming"] == ["—", "Baanbrekend"]
