"""`maxww demo load` builds the whole synthetic region, every app's step included."""

from django.core.management import call_command

import pytest

from maxww.people.models import Person
from maxww.trajects.models import Traject
from maxww.voorlichting.models import Session

pytestmark = pytest.mark.django_db


def test_demo_load_runs_every_step_and_is_idempotent(capsys):
    call_command("demo", "load", "--people", "400", "--on", "2026-11-23")
    out = capsys.readouterr().out
    people, trajects, sessions = (
        Person.objects.count(),
        Traject.objects.count(),
        Session.objects.count(),
    )
    assert people >= 400
    assert trajects > 0 and sessions > 0
    for step in (
        "Screening:",
        "Trajecten:",
        "Voorlichting:",
        "Overdracht:",
        "Monitoring:",
    ):
        assert step in out, step
    call_command("demo", "load", "--people", "400", "--on", "2026-11-23")
    assert Person.objects.count() == people
    assert Traject.objects.count() == trajects


def test_demo_history_was_screened_and_invited_before_ww_ended():
    """The dashboard's funnel for the past year is not empty in the middle."""
    import datetime as dt

    from maxww.monitoring.services import DashboardFilter, funnel

    call_command("demo", "load", "--people", "600", "--on", "2026-11-23")
    year = DashboardFilter(start=dt.date(2025, 11, 1), end=dt.date(2026, 10, 31))
    stages = [row["people"] for row in funnel(year).rows]
    ends, screened, invited, attended = stages[:4]
    assert ends > 0
    assert 0.8 < screened / ends <= 1  # screened half a year before the end
    assert 0.05 < invited / screened < 0.5  # 's-Hertogenbosch: 340 of 1,392
    assert 0 < attended < invited


def test_demo_regions_add_up_to_the_national_doorstroom():
    """Each region keeps its reported rate; together they give about 6% (domain.md)."""
    from maxww.screening.demo import NATIONAL_DOORSTROOM, REGIONS

    assert sum(share for _o, share, _t, _p in REGIONS.values()) == pytest.approx(1)
    overall = sum(share * target for _o, share, target, _p in REGIONS.values())
    assert overall == pytest.approx(NATIONAL_DOORSTROOM, abs=0.005)
    assert REGIONS["AM24"][2] == 0.061  # Drechtsteden 2016, domain.md
    assert REGIONS["AM22"][2] == 0.088  # Rotterdam 2016
