"""Schemathesis against the live OpenAPI schema, in-process, as staff roles.

The schema is loaded from ``/api/schema/`` through the WSGI app: no network, and on
PostgreSQL with PostgreSQL's integer bounds. Every operation is fuzzed twice: as a
role that works with it (coach, coordinator or gatekeeper, logged in) and as a
functional admin (a session cookie with CSRF). The data is one region with a
person's whole chain; a path id or body reference that the fuzzer draws is swapped
for a known one in a second call, so that requests reach real objects as well.
Writes are included: every test runs in a transaction that is rolled back.

Every response must be a non-5xx with a documented status code, content type and
body. Schemathesis also checks that each operation refuses the case without the
credentials. The budget is small and fixed (seeded, derandomised Hypothesis, the
examples and fuzzing phases) so that the module adds seconds to CI, not minutes.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from django.utils import timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from maxww.handover import services as handover_services
from maxww.handover.tests.factories import traject_ready_for_handover
from maxww.kennisbank.tests.factories import InstrumentFactory
from maxww.matching.tests.factories import (
    CandidateProfileFactory,
    EmployerFactory,
    VacancyFactory,
)
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.tests.factories import OrganisationFactory, UserFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access
from maxww.voorlichting.tests.factories import SessionFactory

# A deeper run by hand: MAXWW_FUZZ_EXAMPLES=100 MAXWW_FUZZ_COVERAGE=1 pytest <this>
MAX_EXAMPLES = int(os.environ.get("MAXWW_FUZZ_EXAMPLES", "5"))
COVERAGE_PHASE = os.environ.get("MAXWW_FUZZ_COVERAGE") == "1"

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260302,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            # Credentials come from the test (see _Staff), never from the fuzzer.
            "with-security-parameters": False,
        },
        # The coverage phase (every boundary and type violation of every field)
        # sends hundreds of requests per operation: too slow for each CI run.
        "phases": {"coverage": {"enabled": COVERAGE_PHASE}},
        "checks": {
            # A request can fit the schema and still be refused by the rules
            # (an unknown person, a date before the parameters start, a package
            # with a bad signature): a documented 400, 409 or 422, not a failure.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "403", "404", "409", "422"]
            },
            # Off: DRF coerces on purpose (0 for a string field, a number for a
            # decimal string, an empty form field as "not given"), so accepting
            # such a request is not a bug. Schema-violating requests are still
            # sent, and must still answer without a 5xx and as documented.
            "negative_data_rejection": {"enabled": False},
        },
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", get_wsgi_application(), config=CONFIG
)

# The role that works with an operation (the first matching path prefix wins).
WORKERS = (
    ("/api/v1/applications/", Role.GATEKEEPER),
    ("/api/v1/handovers/import/", Role.GATEKEEPER),
    ("/api/v1/screening/", Role.COORDINATOR),
    ("/api/v1/sessions/", Role.COORDINATOR),
    ("/api/v1/", Role.COACH),
)


@dataclass
class Region:
    """One region with a person's whole chain, and the staff that work in it."""

    credentials: dict[str, dict[str, dict[str, str]]]
    path_ids: dict[str, Any]
    body_refs: dict[str, Any]


def _session(user) -> dict[str, dict[str, str]]:
    """A logged-in browser session; writes need the CSRF token, as in the app."""
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    csrf = "c" * 32
    return {
        "headers": {"X-CSRFToken": csrf},
        "cookies": {
            name: client.cookies[name].value,
            django_settings.CSRF_COOKIE_NAME: csrf,
        },
    }


def _make_region() -> Region:
    s = traject_ready_for_handover()
    region = s.partner.region
    uwv = OrganisationFactory(uwv=True, region=region)
    wsp = OrganisationFactory(kind=OrganisationKind.WSP, region=region)
    person = s.traject.person
    grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
    coordinator = UserFactory(role=Role.COORDINATOR, organisation=uwv)
    today, now = timezone.localdate(), timezone.now()
    handover_services.generate_key(organisation=s.partner, now=now)
    handover = handover_services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=today
    )
    application = handover_services.register_application(
        person=person,
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=today,
        received_at=now,
        handover=handover,
    )
    employer = EmployerFactory(organisation=wsp)
    vacancy = VacancyFactory(employer=employer, organisation=s.partner)
    CandidateProfileFactory(traject=s.traject)
    session = SessionFactory(
        organisation=uwv,
        created_by=coordinator,
        starts_at=now + dt.timedelta(days=14),
    )
    instrument = InstrumentFactory(regions=[region])
    admin = UserFactory(role=Role.FUNCTIONAL_ADMIN, organisation=s.municipality_org)
    return Region(
        credentials={
            Role.COACH: _session(s.coach),
            Role.COORDINATOR: _session(coordinator),
            Role.GATEKEEPER: _session(s.gatekeeper),
            Role.FUNCTIONAL_ADMIN: _session(admin),
        },
        path_ids={
            "/api/v1/applications/": str(application.uuid),
            "/api/v1/consents/": str(person.consents.get().uuid),
            "/api/v1/employers/": str(employer.uuid),
            "/api/v1/handovers/": str(handover.uuid),
            "/api/v1/instruments/": str(instrument.uuid),
            "/api/v1/occupations/": vacancy.occupation.code,
            "/api/v1/organisations/": uwv.pk,
            "/api/v1/regions/": region.code,
            "/api/v1/sessions/": str(session.uuid),
            "/api/v1/trajects/": str(s.traject.uuid),
            "/api/v1/vacancies/": str(vacancy.uuid),
        },
        body_refs={
            "person": str(person.uuid),
            "people": [str(person.uuid)],
            "traject": str(s.traject.uuid),
            "vacancy": str(vacancy.uuid),
            "employer": str(employer.uuid),
            "occupation": vacancy.occupation.code,
            "recipient": uwv.pk,
        },
    )


