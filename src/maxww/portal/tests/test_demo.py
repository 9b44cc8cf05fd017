"""The demo client is created, can log in and finds their data; reruns are safe."""

import datetime as dt

from django.urls import reverse

import pytest

from maxww.demo.services import DemoContext, _load_base
from maxww.portal import demo

pytestmark = pytest.mark.django_db


def test_demo_client_logs_in_and_sees_invitation_plan_and_consents(client):
    context = DemoContext(on=dt.date(2026, 11, 23), seed=1, people=0)
    _load_base(context)
    assert "client" in demo.load(context)
    assert "client" in demo.load(context)  # idempotent
    response = client.post(
        reverse("portal:login"), {"username": "client", "password": "maxww-demo-2026"}
    )
    assert response.status_code == 302
    assert (
        "Max-WW in zicht" in client.get(reverse("portal:invitations")).content.decode()
    )
    assert "logistieke functies" in client.get(reverse("portal:plan")).content.decode()
    consents = client.get(reverse("portal:consents")).content.decode()
    assert "Randstad Drechtsteden" in consents
