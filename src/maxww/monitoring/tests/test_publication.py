"""Published tables: computed once per rebuild, the same on the page and in the exports."""

import csv
import datetime as dt
import io
from unittest import mock

from django.urls import reverse

import pytest

from maxww.monitoring import publication
from maxww.monitoring.services import DashboardFilter, refresh_aggregates
from maxww.organisations.tests.factories import MunicipalityFactory, RegionFactory

from .factories import ended_claims

pytestmark = pytest.mark.django_db

END = dt.date(2026, 3, 15)
ON = dt.date(2026, 7, 1)
PERIOD = {"start": "2026-01", "end": "2026-06"}


@pytest.fixture
def region():
    region = RegionFactory(name="Publicatieregio")
    for name, bijstand, other in (("Aa", 12, 30), ("Bb", 4, 25), ("Cc", 11, 20)):
        town = MunicipalityFactory(name=name, region=region)
        ended_claims(municipality=town, end=END, bijstand=bijstand, other=other)
    return region


def _f(region):
    return DashboardFilter(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), region_id=region.pk
    )


def test_the_suppression_runs_once_per_rebuild(region):
    refresh_aggregates(on=ON)
    with mock.patch.object(
        publication, "protect_all", wraps=publication.protect_all
    ) as spy:
        first = publication.published(_f(region), on=ON)
        calls = spy.call_count
        again = publication.published(_f(region), on=ON)
        assert spy.call_count == calls  # read back, not suppressed again
        refresh_aggregates(on=ON)
        publication.published(_f(region), on=ON)
        assert spy.call_count == 2 * calls  # a rebuild publishes anew
    assert [r for t in again.tables for r in t.visible_rows()] == [
        r for t in first.tables for r in t.visible_rows()
    ]


def test_without_a_rebuild_nothing_is_kept(region):
    with mock.patch.object(
        publication, "protect_all", wraps=publication.protect_all
    ) as spy:
        publication.published(_f(region), on=ON)
        calls = spy.call_count
        publication.published(_f(region), on=ON)
        assert spy.call_count == 2 * calls


def _csv_blocks(text: str) -> dict[str, list[list[str]]]:
    blocks, current = {}, None
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row:
            current = None
        elif current is None:
            current = blocks.setdefault(row[0], [])
        else:
            current.append(row)
    return blocks


def test_the_csv_shows_exactly_what_the_page_shows(region, client, make_user):
    refresh_aggregates(on=dt.date.today())
    client.force_login(make_user(role="manager"))
    params = PERIOD | {"region": region.pk}
    page = client.get(reverse("monitoring:dashboard"), params)
    blocks = _csv_blocks(
        client.get(reverse("monitoring:export_csv"), params).content.decode()
    )
    tables = page.context["tables"]
    assert tables["municipalities"].cell("total", "to_bijstand").display == "27"
    for table in tables.values():
        shown = [[c.display for c in row] for row in table.visible_rows()]
        if table.visible_total():
            shown.append([c.display for c in table.visible_total()])
        assert blocks[str(table.title)][1:] == shown, table.key
    html = page.content.decode()
    assert "Naar bijstand = " in html
    filters = dict(row[:2] for row in blocks["Filter"])
    assert filters["Definitie"].startswith("Naar bijstand = ")


