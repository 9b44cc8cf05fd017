"""Bijstand applications: checks with deadlines, the engine, the route."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from maxww.handover import services
from maxww.handover.constants import CheckStatus, Route
from maxww.handover.models import BijstandApplication
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import UserFactory
from maxww.people.models import Person
from maxww.people.tests.factories import PersonFactory

from .factories import ON, Setup, received, traject_ready_for_handover

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Applied:
    s: Setup  # the coached traject, its coach, gatekeeper and municipality
    app: BijstandApplication  # registered by the gatekeeper from the accepted handover


@pytest.fixture
def application():
    s = traject_ready_for_handover()
    handover = services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    app = services.register_application(
        person=handover.person,
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=dt.date(2026, 4, 24),
        received_at=received(dt.date(2026, 4, 24)),
        handover=handover,
        **services.facts_from_handover(handover),
    )
    return Applied(s, app)


def test_registering_creates_five_checks_due_after_kings_day(application):
    app = application.app
    checks = list(app.checks.all())
    assert {c.kind for c in checks} == {
        "identity",
        "residence",
        "income",
        "assets",
        "household",
    }
    assert {c.deadline for c in checks} == {received(dt.date(2026, 4, 29))}
    assert app.handover.status == "accepted"
    assert app.source == "handover"
    assert app.assets == Decimal("1200.00")


def test_application_gives_access_on_basis_application():
    s = traject_ready_for_handover(consent=False)
    person = PersonFactory()
    assert not Person.objects.visible_to(s.gatekeeper).filter(pk=person.pk).exists()
    services.register_application(
        person=person,
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=ON,
        received_at=received(ON),
    )
    assert Person.objects.visible_to(s.gatekeeper).filter(pk=person.pk).exists()
    assert services.visible_applications(s.gatekeeper).count() == 1
    other_org_gatekeeper = UserFactory(role=Role.GATEKEEPER)
    assert services.visible_applications(other_org_gatekeeper).count() == 0


def test_overdue_list_shows_open_checks_past_deadline(application):
    s, app = application.s, application.app
    before = received(dt.date(2026, 4, 29), hour=9)
    after = received(dt.date(2026, 4, 29), hour=11)
    assert not services.overdue_checks(organisation=s.municipality_org, now=before)
    assert (
        services.overdue_checks(organisation=s.municipality_org, now=after).count() == 5
    )
    check = app.checks.get(kind="identity")
    services.record_check(
        check=check, status=CheckStatus.OK, note="", by=s.gatekeeper, now=before
    )
    assert (
        services.overdue_checks(organisation=s.municipality_org, now=after).count() == 4
    )
    app.refresh_from_db()
    assert app.status == "checking"


def test_problem_needs_a_note(application):
    s, app = application.s, application.app
    with pytest.raises(ValidationError):
        services.record_check(
            check=app.checks.first(),
            status=CheckStatus.PROBLEM,
            note=" ",
            by=s.gatekeeper,
            now=received(ON),
        )


def test_engine_gives_norm_asset_test_and_reasons(application):
    app = application.app
    result = services.indication(app)
    assert result is not None
    assert result.passes_asset_test
    assert result.norm_monthly_eur > 0
    assert {r.rule for r in result.reasons} >= {"vermogenstoets", "inkomenstoets"}
    assert services.search_period_end(app, result) is None  # born 1980


def test_under_27_gets_a_four_week_search_period():
    s = traject_ready_for_handover(consent=False)
    person = PersonFactory(birth_date=dt.date(2002, 1, 1))
    app = services.register_application(
        person=person,
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=dt.date(2026, 3, 2),
        received_at=received(dt.date(2026, 3, 2)),
        household_type="single",
    )
    result = services.indication(app)
    assert result.job_search_period_weeks == 4
    assert services.search_period_end(app, result) == dt.date(2026, 3, 30)


def test_unknown_household_gives_no_indication():
    s = traject_ready_for_handover(consent=False)
    app = services.register_application(
        person=PersonFactory(),
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=ON,
        received_at=received(ON),
    )
    assert services.indication(app) is None


@pytest.mark.parametrize(
    ("answers", "route"),
    [
        (
            {"expected_time_to_work": "within_3_months", "motivation": "high"},
            "arbeidsmarkt",
        ),
        (
            {"expected_time_to_work": "within_1_year", "motivation": "medium"},
            "arbeidsmarkt",
        ),
        ({"expected_time_to_work": "longer", "motivation": "high"}, "participatie"),
        (
            {"expected_time_to_work": "within_1_year", "motivation": "low"},
            "participatie",
        ),
        (
            {"expected_time_to_work": "within_3_months", "care_needs": True},
            "zorg",
        ),
    ],
)
def test_suggested_route(answers, route):
    assert services.suggest_route(answers)[0] == route


def test_route_goes_to_least_loaded_case_manager(application):
    s, app = application.s, application.app
    busy = s.case_manager
    idle = UserFactory(role=Role.CASE_MANAGER, organisation=s.municipality_org)
    # The first case manager already has an open application.
    other = services.register_application(
        person=PersonFactory(),
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=ON,
        received_at=received(ON),
    )
    other.case_manager = busy
    other.save()
    services.choose_route(
        application=app,
        answers={"expected_time_to_work": "within_3_months", "motivation": "high"},
        by=s.gatekeeper,
        now=received(ON),
    )
    app.refresh_from_db()
    assert app.route == Route.WORK
    assert app.case_manager == idle
    assert app.status == "route_chosen"
    assert "arbeidsmarkt" in app.route_reason


def test_other_route_than_suggested_needs_a_reason(application):
    s, app = application.s, application.app
    answers = {"expected_time_to_work": "within_3_months", "motivation": "high"}
    with pytest.raises(ValidationError):
        services.choose_route(
            application=app,
            answers=answers,
            route=Route.CARE,
            by=s.gatekeeper,
            now=received(ON),
        )
    services.choose_route(
        application=app,
        answers=answers,
        route=Route.CARE,
        reason="Mantelzorg voor moeder vraagt eerst aandacht",
        case_manager=s.case_manager,
        by=s.gatekeeper,
        now=received(ON),
    )
    app.refresh_from_db()
    assert app.route == Route.CARE
    assert app.case_manager == s.case_manager
