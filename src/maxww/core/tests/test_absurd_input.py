"""Absurd input from issue 20 is refused with a clear Dutch message, form and API."""

import datetime as dt

from django.urls import reverse

import pytest

from maxww.core import validators
from maxww.handover.forms import FreshApplicationForm
from maxww.handover.models import BijstandApplication
from maxww.handover.tests.factories import (
    APPLICATION_FACTS_FORM,
    traject_ready_for_handover,
)
from maxww.organisations.constants import Role
from maxww.organisations.models import Municipality
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.portal.forms import CheckForm
from maxww.trajects.forms import ContactForm, TaskForm
from maxww.voorlichting.forms import SessionForm
from maxww.voorlichting.models import Session

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
BETWEEN = "Kies een datum tussen"


def _errors(form, field: str) -> str:
    assert not form.is_valid()
    return " ".join(form.errors.get(field, []))


@pytest.fixture
def coordinator(make_user):
    return make_user(role=Role.COORDINATOR, organisation=OrganisationFactory(uwv=True))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date": "9999-12-31"}, "date", BETWEEN),
        ({"title": "x" * 3000}, "title", "niet meer dan 120 tekens"),
        ({"notes": "x" * 20_000}, "notes", "niet meer dan 1000 tekens"),
    ],
)
def test_session_form_refuses(coordinator, data, field, message):
    base = {
        "title": "Max-WW in zicht",
        "format": "group_info",
        "date": (TODAY + dt.timedelta(days=7)).isoformat(),
        "start_time": "10:00",
        "duration_minutes": 90,
        "place": "UWV Dordrecht",
        "capacity": 15,
    }
    form = SessionForm({**base, **data}, user=coordinator)
    assert message in _errors(form, field)


def test_planning_a_session_in_9999_shows_the_message_and_saves_nothing(
    client, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        reverse("voorlichting:session_new"),
        {
            "title": "x" * 3000,
            "format": "group_info",
            "date": "9999-12-31",
            "start_time": "10:00",
            "duration_minutes": 90,
            "place": "UWV Dordrecht",
            "capacity": 15,
        },
    )
    assert response.status_code == 200
    assert BETWEEN in response.text and "niet meer dan 120 tekens" in response.text
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"contact_date": "1900-01-01"}, "contact_date", BETWEEN),
        ({"contact_date": "2035-01-01"}, "contact_date", BETWEEN),
        ({"summary": "x" * 20_000}, "summary", "niet meer dan 4000 tekens"),
    ],
)
def test_contact_form_refuses(data, field, message):
    base = {"channel": "phone", "contact_date": TODAY.isoformat(), "summary": "Gebeld"}
    assert message in _errors(ContactForm({**base, **data}), field)


def test_task_due_in_2020_is_refused():
    form = TaskForm({"title": "Bellen", "due_date": "2020-05-01"})
    assert BETWEEN in _errors(form, "due_date")


APPLICATION = {
    "bsn": "111222333",
    "last_name": "Toekomst",
    "birth_date": "1980-01-01",
    "application_date": TODAY.isoformat(),
    "received_at": f"{TODAY.isoformat()}T10:00",
    **APPLICATION_FACTS_FORM,
    "postcode": "3311 AB",
    "house_number": "12",
}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"birth_date": "2030-01-01"}, "birth_date", "niet in de toekomst"),
        ({"birth_date": "1800-01-01"}, "birth_date", "Vul een geboortedatum in na"),
        ({"application_date": "2099-01-01"}, "application_date", BETWEEN),
        ({"received_at": "1990-01-01T10:00"}, "received_at", BETWEEN),
        ({"postcode": "ABCDEF"}, "postcode", "Nederlandse postcode"),
        ({"house_number": "0"}, "house_number", "huisnummer in van 1 tot 99999"),
        ({"last_name": "x" * 503}, "last_name", "niet meer dan 120 tekens"),
    ],
)
def test_new_application_form_refuses(data, field, message):
    form = FreshApplicationForm(
        {**APPLICATION, **data}, municipalities=Municipality.objects.all()
    )
    assert message in _errors(form, field)


def test_new_application_with_absurd_dates_shows_messages_and_saves_nothing(client):
    s = traject_ready_for_handover()
    client.force_login(s.gatekeeper)
    response = client.post(
        reverse("handover:application_new"),
        {
            **APPLICATION,
            "municipality": s.traject.person.municipality.pk,
            "birth_date": "2030-01-01",
            "application_date": "2099-01-01",
            "postcode": "ABCDEF",
            "house_number": "0",
        },
    )
    assert response.status_code == 200
    for message in ("niet in de toekomst", BETWEEN, "Nederlandse postcode"):
        assert message in response.text
    assert not BijstandApplication.objects.exists()


def test_portal_check_refuses_birth_in_2030_and_ww_ending_in_2020():
    form = CheckForm(
        {"birth_date": "2030-01-01", "ww_end_known": "yes", "ww_end_date": "2020-06-30"}
    )
    form.is_valid()
    assert "niet in de toekomst" in " ".join(form.errors["birth_date"])
    assert BETWEEN in " ".join(form.errors["ww_end_date"])


@pytest.mark.parametrize(
    ("value", "ok"),
    [("3311 AB", True), ("3311ab", True), ("0311AB", False), ("3311SS", False)],
)
def test_dutch_postcode(value, ok):
    if ok:
        validators.validate_dutch_postcode(value)
    else:
        with pytest.raises(validators.ValidationError):
            validators.validate_dutch_postcode(value)
