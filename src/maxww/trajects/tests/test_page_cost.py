"""The caseload and traject page stay cheap as a caseload and a dossier grow."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
)
from maxww.people.constants import GrantBasis
from maxww.people.models import AccessGrant, Person, WWClaim
from maxww.trajects import services
from maxww.trajects.constants import TrajectState
from maxww.trajects.models import Traject
from maxww.trajects.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(make_user):
    return make_user(role=Role.COACH, organisation=OrganisationFactory(uwv=True))


def _caseload(coach, n: int, *, start: int = 0) -> list[Traject]:
    """n open trajects of ``coach``, in bulk (factories would take long)."""
    org, on = coach.organisation, timezone.localdate()
    municipality = MunicipalityFactory(region=org.region)
    people = Person.objects.bulk_create(
        Person(
            bsn_hash=f"cost{start + i}",
            bsn_encrypted="x",
            last_name=f"Caseload {start + i:03d}",
            birth_date=dt.date(1980, 1, 1),
            municipality=municipality,
            owner=org,
        )
        for i in range(n)
    )
    by_hash = Person.objects.in_bulk(
        [p.bsn_hash for p in people], field_name="bsn_hash"
    )
    people = [by_hash[p.bsn_hash] for p in people]  # creation order
    AccessGrant.objects.bulk_create(
        AccessGrant(person=p, organisation=org, basis=GrantBasis.CASELOAD)
        for p in people
    )
    WWClaim.objects.bulk_create(
        WWClaim(
            person=p,
            claim_ref=f"COST{start + i}",
            start_date=on - dt.timedelta(days=300),
            max_end_date=on + dt.timedelta(days=10 + start + i),
            daily_wage=100,
            hours_lost=38,
        )
        for i, p in enumerate(people)
    )
    return Traject.objects.bulk_create(
        Traject(
            person=p,
            organisation=org,
            coach=coach,
            state=TrajectState.COACHING,
            signalled_date=on,
            state_date=on,
        )
        for p in people
    )


def test_caseload_shows_and_logs_one_page_in_ww_end_order(client, coach):
    _caseload(coach, PAGE_SIZE + 5)
    client.force_login(coach)
    html = client.get(reverse("trajects:caseload")).content.decode()
    assert "Caseload 000" in html and f"Caseload {PAGE_SIZE - 1:03d}" in html
    assert f"Caseload {PAGE_SIZE:03d}" not in html
    assert "Pagina 1 van 2" in html
    assert AccessLog.objects.filter(action="listed").count() == PAGE_SIZE
    html = client.get(reverse("trajects:caseload"), {"pagina": 2}).content.decode()
    assert f"Caseload {PAGE_SIZE + 4:03d}" in html and "Caseload 000" not in html


def test_caseload_query_count_does_not_grow_with_the_caseload(
    client, coach, django_assert_max_num_queries
):
    _caseload(coach, 3)
    client.force_login(coach)
    client.get(reverse("trajects:caseload"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("trajects:caseload"))
    _caseload(coach, 80, start=100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("trajects:caseload")).status_code == 200


def test_traject_page_query_count_does_not_grow_with_the_dossier(
    client, coach, django_assert_max_num_queries
):
    traject = _caseload(coach, 1)[0]
    on = timezone.localdate()
    client.force_login(coach)
    url = reverse("trajects:detail", args=[traject.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    assert len(small.captured_queries) <= 26
    for i in range(6):
        services.log_contact(
            traject=traject, by=coach, on=on, channel="phone", summary=f"Gesprek {i}"
        )
        services.add_review(
            traject=traject, by=coach, on=on, applications=i, on_track=True
        )
        services.add_plan_action(
            traject=traject, by=coach, on=on, kind="other", description=f"Afspraak {i}"
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url).content.decode()
    assert "Gesprek 5" in html and "Afspraak 5" in html
    assert "6 gesprekken, 15 sollicitaties" in html


def test_overdue_tasks_show_the_oldest_a_page_the_true_count_and_are_logged(
    client, coach
):
    from maxww.trajects.models import Task

    on = timezone.localdate()
    trajects = _caseload(coach, PAGE_SIZE + 3)
    Task.objects.bulk_create(
        Task(
            traject=t,
            title=f"Bellen {i:03d}",
            due_date=on - dt.timedelta(days=100 - i),
            assignee=coach,
        )
        for i, t in enumerate(trajects)
    )
    client.force_login(coach)
    html = client.get(reverse("trajects:caseload")).content.decode()
    total = PAGE_SIZE + 3
    assert f'<span class="mx-stat__value">{total}</span>taken te laat' in html
    assert f"De {PAGE_SIZE} die het langst te laat zijn, van {total}." in html
    assert "Bellen 000" in html and f"Bellen {total - 1:03d}" not in html
    logged = set(
        AccessLog.objects.filter(action="listed").values_list("person_ref", flat=True)
    )
    # The trajects of the first page and the people of the overdue tasks, once each.
    assert len(logged) == AccessLog.objects.filter(action="listed").count()
    assert str(trajects[0].person.uuid) in logged
