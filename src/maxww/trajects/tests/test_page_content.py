"""What the caseload rows and the traject page tell the coach."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from maxww.audit.constants import LegalBasis
from maxww.audit.models import AccessLog
from maxww.organisations.models import RegionalConfig
from maxww.people.models import WWClaim
from maxww.people.services import basis_for
from maxww.trajects import services
from maxww.trajects.models import Traject

from .test_page_cost import _caseload, coach  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_caseload_rows_show_next_task_days_left_coach_and_overdue(client, coach):  # noqa: F811
    on = timezone.localdate()
    first, second = _caseload(coach, 2)
    unassigned = _caseload(coach, 1, start=10)[0]
    Traject.objects.filter(pk=unassigned.pk).update(coach=None)
    services.add_task(
        traject=first,
        title="Cv <nakijken>",
        due_date=on + dt.timedelta(days=3),
        by=coach,
        on=on,
    )
    late = services.add_task(
        traject=second,
        title="Bellen",
        due_date=on - dt.timedelta(days=2),
        by=coach,
        on=on,
    )
    client.force_login(coach)

    html = client.get(reverse("trajects:caseload")).content.decode()
    due = on + dt.timedelta(days=3)
    assert f"Cv &lt;nakijken&gt; <small>({due.day}-{due.month})</small>" in html
    assert '<span class="mx-badge mx-badge--bad">10</span>' in html  # days left
    assert "geen taak gepland" not in html  # second has an (overdue) open task
    done_url = reverse("trajects:task_done", args=[second.uuid, late.pk])
    assert f'<form method="post" action="{done_url}">' in html
    assert 'name="csrfmiddlewaretoken"' in html.split(done_url)[1][:200]
    overdue = on - dt.timedelta(days=2)
    assert f"{overdue:%d-%m-%Y}" in html  # the table form of the formatting layer

    html = client.get(reverse("trajects:caseload"), {"wie": "organisatie"}).content
    html = html.decode()
    assert "nog toewijzen" in html and "geen taak gepland" in html
    assert escape(coach.get_full_name() or coach.username) in html


def test_traject_page_basis_documentation_window_and_open_tasks(client, coach):  # noqa: F811
    on = timezone.localdate()
    traject = _caseload(coach, 1)[0]
    WWClaim.objects.filter(person=traject.person).update(
        max_end_date=on + dt.timedelta(days=40)
    )
    for title, days in (("Later", 9), ("Eerst", 2), ("Klaar", 1)):
        task = services.add_task(
            traject=traject,
            title=title,
            due_date=on + dt.timedelta(days=days),
            by=coach,
            on=on,
        )
    services.complete_task(task=task, by=coach, on=on)
    region = traject.organisation.region
    RegionalConfig.objects.filter(region=region).delete()
    client.force_login(coach)
    url = reverse("trajects:detail", args=[traject.uuid])

    html = client.get(url).content.decode()
    basis = basis_for(coach, traject.person)
    assert f"grondslag: {LegalBasis(basis).label}" in html
    viewed = AccessLog.objects.filter(event="traject_viewed").latest("id")
    assert viewed.legal_basis == basis
    assert viewed.person_ref == str(traject.person.uuid)
    assert "<dd>Eerst; Later</dd>" in html  # open tasks, earliest due first
    assert "De laatste maand van de WW is begonnen" not in html  # 40 days > 1 month

    RegionalConfig.objects.create(region=region, documentation_months=2)
    html = client.get(url).content.decode()
    assert "De laatste maand van de WW is begonnen" in html


def test_traject_page_dates_are_dutch_long_in_text_and_short_in_lists(client, coach):  # noqa: F811
    on = timezone.localdate()
    traject = _caseload(coach, 1)[0]
    traject.person.birth_date = dt.date(1970, 12, 3)
    traject.person.save(update_fields=["birth_date"])
    due = on + dt.timedelta(days=5)
    services.add_task(traject=traject, title="Bellen", due_date=due, by=coach, on=on)
    client.force_login(coach)

    html = client.get(reverse("trajects:detail", args=[traject.uuid])).content.decode()
    assert "Geboren 3 december 1970 · " in html  # running text: the long form
    assert f"<li>Bellen — {due:%d-%m-%Y}" in html  # a compact list: 03-12-2026
    assert "3-12-1970" not in html and "December" not in html


def test_a_refused_section_form_shows_its_error_above_the_fields(client, coach):  # noqa: F811
    traject = _caseload(coach, 1)[0]  # coaching: cannot go back to "signalled"
    client.force_login(coach)
    url = reverse("trajects:transition", args=[traject.uuid])
    response = client.post(url, {"transition-to": "signalled"})
    assert response.status_code == 400
    html = response.content.decode()
    alert = html.split(f'<form method="post" action="{url}" novalidate>')[1]
    alert = alert.split('<div class="utrecht-form-field')[0]
    assert 'name="csrfmiddlewaretoken"' in alert
    assert '<div class="utrecht-alert utrecht-alert--error" role="alert">' in alert
    assert "kan niet naar" in alert


def test_a_superuser_without_a_role_is_refused_not_an_error(client, coach):  # noqa: F811
    from maxww.organisations.models import User

    traject = _caseload(coach, 1)[0]
    admin = User.objects.create_superuser("beheer", "beheer@example.invalid", "x")
    assert admin.organisation_id is None
    client.force_login(admin)
    url = reverse("trajects:detail", args=[traject.uuid])
    # A superuser holds no role, so no permission of the policy: a clear 403.
    assert client.get(url).status_code == 403
