"""Bug 2: /beheer/ as logged-in staff without admin rights is a 403, not a loop."""

from django.urls import reverse

import pytest

from maxww.organisations.constants import Role

pytestmark = pytest.mark.django_db


def test_staff_without_admin_rights_gets_a_403_page(client, make_user):
    client.force_login(make_user(role=Role.COACH))
    response = client.get(reverse("admin:index"), follow=True)
    assert len(response.redirect_chain) <= 2
    assert response.status_code == 403
    assert "Geen toegang" in response.text


def test_admin_is_sent_on_to_the_admin_index(client, make_user):
    client.force_login(make_user(role=Role.FUNCTIONAL_ADMIN, is_staff=True))
    response = client.get(
        reverse("admin-login-redirect") + "?next=" + reverse("admin:index")
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_visitor_goes_to_the_staff_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("login")