def test_many_saves_queue_one_rebuild(
    region, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from maxww.organisations.tests.factories import OrganisationFactory
    from maxww.trajects.tests.factories import TrajectFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    refresh_aggregates(on=ON)
    people = [m.people.first() for m in region.municipalities.all()]
    last = region.municipalities.last().people.last()
    org = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for person in people:
            TrajectFactory(person=person, outcome="work", organisation=org)
    assert len(callbacks) == 1  # one transaction, one rebuild
    with django_capture_on_commit_callbacks(execute=True):
        TrajectFactory(person=last, outcome="work", organisation=org)
    queued = DBTaskResult.objects.filter(
        task_path__endswith="refresh_monthly_aggregates"
    )
    assert queued.count() == 1  # the second save finds one waiting already


def test_durability_chart_shows_all_checks_together_when_each_is_too_small(
    client, make_user
):
    from maxww.organisations.tests.factories import OrganisationFactory
    from maxww.trajects.models import DurabilityCheck
    from maxww.trajects.tests.factories import TrajectFactory

    region = RegionFactory()
    town = MunicipalityFactory(region=region)
    org = OrganisationFactory()
    claims = ended_claims(municipality=town, end=END, work=27)
    # 3 months: 15 checked, 4 lost; 6 months: 12 checked, 6 lost; together 10 lost.
    for i, claim in enumerate(claims):
        months, lost = (3, i < 4) if i < 15 else (6, i < 21)
        DurabilityCheck.objects.create(
            traject=TrajectFactory(
                person=claim.person, coaching=True, organisation=org
            ),
            months=months,
            due_date=dt.date(2026, 3, 1),
            checked_date=dt.date(2026, 3, 1),
            still_working=not lost,
        )
    client.force_login(make_user(role="manager"))
    page = client.get(reverse("monitoring:dashboard"), PERIOD | {"region": region.pk})
    table = page.context["tables"]["durability"]
    assert [[c.display for c in row] for row in table.visible_rows()] == [
        ["3 maanden", "15", "x", "x"],
        ["6 maanden", "12", "x", "x"],
    ]
    chart = page.context["chart_data"]["durability"]
    assert chart["labels"] == ["Alle controles"]
    assert chart["values"] == [pytest.approx(100 * 17 / 27)]
    assert "alle controles (na 3 en 6 maanden) samen" in page.content.decode()


def test_backtest_chart_shows_the_total_when_every_municipality_is_hidden():
    from maxww.monitoring.charts import _backtest
    from maxww.monitoring.forecast import Backtest, Cell, Forecast, backtest_table
    from maxww.monitoring.privacy import protect

    fc = Forecast(on=dt.date(2025, 7, 1), months=[])
    for i, actual in enumerate((4, 5, 6)):
        fc.by_municipality[f"M{i}"] = Cell(
            claims=50, mean=4.0, variance=3.8, actual=actual
        )
    table = protect(backtest_table(Backtest(fc, None, None, None, None, 3, 3)))
    assert all(row[5].suppressed for row in table.cells)
    data, note = _backtest(table)
    assert data["labels"] == ["Totaal"]
    assert data["actual"] == [15]
    assert "totaal van het gebied" in note


def test_a_durability_check_saved_after_a_rebuild_shows_on_the_next_view(
    client, make_user, django_capture_on_commit_callbacks
):
    from maxww.organisations.tests.factories import OrganisationFactory
    from maxww.trajects.models import DurabilityCheck
    from maxww.trajects.tests.factories import TrajectFactory

    region = RegionFactory()
    town = MunicipalityFactory(region=region)
    org = OrganisationFactory()
    claims = ended_claims(municipality=town, end=END, work=25)
    trajects = [
        TrajectFactory(person=c.person, coaching=True, organisation=org) for c in claims
    ]
    for traject in trajects[:24]:
        DurabilityCheck.objects.create(
            traject=traject,
            months=3,
            due_date=dt.date(2026, 3, 1),
            checked_date=dt.date(2026, 3, 1),
            still_working=True,
        )
    refresh_aggregates(on=dt.date.today())
    client.force_login(make_user(role="manager"))
    params = PERIOD | {"region": region.pk}

    def checked():
        page = client.get(reverse("monitoring:dashboard"), params)
        return page.context["tables"]["durability"].cells[0][1].display

    assert checked() == "24"
    with django_capture_on_commit_callbacks(execute=True):
        DurabilityCheck.objects.create(
            traject=trajects[24],
            months=3,
            due_date=dt.date(2026, 3, 1),
            checked_date=dt.date(2026, 3, 1),
            still_working=True,
        )
    assert checked() == "25"
