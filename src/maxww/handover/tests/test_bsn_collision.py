"""Bug 1: a new application with a BSN on record for someone else stops the form."""

import datetime as dt

from django.urls import reverse

import pytest

from maxww.audit.models import AccessLog
from maxww.handover.models import BijstandApplication
from maxww.people.models import Person
from maxww.people.tests.factories import PersonFactory, synthetic_bsn

from .factories import APPLICATION_FACTS_FORM, traject_ready_for_handover

pytestmark = pytest.mark.django_db

BSN = synthetic_bsn(4242)


def _post(client, s, **extra):
    municipality = s.traject.person.municipality
    data = {
        "bsn": BSN,
        "first_name": "Test",
        "last_name": "Toekomst",
        "birth_date": "1985-01-01",
        "municipality": municipality.pk,
        "application_date": "2026-03-02",
        "received_at": "2026-03-02T10:00",
        **APPLICATION_FACTS_FORM,
        **extra,
    }
    client.force_login(s.gatekeeper)
    return client.post(reverse("handover:application_new"), data)


def test_existing_bsn_with_other_name_stops_and_shows_both(client):
    s = traject_ready_for_handover()
    PersonFactory(
        bsn=BSN,
        first_name="Sandra",
        surname_prefix="",
        last_name="Verbeek",
        birth_date=dt.date(1971, 6, 3),
        municipality=s.traject.person.municipality,
    )
    response = _post(client, s)
    assert response.status_code == 200
    assert not BijstandApplication.objects.exists()
    text = response.text
    assert "Dit BSN is al bekend bij een andere persoon" in text
    assert "Test Toekomst" in text and "Sandra Verbeek" in text
    assert "1 jan. 1985" in text and "3 jun. 1971" in text
    assert AccessLog.objects.filter(event="application_bsn_mismatch").count() == 1

    confirmed = _post(client, s, same_person="on")
    assert confirmed.status_code == 302
    application = BijstandApplication.objects.get()
    assert application.person.last_name == "Verbeek"
    assert Person.objects.filter(last_name="Toekomst").count() == 0


def test_existing_bsn_with_same_person_registers_directly(client):
    s = traject_ready_for_handover()
    PersonFactory(
        bsn=BSN,
        last_name="Toekomst",
        birth_date=dt.date(1985, 1, 1),
        municipality=s.traject.person.municipality,
    )
    response = _post(client, s)
    assert response.status_code == 302
    assert BijstandApplication.objects.get().person.last_name == "Toekomst"
