"""One Dutch formatting layer: dates, money and choice labels, no raw values."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.core import formatting
from maxww.handover import services as handover
from maxww.handover.tests.factories import ON, traject_ready_for_handover
from maxww.people.constants import HouseholdType
from maxww.trajects.services import record_jobready_check


def test_dates_money_and_labels_as_dutch_writes_them():
    assert formatting.nl_date(dt.date(2026, 12, 3)) == "3 dec. 2026"
    assert formatting.nl_date(dt.date(2026, 5, 1)) == "1 mei 2026"
    assert formatting.nl_date("2026-03-02") == "2 mrt. 2026"
    assert formatting.nl_money(Decimal("118.4")) == "€ 118,40"
    assert formatting.nl_money("2500.00") == "€ 2.500,00"
    assert formatting.nl_money(1234.56) == "€ 1.234,56"
    summer = timezone.make_aware(dt.datetime(2026, 7, 1, 8, 0), dt.UTC)
    assert formatting.nl_datetime(summer) == "1 jul. 2026 10:00"
    assert formatting.choice_label(HouseholdType, "single") == "Alleenstaand"
    assert formatting.choice_label(HouseholdType, "other") == "other"


@pytest.mark.django_db
def test_traject_history_shows_dutch_labels_and_values(client):
    s = traject_ready_for_handover()
    record_jobready_check(
        traject=s.traject, by=s.coach, on=dt.date(2026, 2, 2), hours_available=0
    )
    client.force_login(s.coach)
    page = client.get(reverse("trajects:detail", args=[s.traject.uuid])).text
    assert "kanaal: Telefoon" in page
    assert "werkfit: " in page
    for raw in ("channel: phone", "jobready: True", "jobready: False"):
        assert raw not in page


@pytest.mark.django_db
def test_handover_dossier_shows_labels_dutch_dates_and_money(client):
    s = traject_ready_for_handover()
    sent = handover.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    client.force_login(s.coach)
    page = client.get(reverse("handover:detail", args=[sent.uuid])).text
    assert "<dd>Alleenstaand</dd>" in page
    assert "€ 1.200,00" in page  # assets
    assert "€ 112,50" in page  # daily wage
    assert "17 mei 1980" in page
    assert "1980-05-17" not in page and "<dd>single</dd>" not in page
    assert "1200.00" not in page


@pytest.mark.django_db
def test_admin_index_speaks_dutch(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "r@example.org", "x")
    client.force_login(admin)
    page = client.get(reverse("admin:index")).text
    assert "Inlogpogingen" in page and "Authenticator-apps" in page
    assert "Access attempts" not in page and "TOTP devices" not in page


def test_a_field_that_clean_may_require_is_not_labelled_optional():
    from maxww.handover.forms import ApplicationFactsForm

    html = str(ApplicationFactsForm()["partner_birth_date"].label_tag())
    from django.template.loader import render_to_string

    form = ApplicationFactsForm()
    partner = render_to_string(
        "core/_field.html", {"field": form["partner_birth_date"]}
    )
    debts = render_to_string("core/_field.html", {"field": form["has_children"]})
    assert "Geboortedatum partner" in html
    assert "niet verplicht" not in partner
    assert "niet verplicht" in debts


def test_names_the_dutch_way_and_people_not_usernames():
    from maxww.organisations.models import User
    from maxww.people.models import Person

    person = Person(first_name="Jan", surname_prefix="van den", last_name="Berg")
    assert person.full_name == "Jan van den Berg"
    assert person.sort_name == "Berg, Jan van den"
    assert Person(last_name="Berg").sort_name == "Berg"
    assert str(User(username="jberg", first_name="Jan", last_name="Berg")) == "Jan Berg"
    assert str(User(username="jberg")) == "jberg"
