"""Shared pytest fixtures: users per role and a headless-chromium page."""

from __future__ import annotations

import os

import pytest

from maxww.core.tests.system_tools import (
    CHROMIUM,
    need_chromium,
    need_pango,
    need_poppler,
)
from maxww.organisations.constants import Role


@pytest.fixture
def make_user(db):
    """Factory: a user with a role in an organisation (created if needed)."""
    from maxww.organisations.tests.factories import OrganisationFactory, UserFactory

    def _make(role: str = Role.COACH, organisation=None, **kwargs):
        organisation = organisation or OrganisationFactory()
        return UserFactory(role=role, organisation=organisation, **kwargs)

    return _make


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's chromium against the live test server."""
    need_chromium()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--lang=nl-NL",
            ],
            # Date and time inputs in Dutch (dd-mm-jjjj, 24 hours), as a Dutch
            # user sees them; needs Debian's chromium-l10n (installed by .ci/run).
            env={**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "nl_NL:nl"},
        )
        context = browser.new_context(locale="nl-NL", base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


@pytest.fixture
def pango() -> None:
    """The test makes a PDF with WeasyPrint: skip without Pango (fail in CI)."""
    need_pango()


@pytest.fixture
def poppler(pango) -> None:
    """The test reads a PDF back with pdftoppm/pdftotext (and makes it first)."""
    need_poppler()


def login(page, username: str, password: str = "geheim-wachtwoord-123") -> None:
    """Log in through the login form as a person would."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Reference data that migrations load (occupations) survives flushes.

    Transactional tests (the browser journeys) flush every table afterwards,
    data migrations included; put the controlled lists back for the next test.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        yield
        return
    request.getfixturevalue(
        "transactional_db" if marker.kwargs.get("transaction") else "db"
    )
    from maxww.matching.models import Occupation
    from maxww.matching.occupations import load_occupations

    if not Occupation.objects.exists():
        load_occupations(Occupation)
    yield