@contextmanager
def _requests_keep_the_connection():
    """As Django's test client: a request must not close the test's connection.

    Schemathesis calls the WSGI app itself, and Django closes a connection that
    is inside a transaction when a request starts or ends (PostgreSQL).
    """
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in signals:
            signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def region(django_db_setup, django_db_blocker):
    """The region, made once per module in a transaction that is rolled back.

    Each test's own transaction is a savepoint inside it, so what a test writes
    is gone before the next one.
    """
    with (
        _requests_keep_the_connection(),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _make_region()
        transaction.set_rollback(True)


@schema.auth(refresh_interval=None)
class _Staff:
    """Tells schemathesis that every case carries real credentials.

    The test sets them (see Staff.authenticate): schemathesis builds the schema's
    own examples while pytest collects, before there is a region. Because the
    credentials are real, schemathesis also checks that each operation refuses
    the case without them.
    """

    def get(self, case, ctx):
        return "staff"

    def set(self, case, data, ctx):
        pass


@dataclass
class Staff:
    region: Region
    role: str | None  # None: the role that works with the operation

    def authenticate(self, case) -> None:
        path = case.operation.path
        role = self.role or next(r for p, r in WORKERS if path.startswith(p))
        credentials = self.region.credentials[role]
        # A schema example is one case object for both runs: drop the last run's.
        headers = {
            k: v
            for k, v in (case.headers or {}).items()
            if k.lower() not in ("authorization", "x-csrftoken")
        }
        cookies = {
            k: v
            for k, v in (case.cookies or {}).items()
            if k
            not in (
                django_settings.SESSION_COOKIE_NAME,
                django_settings.CSRF_COOKIE_NAME,
            )
        }
        case.headers = {**headers, **credentials["headers"]}
        case.cookies = {**cookies, **credentials["cookies"]}


@pytest.fixture(params=["worker", "admin"])
def staff(request, region, db) -> Staff:
    """Each operation's worker (a session), then the functional admin (a session)."""
    return Staff(region, Role.FUNCTIONAL_ADMIN if request.param == "admin" else None)


def _with_known_objects(case, region: Region) -> bool:
    """Point the case's path id and body references at objects in the region.

    The containers are replaced, not edited in place, so that schemathesis
    re-checks whether the case still violates the schema.
    """
    changed = False
    path = case.operation.path
    prefix = next((p for p in region.path_ids if path.startswith(p)), None)
    if case.path_parameters and prefix is not None:
        case.path_parameters = dict.fromkeys(
            case.path_parameters, region.path_ids[prefix]
        )
        changed = True
    if isinstance(case.body, dict):
        refs = {k: v for k, v in region.body_refs.items() if k in case.body}
        if refs:
            case.body = {**case.body, **refs}
            changed = True
    return changed


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # The staff fixture holds for all examples of a test, as intended.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_api_answers_as_documented(case, staff):
    staff.authenticate(case)
    case.call_and_validate()
    if _with_known_objects(case, staff.region):
        case.call_and_validate()


@pytest.mark.parametrize("role", [Role.COACH, Role.COORDINATOR])
def test_the_fuzzers_credentials_reach_the_views(region, db, role):
    """A session with its CSRF token may write (else all is 403)."""
    credentials = region.credentials[role]
    client = Client(headers=credentials["headers"], enforce_csrf_checks=True)
    for name, value in credentials["cookies"].items():
        client.cookies[name] = value
    response = client.post(
        "/api/v1/rules/bijstand",
        {
            "reference_date": "2026-03-02",
            "household": "single",
            "applicant_birth_date": "1980-01-01",
            "co_residents_27_plus": 0,
            "net_monthly_income_eur": "0",
            "assets_eur": "2500",
            "debts_eur": "0",
            "home_equity_eur": "0",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
